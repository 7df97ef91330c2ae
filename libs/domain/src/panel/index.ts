export * from './panel';
export * from './assignment';
export * from './reviews';
export * from './station-panel';
export * from './aggregate';
