import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource, QueryFailedError } from 'typeorm';
import {
  ALL_ROUND_DATE_KEYS,
  assertRoundDates,
  isUuid,
  parseDeadline,
  plainWeekdayWarning,
  plainWeekdayYears,
  publicationsOf,
  resolveReminderPolicy,
  resolveServiceCutoff,
  resolveStarRatingSettings,
  RoundDateKey,
  RoundState,
  STAGES,
  validateRoundDeadlines,
  WorkCalendar,
} from '@app/domain';
import { RoundEntity, StationEntity, toRoundRow, WorkCalendarRepository } from '@app/persistence';
import { actorOf, Principal } from '../auth/principal';
import { ApiError } from '../common/error-codes';
import { WorkflowGateway } from '../common/workflow-gateway';
import { ChangeDeadlinesDto, CreateRoundDto } from './rounds.dto';

@Injectable()
export class RoundsService {
  private readonly log = new Logger('Rounds');

  constructor(
    private readonly ds: DataSource,
    private readonly workflows: WorkflowGateway,
  ) {}

  async create(dto: CreateRoundDto, principal: Principal) {
    // The DTO checks the same; the domain's rule is the one the workflow holds to.
    assertRoundDates({ ...dto.deadlines });
    if (dto.serviceCutoff !== undefined) assertRoundDates({ serviceCutoff: dto.serviceCutoff }, '');
    const deadlines = validateRoundDeadlines(toInstants(dto.deadlines as unknown as Record<string, string | null>), dto.programme);
    const starRating = dto.programme === 'star-rating';
    if (!starRating && dto.starRating !== undefined) {
      throw new ApiError('VALIDATION_FAILED', 'starRating 只用于星级评定批次', ['starRating: only for star-rating rounds']);
    }
    const now = new Date();
    const state: RoundState = {
      roundId: randomUUID(),
      code: dto.code,
      name: dto.name,
      programme: dto.programme,
      status: 'open',
      calendar: { version: 1, deadlines, ...(starRating ? { programme: dto.programme } : {}) },
      ...resolveServiceCutoff(dto.serviceCutoff, deadlines, dto.programme),
      reminderPolicy: resolveReminderPolicy(dto.reminders, { capOffsets: true }),
      cityContacts: dto.cityContacts,
      ...(starRating ? { starRating: resolveStarRatingSettings(dto.starRating, deadlines) } : {}),
      changes: [],
      escalations: [],
      publication: null,
      promotion: null,
      createdBy: actorOf(principal),
      createdAt: now.toISOString(),
      version: 1,
    };
    // The row is written first (the unique code is checked there), with version 0 so that the
    // workflow's own projection replaces it.
    try {
      await this.ds.getRepository(RoundEntity).insert({ ...toRoundRow(state), version: 0 } as never);
    } catch (e) {
      if (e instanceof QueryFailedError && /unique|duplicate/i.test(e.message)) {
        throw new ApiError('ROUND.CODE_TAKEN', `批次代码 ${dto.code} 已存在`);
      }
      throw e;
    }
    try {
      await this.workflows.startRound(state);
    } catch (e) {
      await this.ds.getRepository(RoundEntity).delete({ id: state.roundId });
      throw e;
    }
    this.log.log(`round ${state.code} (${state.roundId}) created by ${principal.label}`);
    return this.view(await this.ds.getRepository(RoundEntity).findOneByOrFail({ id: state.roundId }));
  }

  async list(principal?: Principal) {
    const rows = await this.ds.getRepository(RoundEntity).find({ order: { createdAt: 'DESC' } });
    const calendar = await this.workCalendar();
    return Promise.all(rows.map((r) => this.view(r, principal, calendar)));
  }

  async get(id: string, principal?: Principal) {
    return this.view(await this.row(id), principal);
  }

  async row(id: string): Promise<RoundEntity> {
    const row = isUuid(id) ? await this.ds.getRepository(RoundEntity).findOneBy({ id }) : null;
    if (!row) throw new ApiError('NOT_FOUND', `批次 ${id} 不存在`);
    return row;
  }

  /** A round that has not ended; a closed round's workflow has completed and takes no Update. */
  private async openRow(id: string, what: string): Promise<RoundEntity> {
    const row = await this.row(id);
    if (row.status === 'closed') throw new ApiError('ROUND.CLOSED', `本批次已总结推广并结束，不能再${what}`, { status: row.status });
    return row;
  }

  private workCalendar(): Promise<WorkCalendar> {
    return new WorkCalendarRepository(this.ds).workCalendar();
  }

  async workflow(id: string) {
    return this.workflows.describe((await this.row(id)).workflowId);
  }

