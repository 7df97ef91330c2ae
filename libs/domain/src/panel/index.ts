export * from './panel';
export * from './assignment';
export * from './reviews';
export * from './station-panel';
export * from './aggregate';
export * from './round-panel';
export * from './ports';
export * from './expert-digests';
