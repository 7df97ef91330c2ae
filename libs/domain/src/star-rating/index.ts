export * from './rubric';
export * from './scoring';
export * from './hangzhou-2024';
