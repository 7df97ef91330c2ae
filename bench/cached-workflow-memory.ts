import { randomUUID } from 'node:crypto';
import type { collectGarbageWorkflow, parkedWorkflow } from './bare-workflows';
import { BenchEnv, BenchWorker } from './bench-env';
import { openRound, stationAt } from './cultivation-round';
import { collectGarbage, fmt, log, median, Progress, runConcurrently, settledRss, waitUntil } from './measure-kit';
import { MeasureReport, row, target } from './report';

export interface CachedWorkflowMemory {
  workflows: number;
  /** RSS growth of this process per cached station workflow in cultivation, bytes */
  bytesPerStation: number;
  /** per cached parked workflow (waits for a signal, holds nothing) of the same bundle, bytes */
  bytesPerParked: number;
  /** per cached parked workflow of a bundle with no production code (the SDK's floor), bytes */
  bytesPerBareParked: number;
  /** median of the blocks' station ÷ parked growth */
  ratio: number;
  blocks: { parked: number; station: number }[];
  /** RSS of the process with every population cached, bytes */
  rssTotal: number;
}

/** Alternating blocks of parked workflows and stations (odd, for a median). */
const BLOCKS = 3;

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
    let cached = 1 + 2 * WARM_UP;
    let rss = await idleRss(env, bench, cached, 'bench bundle: baseline');
    // BLOCKS alternating blocks of parked workflows and stations, each growth charged to the block
    // just added; a block's ratio is station ÷ parked growth per workflow, and the median of them
    // counts. One reading of each (as before) moved the ratio from 1.23 to 1.75 between two runs.
    const per = Math.ceil(n / BLOCKS);
    const blocks: { parked: number; station: number }[] = [];
    let next = 0;
    for (let b = 0; b < BLOCKS; b++) {
      await runConcurrently(per, p.concurrency, park(bench), new Progress(`parked workflows started (block ${b + 1})`, per));
      cached += per;
      const afterParked = await idleRss(env, bench, cached, `bench bundle: +${per} parked`);
      const from = next;
      next += per;
      await runConcurrently(
        per,
        p.concurrency,
        (i) => stationAt(env, bench.taskQueue, round, from + i, 'cultivation'),
        new Progress(`stations to cultivation (block ${b + 1})`, per),
      );
      cached += per;
      const afterStations = await idleRss(env, bench, cached, `bench bundle: +${per} stations`);
      blocks.push({ parked: (afterParked - rss) / per, station: (afterStations - afterParked) / per });
      rss = afterStations;
    }
    return {
      workflows: per * BLOCKS,
      bytesPerBareParked: (bareParked - bareBase) / n,
      bytesPerParked: median(blocks.map((b) => b.parked)),
      bytesPerStation: median(blocks.map((b) => b.station)),
      ratio: median(blocks.map((b) => b.station / b.parked)),
      blocks,
      rssTotal: rss,
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
      target: target('≤', 1.5),
      ratio: m.ratio,
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
        ratio: m.ratio,
        size,
      }),
    ],
    lines: [
      `station ÷ parked per block (median taken): ${m.blocks.map((b) => (b.station / b.parked).toFixed(2)).join(', ')}`,
      `RSS growth per cached workflow: station in cultivation ${fmt.kib(m.bytesPerStation)}, parked (same bundle) ${fmt.kib(m.bytesPerParked)}, parked (bundle without the production code) ${fmt.kib(m.bytesPerBareParked)}`,
      `process RSS ${(m.rssTotal / 2 ** 20).toFixed(0)} MiB with ${3 * m.workflows} cached; about ${Math.floor(2 ** 30 / m.bytesPerStation).toLocaleString('en')} cached stations per GiB of worker memory`,
    ],
    details: m,
  };
}
