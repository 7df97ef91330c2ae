import { Injectable } from '@nestjs/common';
import { StationRepository } from '@app/persistence';
import type { Principal } from '../auth/principal';
import { RemindersService } from '../reminders/reminders.service';
import { presentRow } from './station.presenter';
import { StationScopePolicy } from './station-scope.policy';

/** GET /stations/:id: the station with its history and the reminders it was sent. */
@Injectable()
export class GetStation {
  constructor(
    private readonly scope: StationScopePolicy,
    private readonly stations: StationRepository,
    private readonly reminders: RemindersService,
  ) {}

  async execute(id: string, principal: Principal) {
    const station = await this.scope.readable(id, principal);
    return {
      ...presentRow(station),
      history: await this.stations.history(id),
      // an expert reviews the station; the offices' reminders are not theirs to read
      reminders: principal.role === 'expert' ? [] : await this.reminders.forStation(id, principal),
    };
  }
}
