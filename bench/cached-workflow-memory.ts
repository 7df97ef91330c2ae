import { randomUUID } from 'node:crypto';
import type { collectGarbageWorkflow, parkedWorkflow } from './bare-workflows';
import { BenchEnv, BenchWorker } from './bench-env';
import { openRound, stationAt } from './cultivation-round';
import { collectGarbage, fmt, log, Progress, runConcurrently, settledRss, waitUntil } from './measure-kit';
import { MeasureReport, row } from './report';

export interface CachedWorkflowMemory {
  workflows: number;
  /** RSS growth of this process per cached station workflow in cultivation, bytes */
  bytesPerStation: number;
  /** per cached parked workflow (waits for a signal, holds nothing) of the same bundle, bytes */
  bytesPerParked: number;
  /** per cached parked workflow of a bundle with no production code (the SDK's floor), bytes */
  bytesPerBareParked: number;
  /** RSS of the process with every population cached, bytes */
  rssTotal: number;
}

/** Workflows cached before the baseline reading, so that first-use costs are not charged to N. */
const WARM_UP = 10;

/**
 * Measure 2: what a workflow held in the worker's cache costs in memory. The process RSS (every
 * thread: main, workflow sandbox, Rust core) is read once the worker is idle, after garbage
 * collections of the main thread and of the workflow thread, when it has stopped moving:
 *
 * - a worker with the bundle of the baselines alone: before, and after N parked workflows (the
 *   SDK's floor);
 * - a worker with the bench bundle (production workflows + baselines), whose cache holds
 *   everything (`maxCachedWorkflows` ≥ 2N + warm-up): before, after N parked workflows, after N
 *   stations taken to cultivation.
 *
 * Each growth is charged to the population just added. With a reusable V8 context (the SDK's
 * default) every workflow gets its own instance of each module of its bundle, so a parked
 * workflow of the bench bundle already carries the domain code's module state: the difference to
 * the bare bundle's is that code, the difference from it to a station is the station's own state.
 */
export async function measureCachedWorkflowMemory(
  env: BenchEnv,
  p: { workflows: number; concurrency: number },
): Promise<CachedWorkflowMemory> {
  const n = p.workflows;
  const park = (worker: BenchWorker) => () =>
    env.client.workflow.start<typeof parkedWorkflow>('parkedWorkflow', {
      taskQueue: worker.taskQueue,
      workflowId: `parked-${randomUUID()}`,
      args: [{}],
    });

  const bare = await env.startWorker('memory-bare', { bundle: 'bare', maxCachedWorkflows: n + WARM_UP + 10 });
  const bench = await env.startWorker('memory', { maxCachedWorkflows: 2 * (n + WARM_UP) + 10 });
  try {
    await runConcurrently(WARM_UP, p.concurrency, park(bare));
    const bareBase = await idleRss(env, bare, WARM_UP, 'bare bundle: baseline');
    await runConcurrently(n, p.concurrency, park(bare), new Progress('parked workflows (bare bundle) started', n));
    const bareParked = await idleRss(env, bare, WARM_UP + n, `bare bundle: ${n} parked`);

    const round = await openRound(env, bench.taskQueue);
    await runConcurrently(WARM_UP, p.concurrency, park(bench));
    await runConcurrently(WARM_UP, p.concurrency, (i) => stationAt(env, bench.taskQueue, round, n + i, 'cultivation'));
    const base = await idleRss(env, bench, 1 + 2 * WARM_UP, 'bench bundle: baseline');
    await runConcurrently(n, p.concurrency, park(bench), new Progress('parked workflows started', n));
    const withParked = await idleRss(env, bench, 1 + 2 * WARM_UP + n, `bench bundle: ${n} parked`);
    await runConcurrently(
      n,
      p.concurrency,
      (i) => stationAt(env, bench.taskQueue, round, i, 'cultivation'),
      new Progress('stations to cultivation', n),
    );
    const withStations = await idleRss(env, bench, 1 + 2 * WARM_UP + 2 * n, `bench bundle: ${n} parked + ${n} stations`);
    return {
      workflows: n,
      bytesPerBareParked: (bareParked - bareBase) / n,
      bytesPerParked: (withParked - base) / n,
      bytesPerStation: (withStations - withParked) / n,
      rssTotal: withStations,
    };
  } finally {
    await bench.stop();
    await bare.stop();
  }
}

/** RSS once `cached` workflows sit in the worker's cache and nothing runs. */
async function idleRss(env: BenchEnv, worker: BenchWorker, cached: number, label: string): Promise<number> {
  await waitUntil(
    () => {
      const s = worker.status();
      return s.numCachedWorkflows >= cached && s.numInFlightWorkflowActivations === 0 && s.numInFlightActivities === 0;
    },
    `${cached} cached workflows`,
    120_000,
  );
  const held = worker.status().numCachedWorkflows;
  if (held !== cached) throw new Error(`expected ${cached} cached workflows, the worker holds ${held}`);
  const rss = await settledRss(async () => {
    // The workflow thread's heap first (a workflow that completes at once, gone from the cache after).
    await env.client.workflow.execute<typeof collectGarbageWorkflow>('collectGarbageWorkflow', {
      taskQueue: worker.taskQueue,
      workflowId: `gc-${randomUUID()}`,
    });
    collectGarbage();
  });
  log(`memory: ${label}: RSS ${(rss / 2 ** 20).toFixed(1)} MiB`);
  return rss;
}

export function memoryReport(m: CachedWorkflowMemory): MeasureReport {
  const size = `N=${m.workflows} of each`;
  return {
    id: 'cachedWorkflowMemory',
    headline: {
      label: 'worker memory per cached station ÷ per parked workflow',
      ratio: m.bytesPerStation / m.bytesPerParked,
      value: fmt.kib(m.bytesPerStation),
      baseline: `${fmt.kib(m.bytesPerParked)} parked`,
      size,
    },
    rows: [
      row({
        measure: 'worker RSS per cached station workflow, KiB (÷ per cached parked workflow)',
        value: m.bytesPerStation / 1024,
        unit: 'KiB',
        baseline: m.bytesPerParked / 1024,
        size,
      }),
    ],
    lines: [
      `RSS growth per cached workflow: station in cultivation ${fmt.kib(m.bytesPerStation)}, parked (same bundle) ${fmt.kib(m.bytesPerParked)}, parked (bundle without the production code) ${fmt.kib(m.bytesPerBareParked)}`,
      `process RSS ${(m.rssTotal / 2 ** 20).toFixed(0)} MiB with ${3 * m.workflows} cached; about ${Math.floor(2 ** 30 / m.bytesPerStation).toLocaleString('en')} cached stations per GiB of worker memory`,
    ],
    details: m,
  };
}
