import { Injectable } from '@nestjs/common';
import type { Principal } from '../auth/principal';
import { ApiError } from '../common/error-codes';
import { validateDto, zhConstraintMessage } from '../common/validation';
import { ApplicationChangesDto, ApplicationDto } from './application.dto';
import { anyProgramme } from './programme-actions';
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
    private readonly takeAction: TakeStationAction,
  ) {}

  async execute(stationId: string, changes: ApplicationChangesDto, principal: Principal) {
    const station = await this.scope.writable(stationId, principal);
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
