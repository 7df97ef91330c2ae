import { Injectable } from '@nestjs/common';
import type { Principal } from '../auth/principal';
import { ContactsToStore } from '../common/contacts';
import type { ApplicationDto } from './application.dto';
import { ApplicationChecks, CreateStation } from './station-application';
import { StationRounds } from './station-rounds';
import { StationScopePolicy } from './station-scope.policy';

/** 申报: checks eligibility (rules 4 and 5), writes the projection row, starts the workflow. */
@Injectable()
export class ApplyForStation {
  constructor(
    private readonly scope: StationScopePolicy,
    private readonly rounds: StationRounds,
    private readonly checks: ApplicationChecks,
    private readonly create: CreateStation,
    private readonly contacts: ContactsToStore,
  ) {}

  async execute(roundId: string, dto: ApplicationDto, principal: Principal) {
    this.scope.assertMayApply(dto.districtCode, principal); // a caller out of scope learns nothing about the round
    const round = await this.rounds.open(roundId);
    // the station's own robot is posted to like a district's: the same checks of its URL
    if (dto.contact?.webhook) this.contacts.of([dto.contact], [], () => 'contact');
    await this.checks.check(round, dto, principal);
    return this.create.execute(round, dto, principal);
  }
}
