import { randomUUID } from 'node:crypto';
import type { noopWorkflow } from './bare-workflows';
import { BenchEnv } from './bench-env';
import { openRound, stationAt } from './cultivation-round';
import { fmt, log, median, Progress, runConcurrently } from './measure-kit';

/** Alternating blocks of no-op workflows and stations (an odd number, for a median). */
const REPEATS = 5;
import { MeasureReport, row, target } from './report';

export interface StationThroughput {
  stations: number;
  concurrency: number;
  /** stations applied and driven to cultivation (start + recommend + file Updates) per second */
  stationsPerSecond: number;
  /** no-op workflows started and completed per second, same server, same worker */
  noopsPerSecond: number;
  /** median of the blocks' ratios (stations per s ÷ no-ops per s, measured one after the other) */
  ratio: number;
  blocks: { noops: number; stations: number }[];
  /** CPU per station / per no-op workflow, ms: this process (worker, activities, client) and the dev server */
  cpuMsPerStation: CpuMs;
  cpuMsPerNoop: CpuMs;
}

export interface CpuMs {
  bench: number;
  server: number;
}

/**
 * Measure 1: how many stations per second one worker takes from application to cultivation —
 * the start, the round calendar fetched by an activity, the projection written by a local
 * activity, then the district's `recommend` and the city's `file` Updates, each awaited as the
 * API awaits it — against no-op workflows started and awaited on the same server and worker,
 * with the same number of callers in flight, in REPEATS alternating blocks.
 */
export async function measureStationThroughput(env: BenchEnv, p: { stations: number; concurrency: number }): Promise<StationThroughput> {
  const worker = await env.startWorker('throughput');
  try {
    const round = await openRound(env, worker.taskQueue);
    const noop = () =>
      env.client.workflow.execute<typeof noopWorkflow>('noopWorkflow', { taskQueue: worker.taskQueue, workflowId: `noop-${randomUUID()}` });
    const warmUp = Math.min(20, p.stations);
    await runConcurrently(warmUp, p.concurrency, () => noop());
    await runConcurrently(warmUp, p.concurrency, (i) => stationAt(env, worker.taskQueue, round, p.stations + i, 'cultivation'));

    const timed = async (label: string, count: number, run: (progress: Progress) => Promise<unknown>) => {
      log(`throughput: ${count} ${label}, ${p.concurrency} in flight`);
      const cpu0 = env.cpu();
      const t0 = performance.now();
      await run(new Progress(label, count));
      const seconds = (performance.now() - t0) / 1000;
      const cpu1 = env.cpu();
      return { perSecond: count / seconds, cpu: { bench: cpu1.bench - cpu0.bench, server: cpu1.server - cpu0.server } };
    };
    // In REPEATS alternating blocks (no-ops, stations, stations, no-ops, …) rather than all of one
    // then all of the other: load from other jobs, and the dev server's SQLite filling up, then
    // weigh on both sides alike. The ratio is the median of the blocks' ratios.
    const per = Math.ceil(p.stations / REPEATS);
    const blocks: { noops: number; stations: number }[] = [];
    const cpuNoop = { bench: 0, server: 0 };
    const cpuStation = { bench: 0, server: 0 };
    let next = 0;
    for (let b = 0; b < REPEATS; b++) {
      const noopBlock = () => timed('no-op workflows', per, (progress) => runConcurrently(per, p.concurrency, () => noop(), progress));
      const stationBlock = () =>
        timed('stations to cultivation', per, (progress) => {
          const from = next;
          next += per;
          return runConcurrently(per, p.concurrency, (i) => stationAt(env, worker.taskQueue, round, from + i, 'cultivation'), progress);
        });
      const [noops, stations] = b % 2 === 0 ? [await noopBlock(), await stationBlock()] : [undefined, await stationBlock()];
      const noopsAfter = noops ?? (await noopBlock());
      blocks.push({ noops: noopsAfter.perSecond, stations: stations.perSecond });
      for (const k of ['bench', 'server'] as const) {
        cpuNoop[k] += (noopsAfter.cpu[k] * 1000) / (per * REPEATS);
        cpuStation[k] += (stations.cpu[k] * 1000) / (per * REPEATS);
      }
    }
    return {
      stations: per * REPEATS,
      concurrency: p.concurrency,
      stationsPerSecond: median(blocks.map((b) => b.stations)),
      noopsPerSecond: median(blocks.map((b) => b.noops)),
      ratio: median(blocks.map((b) => b.stations / b.noops)),
      blocks,
      cpuMsPerStation: cpuStation,
      cpuMsPerNoop: cpuNoop,
    };
  } finally {
    await worker.stop();
  }
}

const cpu = (c: CpuMs) => `${(c.bench + c.server).toFixed(1)} ms (this process ${c.bench.toFixed(1)} + dev server ${c.server.toFixed(1)})`;

export function throughputReport(t: StationThroughput): MeasureReport {
  const size = `N=${t.stations}, ${t.concurrency} in flight`;
  return {
    id: 'stationThroughput',
    headline: {
      label: 'stations to cultivation per s ÷ no-op workflows per s',
      target: target('≥', 0.5),
      ratio: t.ratio,
      value: fmt.rate(t.stationsPerSecond),
      baseline: `${fmt.rate(t.noopsPerSecond)} no-op`,
      size,
    },
    rows: [
      row({
        measure: 'stations driven to cultivation per second (÷ no-op workflows per second)',
        value: t.stationsPerSecond,
        unit: 'per second',
        baseline: t.noopsPerSecond,
        ratio: t.ratio,
        size,
      }),
    ],
    lines: [
      `${fmt.rate(t.stationsPerSecond)} stations applied and driven to cultivation (start + 2 Updates), ${fmt.rate(t.noopsPerSecond)} no-op workflows started and completed`,
      `CPU per station ${cpu(t.cpuMsPerStation)}; per no-op workflow ${cpu(t.cpuMsPerNoop)}`,
      `ratio per block (median taken): ${t.blocks.map((b) => (b.stations / b.noops).toFixed(2)).join(', ')}`,
    ],
    details: t,
  };
}
