import type { StationState } from '@app/domain';
import { projectedStateOf, StationEntity } from '@app/persistence';

/** The station as an action or an application answers it: the workflow's state, without internals. */
export function presentState(state: StationState) {
  // The expert panel's reviews are answered by their own routes (apps/api/src/panel), to whom may see them.
  const { stationId, history, calendarVersion, version, panel, ...rest } = state;
  void calendarVersion;
  void panel;
  return { id: stationId, ...rest, version, history };
}

/** The station as lists and the detail view answer it: its projection row. */
export function presentRow(row: StationEntity) {
  const s = projectedStateOf(row);
  return {
    id: row.id,
    roundId: row.roundId,
    districtCode: row.districtCode,
    name: row.name,
    stage: row.stage,
    outcome: row.outcome,
    level: row.level,
    overdue: row.overdue,
    nextDeadline: row.nextDeadline,
    application: row.application,
    recommendation: s.recommendation ?? null,
    filing: s.filing ?? null,
    selfAssessment: s.selfAssessment ?? null,
    evaluation: s.evaluation ?? null,
    withdrawal: s.withdrawal ?? null,
    publication: s.publication ?? null,
    returned: s.returned ?? null,
    midTermReviews: s.midTermReviews ?? [],
    programme: s.programme ?? 'six-haves',
    ...(s.starRating ? { starRating: s.starRating } : {}),
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
