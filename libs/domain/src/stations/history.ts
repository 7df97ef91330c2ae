import type { Stage } from './stages';
import type { Actor, HistoryEntry, StationState } from './station-state';

/** Appends a line to the station's history. */
export function record(
  state: StationState,
  action: string,
  actor: Actor,
  at: Date,
  fromStage: Stage | null,
  toStage: Stage,
  note: string | null,
): StationState {
  const entry: HistoryEntry = {
    seq: state.history.length + 1,
    action,
    actor: actor.name,
    role: actor.role,
    at: at.toISOString(),
    fromStage,
    toStage,
    note,
  };
  return { ...state, history: [...state.history, entry] };
}
