import { Injectable } from '@nestjs/common';
import { ExpertPanelRepository } from '@app/persistence';
import { actorOf, Principal } from '../auth/principal';

/** GET /me/reviews: the stations assigned to the calling expert, their stage and due date, and where my review stands. */
@Injectable()
export class MyReviews {
  constructor(private readonly panels: ExpertPanelRepository) {}

  async execute(p: Principal) {
    const rows = await this.panels.assignmentsOf(actorOf(p).id);
    return {
      items: rows.map((r) => ({
        stationId: r.stationId,
        stationName: r.stationName,
        roundId: r.roundId,
        districtCode: r.districtCode,
        stage: r.stage,
        dueDate: r.nextDeadline,
        overdue: r.overdue,
        review: {
          // pending: not reviewed yet; submitted: revisable; closed: the city has decided
          status: r.decided ? 'closed' : r.reviewId ? 'submitted' : 'pending',
          id: r.reviewId,
          revision: r.reviewRevision,
          revisedAt: r.reviewedAt,
        },
      })),
    };
  }
}
