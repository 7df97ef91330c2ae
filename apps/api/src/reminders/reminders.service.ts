import { Injectable } from '@nestjs/common';
import { DataSource, In, LessThan } from 'typeorm';
import { DEADLINE_LABELS, onPlainWeekdays, roundReminderPlan, RoundState, validateWorkCalendar } from '@app/domain';
import { OutboxMessageEntity, ReminderEntity, ReminderStationEntity, RoundEntity, WorkCalendarRepository } from '@app/persistence';
import type { Principal } from '../auth/principal';
import { ApiError } from '../common/error-codes';
import type { OutboxListQuery, ReminderListQuery, WorkCalendarYearDto } from './reminders.dto';

/** Newest first, by an opaque cursor over (created_at, id). */
const encodeCursor = (row: { createdAt: string; id: string }) => Buffer.from(`${row.createdAt}|${row.id}`, 'utf8').toString('base64url');
function decodeCursor(cursor: string): { createdAt: string; id: string } {
  const [createdAt, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (!createdAt || !/^[0-9a-f-]{36}$/i.test(id ?? '')) throw new ApiError('VALIDATION_FAILED', 'cursor 无效', ['cursor: not a cursor returned by this API']);
  return { createdAt, id };
}

@Injectable()
export class RemindersService {
  private readonly calendars: WorkCalendarRepository;

  constructor(private readonly ds: DataSource) {
    this.calendars = new WorkCalendarRepository(ds);
  }

  /**
   * Every planned checkpoint of a round after working-day adjustment, with what became of it.
   * `plainWeekdays`: planned as plain Monday–Friday, its year missing from the work calendar.
   */
  async plan(roundId: string) {
    const row = /^[0-9a-f-]{36}$/i.test(roundId) ? await this.ds.getRepository(RoundEntity).findOneBy({ id: roundId }) : null;
    if (!row) throw new ApiError('NOT_FOUND', `批次 ${roundId} 不存在`);
    const round = row.state as unknown as RoundState;
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

  /**
   * Reminders, newest first. A district sees the digests to its own district; a station, the
   * district digests that listed it; the city office and admins see everything (escalations,
   * their own digests, delivery failures).
   */
  async list(q: ReminderListQuery, p: Principal) {
    const qb = this.ds.getRepository(ReminderEntity).createQueryBuilder('r');
    if (q.roundId) qb.andWhere('r.round_id = :roundId', { roundId: q.roundId });
    if (q.status) qb.andWhere('r.status = :status', { status: q.status });
    if (p.role === 'district') {
      if (q.districtCode && q.districtCode !== p.districtCode) throw new ApiError('FORBIDDEN', '区县只能查看本区县的提醒');
      qb.andWhere("r.kind = 'district' AND r.district_code = :own", { own: p.districtCode });
    } else if (q.districtCode) qb.andWhere('r.district_code = :districtCode', { districtCode: q.districtCode });
    const stationId = p.role === 'station' ? p.stationId : q.stationId;
    if (p.role === 'station') qb.andWhere("r.kind = 'district'");
    if (stationId) {
      qb.andWhere(`r.id IN (SELECT rs.reminder_id FROM reminder_stations rs WHERE rs.station_id = :stationId)`, { stationId });
    }
    if (q.cursor) {
      const c = decodeCursor(q.cursor);
      qb.andWhere('(r.created_at < :at OR (r.created_at = :at AND r.id < :id))', { at: c.createdAt, id: c.id });
    }
    const limit = q.limit ?? 50;
    const rows = await qb.orderBy('r.created_at', 'DESC').addOrderBy('r.id', 'DESC').take(limit + 1).getMany();
    const page = rows.slice(0, limit);
    return { items: await this.views(page), nextCursor: rows.length > limit ? encodeCursor(page[page.length - 1]) : null };
  }

  /** The reminders about one station, for its page (already scoped by the caller). */
  async forStation(stationId: string, p: Principal) {
    return (await this.list({ stationId, limit: 200 }, p)).items;
  }

  private async views(rows: ReminderEntity[]) {
    const links = rows.length
      ? await this.ds.getRepository(ReminderStationEntity).find({ where: { reminderId: In(rows.map((r) => r.id)) } })
      : [];
    return rows.map((r) => ({
      id: r.id,
      roundId: r.roundId,
      kind: r.kind,
      districtCode: r.districtCode,
      recipient: r.recipients.join(', '),
      recipients: r.recipients,
      stage: r.deadlineKey,
      deadlineKey: r.deadlineKey,
      deadline: r.deadline,
      checkpoint: r.checkpoint,
      status: r.status,
      attempts: r.attempts,
      error: r.lastError,
      subject: r.subject,
      messageId: r.messageId,
      createdAt: r.createdAt,
      sentAt: r.sentAt,
      stationIds: links.filter((l) => l.reminderId === r.id).map((l) => l.stationId),
    }));
  }

  async outbox(q: OutboxListQuery) {
    const where = q.cursor ? { createdAt: LessThan(decodeCursor(q.cursor).createdAt) } : {};
    const limit = q.limit ?? 50;
    const rows = await this.ds.getRepository(OutboxMessageEntity).find({ where, order: { createdAt: 'DESC', id: 'DESC' }, take: limit + 1 });
    const page = rows.slice(0, limit);
    const reminders = page.length
      ? await this.ds.getRepository(ReminderEntity).find({ select: { id: true, messageId: true }, where: { messageId: In(page.map((m) => m.messageId)) } })
      : [];
    return {
      items: page.map((m) => ({
        id: m.id,
        messageId: m.messageId,
        to: m.mail.to,
        cc: m.mail.cc,
        subject: m.mail.subject,
        createdAt: m.createdAt,
        reminderId: reminders.find((r) => r.messageId === m.messageId)?.id ?? null,
      })),
      nextCursor: rows.length > limit ? encodeCursor(page[page.length - 1]) : null,
    };
  }

  async outboxMessage(id: string) {
    const row = /^[0-9a-f-]{36}$/i.test(id) ? await this.ds.getRepository(OutboxMessageEntity).findOneBy({ id }) : null;
    if (!row) throw new ApiError('NOT_FOUND', `邮件 ${id} 不存在`);
    return row;
  }

  workCalendar() {
    return this.calendars.workCalendar();
  }

  /** Adds or corrects one year; validated by the domain (dates in that year, no overlap, …). */
  async putWorkCalendarYear(year: string, dto: WorkCalendarYearDto, p: Principal) {
    // Holiday notices exist for the years offices plan in; 0000 or 9999 would only be a typo.
    if (!/^20\d{2}$/.test(year)) throw new ApiError('VALIDATION_FAILED', '年份应在 2000–2099 之间', [`year: ${year}`]);
    const calendar = validateWorkCalendar({ years: { [year]: { holidays: dto.holidays, adjustedWorkdays: dto.adjustedWorkdays } } });
    await this.calendars.put(calendar, dto.source ?? null, p.label);
    return this.calendars.workCalendar();
  }
}
