import { formatDuration, parseDuration } from '../calendar/duration';
import { addDays, DAY_MS, parseTimeOfDay, shanghaiDate, shanghaiTimeOfDayMs, startOfShanghaiDay } from '../calendar/shanghai-time';
import { nextWorkingDay, previousWorkingDay, WorkCalendar } from '../calendar/working-days';
import { DomainError } from '../errors';
import { DEADLINE_KEYS, DeadlineKey } from '../rounds/round-calendar';
import { ReminderPolicy, resolveReminderPolicy } from './policy';

/**
 * The reminder plan of a round: for each deadline, the checkpoints at which the responsible office
 * is reminded (DOMAIN.md "Who is reminded"). Pure: the workflow passes `now` and the calendar.
 *
 * Rules, in the order they apply to one checkpoint:
 * 1. Natural time: deadline − offset (`before:…`), the deadline (`on-the-day`), deadline + offset
 *    (`after:…`).
 * 2. With `sendAt` ('HH:mm'), the send time is that wall-clock time in Asia/Shanghai on the natural
 *    time's Shanghai date; with `sendAt` null it is the natural instant itself.
 * 3. With `workingDaysOnly`, a date that is not a working day moves to the PREVIOUS working day for
 *    before/on-the-day checkpoints (never late) and to the NEXT working day for after checkpoints
 *    (DOMAIN.md decision), keeping the time of day.
 * 4. Guard rails. A before/on-the-day checkpoint is never later than the deadline: if step 2 put it
 *    after (a deadline at 08:00 with sendAt 09:00), it moves to the previous (working) day rather
 *    than being dropped, so the office still hears of the deadline in time. Symmetrically an
 *    after checkpoint is always strictly later than the deadline (a 10:00 deadline with after:PT1H and
 *    sendAt 09:00 would otherwise be reminded as overdue at 09:00, before it) and moves to the next
 *    (working) day.
 * 5. Two checkpoints of one deadline that land on the same send time collapse into one; the one
 *    kept is the first in canonical order (before, furthest first; on-the-day; after, nearest
 *    first). E.g. a Monday deadline: before:P3D (Friday) and before:P1D (Sunday → Friday) become a
 *    single `before:P3D`. Checkpoints of different deadlines never collapse.
 * 6. A checkpoint whose send time is before `now` is kept with `skipped: true` and is never sent:
 *    a round recorded after the fact or a deadline moved shows what would have been sent.
 *
 * `key` includes the deadline instant, so moving a deadline yields new keys; a workflow that
 * remembers the keys it sent never confuses a reminder about the old date with one about the new.
 */

// `DeadlineKey` and `DEADLINE_KEYS` (timeline order, 渝人社〔2023〕474号 §四) belong to the round's
// calendar; the order is also the tie-break between deadlines with one send time. They exclude
// `selfAssessmentOpens`: a round date, but nobody owes anything by it, so it has no reminders.
export type { DeadlineKey };

export type Checkpoint = {
  deadlineKey: DeadlineKey;
  deadline: Date;
  /** `before:P14D`, `on-the-day`, `after:P1D`; repeats are `after:<total offset>`, e.g. `after:P8D`. */
  checkpoint: string;
  sendAt: Date;
  skipped: boolean;
  key: string;
};

export type CheckpointKind = 'before' | 'on-the-day' | 'after';

export const ON_THE_DAY = 'on-the-day';

type Spec = { kind: CheckpointKind; offsetMs: number; label: string };

/** Upper bound on repeats produced by one call, against a typo such as a one-second repeat over a year. */
const MAX_REPEATS = 10_000;

export function checkpointKey(deadlineKey: DeadlineKey, deadline: Date, label: string): string {
  return `${deadlineKey}|${deadline.toISOString()}|${label}`;
}

/** `after` checkpoints (and repeats) are overdue reminders: the step was not done by the deadline. */
export function checkpointKind(label: string): CheckpointKind {
  if (label === ON_THE_DAY) return 'on-the-day';
  if (label.startsWith('before:')) return 'before';
  if (label.startsWith('after:')) return 'after';
  throw new DomainError('VALIDATION_FAILED', `未知的提醒时点：“${label}”`);
}

function assertInstant(d: unknown, field: string): Date {
  if (!(d instanceof Date) || Number.isNaN(d.getTime())) {
    throw new DomainError('VALIDATION_FAILED', `${field} 不是有效的时间`, [{ field, message: '不是有效的时间' }]);
  }
  return d;
}

