import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource, In, MoreThan } from 'typeorm';
import {
  ACTION_LABELS,
  ACTION_ROLES,
  checkEligibility,
  createStarRatingStation,
  createStation,
  Programme,
  PROGRAMME_TEMPLATES,
  RoundCalendar,
  RoundState,
  STAR_RATING_ACTION_ROLES,
  StationState,
  validatePriorRatings,
} from '@app/domain';
import { DistrictEntity, RoundEntity, StationEntity, StationEventEntity } from '@app/persistence';
import { actorOf, Principal } from '../auth/principal';
import { ApiError } from '../common/error-codes';
import { WorkflowGateway } from '../common/workflow-gateway';
import { RemindersService } from '../reminders/reminders.service';
import { ApplicationDto, StationListQuery } from './application.dto';
import type { ActionFor, AnyStationAction } from './programme-actions';
import type { RegistrationDto } from './star-rating.dto';

/** Who may take each action, per programme (the workflow checks again; this answers 403 early). */
const ACTION_ROLES_OF: Readonly<Record<Programme, Readonly<Record<string, readonly string[]>>>> = {
  'six-haves': ACTION_ROLES,
  'star-rating': STAR_RATING_ACTION_ROLES,
};

@Injectable()
export class StationsService {
  private readonly log = new Logger('Stations');

  constructor(
    private readonly ds: DataSource,
    private readonly workflows: WorkflowGateway,
    private readonly reminders: RemindersService,
  ) {}

  /** 申报: checks eligibility (rules 4 and 5), writes the projection row, starts the workflow. */
  async apply(roundId: string, dto: ApplicationDto, principal: Principal) {
    this.assertMayApply(dto.districtCode, principal); // a caller out of scope learns nothing about the round
    const round = await this.openRound(roundId);
    await this.checkApplication(round, dto, principal);
    return this.createApplication(round, dto, principal);
  }

  /**
   * 登记: a star-rating round's registration form (the 登记表), with the station's earlier ratings.
   * A six-haves round takes applications (annex 2) instead.
   */
  async register(roundId: string, dto: RegistrationDto, principal: Principal) {
    this.assertMayApply(dto.districtCode, principal);
    const round = await this.openRound(roundId);
    if (round.programme !== 'star-rating') {
      throw new ApiError('ROUND.WRONG_PROGRAMME', '登记只用于星级评定批次；六有培育批次请提交申报（/applications）', { programme: round.programme });
    }
    await this.checkApplication(round, dto, principal);
    return this.createApplication(round, dto, principal);
  }

  /** Admin and city apply for any district, a district for its own, a station never. */
  assertMayApply(districtCode: string, principal: Principal): void {
    if (principal.role === 'district' && districtCode !== principal.districtCode) {
      throw new ApiError('FORBIDDEN', '区县只能为本区县申报站点');
    }
    if (principal.role === 'station') throw new ApiError('FORBIDDEN', '站点令牌不能新建申报');
  }

  /** The round an application goes to: it exists and still takes applications. */
  async openRound(roundId: string): Promise<RoundEntity> {
    const round = /^[0-9a-f-]{36}$/i.test(roundId) ? await this.ds.getRepository(RoundEntity).findOneBy({ id: roundId }) : null;
    if (!round) throw new ApiError('NOT_FOUND', `批次 ${roundId} 不存在`);
    if (round.status !== 'open') throw new ApiError('ROUND.CLOSED', '本批次已结束申报');
    return round;
  }

  /**
   * Everything a validated application must pass before anything is written: the caller's scope, a
   * known district and, unless it is a draft, eligibility. Shared with the bulk import (and its dry run).
   */
  async checkApplication(round: RoundEntity, dto: ApplicationDto | RegistrationDto, principal: Principal): Promise<void> {
    this.assertMayApply(dto.districtCode, principal);
    if (!(await this.ds.getRepository(DistrictEntity).existsBy({ code: dto.districtCode }))) {
      throw new ApiError('VALIDATION_FAILED', `区县代码 ${dto.districtCode} 不存在`, [`districtCode: unknown district ${dto.districtCode}`]);
    }
    if (round.programme === 'star-rating') {
      validatePriorRatings((dto as RegistrationDto).priorRatings, starSettingsOf(round).ratingYear);
      return; // the star rating has no eligibility rules (programme template: eligibility null)
    }
    const { draft, ...application } = dto as ApplicationDto;
    if (!draft) this.assertEligible(application, round.serviceCutoff);
  }

