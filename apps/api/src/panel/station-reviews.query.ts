import { Injectable } from '@nestjs/common';
import { aggregateReviews, currentReviews, Programme, StationState } from '@app/domain';
import { actorOf, Principal } from '../auth/principal';
import { StationScopePolicy } from '../stations/station-scope.policy';

/**
 * GET /stations/:id/reviews: the city and admins see every review and the aggregate; an expert
 * only their own review, without the aggregate (which would tell them the others').
 */
@Injectable()
export class StationReviews {
  constructor(private readonly scope: StationScopePolicy) {}

  async execute(stationId: string, p: Principal) {
    const row = await this.scope.readable(stationId, p);
    const state = row.state as Partial<StationState>;
    const panel = state.panel;
    const programme: Programme = state.programme ?? 'six-haves';
    const counting = new Set(currentReviews(panel).map((r) => r.id));
    const all = (panel?.reviews ?? []).map((r) => ({ ...r, counts: counting.has(r.id) }));
    if (p.role === 'expert') {
      const me = actorOf(p).id;
      return { stationId, stage: row.stage, experts: [], reviews: all.filter((r) => r.expertId === me), aggregate: null, decision: null };
    }
    return {
      stationId,
      stage: row.stage,
      experts: panel?.experts ?? [],
      reviews: all,
      aggregate: aggregateReviews(programme, currentReviews(panel), panel?.experts.length ?? 0),
      decision: panel?.decision ?? null,
    };
  }
}
