/**
 * The messages shared by the workflows and their callers (API, activities, tests): workflow ids,
 * signals, updates, queries and search attributes. Importing this file never pulls in workflow code.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import { defineSearchAttributeKey } from '@temporalio/common';
import type {
  Actor,
  DeadlineKey,
  Programme,
  RoundCalendar,
  RoundDateKey,
  RoundState,
  StarRatingAction,
  StarRatingActionType,
  StationAction,
  StationActionType,
  StationState,
} from '../libs/domain/src';
import { WORKFLOW_SEARCH_ATTRIBUTES, WorkflowSearchAttribute } from '../libs/domain/src/search-attributes';

export { roundWorkflowId, stationWorkflowId } from '../libs/domain/src/ids';

// Search attributes (the list in libs/domain, registered by libs/temporal for the dev server and external servers).
const searchAttributeKey = <N extends WorkflowSearchAttribute>(name: N) => defineSearchAttributeKey(name, WORKFLOW_SEARCH_ATTRIBUTES[name]);
export const RoundIdAttribute = searchAttributeKey('RoundId');
export const DistrictCodeAttribute = searchAttributeKey('DistrictCode');
export const StationStageAttribute = searchAttributeKey('StationStage');
export const StationOverdueAttribute = searchAttributeKey('StationOverdue');

// ---- station workflow ----

export interface StationWorkflowInput {
  /** the state computed by the API with the domain's createStation, or carried over by continue-as-new */
  state: StationState;
  /** absent on first start: the workflow asks the round workflow for it */
  calendar?: RoundCalendar;
}

export interface StationActionRequest<A extends StationAction = StationAction> {
  action: A;
  actor: Actor;
}

/** One Update per action, named after it (`submit`, `recommend`, …) so that histories read plainly. */
export const stationActionUpdate = (type: StationActionType) =>
  defineUpdate<StationState, [StationActionRequest]>(type);

/**
 * The star-rating station workflow's Updates, one per action of star-rating/station-flow.ts
 * (`self_score`, `district_review`, `city_rate`, and `submit`, `withdraw`, `publish`, `promote`
 * under the same names as the six-haves ones, so the round's publication reaches both kinds).
 */
export interface StarRatingActionRequest {
  action: StarRatingAction;
  actor: Actor;
}
export const starRatingActionUpdate = (type: StarRatingActionType) => defineUpdate<StationState, [StarRatingActionRequest]>(type);

/** The workflow type that runs a station of a programme (both answer the same query and signal). */
export const STATION_WORKFLOW_TYPES = { 'six-haves': 'stationWorkflow', 'star-rating': 'starRatingStationWorkflow' } as const;
export type StationWorkflowType = (typeof STATION_WORKFLOW_TYPES)[Programme];
export const stationWorkflowType = (programme: Programme | undefined): StationWorkflowType => STATION_WORKFLOW_TYPES[programme ?? 'six-haves'];

export const stationStateQuery = defineQuery<StationState>('state');
/** The round's calendar changed: the station re-reads its deadline. Ignored if not newer. */
export const calendarChangedSignal = defineSignal<[RoundCalendar]>('calendarChanged');

// ---- round workflow ----

export interface RoundWorkflowInput {
  state: RoundState;
}

export interface DeadlineChangeRequest {
  deadlines: Partial<Record<RoundDateKey, string | null>>;
  reason: string;
  actor: Actor;
}

export interface RoundActionRequest {
  actor: Actor;
  documentNo?: string;
  summary?: string;
}

export const roundStateQuery = defineQuery<RoundState>('state');
export const roundCalendarQuery = defineQuery<RoundCalendar>('calendar');
export const changeDeadlinesUpdate = defineUpdate<RoundState, [DeadlineChangeRequest]>('changeDeadlines');
export const publishUpdate = defineUpdate<RoundState, [RoundActionRequest]>('publish');
export const promoteUpdate = defineUpdate<RoundState, [RoundActionRequest]>('promote');

export type { DeadlineKey };
