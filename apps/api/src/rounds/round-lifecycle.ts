import { Injectable } from '@nestjs/common';
import type { RoundState } from '@app/domain';
import { actorOf, Principal } from '../auth/principal';
import { ApiError } from '../common/error-codes';
import { WorkflowGateway } from '../common/workflow-gateway';
import { RoundRepository } from './round.repository';
import { RoundViews } from './round-view';

/** The steps that end a round (名单发布, then 总结推广), both sent to its workflow as Updates. */
@Injectable()
abstract class RoundStep {
  constructor(
    private readonly rounds: RoundRepository,
    private readonly views: RoundViews,
    protected readonly workflows: WorkflowGateway,
  ) {}

  /** A closed round's workflow has completed and takes no Update: refused here with ROUND.CLOSED. */
  protected async run(id: string, what: string, update: () => Promise<RoundState>) {
    const row = await this.rounds.get(id);
    if (row.status === 'closed') throw new ApiError('ROUND.CLOSED', `本批次已总结推广并结束，不能再${what}`, { status: row.status });
    const state = await update();
    // The Update returns after the workflow projected itself, so the row is current.
    return this.views.of(await this.rounds.get(state.roundId));
  }
}

/** 名单发布 (also a later list of the same round). */
@Injectable()
export class PublishRound extends RoundStep {
  execute(id: string, documentNo: string | undefined, principal: Principal) {
    return this.run(id, '发布名单', () => this.workflows.publish(id, { actor: actorOf(principal), documentNo }));
  }
}

/** 总结推广: closes the round. */
@Injectable()
export class PromoteRound extends RoundStep {
  execute(id: string, summary: string, principal: Principal) {
    return this.run(id, '总结推广', () => this.workflows.promote(id, { actor: actorOf(principal), summary }));
  }
}
