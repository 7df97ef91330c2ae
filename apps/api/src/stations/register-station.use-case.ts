import { Injectable } from '@nestjs/common';
import type { Principal } from '../auth/principal';
import { ApiError } from '../common/error-codes';
import { ApplicationChecks, CreateStation } from './station-application';
import { StationRounds } from './station-rounds';
import { StationScopePolicy } from './station-scope.policy';
import type { RegistrationDto } from './star-rating.dto';

/**
 * 登记: a star-rating round's registration form (the 登记表), with the station's earlier ratings.
 * A six-haves round takes applications (annex 2) instead: 409 ROUND.WRONG_PROGRAMME.
 */
@Injectable()
export class RegisterStation {
  constructor(
    private readonly scope: StationScopePolicy,
    private readonly rounds: StationRounds,
    private readonly checks: ApplicationChecks,
    private readonly create: CreateStation,
  ) {}

  async execute(roundId: string, dto: RegistrationDto, principal: Principal) {
    this.scope.assertMayApply(dto.districtCode, principal);
    const round = await this.rounds.open(roundId);
    if (round.programme !== 'star-rating') {
      throw new ApiError('ROUND.WRONG_PROGRAMME', '登记只用于星级评定批次；六有培育批次请提交申报（/applications）', {
        programme: round.programme,
      });
    }
    await this.checks.check(round, dto, principal);
    return this.create.execute(round, dto, principal);
  }
}
