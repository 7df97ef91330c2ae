import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Projection of a station workflow's state for list views. Written only by activities of the
 * station's workflow, guarded by `version` so a late or repeated write never goes backwards.
 */
@Entity({ name: 'stations' })
@Index('ix_stations_round_district_stage_id', ['roundId', 'districtCode', 'stage', 'id'])
@Index('ix_stations_round_id', ['roundId', 'id'])
@Index('ix_stations_round_stage', ['roundId', 'stage'])
@Index('ix_stations_round_overdue', ['roundId', 'overdue'])
export class StationEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'round_id', type: 'varchar', length: 36 })
  roundId: string;

  @Column({ name: 'district_code', type: 'varchar', length: 12 })
  districtCode: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 24 })
  stage: string;

  @Column({ type: 'varchar', length: 24, nullable: true })
  outcome: string | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  level: string | null;

  @Column({ type: 'boolean', default: false })
  overdue: boolean;

  @Column({ name: 'next_deadline', type: 'varchar', length: 30, nullable: true })
  nextDeadline: string | null;

  /** the application form (annex 2), as submitted */
  @Column({ type: 'simple-json' })
  application: Record<string, unknown>;

  /** the full workflow state as last projected (self-assessment, evaluation, deadlines, …) */
  @Column({ type: 'simple-json' })
  state: Record<string, unknown>;

  @Column({ type: 'integer' })
  version: number;

  @Column({ name: 'workflow_id', type: 'varchar', length: 100 })
  workflowId: string;

  @Column({ name: 'created_at', type: 'varchar', length: 30 })
  createdAt: string;

  @Column({ name: 'updated_at', type: 'varchar', length: 30 })
  updatedAt: string;
}
