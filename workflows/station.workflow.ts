import { patched, setHandler } from '@temporalio/workflow';
import { applyAction, checkAction, StationAction, StationState } from '../libs/domain/src';
import {
  calendarChangedSignal,
  evaluateUpdate,
  fileUpdate,
  promoteStationUpdate,
  publishStationUpdate,
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

  return station.run();
}
