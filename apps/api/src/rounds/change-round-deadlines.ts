import { Injectable } from '@nestjs/common';
import { actorOf, Principal } from '../auth/principal';
import { WorkflowGateway } from '../common/workflow-gateway';
import { toInstants } from './round-dates';
import { RoundRepository } from './round.repository';
import { RoundViews } from './round-view';
import type { ChangeDeadlinesDto } from './rounds.dto';

/** 调整时间节点: the round workflow checks the change and moves its timers and its stations'. */
@Injectable()
export class ChangeRoundDeadlines {
  constructor(
    private readonly rounds: RoundRepository,
    private readonly views: RoundViews,
    private readonly workflows: WorkflowGateway,
  ) {}

  async execute(id: string, dto: ChangeDeadlinesDto, principal: Principal) {
    await this.rounds.get(id);
    const { reason, ...dates } = dto;
    const patch = toInstants(dates as Record<string, string | null>);
    const state = await this.workflows.changeDeadlines(id, { deadlines: patch, reason, actor: actorOf(principal) });
    // The Update returns after the workflow projected itself, so the row is current.
    return this.views.of(await this.rounds.get(state.roundId));
  }
}
