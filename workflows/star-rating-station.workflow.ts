import { patched, setHandler } from '@temporalio/workflow';
import { applyStarRatingAction, checkStarRatingAction, StarRatingAction, StarRatingRules, StationState } from '../libs/domain/src';
import {
  assignExpertsUpdate,
  calendarChangedSignal,
  cityRateUpdate,
  districtReviewUpdate,
  promoteStationUpdate,
  publishStationUpdate,
  reviewUpdate,
  selfScoreUpdate,
  stationStateQuery,
  StationWorkflowInput,
  submitUpdate,
  withdrawUpdate,
} from './messages';
import { startProjectionWriter } from './projection-writer';
import { StationRun } from './station-lifecycle';

/**
 * A star-rating station (杭总工办〔2023〕30号): registration, self-score, district re-score, city
 * rating, publication and promotion (star-rating/station-flow.ts), with the same deadline timers,
 * calendar signal, query and projection as a six-haves station.
 */
export async function starRatingStationWorkflow(input: StationWorkflowInput): Promise<StationState> {
  // Star prerequisites as facts the city states (required tribunal, defaulted dispute count): a
  // station started before them keeps the old rules, so its recorded ratings replay to the same stars.
  const rules: StarRatingRules = { prerequisiteFacts: patched('star-prerequisites') };
  const singleWriter = patched('projection-single-writer');
  const station = new StationRun<StarRatingAction>(
    input,
    {
      check: (state, action, actor) => checkStarRatingAction(state, action, actor, rules),
      apply: (state, action, actor, at, calendar) => applyStarRatingAction(state, action, actor, at, calendar, rules),
    },
    singleWriter,
  );
  if (singleWriter) startProjectionWriter(station.projection);

  setHandler(stationStateQuery, () => station.state);
  setHandler(calendarChangedSignal, station.calendarChanged);
  // One Update per action, named after it; registered in the order of star-rating/station-flow.ts.
  setHandler(submitUpdate, station.act('submit'), { validator: station.check('submit') });
  setHandler(selfScoreUpdate, station.act('self_score'), { validator: station.check('self_score') });
  setHandler(districtReviewUpdate, station.act('district_review'), { validator: station.check('district_review') });
  setHandler(cityRateUpdate, station.act('city_rate'), { validator: station.check('city_rate') });
  setHandler(withdrawUpdate, station.act('withdraw'), { validator: station.check('withdraw') });
  setHandler(publishStationUpdate, station.act('publish'), { validator: station.check('publish') });
  setHandler(promoteStationUpdate, station.act('promote'), { validator: station.check('promote') });
  // The city's expert panel (panel/station-panel.ts): new Updates, no new commands for running stations (docs/patches.md).
  setHandler(assignExpertsUpdate, station.panelAct('assign_experts'), { validator: station.panelCheck('assign_experts') });
  setHandler(reviewUpdate, station.panelAct('review'), { validator: station.panelCheck('review') });

  return station.run();
}
