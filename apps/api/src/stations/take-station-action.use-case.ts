import { Injectable } from '@nestjs/common';
import {
  ACTION_LABELS,
  ACTION_ROLES,
  EligibilityInput,
  Outcome,
  OUTCOME_LABELS,
  Programme,
  PROGRAMME_TEMPLATES,
  STAR_RATING_ACTION_ROLES,
} from '@app/domain';
import type { StationEntity } from '@app/persistence';
import { actorOf, Principal } from '../auth/principal';
import { ApiError } from '../common/error-codes';
import { WorkflowGateway } from '../common/workflow-gateway';
import type { ActionFor, AnyStationAction } from './programme-actions';
import { presentState } from './station.presenter';
import { assertEligible } from './station-application';
import { StationRounds } from './station-rounds';
import { StationScopePolicy } from './station-scope.policy';

/** Who may take each action, per programme (the workflow checks again; this answers 403 early). */
const ACTION_ROLES_OF: Readonly<Record<Programme, Readonly<Record<string, readonly string[]>>>> = {
  'six-haves': ACTION_ROLES,
  'star-rating': STAR_RATING_ACTION_ROLES,
};

/**
 * A step of a station's programme (submit, recommend, file, self-assess, review, evaluate,
 * withdraw), sent to its workflow as an Update. The route says which action it asks for once the
 * station's programme is known; an action the programme does not have is a step the station will
 * never be in: 409 STATION.WRONG_STAGE.
 */
@Injectable()
export class TakeStationAction {
  constructor(
    private readonly scope: StationScopePolicy,
    private readonly rounds: StationRounds,
    private readonly workflows: WorkflowGateway,
  ) {}

  async execute(stationId: string, actionFor: ActionFor, principal: Principal) {
    const station = await this.scope.writable(stationId, principal);
    const round = await this.rounds.ofStation(station);
    const programme = round.programme as Programme;
    const action = actionFor(programme);
    assertMayTake(action, programme, station, principal);
    if (action.type === 'submit' && programme === 'six-haves') {
      assertEligible(station.application as EligibilityInput, round.serviceCutoff);
    }
    if (station.stage === 'closed') {
      // The workflow has completed; answer as it would have.
      throw new ApiError('STATION.WRONG_STAGE', `站点已结束（${OUTCOME_LABELS[station.outcome as Outcome] ?? '已结束'}），不能再操作`, {
        stage: station.stage,
        outcome: station.outcome,
      });
    }
    const state = await this.workflows.act(stationId, action, actorOf(principal));
    return presentState(state);
  }
}

/** The programme has the step (else 409 STATION.WRONG_STAGE) and the caller's role may take it (else 403). */
function assertMayTake(action: AnyStationAction, programme: Programme, station: StationEntity, principal: Principal): void {
  const roles = ACTION_ROLES_OF[programme][action.type];
  if (!roles) {
    const step = ACTION_LABELS[action.type as keyof typeof ACTION_LABELS] ?? action.type;
    throw new ApiError('STATION.WRONG_STAGE', `「${PROGRAMME_TEMPLATES[programme].name}」项目的站点没有「${step}」这一步`, {
      stage: station.stage,
      programme,
    });
  }
  if (!roles.includes(principal.role)) throw new ApiError('FORBIDDEN', '当前角色无权执行此操作');
}
