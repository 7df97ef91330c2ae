import { Injectable } from '@nestjs/common';
import type { ReviewInput } from '@app/domain';
import { actorOf, Principal } from '../auth/principal';
import { ApiError } from '../common/error-codes';
import { WorkflowGateway } from '../common/workflow-gateway';
import { StationScopePolicy } from '../stations/station-scope.policy';

/**
 * POST /stations/:id/reviews: an assigned expert's review (or its revision), the station workflow's
 * `review` Update. The answer is the expert's own review only: reviews stay independent.
 */
@Injectable()
export class SubmitReview {
  constructor(
    private readonly scope: StationScopePolicy,
    private readonly workflows: WorkflowGateway,
  ) {}

  async execute(stationId: string, review: ReviewInput, p: Principal) {
    await this.scope.writable(stationId, p);
    if (p.role !== 'expert') throw new ApiError('FORBIDDEN', '只有指派的评估专家可以提交评审');
    const actor = actorOf(p);
    const state = await this.workflows.panelAct(stationId, { type: 'review', review }, actor);
    const own = state.panel!.reviews.find((r) => r.expertId === actor.id)!;
    return { ...own, counts: true };
  }
}
