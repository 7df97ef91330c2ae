import { stationWorkflowId } from '@app/domain';
import type { HistoryEntry, Role, Stage, StationState } from '@app/domain';
import type { StationEntity } from '../entities/station.entity';
import type { StationEventEntity } from '../entities/station-event.entity';
import type { StationExpertEntity } from '../entities/station-expert.entity';

/**
 * The one mapping between a station's state and its rows: the projection row (`stations`) and its
 * history lines (`station_events`). The worker's projection, the API's first row and reconcile all
 * go through it, so that a row has one shape whoever writes it.
 */
export function toStationRow(state: StationState, at: Date = new Date()): StationEntity {
  const { history, application, ...rest } = state;
  return {
    id: state.stationId,
    roundId: state.roundId,
    districtCode: state.districtCode,
    name: state.name,
    stage: state.stage,
    outcome: state.outcome,
    level: state.level,
    overdue: state.overdue,
    nextDeadline: state.nextDeadline,
    application,
    state: rest as unknown as Record<string, unknown>,
    version: state.version,
    workflowId: stationWorkflowId(state.stationId),
    createdAt: history[0]?.at ?? at.toISOString(),
    updatedAt: at.toISOString(),
  };
}

/** The state a row carries besides its columns (absent parts: a row written before they existed). */
export const projectedStateOf = (row: StationEntity): Partial<StationState> => row.state as Partial<StationState>;

/** A station's history lines as rows (without the generated id). */
export function toStationEventRows(state: StationState): Omit<StationEventEntity, 'id'>[] {
  return state.history.map((h) => ({
    stationId: state.stationId,
    seq: h.seq,
    action: h.action,
    actor: h.actor,
    role: h.role,
    at: h.at,
    fromStage: h.fromStage,
    toStage: h.toStage,
    note: h.note,
  }));
}

/** A stored history line, back as the domain's entry. */
export function toHistoryEntry(row: StationEventEntity): HistoryEntry {
  return {
    seq: row.seq,
    action: row.action,
    actor: row.actor,
    role: row.role as Role,
    at: row.at,
    fromStage: row.fromStage as Stage | null,
    toStage: row.toStage as Stage,
    note: row.note,
  };
}

/** The station's panel as rows of `station_experts`: one per assigned expert, with their review's state. */
export function toStationExpertRows(state: StationState): StationExpertEntity[] {
  const panel = state.panel;
  if (!panel) return [];
  return panel.experts.map((expertId) => {
    const review = panel.reviews.find((r) => r.expertId === expertId);
    return {
      stationId: state.stationId,
      expertId,
      roundId: state.roundId,
      stage: state.stage,
      reviewId: review?.id ?? null,
      reviewRevision: review?.revision ?? 0,
      reviewedAt: review?.revisedAt ?? null,
      decided: panel.decision !== null,
    };
  });
}
