export * from './config';
export * from './boot';
export * from './logging';
