import { Context } from '@temporalio/activity';
import {
  Actor,
  DeadlineKey,
  EscalationPort,
  OPEN_STAGES,
  OpenStation,
  RoundCalendar,
  RoundProjectionPort,
  RoundState,
  Stage,
  StationAction,
  StationDirectoryPort,
  StationMessengerPort,
  stagesOwing,
} from '@app/domain';

export interface RoundActivityDeps {
  roundProjection: RoundProjectionPort;
  stations: StationDirectoryPort;
  messenger: StationMessengerPort;
  escalation: EscalationPort;
  /** page size of round-wide fan-outs */
  pageSize?: number;
}

export function createRoundActivities(deps: RoundActivityDeps) {
  const pageSize = deps.pageSize ?? 200;

  /**
   * Visits every station of a round in `stages`, page by page, heartbeating the last id done so a
   * retried attempt resumes after it instead of starting over.
   */
  async function forEachStation(
    roundId: string,
    stages: readonly Stage[],
    visit: (stationId: string) => Promise<boolean>,
  ): Promise<number> {
    const ctx = Context.current();
    const resumed = ctx.info.heartbeatDetails as { after: string | null; count: number } | undefined;
    let after = resumed?.after ?? null;
    let count = resumed?.count ?? 0;
    for (;;) {
      const ids = await deps.stations.listStationIds(roundId, stages, after, pageSize);
      if (ids.length === 0) return count;
      for (const id of ids) {
        if (await visit(id)) count++;
        after = id;
        ctx.heartbeat({ after, count });
      }
    }
  }

  return {
    async projectRound(state: RoundState): Promise<void> {
      await deps.roundProjection.save(state);
    },

    /** Sends the new calendar to every station still running. Returns how many were told. */
    async broadcastCalendar(roundId: string, calendar: RoundCalendar): Promise<number> {
      return forEachStation(roundId, OPEN_STAGES, async (id) => (await deps.messenger.sendCalendar(id, calendar)) === 'applied');
    },

    /** Runs a round-level action (publish, promote) on every station waiting in `stage`. */
    async applyToStations(roundId: string, stage: Stage, action: StationAction, actor: Actor): Promise<number> {
      return forEachStation(roundId, [stage], async (id) => (await deps.messenger.act(id, action, actor)) === 'applied');
    },

    /**
     * A round's stations in `stages` (e.g. those that keep it from promotion): how many, and the
     * first `limit` of them by district and name, as a refusal names them.
     */
    async stationsIn(roundId: string, stages: readonly Stage[], limit = 10): Promise<{ total: number; stations: OpenStation[] }> {
      const counts = await deps.stations.countByDistrict(roundId, stages);
      const total = counts.reduce((n, d) => n + d.count, 0);
      if (total === 0) return { total, stations: [] };
      const listed = await deps.stations.listOwing(roundId, stages);
      const stations = listed
        .sort((a, b) => a.districtCode.localeCompare(b.districtCode) || a.name.localeCompare(b.name, 'zh-CN'))
        .slice(0, limit)
        .map(({ id, name, districtCode, stage }) => ({ id, name, districtCode, stage }));
      return { total, stations };
    },

    /** The escalation hook: a deadline passed; returns how many stations still owed the step. */
    async deadlinePassed(round: RoundState, key: DeadlineKey): Promise<number> {
      const owing = await deps.stations.countByDistrict(round.roundId, stagesOwing(key));
      const total = owing.reduce((n, d) => n + d.count, 0);
      if (total > 0) await deps.escalation.deadlinePassed(round, key, round.calendar.deadlines[key]!, owing);
      return total;
    },
  };
}

export type RoundActivities = ReturnType<typeof createRoundActivities>;
