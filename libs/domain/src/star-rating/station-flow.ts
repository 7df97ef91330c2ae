/**
 * A star-rating station's path through a round (杭总工办〔2023〕30号 §六(二) "经各地自评、区县(市)总工会
 * 复评、市总评定确定各服务站星级"): registration (登记; a draft until submitted) → self-score (自评) →
 * district re-score (复评) → city rating (评定) → publication → promotion → closed. Each score step
 * takes the rubric's item values and keeps the computed score; the city rating sets the stars and
 * the exit review. Pure: the star-rating station workflow runs it, as the six-haves workflow runs
 * stations/transitions.ts, whose history, deadline and settling rules it shares.
 */
import { isDomainError } from '../errors';
import type { RoundCalendar } from '../rounds/round-calendar';
import { ACTION_ROLES, ACTION_STAGES } from '../stations/actions';
import type { Stage } from '../stations/stages';
import type { Actor, Role, StationState } from '../stations/station-state';
import { assertMayAct, initialStationState, NewStation, settleAction, validateActionPayload } from '../stations/transitions';
import { charLength, isPlainObject, validationFailed, ValidationIssue } from '../validation/issues';
import { PriorRating, reviewExit, starsLabel } from './exit-review';
import { findRubric } from './registry';
import type { StarLevel } from './rubric';
import { missingRatingFacts, ScoreInputError, ScoreResult, scoreStation, StationScoreValues, withFactDefaults } from './scoring';
import type { StarRatingSettings } from './settings';
import type { ScoreSheet, StarOverride, StarRatingRecord } from './station-record';

/** A score step's input: the rubric's item values and facts, and an optional note. */
interface ScoreAction {
  values: StationScoreValues;
  note?: string;
}

export type StarRatingAction =
  | { type: 'submit' }
  | ({ type: 'self_score' } & ScoreAction)
  | ({ type: 'district_review' } & ScoreAction)
  | ({ type: 'city_rate'; override?: StarOverride } & ScoreAction)
  | { type: 'withdraw'; reason: string }
  | { type: 'publish'; documentNo?: string }
  | { type: 'promote'; summary?: string };

export type StarRatingActionType = StarRatingAction['type'];

/** The stages a star-rating station goes through. */
export const STAR_RATING_STAGES: readonly Stage[] = [
  'registration',
  'self_score',
  'district_review',
  'city_rating',
  'publication',
  'promotion',
  'closed',
];

/** Where each action is accepted; withdrawal in any stage but closed, publication and promotion as for six haves. */
export const STAR_RATING_ACTION_STAGES: Readonly<Record<StarRatingActionType, readonly Stage[]>> = {
  submit: ['registration'],
  self_score: ['self_score'],
  district_review: ['district_review'],
  city_rate: ['city_rating'],
  withdraw: STAR_RATING_STAGES.filter((s) => s !== 'closed'),
  publish: ACTION_STAGES.publish,
  promote: ACTION_STAGES.promote,
};

/** Who acts: the station scores itself under its district, the district union re-scores, the city union rates. */
export const STAR_RATING_ACTION_ROLES: Readonly<Record<StarRatingActionType, readonly Role[]>> = {
  submit: ACTION_ROLES.submit,
  self_score: ['admin', 'district', 'station'],
  district_review: ['admin', 'district'],
  city_rate: ['admin', 'city'],
  withdraw: ACTION_ROLES.withdraw,
  publish: ACTION_ROLES.publish,
  promote: ACTION_ROLES.promote,
};

const SCORE_STEPS = { self_score: 'selfScore', district_review: 'districtReview', city_rate: 'cityRating' } as const;
const MAX_NOTE = 2000;
const MAX_OVERRIDE_REASON = 2000;

/**
 * Which rules a station is rated under. `prerequisiteFacts` (DOMAIN.md decision "Star
 * prerequisites"): the city must state the rubric's `requiredAtRating` facts at its rating, and a
 * count fact left out takes its rubric default at every score step. A station workflow started
 * before that decision runs with it off (patch `star-prerequisites`), so that its recorded ratings
 * replay to the same stars. The city's written override is accepted under either rule.
 */
