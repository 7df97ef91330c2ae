import { Injectable, Logger } from '@nestjs/common';
import type { RoundCalendar } from '@app/domain';
import { WorkflowGateway } from '../common/workflow-gateway';
import { StationRounds } from './station-rounds';

/**
 * New stations start with their round's calendar as the round's projection holds it, so that none
 * has to ask the round workflow (a bulk import of a thousand used to queue a thousand queries on
 * it). The round workflow stays the authority: it writes its projection, then signals the change to
 * every open station it finds. A station whose workflow had not started when that broadcast
 * reached it would miss it, so once the stations are started their round's calendar is read
 * again: if it is newer than the one they were given, they are told here. If it is not, any later
 * change is written and broadcast after this read, and so finds them started.
 */
@Injectable()
export class CalendarHandOff {
  private readonly log = new Logger('Stations');

  constructor(
    private readonly rounds: StationRounds,
    private readonly workflows: WorkflowGateway,
  ) {}

  /** After `stationIds` were started with `given`: passes on a change they could have missed. */
  async catchUp(roundId: string, given: RoundCalendar, stationIds: string[]): Promise<void> {
    if (stationIds.length === 0) return;
    const current = await this.rounds.currentCalendar(roundId);
    if (current.version <= given.version) return;
    this.log.log(
      `round ${roundId} changed its calendar while ${stationIds.length} station(s) started: passing version ${current.version} on`,
    );
    for (const id of stationIds) await this.workflows.sendCalendar(id, current);
  }
}
