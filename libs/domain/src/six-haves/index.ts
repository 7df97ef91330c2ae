export * from './six-haves';