/** The policy's checkpoints for one deadline in canonical order (rule 5's tie-break order). */
function specsOf(policy: ReminderPolicy): Spec[] {
  const before = policy.before.map(parseDuration).sort((a, b) => b - a);
  const after = policy.after.map(parseDuration).sort((a, b) => a - b);
  return [
    ...before.map((ms): Spec => ({ kind: 'before', offsetMs: ms, label: `before:${formatDuration(ms)}` })),
    ...(policy.onTheDay ? [{ kind: 'on-the-day', offsetMs: 0, label: ON_THE_DAY } as Spec] : []),
    ...after.map((ms): Spec => ({ kind: 'after', offsetMs: ms, label: `after:${formatDuration(ms)}` })),
  ];
}

/** The send time of one checkpoint after rules 1–4. */
function sendTimeOf(deadline: Date, kind: CheckpointKind, offsetMs: number, policy: ReminderPolicy, calendar: WorkCalendar): Date {
  const sign = kind === 'before' ? -1 : kind === 'after' ? 1 : 0;
  const natural = new Date(deadline.getTime() + sign * offsetMs);
  const timeOfDay = policy.sendAt !== null ? (parseTimeOfDay(policy.sendAt) as number) : shanghaiTimeOfDayMs(natural);
  const late = kind === 'after';
  const toWorkingDay = (date: string): string =>
    !policy.workingDaysOnly ? date : late ? nextWorkingDay(date, calendar) : previousWorkingDay(date, calendar);
  const at = (date: string): Date => new Date(startOfShanghaiDay(date).getTime() + timeOfDay);

  let date = toWorkingDay(shanghaiDate(natural));
  let sendAt = at(date);
  // Rule 4; one step is enough: the natural time is on the deadline's side, so only a send time on
  // the deadline's own date can be on the wrong side of it.
  if (!late && sendAt.getTime() > deadline.getTime()) {
    date = toWorkingDay(addDays(date, -1));
    sendAt = at(date);
  } else if (late && sendAt.getTime() <= deadline.getTime()) {
    date = toWorkingDay(addDays(date, 1));
    sendAt = at(date);
  }
  return sendAt;
}

function makeCheckpoint(deadlineKey: DeadlineKey, deadline: Date, label: string, sendAt: Date, now: Date | null): Checkpoint {
  return {
    deadlineKey,
    deadline,
    checkpoint: label,
    sendAt,
    skipped: now !== null && sendAt.getTime() < now.getTime(),
    key: checkpointKey(deadlineKey, deadline, label),
  };
}

export type PlanInput = {
  deadlines: Partial<Record<DeadlineKey, Date>>;
  /** Validated and normalised again here (cheap), so a hand-built policy cannot slip through. */
  policy: ReminderPolicy;
  calendar: WorkCalendar;
  /** When the plan is made (round start, deadline change); earlier checkpoints are skipped. */
  now: Date;
};

/** Every checkpoint of the given deadlines, sorted by send time, then deadline order. Repeats are not listed. */
export function planCheckpoints({ deadlines, policy, calendar, now }: PlanInput): Checkpoint[] {
  const resolved = resolveReminderPolicy(policy);
  assertInstant(now, 'now');
  const specs = specsOf(resolved);
  const plan: { checkpoint: Checkpoint; order: number }[] = [];
  DEADLINE_KEYS.forEach((deadlineKey, deadlineIndex) => {
    const deadline = deadlines[deadlineKey];
    if (deadline === undefined) return;
    assertInstant(deadline, `deadlines.${deadlineKey}`);
    const taken = new Set<number>();
    specs.forEach((spec, specIndex) => {
      const sendAt = sendTimeOf(deadline, spec.kind, spec.offsetMs, resolved, calendar);
      if (taken.has(sendAt.getTime())) return; // rule 5
      taken.add(sendAt.getTime());
      plan.push({
        checkpoint: makeCheckpoint(deadlineKey, deadline, spec.label, sendAt, now),
        order: deadlineIndex * 1000 + specIndex,
      });
    });
  });
  plan.sort((a, b) => a.checkpoint.sendAt.getTime() - b.checkpoint.sendAt.getTime() || a.order - b.order);
  return plan.map((p) => p.checkpoint);
}

