import { DataSource, In, IsNull } from 'typeorm';
import type { AwaitedReview, AwaitedReviewsPort, ExpertContact, ExpertDirectoryPort, Stage } from '@app/domain';
import { ApiTokenEntity } from '../entities/api-token.entity';
import { StationEntity } from '../entities/station.entity';
import { StationExpertEntity } from '../entities/station-expert.entity';
import { UserEntity } from '../entities/user.entity';

/** One station assigned to an expert, as their to-do list shows it. */
export interface ExpertAssignmentRow {
  stationId: string;
  roundId: string;
  stationName: string;
  districtCode: string;
  stage: string;
  nextDeadline: string | null;
  overdue: boolean;
  reviewId: string | null;
  reviewRevision: number;
  reviewedAt: string | null;
  decided: boolean;
}

/** Reads of the panel's projection (`station_experts` beside `stations`). */
export class ExpertPanelRepository implements AwaitedReviewsPort {
  constructor(private readonly ds: DataSource) {}

  private get rows() {
    return this.ds.getRepository(StationExpertEntity);
  }

  /** Every station assigned to the expert, newest round first, then by station name. */
  async assignmentsOf(expertId: string): Promise<ExpertAssignmentRow[]> {
    const assigned = await this.rows.find({ where: { expertId } });
    if (assigned.length === 0) return [];
    const stations = await this.ds.getRepository(StationEntity).find({
      select: { id: true, roundId: true, name: true, districtCode: true, stage: true, nextDeadline: true, overdue: true },
      where: { id: In(assigned.map((a) => a.stationId)) },
    });
    const byId = new Map(stations.map((s) => [s.id, s]));
    return assigned
      .filter((a) => byId.has(a.stationId))
      .map((a) => {
        const s = byId.get(a.stationId)!;
        return {
          stationId: s.id,
          roundId: s.roundId,
          stationName: s.name,
          districtCode: s.districtCode,
          stage: s.stage,
          nextDeadline: s.nextDeadline,
          overdue: s.overdue,
          reviewId: a.reviewId,
          reviewRevision: a.reviewRevision,
          reviewedAt: a.reviewedAt,
          decided: a.decided,
        };
      })
      .sort(
        (a, b) =>
          b.roundId.localeCompare(a.roundId) ||
          a.stationName.localeCompare(b.stationName, 'zh-CN') ||
          a.stationId.localeCompare(b.stationId),
      );
  }

  /** Ids of the stations assigned to the expert (the scope of their station list). */
  async stationIdsOf(expertId: string): Promise<string[]> {
    const rows = await this.rows.find({ select: { stationId: true }, where: { expertId }, order: { stationId: 'ASC' } });
    return rows.map((r) => r.stationId);
  }

  /** How many stations of the round each expert is assigned to (the load the assignment balances). */
  async loadByExpert(roundId: string): Promise<Record<string, number>> {
    const rows: { expertId: string; count: string | number }[] = await this.rows
      .createQueryBuilder('e')
      .select('e.expert_id', 'expertId')
      .addSelect('COUNT(*)', 'count')
      .where('e.round_id = :roundId', { roundId })
      .groupBy('e.expert_id')
      .getRawMany();
    return Object.fromEntries(rows.map((r) => [r.expertId, Number(r.count)]));
  }

  async listAwaitedReviews(roundId: string, stages: readonly Stage[]): Promise<AwaitedReview[]> {
    const awaited = await this.rows.find({
      where: { roundId, stage: In([...stages]), reviewId: IsNull(), decided: false },
      order: { expertId: 'ASC', stationId: 'ASC' },
    });
    if (awaited.length === 0) return [];
    const stations = await this.ds.getRepository(StationEntity).find({
      select: { id: true, name: true, districtCode: true, stage: true },
      where: { id: In([...new Set(awaited.map((a) => a.stationId))]) },
    });
    const byId = new Map(stations.map((s) => [s.id, s]));
    return awaited
      .filter((a) => byId.has(a.stationId))
      .map((a) => {
        const s = byId.get(a.stationId)!;
        return {
          expertId: a.expertId,
          station: { id: s.id, name: s.name, districtCode: s.districtCode, stage: s.stage as Stage, contactEmail: null },
        };
      });
  }
}

/**
 * The experts: people with the `expert` role (user records, once accounts exist) and, for programs,
 * expert bearer tokens (the token's id is the expert's id, its label the name, its district code the
 * district of origin; no e-mail).
 */
export class ExpertDirectoryRepository implements ExpertDirectoryPort {
  constructor(private readonly ds: DataSource) {}

  async findExperts(ids: readonly string[]): Promise<ExpertContact[]> {
    const wanted = [...new Set(ids)];
    if (wanted.length === 0) return [];
    const users = await this.ds.getRepository(UserEntity).find({ where: { id: In(wanted), role: 'expert', disabled: false } });
    const tokens = await this.ds.getRepository(ApiTokenEntity).find({ where: { id: In(wanted), role: 'expert', revokedAt: IsNull() } });
    return [
      ...users.map((u) => ({ id: u.id, name: u.displayName, email: u.email, districtCode: u.districtCode })),
      ...tokens.map((t) => ({ id: t.id, name: t.label, email: null, districtCode: t.districtCode })),
    ];
  }
}
