// The single entry bundled for the worker (workflowsPath / prebuilt workflowBundle).
export { roundWorkflow } from './round.workflow';
export { stationWorkflow } from './station.workflow';
export { starRatingStationWorkflow } from './star-rating-station.workflow';
