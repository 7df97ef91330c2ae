/**
 * The messages shared by the workflows and their callers (API, activities, tests): workflow ids,
 * signals, updates, queries and search attributes. Importing this file never pulls in workflow code.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import { defineSearchAttributeKey, type UpdateDefinition } from '@temporalio/common';
import type {
  Actor,
  DeadlineKey,
  PanelAction,
  RoundPanelInput,
  Programme,
  RoundCalendar,
  RoundDateKey,
  RoundState,
  StarRatingAction,
  StationAction,
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
  /**
   * the round's calendar: given by the API at start (CalendarHandOff), carried over by
   * continue-as-new; absent in stations started before the API gave it, which ask the round workflow
   */
  calendar?: RoundCalendar;
}

/** An action of either programme (`submit`, `withdraw`, `publish` and `promote` are the same in both). */
export type AnyStationAction = StationAction | StarRatingAction;
export type StationActionName = AnyStationAction['type'];
export type StationActionOf<T extends StationActionName> = Extract<AnyStationAction, { type: T }>;

export interface StationActionRequest<A extends AnyStationAction = StationAction> {
  /** its `type` is the Update's name (the workflow goes by the name) */
  action: A;
  actor: Actor;
}
export type StarRatingActionRequest = StationActionRequest<StarRatingAction>;

/**
 * A station action's Update. Its name on the wire is the action's (`submit`, `recommend`, …) so
 * that histories read plainly; running workflows and recorded histories depend on these names.
 */
export type StationActionUpdate<T extends StationActionName> = UpdateDefinition<
  StationState,
  [StationActionRequest<StationActionOf<T>>],
  T
>;
const actionUpdate = <T extends StationActionName>(name: T): StationActionUpdate<T> =>
  defineUpdate<StationState, [StationActionRequest<StationActionOf<T>>], T>(name);

// Both programmes (the round's publication and promotion reach every station under these names).
export const submitUpdate = actionUpdate('submit');
export const withdrawUpdate = actionUpdate('withdraw');
/** a station's publication (the round's own is `publishUpdate`, below, under the same name) */
export const publishStationUpdate = actionUpdate('publish');
/** a station's promotion (the round's own is `promoteUpdate`, below, under the same name) */
export const promoteStationUpdate = actionUpdate('promote');
// Six haves (stations/actions.ts).
export const recommendUpdate = actionUpdate('recommend');
export const fileUpdate = actionUpdate('file');
export const selfAssessUpdate = actionUpdate('self_assess');
export const evaluateUpdate = actionUpdate('evaluate');
// The paperwork of a real round (six haves).
export const returnUpdate = actionUpdate('return');
export const editApplicationUpdate = actionUpdate('edit_application');
export const midTermReviewUpdate = actionUpdate('mid_term_review');
// Star rating (star-rating/station-flow.ts).
export const selfScoreUpdate = actionUpdate('self_score');
export const districtReviewUpdate = actionUpdate('district_review');
export const cityRateUpdate = actionUpdate('city_rate');

/** Every station action's Update by action name, for callers holding an action. */
export const STATION_ACTION_UPDATES: { readonly [T in StationActionName]: StationActionUpdate<T> } = {
  submit: submitUpdate,
  withdraw: withdrawUpdate,
  publish: publishStationUpdate,
  promote: promoteStationUpdate,
  recommend: recommendUpdate,
  file: fileUpdate,
  self_assess: selfAssessUpdate,
  evaluate: evaluateUpdate,
  return: returnUpdate,
  edit_application: editApplicationUpdate,
  mid_term_review: midTermReviewUpdate,
  self_score: selfScoreUpdate,
  district_review: districtReviewUpdate,
  city_rate: cityRateUpdate,
};
export const stationActionUpdate = <T extends StationActionName>(type: T): StationActionUpdate<T> => STATION_ACTION_UPDATES[type];

/** The workflow type that runs a station of a programme (both answer the same query and signal). */
export const STATION_WORKFLOW_TYPES = { 'six-haves': 'stationWorkflow', 'star-rating': 'starRatingStationWorkflow' } as const;
export type StationWorkflowType = (typeof STATION_WORKFLOW_TYPES)[Programme];
export const stationWorkflowType = (programme: Programme | undefined): StationWorkflowType =>
  STATION_WORKFLOW_TYPES[programme ?? 'six-haves'];

/**
 * The expert panel's actions on a station (panel/station-panel.ts), one Update each in both
 * programmes' workflows: the city sets the station's experts, an assigned expert submits or revises
 * their review. Running workflows and recorded histories depend on these names.
 */
export interface PanelActionRequest<T extends PanelAction['type'] = PanelAction['type']> {
  action: Extract<PanelAction, { type: T }>;
  actor: Actor;
}
export const assignExpertsUpdate = defineUpdate<StationState, [PanelActionRequest<'assign_experts'>], 'assign_experts'>('assign_experts');
export const reviewUpdate = defineUpdate<StationState, [PanelActionRequest<'review'>], 'review'>('review');

export const stationStateQuery = defineQuery<StationState>('state');
/** The round's calendar changed: the station re-reads its deadline. Ignored if not newer. */
export const calendarChangedSignal = defineSignal<[RoundCalendar]>('calendarChanged');

// ---- round workflow ----

/** What a round carries over continue-as-new about its reminders. */
export interface RoundReminderProgress {
  /** checkpoint keys handled */
  done: string[];
  /** missed deadlines nobody owed any more at an overdue checkpoint: no more repeats */
  resolved: string[];
}

/** What a round carries over continue-as-new besides its state; absent when the API starts it. */
export interface RoundCarryOver {
  /** `${key}|${deadline}` of every deadline already escalated (a moved deadline is a new entry) */
  passed: string[];
  /** absent for rounds without reminders (started before the `round-reminders` patch) */
  reminders?: RoundReminderProgress;
}

export interface RoundWorkflowInput extends Partial<RoundCarryOver> {
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

export interface RoundPanelRequest {
  panel: RoundPanelInput;
  actor: Actor;
}
/** The city sets the round's expert panel (members and assignment rules). */
export const setPanelUpdate = defineUpdate<RoundState, [RoundPanelRequest]>('setPanel');

export type { DeadlineKey };
