import type { PlainWeekdayYearReport } from '../activities';
import { Checkpoint, deadlineOf, plainWeekdayYears, reminderSchedule, RoundState, WorkCalendar } from '../libs/domain/src';
import type { RoundReminderProgress } from './messages';
import { reminderActivities } from './round-activities';

/** Whether a checkpoint's result settles its missed deadline for good (domain rule, by patch). */
type Resolves = (checkpoint: Checkpoint, owing: number) => boolean;

/**
 * A round's reminders (patch `round-reminders`): sends every checkpoint whose time has come. The
 * schedule is computed here (pure domain code); the work calendar is data, read by an activity
 * when the round starts and again before each send, so an admin's correction applies from the
 * next one. (Not a local activity: local activities racing an Update handler's do not replay in
 * order.)
 */
export class RoundReminders {
  private readonly done: Set<string>;
  private readonly resolved: Set<string>;
  /** Years already reported to admins by this run (the activity itself sends each year once, ever). */
  private readonly noticedYears = new Set<string>();
  private workCalendar: { version: string | null; calendar: WorkCalendar } | null = null;

  constructor(
    progress: RoundReminderProgress | undefined,
    private readonly resolves: Resolves,
    /** patch `plain-weekday-notice` (docs/patches.md) */
    private readonly plainWeekdayNotices: boolean,
  ) {
    this.done = new Set(progress?.done ?? []);
    this.resolved = new Set(progress?.resolved ?? []);
  }

  /** What continue-as-new carries over. */
  progress(): RoundReminderProgress {
    return { done: [...this.done], resolved: [...this.resolved] };
  }

  /** Sends what is due; returns when the next checkpoint is (ISO), or null. Reads the round's state as it is at each step. */
  async sendDue(round: { readonly state: RoundState }): Promise<string | null> {
    const plan = () => reminderSchedule(round.state, this.workCalendar!.calendar, new Date(), this.done, this.resolved);
    if (!this.workCalendar) await this.refreshWorkCalendar();
    if (this.plainWeekdayNotices) await this.noticeMissingYears(round.state, this.workCalendar!.calendar);
    let schedule = plan();
    if (schedule.due.length > 0) {
      await this.refreshWorkCalendar();
      schedule = plan();
    }
    for (const c of schedule.due) {
      const checkpoint = {
        deadlineKey: c.deadlineKey,
        deadline: c.deadline.toISOString(),
        checkpoint: c.checkpoint,
        sendAt: c.sendAt.toISOString(),
        key: c.key,
      };
      const { roundId, name, programme, cityContacts } = round.state;
      const { owing } = await reminderActivities.sendCheckpointReminders({ roundId, name, programme, cityContacts }, checkpoint);
      this.done.add(c.key);
      if (this.resolves(c, owing)) this.resolved.add(deadlineOf(c));
    }
    return schedule.next?.sendAt.toISOString() ?? null;
  }

  private async refreshWorkCalendar(): Promise<void> {
    const fresh = await reminderActivities.loadWorkCalendar(this.workCalendar?.version ?? null);
    if (fresh.calendar) this.workCalendar = { version: fresh.version, calendar: fresh.calendar };
  }

  /** Admins hear once of each year this round's reminders are planned in without its holidays. */
  private async noticeMissingYears(state: RoundState, calendar: WorkCalendar): Promise<void> {
    const years = plainWeekdayYears(state, calendar).filter((y) => !this.noticedYears.has(y.year));
    if (years.length === 0) return;
    const reports: PlainWeekdayYearReport[] = years.map(({ year, first }) => ({
      year,
      deadlineKey: first.deadlineKey,
      deadline: first.deadline.toISOString(),
      checkpoint: first.checkpoint,
      sendAt: first.sendAt.toISOString(),
    }));
    await reminderActivities.noticePlainWeekdayYears(
      { roundId: state.roundId, name: state.name, cityContacts: state.cityContacts },
      reports,
    );
    for (const y of years) this.noticedYears.add(y.year);
  }
}
