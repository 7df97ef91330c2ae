import type { RoundCalendar, RoundCalendarSourcePort, StationProjectionPort, StationState } from '@app/domain';

export interface StationActivityDeps {
  stationProjection: StationProjectionPort;
  calendars: RoundCalendarSourcePort;
}

export function createStationActivities(deps: StationActivityDeps) {
  return {
    /** Writes the station's projection (list views, history); idempotent by version. */
    async projectStation(state: StationState): Promise<void> {
      await deps.stationProjection.save(state);
    },
    /** The round's current calendar, asked of the round workflow itself. */
    async fetchRoundCalendar(roundId: string): Promise<RoundCalendar> {
      return deps.calendars.currentCalendar(roundId);
    },
  };
}

export type StationActivities = ReturnType<typeof createStationActivities>;
