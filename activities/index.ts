import { createReminderActivities, ReminderActivityDeps } from './reminder.activities';
import { createRoundActivities, RoundActivityDeps } from './round.activities';
import { createStationActivities, StationActivityDeps } from './station.activities';

export type ActivityDeps = StationActivityDeps & RoundActivityDeps & ReminderActivityDeps;

/** Every activity the worker registers, built from its ports. */
export function createActivities(deps: ActivityDeps) {
  return { ...createStationActivities(deps), ...createRoundActivities(deps), ...createReminderActivities(deps) };
}

export type { RoundActivities } from './round.activities';
export type { PlainWeekdayYearReport, ReminderActivities, RoundAddressBook, ScheduledCheckpoint } from './reminder.activities';
export type { StationActivities } from './station.activities';