  async changeDeadlines(id: string, dto: ChangeDeadlinesDto, principal: Principal) {
    await this.row(id);
    const { reason, ...dates } = dto;
    const patch = toInstants(dates as Record<string, string | null>);
    const state = await this.workflows.changeDeadlines(id, { deadlines: patch, reason, actor: actorOf(principal) });
    return this.viewOfState(state);
  }

  async publish(id: string, documentNo: string | undefined, principal: Principal) {
    await this.openRow(id, '发布名单');
    return this.viewOfState(await this.workflows.publish(id, { actor: actorOf(principal), documentNo }));
  }

  async promote(id: string, summary: string, principal: Principal) {
    await this.openRow(id, '总结推广');
    return this.viewOfState(await this.workflows.promote(id, { actor: actorOf(principal), summary }));
  }

  /**
   * Counts per stage (and per district × stage) from the projection, within what the caller may
   * see: a district counts its own stations only, a station itself only.
   */
  async stageCounts(roundId: string, scope: { districtCode?: string | null; stationId?: string | null } = {}) {
    const qb = this.ds
      .getRepository(StationEntity)
      .createQueryBuilder('s')
      .select('s.district_code', 'districtCode')
      .addSelect('s.stage', 'stage')
      .addSelect('COUNT(*)', 'count')
      .addSelect('SUM(CASE WHEN s.overdue THEN 1 ELSE 0 END)', 'overdue')
      .where('s.round_id = :roundId', { roundId })
      .groupBy('s.district_code')
      .addGroupBy('s.stage');
    if (scope.districtCode) qb.andWhere('s.district_code = :districtCode', { districtCode: scope.districtCode });
    if (scope.stationId) qb.andWhere('s.id = :stationId', { stationId: scope.stationId });
    const rows: { districtCode: string; stage: string; count: string; overdue: string }[] = await qb.getRawMany();
    const stageCounts = Object.fromEntries(STAGES.map((s) => [s, 0])) as Record<string, number>;
    const byDistrict: Record<string, Record<string, { count: number; overdue: number }>> = {};
    for (const r of rows) {
      stageCounts[r.stage] += Number(r.count);
      (byDistrict[r.districtCode] ??= {})[r.stage] = { count: Number(r.count), overdue: Number(r.overdue) };
    }
    return { stageCounts, byDistrict };
  }

  private async view(row: RoundEntity, principal?: Principal, calendar?: WorkCalendar) {
    const state = row.state as unknown as Partial<RoundState>;
    const counts = await this.stageCounts(row.id, countScope(principal));
    const warning = await this.plainWeekdayWarning(row, calendar);
    return {
      id: row.id,
      code: row.code,
      name: row.name,
      programme: row.programme,
      status: row.status,
      deadlines: row.deadlines,
      serviceCutoff: row.serviceCutoff,
      serviceCutoffDefault: state.serviceCutoffDefault === true,
      reminders: row.reminders,
      cityContacts: row.cityContacts,
      ...(state.starRating ? { starRating: state.starRating } : {}),
      changes: state.changes ?? [],
      escalations: state.escalations ?? [],
      publication: state.publication ?? null,
      publications: publicationsOf({ publication: state.publication ?? null, publications: state.publications }),
      promotion: state.promotion ?? null,
      workCalendarWarning: warning,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
      ...counts,
    };
  }

  /**
   * The years this round's reminders are planned in as plain Monday–Friday because the work
   * calendar lacks them (DOMAIN.md decision), or null. A closed round sends nothing any more.
   */
  private async plainWeekdayWarning(row: RoundEntity, calendar?: WorkCalendar): Promise<{ years: string[]; message: string } | null> {
    const state = row.state as unknown as RoundState;
    if (row.status === 'closed' || !state.reminderPolicy || !state.calendar) return null;
    const years = plainWeekdayYears(state, calendar ?? (await this.workCalendar())).map((y) => y.year);
    return years.length ? { years, message: plainWeekdayWarning(years) as string } : null;
  }

  private async viewOfState(state: RoundState) {
    // The Update returns after the workflow projected itself, so the row is current.
    return this.view(await this.row(state.roundId));
  }
}

/** Date-only values mean 23:59:59 Asia/Shanghai; instants are kept; null removes an optional date. */
function toInstants(input: Record<string, string | null | undefined>): Partial<Record<RoundDateKey, string | null>> {
  const out: Partial<Record<RoundDateKey, string | null>> = {};
  for (const key of ALL_ROUND_DATE_KEYS) {
    const v = input[key];
    if (v === undefined) continue;
    out[key] = v === null ? null : parseDeadline(v, `deadlines.${key}`).toISOString();
  }
  return out;
}

/** What part of a round's counts a caller sees (admins, the city office and internal calls: all). */
function countScope(p?: Principal): { districtCode?: string | null; stationId?: string | null } {
  if (p?.role === 'district') return { districtCode: p.districtCode };
  if (p?.role === 'station') return { stationId: p.stationId ?? '-' };
  return {};
}
