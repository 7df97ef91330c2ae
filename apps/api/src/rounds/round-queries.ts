import { Injectable } from '@nestjs/common';
import type { Principal } from '../auth/principal';
import { WorkflowGateway } from '../common/workflow-gateway';
import { RoundRepository } from './round.repository';
import { RoundViews } from './round-view';

/** Every round, newest first, with the counts the caller may see. */
@Injectable()
export class ListRounds {
  constructor(
    private readonly rounds: RoundRepository,
    private readonly views: RoundViews,
  ) {}

  async execute(principal: Principal) {
    return this.views.ofAll(await this.rounds.list(), principal);
  }
}

/** One round, with the counts the caller may see. */
@Injectable()
export class GetRound {
  constructor(
    private readonly rounds: RoundRepository,
    private readonly views: RoundViews,
  ) {}

  async execute(id: string, principal: Principal) {
    return this.views.of(await this.rounds.get(id), principal);
  }
}

/** For admins: the round workflow as Temporal sees it. */
@Injectable()
export class DescribeRoundWorkflow {
  constructor(
    private readonly rounds: RoundRepository,
    private readonly workflows: WorkflowGateway,
  ) {}

  async execute(id: string) {
    return this.workflows.describe((await this.rounds.get(id)).workflowId);
  }
}
