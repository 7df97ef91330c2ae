import { randomUUID } from 'node:crypto';
import type { noopWorkflow } from './bare-workflows';
import { BenchEnv } from './bench-env';
import { openRound, stationAt } from './cultivation-round';
import { fmt, log, Progress, runConcurrently } from './measure-kit';
import { MeasureReport, row } from './report';

export interface StationThroughput {
  stations: number;
  concurrency: number;
  /** stations applied and driven to cultivation (start + recommend + file Updates) per second */
  stationsPerSecond: number;
  /** no-op workflows started and completed per second, same server, same worker */
  noopsPerSecond: number;
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
 * with the same number of callers in flight.
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

    const timed = async (label: string, run: (progress: Progress) => Promise<unknown>) => {
      log(`throughput: ${p.stations} ${label}, ${p.concurrency} in flight`);
      const cpu0 = env.cpu();
      const t0 = performance.now();
      await run(new Progress(label, p.stations));
      const seconds = (performance.now() - t0) / 1000;
      const cpu1 = env.cpu();
      const cpuMs = { bench: ((cpu1.bench - cpu0.bench) * 1000) / p.stations, server: ((cpu1.server - cpu0.server) * 1000) / p.stations };
      return { perSecond: p.stations / seconds, cpuMs };
    };
    const noops = await timed('no-op workflows', (progress) => runConcurrently(p.stations, p.concurrency, () => noop(), progress));
    const stations = await timed('stations to cultivation', (progress) =>
      runConcurrently(p.stations, p.concurrency, (i) => stationAt(env, worker.taskQueue, round, i, 'cultivation'), progress),
    );
    return {
      stations: p.stations,
      concurrency: p.concurrency,
      stationsPerSecond: stations.perSecond,
      noopsPerSecond: noops.perSecond,
      cpuMsPerStation: stations.cpuMs,
      cpuMsPerNoop: noops.cpuMs,
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
      ratio: t.stationsPerSecond / t.noopsPerSecond,
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
        size,
      }),
    ],
    lines: [
      `${fmt.rate(t.stationsPerSecond)} stations applied and driven to cultivation (start + 2 Updates), ${fmt.rate(t.noopsPerSecond)} no-op workflows started and completed`,
      `CPU per station ${cpu(t.cpuMsPerStation)}; per no-op workflow ${cpu(t.cpuMsPerNoop)}`,
    ],
    details: t,
  };
}
