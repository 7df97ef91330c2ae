import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DEADLINE_LABELS, onPlainWeekdays, roundReminderPlan, RoundState } from '@app/domain';
import { ReminderEntity, WorkCalendarRepository } from '@app/persistence';
import { RoundRepository } from '../rounds/round.repository';

/**
 * Every planned checkpoint of a round after working-day adjustment, with what became of it.
 * `plainWeekdays`: planned as plain Monday–Friday, its year missing from the work calendar.
 */
@Injectable()
export class ReminderPlan {
  constructor(
    private readonly ds: DataSource,
    private readonly rounds: RoundRepository,
    private readonly calendars: WorkCalendarRepository,
  ) {}

  async execute(roundId: string) {
    const round = (await this.rounds.get(roundId)).state as unknown as RoundState;
    const sent = await this.ds.getRepository(ReminderEntity).find({ select: { checkpointKey: true, status: true }, where: { roundId } });
    const byCheckpoint = new Map<string, string[]>();
    for (const r of sent) byCheckpoint.set(r.checkpointKey, [...(byCheckpoint.get(r.checkpointKey) ?? []), r.status]);
    const calendar = await this.calendars.workCalendar();
    return roundReminderPlan(round, calendar).map((c) => ({
      stage: c.deadlineKey,
      stageLabel: DEADLINE_LABELS[c.deadlineKey],
      deadline: c.deadline.toISOString(),
      checkpoint: c.checkpoint,
      sendAt: c.sendAt.toISOString(),
      skipped: c.skipped,
      plainWeekdays: onPlainWeekdays(c, round.reminderPolicy, calendar),
      reminders: byCheckpoint.get(c.key)?.length ?? 0,
    }));
  }
}
