export * from './config';
export * from './boot';
