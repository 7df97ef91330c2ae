import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Projection of a station's expert panel: one row per assigned expert, with the state of their
 * review, so that an expert's to-do list, the station list scoped to an expert and the experts'
 * reminders are plain queries. Written with the station's row from the workflow's state (and
 * rebuilt by reconcile); the reviews themselves are in the station's `state`.
 */
@Entity({ name: 'station_experts' })
@Index('ix_station_experts_expert', ['expertId', 'roundId'])
@Index('ix_station_experts_round_stage', ['roundId', 'stage'])
export class StationExpertEntity {
  @PrimaryColumn({ name: 'station_id', type: 'varchar', length: 36 })
  stationId: string;

  @PrimaryColumn({ name: 'expert_id', type: 'varchar', length: 100 })
  expertId: string;

  @Column({ name: 'round_id', type: 'varchar', length: 36 })
  roundId: string;

  /** the station's stage, as in its row */
  @Column({ type: 'varchar', length: 24 })
  stage: string;

  @Column({ name: 'review_id', type: 'varchar', length: 140, nullable: true })
  reviewId: string | null;

  @Column({ name: 'review_revision', type: 'integer', default: 0 })
  reviewRevision: number;

  @Column({ name: 'reviewed_at', type: 'varchar', length: 30, nullable: true })
  reviewedAt: string | null;

  /** the city has decided: the review is closed */
  @Column({ type: 'boolean', default: false })
  decided: boolean;
}
