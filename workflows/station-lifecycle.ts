import {
  condition,
  continueAsNew,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';
import type { StationActivities } from '../activities';
import { Actor, nextWakeUp, RoundCalendar, refreshDeadlineStatus, StationState } from '../libs/domain/src';
import { asFailure, msUntilAfter } from './failures';
import { ProjectionWriter } from './projection-writer';
import { calendarChangedSignal, StationOverdueAttribute, StationStageAttribute, stationStateQuery, StationWorkflowInput } from './messages';

// Projection writes are quick and local to the worker's database: a local activity costs one
// history event instead of three. They retry until the database is back: nothing is lost.
const { projectStation } = proxyLocalActivities<StationActivities>({
  startToCloseTimeout: '30s',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '1m' },
});
const { fetchRoundCalendar } = proxyActivities<StationActivities>({
  startToCloseTimeout: '30s',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '1m' },
});

/** A station history stays far below this; the guard keeps a pathological one healthy. */
const HISTORY_EVENTS_BEFORE_CONTINUE = 2_000;

/** A programme's station rules (pure domain code): its actions, their check and their effect. */
export interface StationRules<T extends string, A extends { type: T }> {
  /** every action of the programme: one Update each, named after it */
  readonly actionTypes: readonly T[];
  readonly update: (type: T) => UpdateDefinition<StationState, [{ action: A; actor: Actor }]>;
  /** throws a DomainError when the action is refused (the Update's validator) */
  readonly check: (state: StationState, action: A, actor: Actor) => void;
  readonly apply: (state: StationState, action: A, actor: Actor, at: Date, calendar: RoundCalendar) => StationState;
}

/**
 * One station's path through a round, whatever its programme: the stages, every human action as
 * an Update, the deadline of its current stage as a timer (overdue marking, the self-assessment
 * window), and the round's calendar changes as a signal.
 */
export async function runStation<T extends string, A extends { type: T }>(input: StationWorkflowInput, rules: StationRules<T, A>): Promise<StationState> {
  let state = input.state;
  let calendar: RoundCalendar | undefined = input.calendar;
  const projection = new ProjectionWriter(
    () => state,
    async (snapshot) => {
      upsertSearchAttributes([
        { key: StationStageAttribute, value: snapshot.stage },
        { key: StationOverdueAttribute, value: snapshot.overdue },
      ]);
      await projectStation(snapshot);
    },
  );
  const persist = () => projection.written();

  setHandler(stationStateQuery, () => state);
  setHandler(calendarChangedSignal, (next) => {
    if (!calendar || next.version > calendar.version) calendar = next;
  });
  for (const type of rules.actionTypes) {
    setHandler(
      rules.update(type),
      async (req) => {
        if (!calendar) await condition(() => calendar !== undefined);
        // The state changes before the next await, so a concurrent Update is checked against it.
        state = asFailure(() => rules.apply(state, { ...req.action, type }, req.actor, new Date(), calendar!));
        await persist();
        return state;
      },
      {
        validator: (req) => {
          asFailure(() => rules.check(state, { ...req.action, type }, req.actor));
        },
      },
    );
  }

  if (!calendar) calendar = await fetchRoundCalendar(state.roundId);
  state = refreshDeadlineStatus(state, calendar, new Date()).state;
  await persist();

  while (state.stage !== 'closed') {
    const seenVersion = state.version;
    const seenCalendar = calendar.version;
    const wake = nextWakeUp(state, calendar);
    const changed = () => state.version !== seenVersion || calendar!.version !== seenCalendar;
    if (wake) await condition(changed, msUntilAfter(wake, Date.now()));
    else await condition(changed);
    const refreshed = refreshDeadlineStatus(state, calendar, new Date());
    if (refreshed.changed) {
      state = refreshed.state;
      await persist();
    }
    if (workflowInfo().continueAsNewSuggested || workflowInfo().historyLength > HISTORY_EVENTS_BEFORE_CONTINUE) {
      await projection.drain();
      // continues as the same workflow type, with the same rules
      await continueAsNew<(input: StationWorkflowInput) => Promise<StationState>>({ state, calendar });
    }
  }
  await projection.drain();
  return state;
}