/**
 * Weekly (or `repeatAfter`) overdue reminders after the last `after` offset, in send-time order,
 * with send time ≥ `from`. Labelled by their total offset from the deadline (`after:P8D`,
 * `after:P15D`; compressed: `after:PT9S`). A repeat that would go out no later than the last
 * planned `after` checkpoint is left out: with a deadline of 2024-09-30 the after:P1D checkpoint is
 * moved past National Day to 2024-10-08, which is also where after:P8D lands; one reminder is enough.
 * Repeats landing on the same send time collapse into the smallest offset.
 */
function* repeatSequence(
  deadlineKey: DeadlineKey,
  deadline: Date,
  policy: ReminderPolicy,
  calendar: WorkCalendar,
  from: Date,
): Generator<Checkpoint> {
  if (policy.repeatAfter === null) return;
  const stepMs = parseDuration(policy.repeatAfter);
  const afterOffsets = policy.after.map(parseDuration);
  const baseMs = afterOffsets.length > 0 ? Math.max(...afterOffsets) : 0;
  let floorMs = deadline.getTime();
  for (const ms of afterOffsets) floorMs = Math.max(floorMs, sendTimeOf(deadline, 'after', ms, policy, calendar).getTime());

  // A send time is never more than a day before its natural time (rule 2 moves within the date;
  // rules 3–4 only move an after checkpoint later), so repeats before this k all precede `from`.
  let k = Math.max(1, Math.floor((from.getTime() - DAY_MS - deadline.getTime() - baseMs) / stepMs));
  let lastMs = -Infinity;
  for (let produced = 0; ; k++) {
    const offsetMs = baseMs + k * stepMs;
    const sendAt = sendTimeOf(deadline, 'after', offsetMs, policy, calendar);
    const t = sendAt.getTime();
    if (t < from.getTime() || t <= floorMs || t <= lastMs) continue;
    if (produced++ >= MAX_REPEATS) {
      throw new DomainError('VALIDATION_FAILED', `重复提醒过多（超过 ${MAX_REPEATS} 次），请检查 repeatAfter 或查询区间`);
    }
    lastMs = t;
    yield makeCheckpoint(deadlineKey, deadline, `after:${formatDuration(offsetMs)}`, sendAt, null);
  }
}

/** Repeats with `from` ≤ send time < `until` (never skipped: `from` is normally now). */
export function repeatCheckpoints(
  deadlineKey: DeadlineKey,
  deadline: Date,
  policy: ReminderPolicy,
  calendar: WorkCalendar,
  from: Date,
  until: Date,
): Checkpoint[] {
  const resolved = resolveReminderPolicy(policy);
  assertInstant(deadline, 'deadline');
  assertInstant(from, 'from');
  assertInstant(until, 'until');
  const out: Checkpoint[] = [];
  for (const c of repeatSequence(deadlineKey, deadline, resolved, calendar, from)) {
    if (c.sendAt.getTime() >= until.getTime()) break;
    out.push(c);
  }
  return out;
}

/** The first repeat sent strictly after `after` (e.g. the last reminder sent), or null without repeats. */
export function nextRepeatCheckpoint(
  deadlineKey: DeadlineKey,
  deadline: Date,
  policy: ReminderPolicy,
  calendar: WorkCalendar,
  after: Date,
): Checkpoint | null {
  const resolved = resolveReminderPolicy(policy);
  assertInstant(deadline, 'deadline');
  assertInstant(after, 'after');
  for (const c of repeatSequence(deadlineKey, deadline, resolved, calendar, new Date(after.getTime() + 1))) return c;
  return null;
}

/**
 * The earliest checkpoint still to come: not skipped, not in `done` (keys already sent), send time
 * ≥ `now`. A workflow that woke late should first send `dueCheckpoints`.
 */
export function nextCheckpoint(plan: readonly Checkpoint[], now: Date, done: ReadonlySet<string> = new Set()): Checkpoint | null {
  return plan.find((c) => !c.skipped && !done.has(c.key) && c.sendAt.getTime() >= now.getTime()) ?? null;
}

/** Checkpoints whose time has come (send time ≤ `now`) that were neither skipped nor sent yet. */
export function dueCheckpoints(plan: readonly Checkpoint[], now: Date, done: ReadonlySet<string> = new Set()): Checkpoint[] {
  return plan.filter((c) => !c.skipped && !done.has(c.key) && c.sendAt.getTime() <= now.getTime());
}
