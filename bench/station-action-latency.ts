import type { RoundState } from '@app/domain';
import { stationWorkflowId } from '../workflows/messages';
import { BenchEnv, BenchWorker } from './bench-env';
import { file, openRound, stationAt } from './cultivation-round';
import { fmt, log, percentile, Progress, runConcurrently, waitUntil } from './measure-kit';
import { MeasureReport, row, target } from './report';

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
  /** stations of the cold series whose history did not replay (left out of the timings) */
  replayFailures: { stations: number; failed: number; example: string | null };
}

/** Updates not counted at the start of each series (connections, first use of code paths). */
const WARM_UP = 5;

/**
 * Measure 6: how long a station action takes — the city's `file` Update (filing → cultivation),
 * awaited to completion as the API awaits it, one at a time — when the worker has the station in
 * its cache (warm: the sticky task goes straight to the cached workflow) and when it has none
 * (cold: a worker with `maxCachedWorkflows: 0`, so every workflow task fetches and replays the
 * whole history, as after a worker restart or an eviction). Warm and cold Updates alternate.
 */
export async function measureStationActionLatency(
  env: BenchEnv,
  p: { samples: number; concurrency: number },
): Promise<StationActionLatency> {
  const count = p.samples + WARM_UP;
  const warm = await env.startWorker('latency-warm');
  try {
    // The round lives on the warm worker: stations of both series ask it for the calendar.
    const round = await openRound(env, warm.taskQueue);
    const warmIds = await stationsAtFiling(env, warm, round, count, p.concurrency, 'warm');

    // The cold series is set up by an ordinary worker, which then gives way to one without a cache
    // on the same task queue. The stations' stickiness to the stopped worker is reset, as the
    // server would after its sticky timeout, so that no Update waits for that timeout.
    const setup = await env.startWorker('latency-cold');
    const setUp = await stationsAtFiling(env, setup, round, count, p.concurrency, 'cold');
    await setup.stop();
    // A history that does not replay would fail every cold Update: found first, left out, reported.
    const failed = await env.unreplayable(setUp.map(stationWorkflowId), p.concurrency);
    if (failed.length > 0)
      log(`latency: ${failed.length} of ${setUp.length} station histories do not replay (${failed[0].error.slice(0, 160)}…); left out`);
    const coldIds = setUp.filter((id) => !failed.some((f) => f.workflowId === stationWorkflowId(id)));
    await runConcurrently(coldIds.length, p.concurrency, (i) =>
      env.client.workflowService.resetStickyTaskQueue({
        namespace: env.namespace,
        execution: { workflowId: stationWorkflowId(coldIds[i]) },
      }),
    );
    const cold = await env.startWorker('latency-cold', { maxCachedWorkflows: 0, taskQueue: setup.taskQueue });
    try {
      // One warm, one cold, in turn: both series see the same background load.
      const progress = new Progress('file Updates, warm and cold in turn, one at a time', warmIds.length + coldIds.length);
      const times = { warm: [] as number[], cold: [] as number[] };
      for (let i = 0; i < Math.max(warmIds.length, coldIds.length); i++) {
        for (const [series, ids] of [
          ['warm', warmIds],
          ['cold', coldIds],
        ] as const) {
          if (i >= ids.length) continue;
          const t0 = performance.now();
          await file(env, ids[i]);
          times[series].push(performance.now() - t0);
          progress.tick();
        }
      }
      const summary = (xs: number[]) => ({ p50Ms: percentile(xs.slice(WARM_UP), 50), p95Ms: percentile(xs.slice(WARM_UP), 95) });
      const result = { warm: summary(times.warm), cold: summary(times.cold) };
      log(
        `latency: warm cache p50 ${fmt.ms(result.warm.p50Ms)}, p95 ${fmt.ms(result.warm.p95Ms)}; cold cache p50 ${fmt.ms(result.cold.p50Ms)}, p95 ${fmt.ms(result.cold.p95Ms)}`,
      );
      const history = await env.client.workflow.getHandle(stationWorkflowId(coldIds[0])).fetchHistory();
      return {
        samples: p.samples,
        ...result,
        historyEvents: history.events?.length ?? 0,
        replayFailures: { stations: setUp.length, failed: failed.length, example: failed[0]?.error ?? null },
      };
    } finally {
      await cold.stop();
    }
  } finally {
    await warm.stop();
  }
}

async function stationsAtFiling(
  env: BenchEnv,
  worker: BenchWorker,
  round: RoundState,
  count: number,
  concurrency: number,
  label: string,
): Promise<string[]> {
  const ids = await runConcurrently(
    count,
    concurrency,
    (i) => stationAt(env, worker.taskQueue, round, i, 'filing'),
    new Progress(`${label} series: stations to filing`, count),
  );
  await waitUntil(
    () => {
      const s = worker.status();
      return s.numInFlightWorkflowActivations === 0 && s.numInFlightActivities === 0;
    },
    'an idle worker',
    60_000,
  );
  return ids;
}

export function latencyReport(l: StationActionLatency): MeasureReport {
  const size = `K=${l.samples} of each`;
  return {
    id: 'stationActionLatency',
    headline: {
      label: 'station action (Update) p95, cold cache ÷ warm cache',
      target: target('≤', 2),
      ratio: l.cold.p95Ms / l.warm.p95Ms,
      value: fmt.ms(l.cold.p95Ms),
      baseline: `${fmt.ms(l.warm.p95Ms)} warm`,
      size,
    },
    rows: [
      row({
        measure: 'station action (file Update) p95 with a cold worker cache, ms (÷ warm cache)',
        value: l.cold.p95Ms,
        unit: 'ms',
        baseline: l.warm.p95Ms,
        size,
      }),
    ],
    lines: [
      `warm cache: p50 ${fmt.ms(l.warm.p50Ms)}, p95 ${fmt.ms(l.warm.p95Ms)}; cold cache (replays ${l.historyEvents} events of history each time): p50 ${fmt.ms(l.cold.p50Ms)}, p95 ${fmt.ms(l.cold.p95Ms)}`,
      l.replayFailures.failed === 0
        ? `all ${l.replayFailures.stations} station histories of the cold series replayed`
        : `${l.replayFailures.failed} of ${l.replayFailures.stations} station histories did NOT replay (left out): ${(l.replayFailures.example ?? '').replace(/\s+/g, ' ').slice(0, 200)}`,
    ],
    details: l,
  };
}
