/**
 * The benchmark's workflow bundle entry: the production workflows exactly as workflows/index.ts
 * exports them, plus the baselines (bench/bare-workflows.ts), so that a baseline runs on the same
 * worker, in the same sandbox, as the stations it is compared with. Bundled at bench start-up
 * (bench/bench-env.ts).
 */
export * from '../workflows';
export * from './bare-workflows';
