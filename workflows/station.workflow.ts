import { patched, setHandler } from '@temporalio/workflow';
import { applyAction, checkAction, StationAction, StationState } from '../libs/domain/src';
import {
  assignExpertsUpdate,
  calendarChangedSignal,
  evaluateUpdate,
  fileUpdate,
  promoteStationUpdate,
  publishStationUpdate,
  reviewUpdate,
  recommendUpdate,
  selfAssessUpdate,
  stationStateQuery,
  StationWorkflowInput,
  submitUpdate,
  withdrawUpdate,
} from './messages';
import { startProjectionWriter } from './projection-writer';
import { StationRun } from './station-lifecycle';

/** A six-haves station (渝人社〔2023〕474号): the rules of stations/transitions.ts, run by StationRun. */
export async function stationWorkflow(input: StationWorkflowInput): Promise<StationState> {
  const singleWriter = patched('projection-single-writer');
  const station = new StationRun<StationAction>(input, { check: checkAction, apply: applyAction }, singleWriter);
  if (singleWriter) startProjectionWriter(station.projection);

  setHandler(stationStateQuery, () => station.state);
  setHandler(calendarChangedSignal, station.calendarChanged);
  // One Update per action, named after it; registered in the order of stations/actions.ts.
  setHandler(submitUpdate, station.act('submit'), { validator: station.check('submit') });
  setHandler(recommendUpdate, station.act('recommend'), { validator: station.check('recommend') });
  setHandler(fileUpdate, station.act('file'), { validator: station.check('file') });
  setHandler(selfAssessUpdate, station.act('self_assess'), { validator: station.check('self_assess') });
  setHandler(evaluateUpdate, station.act('evaluate'), { validator: station.check('evaluate') });
  setHandler(withdrawUpdate, station.act('withdraw'), { validator: station.check('withdraw') });
  setHandler(publishStationUpdate, station.act('publish'), { validator: station.check('publish') });
  setHandler(promoteStationUpdate, station.act('promote'), { validator: station.check('promote') });
  // The city's expert panel (panel/station-panel.ts): new Updates, no new commands for running stations (docs/patches.md).
  setHandler(assignExpertsUpdate, station.panelAct('assign_experts'), { validator: station.panelCheck('assign_experts') });
  setHandler(reviewUpdate, station.panelAct('review'), { validator: station.panelCheck('review') });

  return station.run();
}
