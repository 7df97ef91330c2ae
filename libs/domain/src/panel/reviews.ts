import { DomainError, isDomainError } from '../errors';
import type { Programme } from '../rounds/round-state';
import { SixHavesAssessment, validateSixHavesAssessment } from '../six-haves';
import { findRubric } from '../star-rating/registry';
import { ScoreInputError, ScoreResult, scoreStation, StationScoreValues, withFactDefaults } from '../star-rating/scoring';
import type { StarRatingRecord } from '../star-rating/station-record';
import { charLength, isPlainObject, rejectUnknownKeys, validationFailed, ValidationIssue } from '../validation/issues';

export const RECOMMENDATIONS = ['pass', 'fail'] as const;
export type Recommendation = (typeof RECOMMENDATIONS)[number];

const MAX_COMMENTS = 2000;

/** A six-haves review: per have a status and evidence (as in the self-assessment), and a recommendation. */
export interface SixHavesReviewInput {
  sixHaves: SixHavesAssessment;
  recommendation: Recommendation;
  comments?: string;
}

/** A star-rating review: the rubric's item values and facts (as in the city rating). */
export interface StarRatingReviewInput {
  items: StationScoreValues['items'];
  facts?: StationScoreValues['facts'];
  comments?: string;
}

export type ReviewInput = SixHavesReviewInput | StarRatingReviewInput;

/**
 * One expert's review of one station (the latest revision). Its id is stable across revisions:
 * the city's decision names the ids it rests on.
 */
export interface ExpertReview {
  id: string;
  expertId: string;
  expertName: string;
  programme: Programme;
  revision: number;
  submittedAt: string;
  revisedAt: string;
  comments: string | null;
  /** six haves */
  sixHaves?: SixHavesAssessment;
  recommendation?: Recommendation;
  /** star rating: what counted (with the rubric's fact defaults) and its score by the rubric */
  values?: StationScoreValues;
  score?: ScoreResult;
}

export const reviewId = (stationId: string, expertId: string): string => `${stationId}:${expertId}`;

/** What a review of a station of `programme` holds once validated; throws VALIDATION_FAILED naming each bad field. */
export function validateReview(
  programme: Programme,
  input: unknown,
  starRating: StarRatingRecord | undefined,
): Pick<ExpertReview, 'comments' | 'sixHaves' | 'recommendation' | 'values' | 'score'> {
  if (!isPlainObject(input)) throw validationFailed('评审内容无效', [{ field: 'review', message: '应为对象' }]);
  const issues: ValidationIssue[] = [];
  const comments = commentsOf(input.comments, issues);
  if (programme === 'six-haves') {
    rejectUnknownKeys(input, ['sixHaves', 'recommendation', 'comments'], '', issues);
    let sixHaves: SixHavesAssessment | undefined;
    try {
      sixHaves = validateSixHavesAssessment(input.sixHaves);
    } catch (e) {
      if (!isDomainError(e)) throw e;
      issues.push(...((e.details as ValidationIssue[]) ?? []).map((i) => ({ ...i, field: `sixHaves.${i.field}` })));
    }
    if (!RECOMMENDATIONS.includes(input.recommendation as Recommendation)) {
      issues.push({ field: 'recommendation', message: '评审结论应为 pass（建议通过）或 fail（建议不通过）' });
    }
    if (issues.length > 0) throw validationFailed(`评审内容有误：${issues.map((i) => `${i.field}: ${i.message}`).join('；')}`, issues);
    return { comments, sixHaves, recommendation: input.recommendation as Recommendation };
  }
  rejectUnknownKeys(input, ['items', 'facts', 'comments'], '', issues);
  if (!starRating) throw validationFailed('不是星级评定站点', [{ field: 'programme', message: '站点不属于星级评定项目' }]);
  // The same rubric and scoring engine as the city's rating (star-rating/station-flow.ts), with the
  // rubric's fact defaults, so that an expert's score and the city's agree on the same values.
  const rubric = findRubric(starRating.rubric);
  const raw: StationScoreValues = {
    items: input.items as StationScoreValues['items'],
    ...(input.facts !== undefined ? { facts: input.facts as StationScoreValues['facts'] } : {}),
  };
  if (input.items === undefined || input.items === null) issues.push({ field: 'items', message: '须填写评分细则各项' });
  let values: StationScoreValues | undefined;
  let score: ScoreResult | undefined;
  if (issues.length === 0) {
    try {
      values = withFactDefaults(rubric, raw);
      score = scoreStation(rubric, values);
    } catch (e) {
      if (!isDomainError(e) || e.code !== 'RUBRIC.INVALID_SCORES') throw e;
      const errors = (e.details as { errors: ScoreInputError[] }).errors;
      issues.push(
        ...errors.map((x) => ({ field: x.key === 'values' || x.key.startsWith('facts.') ? x.key : `items.${x.key}`, message: x.message })),
      );
    }
  }
  if (issues.length > 0 || !score)
    throw validationFailed(`评分数据有误：${issues.map((i) => `${i.field}: ${i.message}`).join('；')}`, issues);
  return { comments, values, score };
}

function commentsOf(v: unknown, issues: ValidationIssue[]): string | null {
  if (v === undefined || v === null) return null;
  if (typeof v !== 'string' || charLength(v) > MAX_COMMENTS) {
    issues.push({ field: 'comments', message: `应为不超过 ${MAX_COMMENTS} 字的文字` });
    return null;
  }
  return v.trim() || null;
}

/** A review refused because the city has decided (or the station left the review stage). */
export const panelDecided = (stage: string) =>
  new DomainError('PANEL.DECIDED', `市级已作出决定（站点当前处于「${stage}」阶段），评审不能再提交或修改`, { stage });
