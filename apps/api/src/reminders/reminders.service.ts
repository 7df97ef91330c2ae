import { Injectable } from '@nestjs/common';
import { DataSource, In, LessThan } from 'typeorm';
import { DEADLINE_LABELS, isUuid, onPlainWeekdays, roundReminderPlan, RoundState, validateWorkCalendar } from '@app/domain';
import { OutboxMessageEntity, ReminderEntity, ReminderStationEntity, RoundEntity, StationEntity, WorkCalendarRepository } from '@app/persistence';
import type { Principal } from '../auth/principal';
import { decodeCursor, encodeCursor } from '../common/cursor';
import { ApiError } from '../common/error-codes';
import type { OutboxListQuery, ReminderListQuery, WorkCalendarYearDto } from './reminders.dto';

/** Newest first, by an opaque cursor over (created_at, id). */
const cursorOf = (row: { createdAt: string; id: string }) => encodeCursor(`${row.createdAt}|${row.id}`);
const positionOf = (cursor: string): { createdAt: string; id: string } =>
  decodeCursor(cursor, (key) => {
    const [createdAt, id] = key.split('|');
    return createdAt && isUuid(id ?? '') ? { createdAt, id } : null;
  });

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
    const row = isUuid(roundId) ? await this.ds.getRepository(RoundEntity).findOneBy({ id: roundId }) : null;
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
    const stationId = p.role === 'station' ? (p.stationId ?? '-') : q.stationId;
    if (p.role === 'station') qb.andWhere("r.kind = 'district'");
    if (stationId) {
      qb.andWhere(`r.id IN (SELECT rs.reminder_id FROM reminder_stations rs WHERE rs.station_id = :stationId)`, { stationId });
    }
    if (q.cursor) {
      const c = positionOf(q.cursor);
      qb.andWhere('(r.created_at < :at OR (r.created_at = :at AND r.id < :id))', { at: c.createdAt, id: c.id });
    }
    const limit = q.limit ?? 50;
    const rows = await qb.orderBy('r.created_at', 'DESC').addOrderBy('r.id', 'DESC').take(limit + 1).getMany();
    const page = rows.slice(0, limit);
    const viewer = p.role === 'station' ? (p.stationId ?? '-') : undefined;
    return { items: await this.views(page, viewer), nextCursor: rows.length > limit ? cursorOf(page[page.length - 1]) : null };
  }

  /** The reminders about one station, for its page (already scoped by the caller). */
  async forStation(stationId: string, p: Principal) {
    return (await this.list({ stationId, limit: 200 }, p)).items;
  }

  /**
   * A district digest lists the district's stations and copies their contacts. A station (`viewer`)
   * sees its own id among them and no other station's contact address.
   */
  private async views(rows: ReminderEntity[], viewer?: string) {
    const all = rows.length
      ? await this.ds.getRepository(ReminderStationEntity).find({ where: { reminderId: In(rows.map((r) => r.id)) } })
      : [];
    const links = viewer ? all.filter((l) => l.stationId === viewer) : all;
    const hidden = viewer ? await this.otherStationsContacts(all.map((l) => l.stationId), viewer) : new Set<string>();
    const shown = (recipients: string[]) => recipients.filter((e) => !hidden.has(e.toLowerCase()));
    return rows.map((r) => ({
      id: r.id,
      roundId: r.roundId,
      kind: r.kind,
      districtCode: r.districtCode,
      recipient: shown(r.recipients).join(', '),
      recipients: shown(r.recipients),
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

  /** The contact addresses of the stations other than `own` (lower case), unless `own` shares one. */
  private async otherStationsContacts(stationIds: string[], own: string): Promise<Set<string>> {
    const ids = [...new Set(stationIds)];
    if (ids.length === 0) return new Set();
    const rows = await this.ds.getRepository(StationEntity).find({ select: { id: true, application: true }, where: { id: In(ids) } });
    const emailOf = (row?: StationEntity) => {
      const email = (row?.application as { contact?: { email?: unknown } } | undefined)?.contact?.email;
      return typeof email === 'string' ? email.toLowerCase() : null;
    };
    const mine = emailOf(rows.find((r) => r.id === own));
    return new Set(rows.filter((r) => r.id !== own).map(emailOf).filter((e): e is string => e !== null && e !== mine));
  }

  async outbox(q: OutboxListQuery) {
    const where = q.cursor ? { createdAt: LessThan(positionOf(q.cursor).createdAt) } : {};
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
      nextCursor: rows.length > limit ? cursorOf(page[page.length - 1]) : null,
    };
  }

  async outboxMessage(id: string) {
    const row = isUuid(id) ? await this.ds.getRepository(OutboxMessageEntity).findOneBy({ id }) : null;
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
