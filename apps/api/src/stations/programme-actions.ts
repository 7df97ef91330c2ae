import { PROGRAMME_TEMPLATES } from '@app/domain';
import type { Programme, SixHavesAssessment, StarRatingAction, StationAction, StationScoreValues } from '@app/domain';
import { ApiError } from '../common/error-codes';
import type { EvaluationDto, SelfAssessmentDto } from './application.dto';
import type { DistrictReviewDto } from './star-rating.dto';

export type AnyStationAction = StationAction | StarRatingAction;

/**
 * What a route asks of a station, once the station's programme is known: every route builds one,
 * TakeStationAction calls it after the scope check with the programme of the station's round.
 */
export type ActionFor = (programme: Programme) => AnyStationAction;

/** The same action whatever the station's programme (a programme without that step answers 409). */
export function anyProgramme(action: AnyStationAction): ActionFor {
  return () => action;
}

/** Fields a programme does not use are refused, naming each (400 VALIDATION_FAILED, as the pipe would). */
function refuse(dto: object, fields: string[], programme: Programme): void {
  const given = fields.filter((f) => (dto as Record<string, unknown>)[f] !== undefined);
  if (given.length > 0) {
    const details = given.map((f) => `${f}: ${PROGRAMME_TEMPLATES[programme].name}批次不使用此字段`);
    throw new ApiError('VALIDATION_FAILED', `请求数据有误：${details.join('；')}`, details);
  }
}

function scoreValues(dto: { items?: Record<string, unknown>; facts?: Record<string, unknown> }): StationScoreValues {
  if (dto.items === undefined)
    throw new ApiError('VALIDATION_FAILED', '请求数据有误：items 必填（评分表各项的值）', ['items: 星级评定批次必填']);
  return {
    items: dto.items as StationScoreValues['items'],
    ...(dto.facts !== undefined ? { facts: dto.facts as StationScoreValues['facts'] } : {}),
  };
}

/** POST /stations/:id/self-assessment: 自评 against the six haves, or the star-rating self-score. */
export function selfAssessmentAction(dto: SelfAssessmentDto): ActionFor {
  return (programme) => {
    if (programme === 'star-rating') {
      refuse(dto, ['sixHaves'], programme);
      return { type: 'self_score', values: scoreValues(dto), ...(dto.summary !== undefined ? { note: dto.summary } : {}) };
    }
    refuse(dto, ['items', 'facts'], programme);
    return { type: 'self_assess', sixHaves: dto.sixHaves as SixHavesAssessment, summary: dto.summary };
  };
}

/** POST /stations/:id/evaluation: the city's evaluation (passed or not), or its star rating (the score decides). */
export function evaluationAction(dto: EvaluationDto): ActionFor {
  return (programme) => {
    if (programme === 'star-rating') {
      refuse(dto, ['passed', 'sixHaves', 'level'], programme);
      return {
        type: 'city_rate',
        values: scoreValues(dto),
        ...(dto.comments !== undefined ? { note: dto.comments } : {}),
        ...(dto.override !== undefined ? { override: { stars: dto.override.stars, reason: dto.override.reason } } : {}),
      };
    }
    refuse(dto, ['items', 'facts', 'override'], programme);
    return {
      type: 'evaluate',
      passed: dto.passed,
      comments: dto.comments,
      ...(dto.sixHaves !== undefined ? { sixHaves: dto.sixHaves as SixHavesAssessment } : {}),
      ...(dto.level !== undefined ? { level: dto.level } : {}),
    };
  };
}

/**
 * POST /stations/:id/district-review: the district union's re-score (star rating only). Missing
 * items are refused before the station is looked up.
 */
export function districtReviewAction(dto: DistrictReviewDto): ActionFor {
  return anyProgramme({ type: 'district_review', values: scoreValues(dto), ...(dto.note !== undefined ? { note: dto.note } : {}) });
}
