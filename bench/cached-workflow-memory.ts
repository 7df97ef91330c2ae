import { randomUUID } from 'node:crypto';
import type { parkedWorkflow } from './bench-workflows';
import { BenchEnv, BenchWorker } from './bench-env';
import { openRound, stationAt } from './cultivation-round';
import { fmt, log, Progress, runConcurrently, settledRss, sleep, waitUntil } from './measure-kit';
import { MeasureReport, row } from './report';

export interface CachedWorkflowMemory {
  workflows: number;
  /** RSS growth of this process per cached station workflow in cultivation, bytes */
  bytesPerStation: number;
  /** RSS growth per cached parked workflow (waits on a signal, holds nothing), bytes */
  bytesPerParked: number;
  /** RSS of the process with both populations cached, bytes */
  rssTotal: number;
}

/**
 * Measure 2: what a workflow held in the worker's cache costs in memory. One worker whose cache
 * holds everything (`maxCachedWorkflows` ≥ 2N + warm-up); the process RSS (every thread: main,
 * workflow sandbox, Rust core) is read after a garbage collection once the worker is idle:
 * before, after N parked workflows, after N stations taken to cultivation. Parked first, so the
 * baseline's growth is not charged to the stations.
 */
export async function measureCachedWorkflowMemory(env: BenchEnv, p: { workflows: number; concurrency: number }): Promise<CachedWorkflowMemory> {
  const n = p.workflows;
  const warmUp = 10;
  const worker = await env.startWorker('memory', { maxCachedWorkflows: 2 * (n + warmUp) + 10 });
  try {
    const round = await openRound(env, worker.taskQueue);
    const park = () =>
      env.client.workflow.start<typeof parkedWorkflow>('parkedWorkflow', { taskQueue: worker.taskQueue, workflowId: `parked-${randomUUID()}`, args: [{}] });
    await runConcurrently(warmUp, p.concurrency, () => park());
    await runConcurrently(warmUp, p.concurrency, (i) => stationAt(env, worker.taskQueue, round, n + i, 'cultivation'));
    const base = await idleRss(worker, 1 + 2 * warmUp);
    log(`memory: baseline RSS ${fmt.kib(base)} with ${1 + 2 * warmUp} cached; parking ${n} workflows`);

    await runConcurrently(n, p.concurrency, () => park(), new Progress('parked workflows started', n));
    const withParked = await idleRss(worker, 1 + 2 * warmUp + n);
    log(`memory: ${n} parked cached, RSS ${fmt.kib(withParked)}; taking ${n} stations to cultivation`);

    await runConcurrently(n, p.concurrency, (i) => stationAt(env, worker.taskQueue, round, i, 'cultivation'), new Progress('stations to cultivation', n));
    const withStations = await idleRss(worker, 1 + 2 * warmUp + 2 * n);
    log(`memory: ${n} stations cached too, RSS ${fmt.kib(withStations)}`);
    return { workflows: n, bytesPerParked: (withParked - base) / n, bytesPerStation: (withStations - withParked) / n, rssTotal: withStations };
  } finally {
    await worker.stop();
  }
}

/** RSS once `cached` workflows sit in the worker's cache and nothing is running. */
async function idleRss(worker: BenchWorker, cached: number): Promise<number> {
  await waitUntil(
    () => {
      const s = worker.status();
      return s.numCachedWorkflows >= cached && s.numInFlightWorkflowActivations === 0 && s.numInFlightActivities === 0;
    },
    `${cached} cached workflows`,
    120_000,
  );
  const s = worker.status();
  if (s.numCachedWorkflows !== cached) throw new Error(`expected ${cached} cached workflows, the worker holds ${s.numCachedWorkflows}`);
  await sleep(1_000);
  return settledRss();
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
    rows: [row({ measure: 'worker RSS per cached station workflow, KiB (÷ per cached parked workflow)', value: m.bytesPerStation / 1024, unit: 'KiB', baseline: m.bytesPerParked / 1024, size })],
    lines: [
      `RSS growth ${fmt.kib(m.bytesPerStation)} per station in cultivation, ${fmt.kib(m.bytesPerParked)} per parked workflow; process RSS ${(m.rssTotal / 2 ** 20).toFixed(0)} MiB with ${2 * m.workflows} cached`,
      `→ about ${Math.floor(2 ** 30 / m.bytesPerStation).toLocaleString('en')} cached stations per GiB of worker memory`,
    ],
    details: m,
  };
}
