import { randomUUID } from 'node:crypto';
import { tsToMs } from '@temporalio/common/lib/time';
import { temporal } from '@temporalio/proto';
import type { RoundState } from '@app/domain';
import { ReminderEntity, StationEntity } from '@app/persistence';
import type { parkedWorkflow } from './bare-workflows';
import { BenchEnv, BenchWorker } from './bench-env';
import { districtOf, openRound, stationAt, yearCalendar } from './cultivation-round';
import { fmt, log, Progress, runConcurrently, sleep, waitUntil } from './measure-kit';
import { MeasureReport, row, target } from './report';

export interface DeadlinePass {
  stations: number;
  /** from the instant the timers fire to the last station marked overdue in the projection, ms */
  overdueMarkedMs: number;
  /** from the same instant to the last of the round's overdue digests sent over SMTP, ms */
  digestsSentMs: number;
  digests: number;
  /** the deadline has fully passed: the later of the two, ms */
  stationsMs: number;
  /** from the instant S bare timers fire to the last of their wake-ups (workflow task completed), ms */
  bareTimersMs: number;
}

/** The station's timer wakes one second after its deadline (workflows/waiting.ts msUntilAfter). */
const AFTER_DEADLINE_MS = 1_000;
/** Time allowed after the timers fire before the measure gives up. */
const DRAIN_TIMEOUT_MS = 10 * 60_000;

/**
 * Measure 3: a recommendation deadline passing over S stations at once, against S bare timers.
 *
 * Stations: a round whose recommendation deadline falls a little after S stations (all still
 * owing the recommendation) have started and settled. Each is saved as a draft and submitted, the
 * submission awaited: S bare starts at once would each ask the round workflow for its calendar
 * (a query, through an activity) in one burst — a start-up cost, not the deadline's, and one the
 * dev server does not absorb (queries time out). At deadline + 1 s every station's timer
 * fires: it marks itself overdue (state, search attribute, projection row); the round's timer
 * fires at the same instant: it escalates the deadline and sends its overdue checkpoint (policy
 * `after: PT1S`, exact instants): one digest per district plus the escalation to the city office,
 * stored then sent over SMTP. Measured from that instant to the last row marked overdue and to the
 * last digest sent, by the timestamps the activities wrote.
 *
 * Bare timers: S parked workflows sleeping until one instant; each wakes (a workflow task with no
 * command) and parks again. Measured from that instant to the last of those workflow tasks
 * completed, by the time its history recorded.
 *
 * Every workflow is cached by its worker (`maxCachedWorkflows` ≥ S), as in a service sized for its
 * round. How far ahead the instant must be set (the lead) is calibrated from the start rate of a
 * small first batch, unless `leadSeconds` is given.
 */
export async function measureDeadlinePass(
  env: BenchEnv,
  p: { stations: number; concurrency: number; leadSeconds?: number },
): Promise<DeadlinePass> {
  const stations = await stationsPass(env, p);
  const bareTimersMs = await bareTimersPass(env, p);
  return { ...stations, bareTimersMs };
}

