import { ACTION_STAGES, applyAction, checkAction, StationActionType, StationState } from '../libs/domain/src';
import { stationActionUpdate, StationWorkflowInput } from './messages';
import { runStation } from './station-lifecycle';

/** A six-haves station (渝人社〔2023〕474号): the rules of stations/transitions.ts, run by runStation. */
export async function stationWorkflow(input: StationWorkflowInput): Promise<StationState> {
  return runStation(input, {
    actionTypes: Object.keys(ACTION_STAGES) as StationActionType[],
    update: stationActionUpdate,
    check: checkAction,
    apply: applyAction,
  });
}
