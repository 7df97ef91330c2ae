import type { WorkCalendar } from '../calendar/working-days';
import { DEADLINE_KEYS, DeadlineKey } from '../rounds/round-calendar';
import type { RoundState } from '../rounds/round-state';
import {
  Checkpoint,
  checkpointKind,
  dueCheckpoints,
  nextCheckpoint,
  nextRepeatCheckpoint,
  planCheckpoints,
  repeatCheckpoints,
} from './plan';

export type RoundReminderSource = Pick<RoundState, 'calendar' | 'changes' | 'createdAt' | 'reminderPolicy'>;

/**
 * When a deadline got its current value: the last change that touched it, else the round's
 * creation. Checkpoints before that moment are skipped (a round recorded after the fact, or a
 * deadline moved after some reminders went out), never sent late.
 */
export function deadlineSetAt(round: RoundReminderSource, key: DeadlineKey): Date {
  const touched = round.changes.filter((c) => c.changed[key] !== undefined).map((c) => c.at);
  return new Date(touched.length > 0 ? touched[touched.length - 1] : round.createdAt);
}

/** The round's reminder plan: every deadline's checkpoints (without repeats), by send time then deadline order. */
export function roundReminderPlan(round: RoundReminderSource, calendar: WorkCalendar): Checkpoint[] {
  const plan = DEADLINE_KEYS.flatMap((key) => {
    const at = round.calendar.deadlines[key];
    if (!at) return [];
    return planCheckpoints({ deadlines: { [key]: new Date(at) }, policy: round.reminderPolicy, calendar, now: deadlineSetAt(round, key) });
  });
  // Array.prototype.sort is stable: equal send times keep DEADLINE_KEYS order.
  return plan.sort((a, b) => a.sendAt.getTime() - b.sendAt.getTime());
}

export interface ReminderSchedule {
  /** checkpoints whose time has come and that were not sent: send now, in this order */
  due: Checkpoint[];
  /** the next checkpoint to wait for, if any */
  next: Checkpoint | null;
}

/**
 * What the round workflow must send now and what it waits for next.
 *
 * - `done`: checkpoint keys already handled;
 * - `resolved`: `deadlineKey|deadline` of missed deadlines that nobody owed any more at an overdue
 *   checkpoint: their weekly repeats stop.
 * Repeats missed while the service was down are not all sent on its return: only the latest one.
 * A deadline that had already passed when it was set gets no repeats (nor, being skipped, any
 * other checkpoint): recording a finished round sends nothing.
 */
export function reminderSchedule(
  round: RoundReminderSource,
  calendar: WorkCalendar,
  now: Date,
  done: ReadonlySet<string>,
  resolved: ReadonlySet<string>,
): ReminderSchedule {
  const plan = roundReminderPlan(round, calendar);
  const due = dueCheckpoints(plan, now, done);
  let next = nextCheckpoint(plan, now, done);
  if (round.reminderPolicy.repeatAfter !== null) {
    for (const key of DEADLINE_KEYS) {
      const at = round.calendar.deadlines[key];
      if (!at) continue;
      const deadline = new Date(at);
      const setAt = deadlineSetAt(round, key);
      // A deadline already past when it was set (a round recorded after the fact) is not chased.
      if (setAt.getTime() >= deadline.getTime() || resolved.has(deadlineOf({ deadlineKey: key, deadline }))) continue;
      const late = repeatCheckpoints(key, deadline, round.reminderPolicy, calendar, setAt, new Date(now.getTime() + 1));
      const latest = late[late.length - 1];
      if (latest && !done.has(latest.key)) due.push(latest);
      const upcoming = nextRepeatCheckpoint(key, deadline, round.reminderPolicy, calendar, now);
      if (upcoming && (!next || upcoming.sendAt.getTime() < next.sendAt.getTime())) next = upcoming;
    }
    due.sort((a, b) => a.sendAt.getTime() - b.sendAt.getTime());
  }
  return { due, next };
}

/** `deadlineKey|deadline` of the checkpoint's deadline: what `resolved` holds. */
export const deadlineOf = (c: Pick<Checkpoint, 'deadlineKey' | 'deadline'>): string => `${c.deadlineKey}|${c.deadline.toISOString()}`;

/** An overdue checkpoint that found nobody owing resolves its deadline (no more repeats). */
export const resolvesDeadline = (c: Pick<Checkpoint, 'checkpoint'>, owing: number): boolean =>
  owing === 0 && checkpointKind(c.checkpoint) === 'after';

/**
 * The same with supplementary lists (补充名单): the publication step can be owed again after an
 * overdue checkpoint found nobody owing it, since a station the city evaluates late reaches
 * `publication` after the list went out. Its weekly repeats therefore go on until promotion (a
 * checkpoint that finds nobody sends nothing), so the city hears of each station that waits for
 * a supplementary list; stations already listed wait in `promotion` and are not in them.
 */
export const resolvesDeadlineWithSupplementaryLists = (c: Pick<Checkpoint, 'checkpoint' | 'deadlineKey'>, owing: number): boolean =>
  c.deadlineKey !== 'publication' && resolvesDeadline(c, owing);
