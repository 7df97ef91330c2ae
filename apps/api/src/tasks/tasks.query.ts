import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { ACTION_LABELS, Programme, Stage, STAGE_LABELS } from '@app/domain';
import { projectedStateOf, RoundEntity, StationEntity } from '@app/persistence';
import type { Principal } from '../auth/principal';

/** What the caller must do with a station waiting in a stage; `revise` is `submit` for an application sent back. */
export type TaskAction =
  | 'submit'
  | 'revise'
  | 'recommend'
  | 'file'
  | 'self_assess'
  | 'evaluate'
  | 'publish'
  | 'promote'
  | 'self_score'
  | 'district_review'
  | 'city_rate';

type Waiter = 'district' | 'station' | 'city';

/**
 * Who a station waits on in each stage, and for what, per programme. Cultivation waits on nobody
 * (the self-assessment window has not opened; the mid-term review is optional).
 */
const WAITS: Readonly<Record<Programme, Partial<Record<Stage, { action: TaskAction; on: readonly Waiter[] }>>>> = {
  'six-haves': {
    application: { action: 'submit', on: ['district', 'station'] },
    recommendation: { action: 'recommend', on: ['district'] },
    filing: { action: 'file', on: ['city'] },
    self_assessment: { action: 'self_assess', on: ['district', 'station'] },
    city_evaluation: { action: 'evaluate', on: ['city'] },
    publication: { action: 'publish', on: ['city'] },
    promotion: { action: 'promote', on: ['city'] },
  },
  'star-rating': {
    registration: { action: 'submit', on: ['district', 'station'] },
    self_score: { action: 'self_score', on: ['district', 'station'] },
    district_review: { action: 'district_review', on: ['district'] },
    city_rating: { action: 'city_rate', on: ['city'] },
    publication: { action: 'publish', on: ['city'] },
    promotion: { action: 'promote', on: ['city'] },
  },
};

const TASK_LABELS: Readonly<Record<TaskAction, string>> = {
  submit: '提交申报',
  revise: '按退回意见修改后重新提交',
  recommend: ACTION_LABELS.recommend,
  file: ACTION_LABELS.file,
  self_assess: ACTION_LABELS.self_assess,
  evaluate: ACTION_LABELS.evaluate,
  publish: ACTION_LABELS.publish,
  promote: ACTION_LABELS.promote,
  self_score: ACTION_LABELS.self_score,
  district_review: ACTION_LABELS.district_review,
  city_rate: ACTION_LABELS.city_rate,
};

/** A list of work for one page, not an export: the most urgent this many. */
const MAX_TASKS = 500;

/**
 * GET /me/tasks: what waits on the caller across the rounds still running (not closed), overdue
 * first, then by deadline (none last), then by station name. A district sees its stations that wait
 * on the district (or on their station, which the district answers for), a station itself, the city
 * and admins what waits on the city.
 */
@Injectable()
export class MyTasks {
  constructor(private readonly ds: DataSource) {}

  async execute(principal: Principal) {
    // An expert's work is the reviews assigned to them (GET /api/me/reviews), not a step of a station.
    if (principal.role === 'expert') return { items: [] };
    const rounds = await this.ds.getRepository(RoundEntity).find({ where: { status: In(['open', 'published']) } });
    if (rounds.length === 0) return { items: [] };
    const waiter: Waiter = principal.role === 'admin' ? 'city' : principal.role;
    const stages = new Set(
      rounds.flatMap((r) =>
        Object.entries(WAITS[r.programme as Programme] ?? {}).flatMap(([stage, w]) => (w.on.includes(waiter) ? [stage] : [])),
      ),
    );
    if (stages.size === 0) return { items: [] };
    const scope =
      principal.role === 'district'
        ? { districtCode: principal.districtCode ?? '' }
        : principal.role === 'station'
          ? { id: principal.stationId ?? '' }
          : {};
    const rows = await this.ds.getRepository(StationEntity).find({
      where: { roundId: In(rounds.map((r) => r.id)), stage: In([...stages]), ...scope },
      order: { overdue: 'DESC', nextDeadline: 'ASC', name: 'ASC' },
      take: MAX_TASKS * 2,
    });
    const roundOf = new Map(rounds.map((r) => [r.id, r]));
    const items = rows.flatMap((s) => {
      const round = roundOf.get(s.roundId)!;
      const wait = WAITS[round.programme as Programme]?.[s.stage as Stage];
      if (!wait || !wait.on.includes(waiter)) return [];
      const returned = projectedStateOf(s).returned;
      const sentBack = returned && returned.toStage === s.stage ? returned : null;
      const action: TaskAction = wait.action === 'submit' && sentBack ? 'revise' : wait.action;
      return [
        {
          stationId: s.id,
          stationName: s.name,
          roundId: round.id,
          roundName: round.name,
          programme: round.programme,
          districtCode: s.districtCode,
          stage: s.stage,
          stageLabel: STAGE_LABELS[s.stage as Stage],
          action,
          actionLabel: TASK_LABELS[action],
          deadline: s.nextDeadline,
          overdue: s.overdue,
          ...(sentBack ? { returned: sentBack } : {}),
        },
      ];
    });
    items.sort(
      (a, b) =>
        Number(b.overdue) - Number(a.overdue) ||
        (a.deadline ?? '\uffff').localeCompare(b.deadline ?? '\uffff') ||
        a.stationName.localeCompare(b.stationName, 'zh-CN'),
    );
    return { items: items.slice(0, MAX_TASKS) };
  }
}
