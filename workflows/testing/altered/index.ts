/**
 * A deliberately non-deterministic variant of the workflows, for workflows/replay.spec.ts only: it
 * proves that the replay test fails on an incompatible change. `stationWorkflow` starts a timer
 * before doing what the real one does, so its first command no longer matches the recorded
 * history (which starts with the fetchRoundCalendar activity). Never registered with a worker.
 */
import { sleep } from '@temporalio/workflow';
import type { StationState } from '../../../libs/domain/src';
import type { StationWorkflowInput } from '../../messages';
import { stationWorkflow as realStationWorkflow } from '../../station.workflow';

export { roundWorkflow } from '../../round.workflow';

export async function stationWorkflow(input: StationWorkflowInput): Promise<StationState> {
  await sleep('1 minute');
  return realStationWorkflow(input);
}
