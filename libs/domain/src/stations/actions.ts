import type { SixHavesAssessment } from '../six-haves';
import { Level, OPEN_STAGES, Stage } from './stages';
import type { Role } from './station-state';

/** Every human or round-level action on a station. Each is one Update of the station workflow. */
export type StationAction =
  | { type: 'submit' }
  | { type: 'recommend'; recommended: boolean; note?: string }
  | { type: 'file'; filed: boolean; level?: Level; note?: string }
  | { type: 'self_assess'; sixHaves: SixHavesAssessment; summary: string }
  | {
      type: 'evaluate';
      passed: boolean;
      comments?: string;
      /** the city's judgement per have (DOMAIN.md decision), like the self-assessment */
      sixHaves?: SixHavesAssessment;
      /** confirms or changes the level chosen at filing (a passed station is listed at it) */
      level?: Level;
    }
  | { type: 'withdraw'; reason: string }
  | { type: 'publish'; documentNo?: string }
  | { type: 'promote'; summary?: string }
  // The paperwork of a real round (shared/API.md): sending back, editing, the mid-term review.
  | { type: 'return'; reason: string }
  | { type: 'edit_application'; changes: Record<string, unknown> }
  | { type: 'mid_term_review'; sixHaves: SixHavesAssessment; summary: string; additional?: boolean };

export type StationActionType = StationAction['type'];

/** The stages in which an action is accepted (withdrawal: any stage but closed). */
export const ACTION_STAGES: Readonly<Record<StationActionType, readonly Stage[]>> = {
  submit: ['application'],
  recommend: ['recommendation'],
  file: ['filing'],
  // A station may self-assess as soon as it is filed; the window only says when it must.
  self_assess: ['cultivation', 'self_assessment'],
  evaluate: ['city_evaluation'],
  withdraw: OPEN_STAGES,
  publish: ['publication'],
  promote: ['promotion'],
  // 退回修改: the district sends an application back to its station, the city a recommended station back to its district
  return: ['recommendation', 'filing'],
  // a draft, or an application sent back, is edited before it is submitted (again)
  edit_application: ['application'],
  // 中期评估, during cultivation (optional)
  mid_term_review: ['cultivation'],
};

/** Who may send a station back from each stage (`return`): the district its own applications, the city the recommendations. */
export const RETURN_ROLE_OF_STAGE: Readonly<Partial<Record<Stage, Role>>> = { recommendation: 'district', filing: 'city' };

/** Where a returned station goes: one step back. */
export const RETURN_TARGET: Readonly<Partial<Record<Stage, Stage>>> = { recommendation: 'application', filing: 'recommendation' };

/**
 * Who may take an action (shared/API.md). Scoping to one district or station is the API's job;
 * `admin` may do everything.
 */
export const ACTION_ROLES: Readonly<Record<StationActionType, readonly Role[]>> = {
  submit: ['admin', 'city', 'district', 'station'],
  recommend: ['admin', 'district'],
  file: ['admin', 'city'],
  self_assess: ['admin', 'district', 'station'],
  evaluate: ['admin', 'city'],
  withdraw: ['admin', 'city', 'district'],
  publish: ['admin', 'city', 'system'],
  promote: ['admin', 'city', 'system'],
  return: ['admin', 'city', 'district'],
  edit_application: ['admin', 'district', 'station'],
  mid_term_review: ['admin', 'city', 'district'],
};

/** The star-rating programme's own actions (star-rating/station-flow.ts), named here for their labels. */
export type StarRatingOwnActionType = 'self_score' | 'district_review' | 'city_rate';

/** zh-CN names of actions, for history and dashboards. */
export const ACTION_LABELS: Readonly<
  Record<StationActionType | StarRatingOwnActionType | 'apply' | 'overdue' | 'self_assessment_opened' | 'deadline_changed', string>
> = {
  apply: '提交申报',
  submit: '提交申报',
  recommend: '区县推荐',
  file: '市级备案',
  self_assess: '提交自评',
  evaluate: '培育评估',
  withdraw: '撤回',
  publish: '名单发布',
  promote: '总结推广',
  self_score: '星级自评',
  district_review: '区县复评',
  city_rate: '星级评定',
  overdue: '逾期',
  self_assessment_opened: '自评开始',
  deadline_changed: '截止日期调整',
  return: '退回修改',
  edit_application: '修改申报材料',
  mid_term_review: '中期评估',
};
