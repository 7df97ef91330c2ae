export * from './read-docx';
