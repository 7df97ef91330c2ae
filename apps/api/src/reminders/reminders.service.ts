import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { ReminderEntity, ReminderStationEntity, StationEntity } from '@app/persistence';
import type { Principal } from '../auth/principal';
import { ApiError } from '../common/error-codes';
import { decodeCreatedAtCursor, encodeCreatedAtCursor } from './created-at-cursor';
import type { ReminderListQuery } from './reminders.dto';

/** The reminders log as a caller may see it: the list, and the reminders about one station. */
@Injectable()
export class RemindersService {
  constructor(private readonly ds: DataSource) {}

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
      const c = decodeCreatedAtCursor(q.cursor);
      qb.andWhere('(r.created_at < :at OR (r.created_at = :at AND r.id < :id))', { at: c.createdAt, id: c.id });
    }
    const limit = q.limit ?? 50;
    const rows = await qb
      .orderBy('r.created_at', 'DESC')
      .addOrderBy('r.id', 'DESC')
      .take(limit + 1)
      .getMany();
    const page = rows.slice(0, limit);
    const viewer = p.role === 'station' ? (p.stationId ?? '-') : undefined;
    return { items: await this.views(page, viewer), nextCursor: rows.length > limit ? encodeCreatedAtCursor(page[page.length - 1]) : null };
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
    const hidden = viewer
      ? await this.otherStationsContacts(
          all.map((l) => l.stationId),
          viewer,
        )
      : new Set<string>();
    const shown = (recipients: string[]) => recipients.filter((e) => !hidden.has(e.toLowerCase()));
    return rows.map((r) => ({
      id: r.id,
      roundId: r.roundId,
      kind: r.kind,
      // mail, or the group robot it was posted to (its recipient is the robot, masked)
      channel: r.channel ?? 'mail',
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
    return new Set(
      rows
        .filter((r) => r.id !== own)
        .map(emailOf)
        .filter((e): e is string => e !== null && e !== mine),
    );
  }
}