async function stationsPass(env: BenchEnv, p: { stations: number; concurrency: number; leadSeconds?: number }) {
  const s = p.stations;
  const worker = await env.startWorker('deadline', { maxCachedWorkflows: s + 100 });
  try {
    // Calibration stations belong to a round of their own, with a year-long calendar.
    let calibration = 0;
    const scratch = await openRound(env, worker.taskQueue);
    const lead =
      p.leadSeconds ??
      (await calibrateLead(s, worker, async (n) => {
        await runConcurrently(n, p.concurrency, (i) => stationAt(env, worker.taskQueue, scratch, calibration + i, 'submitted'));
        calibration += n;
      }));
    calibration += 1; // the scratch round
    const deadline = Date.now() + lead * 1000;
    const round = await openRound(env, worker.taskQueue, {
      deadlines: yearCalendar(Date.now(), { recommendation: new Date(deadline).toISOString() }),
      reminders: { before: [], onTheDay: false, after: ['PT1S'], repeatAfter: null, workingDaysOnly: false, sendAt: null },
    });
    log(`deadline: ${s} stations owing the recommendation, deadline in ${lead.toFixed(0)} s`);
    await runConcurrently(
      s,
      p.concurrency,
      (i) => stationAt(env, worker.taskQueue, round, i, 'submitted'),
      new Progress('stations submitted', s),
    );
    await settled(worker, calibration + 1 + s, deadline, 'stations');

    const firesAt = deadline + AFTER_DEADLINE_MS;
    const districts = new Set(Array.from({ length: s }, (_, i) => districtOf(i))).size;
    const digests = districts + 1; // one per district, one escalation to the city office
    await sleep(firesAt - Date.now());
    log(`deadline: passed; waiting for ${s} stations marked overdue and ${digests} digests sent`);
    const progress = new Progress('stations marked overdue', s);
    let marked = 0;
    await waitUntil(
      async () => {
        const now = await env.ds.getRepository(StationEntity).countBy({ roundId: round.roundId, overdue: true });
        progress.tick(now - marked);
        marked = now;
        return marked === s && (await sentDigests(env, round)) === digests;
      },
      `${s} stations overdue and ${digests} digests sent`,
      DRAIN_TIMEOUT_MS,
    );

    const lastMarked = await env.ds
      .getRepository(StationEntity)
      .createQueryBuilder('s')
      .select('MAX(s.updated_at)', 'last')
      .where('s.round_id = :id AND s.overdue = :overdue', { id: round.roundId, overdue: true })
      .getRawOne<{ last: string }>();
    const lastSent = await env.ds
      .getRepository(ReminderEntity)
      .createQueryBuilder('r')
      .select('MAX(r.sent_at)', 'last')
      .where('r.round_id = :id', { id: round.roundId })
      .getRawOne<{ last: string }>();
    const overdueMarkedMs = Date.parse(lastMarked!.last) - firesAt;
    const digestsSentMs = Date.parse(lastSent!.last) - firesAt;
    log(`deadline: overdue marked in ${fmt.ms(overdueMarkedMs)}, ${digests} digests sent in ${fmt.ms(digestsSentMs)}`);
    return { stations: s, overdueMarkedMs, digestsSentMs, digests, stationsMs: Math.max(overdueMarkedMs, digestsSentMs) };
  } finally {
    await worker.stop();
  }
}

async function bareTimersPass(env: BenchEnv, p: { stations: number; concurrency: number; leadSeconds?: number }): Promise<number> {
  const s = p.stations;
  const worker = await env.startWorker('timers', { maxCachedWorkflows: s + 100 });
  try {
    const park = (wakeAt?: string) => {
      const workflowId = `timer-${randomUUID()}`;
      return env.client.workflow
        .start<typeof parkedWorkflow>('parkedWorkflow', { taskQueue: worker.taskQueue, workflowId, args: [wakeAt ? { wakeAt } : {}] })
        .then(() => workflowId);
    };
    let calibration = 0;
    const lead =
      p.leadSeconds ??
      (await calibrateLead(s, worker, async (n) => {
        await runConcurrently(n, p.concurrency, () => park());
        calibration += n;
      }));
    const firesAt = Date.now() + lead * 1000;
    log(`timers: ${s} bare timers, firing in ${lead.toFixed(0)} s`);
    const ids = await runConcurrently(
      s,
      p.concurrency,
      () => park(new Date(firesAt).toISOString()),
      new Progress('timer workflows started', s),
    );
    await settled(worker, calibration + s, firesAt, 'timers');
    await sleep(firesAt - Date.now());
    // A wake-up leaves nothing outside the workflow's history: once the worker is idle, read when
    // each history recorded the workflow task that followed its TimerFired.
    const progress = new Progress('timer wake-ups found in the histories', s);
    const woke = new Map<string, number>();
    await waitUntil(
      async () => {
        if (!(await idleTwice(worker))) return false;
        const missing = ids.filter((id) => !woke.has(id));
        const found = await runConcurrently(missing.length, p.concurrency, (i) => wakeUpCompletedAt(env, missing[i]));
        found.forEach((at, i) => at !== null && woke.set(missing[i], at));
        progress.tick(found.filter((at) => at !== null).length);
        return woke.size === s;
      },
      `${s} timer wake-ups`,
      DRAIN_TIMEOUT_MS,
      500,
    );
    const bareTimersMs = Math.max(...woke.values()) - firesAt;
    log(`timers: ${s} woke and completed their workflow task within ${fmt.ms(bareTimersMs)}`);
    return bareTimersMs;
  } finally {
    await worker.stop();
  }
}

