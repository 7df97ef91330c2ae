import type { RoundState } from '@app/domain';
import { stationWorkflowId } from '../workflows/messages';
import { BenchEnv, BenchWorker } from './bench-env';
import { file, openRound, stationAt } from './cultivation-round';
import { fmt, log, percentile, Progress, runConcurrently, waitUntil } from './measure-kit';
import { MeasureReport, row } from './report';

export interface LatencySummary {
  p50Ms: number;
  p95Ms: number;
}

export interface StationActionLatency {
  samples: number;
  warm: LatencySummary;
  cold: LatencySummary;
  /** history length of a station when it is filed (what a cold worker replays) */
  historyEvents: number;
}

/** Updates not counted at the start of each series (connections, first use of code paths). */
const WARM_UP = 5;

/**
 * Measure 6: how long a station action takes (the city's `file` Update, filing → cultivation,
 * awaited to completion as the API awaits it, one at a time) when the worker has the station in
 * its cache (warm: the sticky task goes straight to the cached workflow) and when it has none
 * (cold: `maxCachedWorkflows: 0`, so every workflow task fetches and replays the whole history,
 * as after a worker restart or an eviction).
 */
export async function measureStationActionLatency(env: BenchEnv, p: { samples: number; concurrency: number }): Promise<StationActionLatency> {
  const warm = await env.startWorker('latency-warm');
  try {
    // The round lives on the warm worker: stations of both series ask it for the calendar.
    const round = await openRound(env, warm.taskQueue);
    const warmSeries = await fileLatencies(env, warm, round, p, 'warm');
    const cold = await env.startWorker('latency-cold', { maxCachedWorkflows: 0 });
    try {
      const coldSeries = await fileLatencies(env, cold, round, p, 'cold');
      const history = await env.client.workflow.getHandle(stationWorkflowId(coldSeries.ids[0])).fetchHistory();
      return { samples: p.samples, warm: warmSeries.summary, cold: coldSeries.summary, historyEvents: history.events?.length ?? 0 };
    } finally {
      await cold.stop();
    }
  } finally {
    await warm.stop();
  }
}

async function fileLatencies(env: BenchEnv, worker: BenchWorker, round: RoundState, p: { samples: number; concurrency: number }, label: string) {
  const count = p.samples + WARM_UP;
  const ids = await runConcurrently(count, p.concurrency, (i) => stationAt(env, worker.taskQueue, round, i, 'filing'), new Progress(`${label} cache: stations to filing`, count));
  await waitUntil(() => {
    const s = worker.status();
    return s.numInFlightWorkflowActivations === 0 && s.numInFlightActivities === 0;
  }, 'an idle worker', 60_000);
  const progress = new Progress(`${label} cache: file Updates, one at a time`, count);
  const times: number[] = [];
  for (const id of ids) {
    const t0 = performance.now();
    await file(env, id);
    times.push(performance.now() - t0);
    progress.tick();
  }
  const counted = times.slice(WARM_UP);
  const summary = { p50Ms: percentile(counted, 50), p95Ms: percentile(counted, 95) };
  log(`latency: ${label} cache p50 ${fmt.ms(summary.p50Ms)}, p95 ${fmt.ms(summary.p95Ms)}`);
  return { ids, summary };
}

export function latencyReport(l: StationActionLatency): MeasureReport {
  const size = `K=${l.samples} of each`;
  return {
    id: 'stationActionLatency',
    headline: {
      label: 'station action (Update) p95, cold cache ÷ warm cache',
      ratio: l.cold.p95Ms / l.warm.p95Ms,
      value: fmt.ms(l.cold.p95Ms),
      baseline: `${fmt.ms(l.warm.p95Ms)} warm`,
      size,
    },
    rows: [row({ measure: 'station action (file Update) p95 with a cold worker cache, ms (÷ warm cache)', value: l.cold.p95Ms, unit: 'ms', baseline: l.warm.p95Ms, size })],
    lines: [
      `warm cache: p50 ${fmt.ms(l.warm.p50Ms)}, p95 ${fmt.ms(l.warm.p95Ms)}; cold cache (replays ${l.historyEvents} events of history each time): p50 ${fmt.ms(l.cold.p50Ms)}, p95 ${fmt.ms(l.cold.p95Ms)}`,
    ],
    details: l,
  };
}
