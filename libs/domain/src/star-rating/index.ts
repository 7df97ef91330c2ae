export * from './rubric';
export * from './scoring';
export * from './hangzhou-2024';
export * from './registry';
export * from './settings';
export * from './exit-review';
export * from './station-record';
export * from './station-flow';
