export * from './programmes';