export interface StarRatingRules {
  readonly prerequisiteFacts: boolean;
}

export const CURRENT_STAR_RATING_RULES: StarRatingRules = { prerequisiteFacts: true };

export interface NewStarRatingStation extends NewStation {
  settings: StarRatingSettings;
  /** earlier years' ratings (validatePriorRatings) */
  priorRatings: PriorRating[];
}

/** The state of a station just registered (登记): a draft waits in `registration`, else it owes its self-score. */
export function createStarRatingStation(input: NewStarRatingStation, actor: Actor, at: Date, calendar: RoundCalendar): StationState {
  const { draft, settings, priorRatings, ...identity } = input;
  const starRating: StarRatingRecord = {
    ...settings,
    priorRatings,
    selfScore: null,
    districtReview: null,
    cityRating: null,
    stars: null,
    exitReview: null,
  };
  return initialStationState(
    { ...identity, programme: 'star-rating', starRating },
    draft ? 'registration' : 'self_score',
    draft,
    actor,
    at,
    calendar,
  );
}

/** Throws unless `actor` may take `action` now: the role, the stage, then the data (the score values against the rubric). */
export function checkStarRatingAction(
  state: StationState,
  action: StarRatingAction,
  actor: Actor,
  rules: StarRatingRules = CURRENT_STAR_RATING_RULES,
): void {
  assertMayAct(state, action.type, STAR_RATING_ACTION_STAGES, STAR_RATING_ACTION_ROLES, actor);
  if (action.type === 'self_score' || action.type === 'district_review' || action.type === 'city_rate') scoreOf(state, action, rules);
  else validateActionPayload(action);
}

/** Applies an action (after checking it) and returns the new state; `state` is not modified. */
export function applyStarRatingAction(
  state: StationState,
  action: StarRatingAction,
  actor: Actor,
  at: Date,
  calendar: RoundCalendar,
  rules: StarRatingRules = CURRENT_STAR_RATING_RULES,
): StationState {
  checkStarRatingAction(state, action, actor, rules);
  const record = recordOf(state);
  let next: StationState;
  let note: string | null = null;
  switch (action.type) {
    case 'submit':
      next = { ...state, stage: 'self_score' };
      break;
    case 'self_score':
    case 'district_review':
    case 'city_rate': {
      const { values, score, override } = scoreOf(state, action, rules);
      const stars = override?.stars ?? score.stars;
      const sheet: ScoreSheet = {
        values,
        score,
        note: action.note ?? null,
        by: actor.name,
        at: at.toISOString(),
        ...(override ? { override } : {}),
      };
      const granted = override ? `（前置条件未全部满足，经书面说明认定：${override.reason}）` : '';
      note = [`${score.total}分，${starsLabel(stars)}${granted}`, action.note].filter(Boolean).join('；');
      const withSheet: StarRatingRecord = { ...record, [SCORE_STEPS[action.type]]: sheet };
      if (action.type === 'self_score') next = { ...state, stage: 'district_review', starRating: withSheet };
      else if (action.type === 'district_review') next = { ...state, stage: 'city_rating', starRating: withSheet };
      else {
        const exitReview = reviewExit(record.ratingYear, stars, record.priorRatings, record.exitAfterYears);
        const rated: StarRatingRecord = { ...withSheet, stars, exitReview };
        // Below three stars the station is not rated this year (like a six-haves station that did
        // not pass): it closes here, with the exit review on it.
        next =
          stars >= 3
            ? { ...state, stage: 'publication', starRating: rated }
            : { ...state, stage: 'closed', outcome: 'not_passed', starRating: rated };
        if (exitReview.flagged) note = `${note}；${exitReview.reason}`;
      }
      break;
    }
    case 'withdraw':
      note = action.reason;
      next = { ...state, stage: 'closed', outcome: 'withdrawn', withdrawal: { reason: action.reason, at: at.toISOString() } };
      break;
    case 'publish':
      note = action.documentNo ?? null;
      next = { ...state, stage: 'promotion', outcome: 'listed', publication: { documentNo: note, at: at.toISOString() } };
      break;
    case 'promote':
      note = action.summary ?? null;
      next = { ...state, stage: 'closed' };
      break;
  }
  return settleAction(state, next, action.type, actor, at, note, calendar);
}

