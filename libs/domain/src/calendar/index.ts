export * from './shanghai-time';
export * from './duration';
export * from './working-days';
export * from './cn-mainland';
