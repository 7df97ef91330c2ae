import type { DeadlineKey, RoundCalendar } from '../rounds/round-calendar';

/**
 * The step a station waits in. Six haves (渝人社〔2023〕474号 §四): application (draft) →
 * recommendation (择优推荐, by the district) → filing (备案, by the city) → cultivation (培育) →
 * self-assessment (自评) → city evaluation (培育评估) → publication (名单发布) → promotion (总结推广)
 * → closed. Star rating (杭总工办〔2023〕30号 §六(二)): registration (登记, a draft) → self-score
 * (自评) → district re-score (复评) → city rating (评定) → publication → promotion → closed.
 * The programmes' own stages first, then the ones they share.
 */
export const STAGES = [
  'application',
  'recommendation',
  'filing',
  'cultivation',
  'self_assessment',
  'city_evaluation',
  'registration',
  'self_score',
  'district_review',
  'city_rating',
  'publication',
  'promotion',
  'closed',
] as const;
export type Stage = (typeof STAGES)[number];

/** The stages of a station still running (every stage but closed). */
export const OPEN_STAGES: readonly Stage[] = STAGES.filter((s) => s !== 'closed');

export const OUTCOMES = ['withdrawn', 'not_recommended', 'not_filed', 'not_passed', 'listed'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** 市级 or 区县级: chosen at filing, confirmed at publication. */
export const LEVELS = ['city', 'district'] as const;
export type Level = (typeof LEVELS)[number];

/**
 * Which round deadline a station in a stage is held to. A draft still in `application` at the
 * recommendation deadline has missed it as much as one the district has not yet recommended.
 */
export const STAGE_DEADLINE: Readonly<Record<Stage, DeadlineKey | null>> = {
  application: 'recommendation',
  recommendation: 'recommendation',
  filing: 'filing',
  cultivation: 'selfAssessment',
  self_assessment: 'selfAssessment',
  city_evaluation: 'cityEvaluation',
  registration: 'registration',
  self_score: 'selfScore',
  district_review: 'districtReview',
  city_rating: 'cityRating',
  publication: 'publication',
  promotion: 'promotion',
  closed: null,
};

/** The stages that still owe the step whose deadline is `key` (for overdue lists and digests). */
export function stagesOwing(key: DeadlineKey): Stage[] {
  return STAGES.filter((s) => STAGE_DEADLINE[s] === key);
}

/** The deadline a station in `stage` must meet, or null (closed, or an optional date not set). */
export function deadlineFor(stage: Stage, calendar: RoundCalendar): string | null {
  const key = STAGE_DEADLINE[stage];
  return key ? (calendar.deadlines[key] ?? null) : null;
}

/**
 * When the self-assessment window opens. **Decision**: without an explicit `selfAssessmentOpens`,
 * on the first day of the deadline's month in Asia/Shanghai — the notice sets the step as
 * "9月底前" (within September) for a 30 September deadline.
 */
export function selfAssessmentOpensAt(calendar: RoundCalendar): string {
  const explicit = calendar.deadlines.selfAssessmentOpens;
  if (explicit) return explicit;
  // Six-haves calendars always hold the self-assessment deadline (validateRoundDeadlines).
  const deadline = new Date(calendar.deadlines.selfAssessment as string);
  const shanghai = new Date(deadline.getTime() + 8 * 3600_000);
  const firstOfMonth = Date.UTC(shanghai.getUTCFullYear(), shanghai.getUTCMonth(), 1) - 8 * 3600_000;
  return new Date(firstOfMonth).toISOString();
}

/** zh-CN names of the stages, for dashboards, mail and exports. */
export const STAGE_LABELS: Readonly<Record<Stage, string>> = {
  application: '申报（草稿）',
  recommendation: '择优推荐',
  filing: '备案',
  cultivation: '培育',
  self_assessment: '自评',
  city_evaluation: '培育评估',
  registration: '登记（草稿）',
  self_score: '星级自评',
  district_review: '区县复评',
  city_rating: '星级评定',
  publication: '名单发布',
  promotion: '总结推广',
  closed: '已结束',
};

/** zh-CN names of the outcomes a station can end with. */
export const OUTCOME_LABELS: Readonly<Record<Outcome, string>> = {
  withdrawn: '已撤回',
  not_recommended: '未获推荐',
  not_filed: '未予备案',
  not_passed: '评估未通过',
  listed: '已入选名单',
};

/** zh-CN names of the levels (市级 / 区县级). */
export const LEVEL_LABELS: Readonly<Record<Level, string>> = {
  city: '市级',
  district: '区县级',
};