  /** Writes the projection row and starts the station's workflow, for an application that passed `checkApplication`. */
  async createApplication(round: RoundEntity, dto: ApplicationDto | RegistrationDto, principal: Principal) {
    const { draft, ...form } = dto;
    const roundId = round.id;
    const now = new Date();
    const calendar: RoundCalendar = { version: 0, deadlines: round.deadlines as RoundCalendar['deadlines'] };
    const identity = { stationId: randomUUID(), roundId, districtCode: dto.districtCode, name: dto.stationName, draft: !!draft };
    let state: StationState;
    if (round.programme === 'star-rating') {
      const settings = starSettingsOf(round);
      const { priorRatings, ...application } = form as Omit<RegistrationDto, 'draft'>;
      state = createStarRatingStation(
        { ...identity, application: { ...application }, settings, priorRatings: validatePriorRatings(priorRatings, settings.ratingYear) },
        actorOf(principal),
        now,
        { ...calendar, programme: 'star-rating' },
      );
    } else {
      state = createStation({ ...identity, application: { ...form } }, actorOf(principal), now, calendar);
    }
    // Row first (version 0, replaced by the workflow's projection), so that a calendar change
    // broadcast while the workflow starts already sees this station.
    await this.ds.transaction(async (m) => {
      await m.getRepository(StationEntity).insert({
        id: state.stationId, roundId, districtCode: state.districtCode, name: state.name, stage: state.stage,
        outcome: null, level: null, overdue: state.overdue, nextDeadline: state.nextDeadline,
        // a star-rating row says so (and carries its rating record) before the workflow's first projection
        application: state.application, state: state.starRating ? { programme: state.programme, starRating: state.starRating } : {},
        version: 0, workflowId: `station-${state.stationId}`,
        createdAt: now.toISOString(), updatedAt: now.toISOString(),
      } as never);
    });
    try {
      await this.workflows.startStation(state);
    } catch (e) {
      await this.ds.getRepository(StationEntity).delete({ id: state.stationId });
      throw e;
    }
    this.log.log(`station ${state.name} (${state.stationId}) applied in ${state.districtCode} by ${principal.label}`);
    return this.view(state);
  }

  private assertEligible(application: Omit<ApplicationDto, 'draft'>, serviceCutoff: string): void {
    const result = checkEligibility(application, serviceCutoff);
    if (!result.eligible) {
      throw new ApiError('APPLICATION.INELIGIBLE', `不符合申报条件：${result.reasons.map((r) => r.message).join('；')}`, result.reasons);
    }
  }

  /** Reads a station within the caller's scope; outside it the station does not exist (404). */
  async readable(id: string, principal: Principal): Promise<StationEntity> {
    const row = await this.find(id);
    if (!row || !inScope(row, principal)) throw new ApiError('NOT_FOUND', `站点 ${id} 不存在`);
    return row;
  }

  private async find(id: string): Promise<StationEntity | null> {
    return /^[0-9a-f-]{36}$/i.test(id) ? this.ds.getRepository(StationEntity).findOneBy({ id }) : null;
  }

  /** A write outside the caller's scope is refused (403), as the contract asks; unknown ids are 404. */
  private async writable(id: string, principal: Principal): Promise<StationEntity> {
    const row = await this.find(id);
    if (!row) throw new ApiError('NOT_FOUND', `站点 ${id} 不存在`);
    if (!inScope(row, principal)) throw new ApiError('FORBIDDEN', '无权操作其他区县或站点的数据');
    return row;
  }

  /**
   * A station action. `request` is the action, or builds it from the station's programme (a route
   * that serves both programmes, e.g. the self-assessment). An action the programme does not have
   * is a step the station will never be in: 409 STATION.WRONG_STAGE.
   */
  async act(id: string, request: AnyStationAction | ActionFor, principal: Principal) {
    const row = await this.writable(id, principal);
    const round = await this.ds.getRepository(RoundEntity).findOneByOrFail({ id: row.roundId });
    const programme = round.programme as Programme;
    const action = typeof request === 'function' ? request(programme) : request;
    const roles = ACTION_ROLES_OF[programme][action.type];
    if (!roles) {
      const step = ACTION_LABELS[action.type as keyof typeof ACTION_LABELS] ?? action.type;
      throw new ApiError('STATION.WRONG_STAGE', `「${PROGRAMME_TEMPLATES[programme].name}」项目的站点没有「${step}」这一步`, { stage: row.stage, programme });
    }
    if (!roles.includes(principal.role)) throw new ApiError('FORBIDDEN', '当前角色无权执行此操作');
    if (action.type === 'submit' && programme === 'six-haves') {
      this.assertEligible(row.application as never, round.serviceCutoff);
    }
    if (row.stage === 'closed') {
      // The workflow has completed; answer as it would have.
      throw new ApiError('STATION.WRONG_STAGE', `站点已结束（${row.outcome ?? 'closed'}），不能再操作`, { stage: row.stage, outcome: row.outcome });
    }
    const state = await this.workflows.act(id, action, actorOf(principal));
    return this.view(state);
  }

