import { Injectable } from '@nestjs/common';
import { Programme, PROGRAMME_TEMPLATES } from '@app/domain';
import type { Principal } from '../auth/principal';
import { ApiError } from '../common/error-codes';
import { validateDto, zhConstraintMessage } from '../common/validation';
import { ApplicationChangesDto, ApplicationDto } from './application.dto';
import { anyProgramme } from './programme-actions';
import { StationRounds } from './station-rounds';
import { StationScopePolicy } from './station-scope.policy';
import { TakeStationAction } from './take-station-action.use-case';

/**
 * PATCH /stations/:id/application: changes to a draft or an application sent back. The changes are
 * validated field by field by the DTO, then the form they make with the rest is validated as a whole
 * as at submission (required fields stay required); the station's workflow applies them
 * (`edit_application`), and refuses them outside `application` (409 STATION.WRONG_STAGE).
 */
@Injectable()
export class EditApplication {
  constructor(
    private readonly scope: StationScopePolicy,
    private readonly rounds: StationRounds,
    private readonly takeAction: TakeStationAction,
  ) {}

  async execute(stationId: string, changes: ApplicationChangesDto, principal: Principal) {
    const station = await this.scope.writable(stationId, principal);
    const round = await this.rounds.ofStation(station);
    if (round.programme !== 'six-haves') {
      // the star-rating registration (登记表) has a form of its own, not edited here
      throw new ApiError(
        'STATION.WRONG_STAGE',
        `「${PROGRAMME_TEMPLATES[round.programme as Programme].name}」项目的站点没有「修改申报材料」这一步`,
        {
          stage: station.stage,
          programme: round.programme,
        },
      );
    }
    const given = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
    if (Object.keys(given).length === 0)
      throw new ApiError('VALIDATION_FAILED', '请求数据有误：没有要修改的字段', ['(body): 没有要修改的字段']);
    const { issues } = await validateDto(ApplicationDto, { ...station.application, ...plain(given) });
    if (issues.length > 0) {
      const details = issues.map(({ path, constraint, message }) => `${path}: ${zhConstraintMessage(constraint, message)}`);
      throw new ApiError('VALIDATION_FAILED', `修改后的申报材料不完整或有误：${details.join('；')}`, details);
    }
    return this.takeAction.execute(stationId, anyProgramme({ type: 'edit_application', changes: plain(given) }), principal);
  }
}

/** The DTO's nested instances as plain JSON (what the workflow stores). */
const plain = (value: Record<string, unknown>): Record<string, unknown> => JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