function recordOf(state: StationState): StarRatingRecord {
  if (!state.starRating) throw validationFailed('不是星级评定站点', [{ field: 'programme', message: '站点不属于星级评定项目' }]);
  return state.starRating;
}

/**
 * A score step's values as they count (with the rubric's fact defaults under `prerequisiteFacts`),
 * their score with the station's rubric version, and the city's override; bad input is
 * VALIDATION_FAILED naming each field.
 */
function scoreOf(
  state: StationState,
  action: ScoreAction & { type: StarRatingActionType; override?: unknown },
  rules: StarRatingRules,
): { values: StationScoreValues; score: ScoreResult; override?: StarOverride } {
  const issues: ValidationIssue[] = [];
  if (action.note !== undefined && action.note !== null && (typeof action.note !== 'string' || charLength(action.note) > MAX_NOTE)) {
    issues.push({ field: 'note', message: `应为不超过 ${MAX_NOTE} 字的文字` });
  }
  const rubric = findRubric(recordOf(state).rubric);
  const rating = action.type === 'city_rate';
  if (rating && rules.prerequisiteFacts) {
    for (const fact of missingRatingFacts(rubric, action.values)) {
      issues.push({
        field: `facts.${fact.key}`,
        message: `市级评定须说明“${fact.label}”${fact.type === 'boolean' ? '（true 或 false）' : '（件数）'}`,
      });
    }
  }
  const values = rules.prerequisiteFacts ? withFactDefaults(rubric, action.values) : action.values;
  let score: ScoreResult | undefined;
  try {
    score = scoreStation(rubric, values);
  } catch (e) {
    if (!isDomainError(e) || e.code !== 'RUBRIC.INVALID_SCORES') throw e;
    const errors = (e.details as { errors: ScoreInputError[] }).errors;
    issues.push(...errors.map((x) => ({ field: fieldOf(x.key), message: x.message })));
  }
  let override: StarOverride | undefined;
  if (action.override !== undefined && action.override !== null) {
    if (!rating) issues.push({ field: 'override', message: '只有市级评定可以认定星级' });
    else if (score) override = overrideOf(action.override, score, issues);
  }
  if (issues.length > 0 || !score)
    throw validationFailed(`评分数据有误：${issues.map((i) => `${i.field}: ${i.message}`).join('；')}`, issues);
  return { values, score, ...(override ? { override } : {}) };
}

/**
 * The city's written override (DOMAIN.md decision): the notice sets the star prerequisites only
 * 原则上 (in principle), so the city may grant a star whose score threshold the total reaches but
 * that a missing prerequisite withholds (`blockedStars`), with a written reason. Nothing else.
 */
function overrideOf(input: unknown, score: ScoreResult, issues: ValidationIssue[]): StarOverride | undefined {
  if (!isPlainObject(input)) {
    issues.push({ field: 'override', message: '应为 { stars, reason }' });
    return undefined;
  }
  const before = issues.length;
  const withheld = (score.blockedStars ?? []).map((b) => b.stars);
  const { stars, reason, ...rest } = input;
  for (const key of Object.keys(rest)) issues.push({ field: `override.${key}`, message: '不认识的字段' });
  if (!withheld.includes(stars as StarLevel)) {
    const which = withheld.length > 0 ? `只能认定${withheld.map((n) => starsLabel(n)).join('或')}` : '没有因缺少前置条件而未获得的星级';
    issues.push({ field: 'override.stars', message: `总分${score.total}分：${which}` });
  }
  if (typeof reason !== 'string' || reason.trim() === '' || charLength(reason) > MAX_OVERRIDE_REASON) {
    issues.push({ field: 'override.reason', message: `须写明认定理由（不超过 ${MAX_OVERRIDE_REASON} 字）` });
  }
  return issues.length === before ? { stars: stars as StarLevel, reason: (reason as string).trim() } : undefined;
}

/** The input field an error of the scoring engine is about: `items.<key>`, `facts.<key>`, or the whole `values`. */
function fieldOf(key: string): string {
  return key === 'values' || key.startsWith('facts.') ? key : `items.${key}`;
}