/** When the workflow task after the workflow's (first) fired timer completed, per its history; null if not yet. */
async function wakeUpCompletedAt(env: BenchEnv, workflowId: string): Promise<number | null> {
  const { EventType } = temporal.api.enums.v1;
  const events = (await env.client.workflow.getHandle(workflowId).fetchHistory()).events ?? [];
  const fired = events.findIndex((e) => e.eventType === EventType.EVENT_TYPE_TIMER_FIRED);
  const completed = fired < 0 ? undefined : events.slice(fired).find((e) => e.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED);
  return completed ? tsToMs(completed.eventTime) : null;
}

/** The worker has nothing in flight, seen twice a little apart. */
async function idleTwice(worker: BenchWorker): Promise<boolean> {
  if (!isIdle(worker)) return false;
  await sleep(300);
  return isIdle(worker);
}

/**
 * Seconds to set the deadline ahead so that S workflows can start and settle before it: the rate
 * at which a first batch (S/20, at least 20; after five untimed, the worker's first tasks) is
 * started and settled in `worker`, with a margin of 30 %, plus ten seconds.
 */
async function calibrateLead(s: number, worker: BenchWorker, startBatch: (n: number) => Promise<void>): Promise<number> {
  const n = Math.max(20, Math.ceil(s / 20));
  const batch = async (size: number) => {
    const cached = worker.status().numCachedWorkflows + size;
    await startBatch(size);
    await waitUntil(() => isIdle(worker, cached), 'the calibration batch settled', 120_000, 50);
  };
  await batch(5);
  const t0 = performance.now();
  await batch(n);
  const perSecond = n / ((performance.now() - t0) / 1000);
  return 10 + (1.3 * s) / perSecond;
}

/** The worker caches at least `cached` workflows and has nothing in flight. */
function isIdle(worker: BenchWorker, cached = 0): boolean {
  const st = worker.status();
  return st.numCachedWorkflows >= cached && st.numInFlightWorkflowActivations === 0 && st.numInFlightActivities === 0;
}

/**
 * Waits until the worker caches `cached` workflows and is idle; fails if that was not before
 * `instant` (the lead was too short).
 */
async function settled(worker: BenchWorker, cached: number, instant: number, what: string): Promise<void> {
  const idle = () => isIdle(worker, cached);
  await waitUntil(idle, `${what} settled`, Math.max(0, instant - 500 - Date.now()), 100).catch(() => undefined);
  if (!idle() || Date.now() > instant - 500) {
    throw new Error(
      `${what}: not started and settled before the instant set for them; set BENCH_DEADLINE_LEAD_S higher than the calibrated lead`,
    );
  }
}

async function sentDigests(env: BenchEnv, round: RoundState): Promise<number> {
  return env.ds.getRepository(ReminderEntity).countBy({ roundId: round.roundId, status: 'sent' });
}

export function deadlineReport(d: DeadlinePass): MeasureReport {
  const size = `S=${d.stations}`;
  return {
    id: 'deadlinePass',
    headline: {
      label: 'deadline passing over S stations ÷ S bare timers',
      target: target('≤', 2),
      ratio: d.stationsMs / Math.max(1, d.bareTimersMs),
      value: fmt.ms(d.stationsMs),
      baseline: `${fmt.ms(d.bareTimersMs)} bare`,
      size,
    },
    rows: [
      row({
        measure: 'deadline passing over S stations (overdue + digests), s (÷ S bare timers)',
        value: d.stationsMs / 1000,
        unit: 's',
        baseline: d.bareTimersMs / 1000,
        size,
      }),
    ],
    lines: [
      `after the timers fired: ${d.stations} stations marked overdue in ${fmt.ms(d.overdueMarkedMs)}, ${d.digests} digests sent in ${fmt.ms(d.digestsSentMs)}; ${d.stations} bare timers all woke (task completed) in ${fmt.ms(d.bareTimersMs)}`,
    ],
    details: d,
  };
}