  async get(id: string, principal: Principal) {
    const row = await this.readable(id, principal);
    const history = await this.ds.getRepository(StationEventEntity).find({ where: { stationId: id }, order: { seq: 'ASC' } });
    return {
      ...this.rowView(row),
      history: history.map((h) => ({ seq: h.seq, action: h.action, actor: h.actor, role: h.role, at: h.at, fromStage: h.fromStage, toStage: h.toStage, note: h.note })),
      reminders: await this.reminders.forStation(id, principal),
    };
  }

  async list(q: StationListQuery, principal: Principal) {
    const where: Record<string, unknown> = {};
    if (q.roundId) where.roundId = q.roundId;
    if (q.stage) where.stage = q.stage;
    if (q.overdue) where.overdue = q.overdue === 'true';
    if (principal.role === 'district') {
      if (q.districtCode && q.districtCode !== principal.districtCode) throw new ApiError('FORBIDDEN', '区县只能查看本区县站点');
      where.districtCode = principal.districtCode;
    } else if (q.districtCode) where.districtCode = q.districtCode;
    if (principal.role === 'station') where.id = In([principal.stationId]);
    const after = q.cursor ? decodeCursor(q.cursor) : null;
    if (after) where.id = principal.role === 'station' ? where.id : MoreThan(after);
    const limit = q.limit ?? 50;
    const rows = await this.ds.getRepository(StationEntity).find({ where, order: { id: 'ASC' }, take: limit + 1 });
    const page = rows.slice(0, limit);
    return {
      items: page.map((r) => this.rowView(r)),
      nextCursor: rows.length > limit ? encodeCursor(page[page.length - 1].id) : null,
    };
  }

  /** For admins: the workflow behind a station, as Temporal sees it. */
  async workflow(id: string) {
    const row = await this.find(id);
    if (!row) throw new ApiError('NOT_FOUND', `站点 ${id} 不存在`);
    return this.workflows.describe(row.workflowId);
  }

  view(state: StationState) {
    const { stationId, history, calendarVersion, version, ...rest } = state;
    void calendarVersion;
    return { id: stationId, ...rest, version, history };
  }

  rowView(row: StationEntity) {
    const s = row.state as Partial<StationState>;
    return {
      id: row.id,
      roundId: row.roundId,
      districtCode: row.districtCode,
      name: row.name,
      stage: row.stage,
      outcome: row.outcome,
      level: row.level,
      overdue: row.overdue,
      nextDeadline: row.nextDeadline,
      application: row.application,
      recommendation: s.recommendation ?? null,
      filing: s.filing ?? null,
      selfAssessment: s.selfAssessment ?? null,
      evaluation: s.evaluation ?? null,
      withdrawal: s.withdrawal ?? null,
      publication: s.publication ?? null,
      programme: s.programme ?? 'six-haves',
      ...(s.starRating ? { starRating: s.starRating } : {}),
      version: row.version,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
    };
  }
}

/** A star-rating round's settings, from its row (set when the round was created). */
function starSettingsOf(round: RoundEntity) {
  const settings = (round.state as Partial<RoundState>).starRating;
  if (!settings) throw new ApiError('INTERNAL', `星级评定批次 ${round.code} 缺少评定设置`);
  return settings;
}

export function inScope(row: { id: string; districtCode: string }, p: Principal): boolean {
  if (p.role === 'admin' || p.role === 'city') return true;
  if (p.role === 'district') return row.districtCode === p.districtCode;
  return row.id === p.stationId;
}

const encodeCursor = (id: string) => Buffer.from(id, 'utf8').toString('base64url');
function decodeCursor(cursor: string): string {
  const id = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw new ApiError('VALIDATION_FAILED', 'cursor 无效', ['cursor: not a cursor returned by this API']);
  return id;
}

export type { RoundState };
