import { patched } from '@temporalio/workflow';
import {
  applyStarRatingAction,
  checkStarRatingAction,
  STAR_RATING_ACTION_STAGES,
  StarRatingActionType,
  StarRatingRules,
  StationState,
} from '../libs/domain/src';
import { starRatingActionUpdate, StationWorkflowInput } from './messages';
import { runStation } from './station-lifecycle';

/**
 * A star-rating station (杭总工办〔2023〕30号): registration, self-score, district re-score, city
 * rating, publication and promotion (star-rating/station-flow.ts), with the same deadline timers,
 * calendar signal, query and projection as a six-haves station.
 */
export async function starRatingStationWorkflow(input: StationWorkflowInput): Promise<StationState> {
  // Star prerequisites as facts the city states (required tribunal, defaulted dispute count): a
  // station started before them keeps the old rules, so its recorded ratings replay to the same stars.
  const rules: StarRatingRules = { prerequisiteFacts: patched('star-prerequisites') };
  return runStation(input, {
    actionTypes: Object.keys(STAR_RATING_ACTION_STAGES) as StarRatingActionType[],
    update: starRatingActionUpdate,
    check: (state, action, actor) => checkStarRatingAction(state, action, actor, rules),
    apply: (state, action, actor, at, calendar) => applyStarRatingAction(state, action, actor, at, calendar, rules),
  });
}
