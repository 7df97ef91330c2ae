import { continueAsNew, patched, setHandler } from '@temporalio/workflow';
import { resolvesDeadline, resolvesDeadlineWithSupplementaryLists, RoundState } from '../libs/domain/src';
import {
  changeDeadlinesUpdate,
  promoteUpdate,
  publishUpdate,
  RoundCarryOver,
  roundCalendarQuery,
  roundStateQuery,
  RoundWorkflowInput,
  setPanelUpdate,
} from './messages';
import { startProjectionWriter } from './projection-writer';
import { Round } from './round';
import { DeadlineEscalation } from './round-deadlines';
import { RoundReminders } from './round-reminders';
import { changeOrInstant, continueAsNewDue } from './waiting';

/** The round continues as new well before Temporal's 50k-event hard limit (target: < 4,096). */
const HISTORY_EVENTS_BEFORE_CONTINUE = 3_000;

/**
 * One round (培育批次): holds the calendar, accepts deadline changes while running and makes every
 * station follow, escalates each deadline as it passes, sends the reminders, and runs the
 * round-level steps (publication, promotion) on every station in the right stage.
 */
export async function roundWorkflow(input: RoundWorkflowInput): Promise<RoundState> {
  // The patches (docs/patches.md), in the order a round records their markers.
  // Reminders came after the first rounds were started; those replay without them.
  const remindersOn = patched('round-reminders');
  // Supplementary lists (补充名单) and promotion refused while stations are open came later still;
  // so did the notice to admins of a year missing from the work calendar.
  const supplementaryLists = patched('supplementary-lists');
  const plainWeekdayNotices = patched('plain-weekday-notice');
  const singleWriter = patched('projection-single-writer');

  const round = new Round(input.state, supplementaryLists, singleWriter);
  if (singleWriter) startProjectionWriter(round.projection);

  setHandler(roundStateQuery, () => round.state);
  setHandler(roundCalendarQuery, () => round.state.calendar);
  setHandler(changeDeadlinesUpdate, (req) => round.changeDeadlines(req), { validator: (req) => round.validateDeadlineChange(req) });
  setHandler(publishUpdate, (req) => round.publish(req), { validator: (req) => round.validatePublish(req) });
  setHandler(promoteUpdate, (req) => round.promote(req), { validator: (req) => round.validatePromote(req) });
  // A new Update without new commands for running rounds (docs/patches.md, "Updates added without a patch").
  setHandler(setPanelUpdate, (req) => round.setPanel(req), { validator: (req) => round.validateSetPanel(req) });

  const deadlines = input.passed !== undefined ? new DeadlineEscalation(input.passed) : DeadlineEscalation.startingAt(round.state);
  const resolves = supplementaryLists ? resolvesDeadlineWithSupplementaryLists : resolvesDeadline;
  const reminders = remindersOn ? new RoundReminders(input.reminders, resolves, plainWeekdayNotices) : null;
  await round.projection.written();

  while (round.state.status !== 'closed') {
    const { escalated, upcoming } = await deadlines.escalatePassed(round);
    const nextReminderAt = reminders ? await reminders.sendDue(round) : null;
    // Without reminders, a round that has just escalated goes round the loop once more before it
    // waits (the histories of such rounds say so); with them, it waits right away.
    if (reminders || escalated === 0)
      await nextChangeOrInstant(round, earliest([...upcoming, ...(nextReminderAt ? [nextReminderAt] : [])]));
    if (continueAsNewDue(HISTORY_EVENTS_BEFORE_CONTINUE)) {
      await round.projection.drain();
      const carryOver: RoundCarryOver = { passed: deadlines.passedKeys(), ...(reminders ? { reminders: reminders.progress() } : {}) };
      await continueAsNew<typeof roundWorkflow>({ state: round.state, ...carryOver });
    }
  }
  await round.projection.drain();
  return round.state;
}

/** Sleeps until an Update changes the round or the instant (a deadline, a reminder) comes. */
async function nextChangeOrInstant(round: Round, instant: string | undefined): Promise<void> {
  const seenVersion = round.state.version;
  await changeOrInstant(() => round.state.version !== seenVersion, instant);
}

/** The earliest of ISO instants (they sort as strings). */
const earliest = (instants: string[]): string | undefined => [...instants].sort()[0];
