import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One line of a station's history: who did what, when, and the stage before and after. */
@Entity({ name: 'station_events' })
@Index('ux_station_events_station_seq', ['stationId', 'seq'], { unique: true })
export class StationEventEntity {
  @PrimaryGeneratedColumn('increment')
  id: number;

  @Column({ name: 'station_id', type: 'varchar', length: 36 })
  stationId: string;

  @Column({ type: 'integer' })
  seq: number;

  @Column({ type: 'varchar', length: 40 })
  action: string;

  @Column({ type: 'varchar', length: 200 })
  actor: string;

  @Column({ type: 'varchar', length: 16 })
  role: string;

  @Column({ type: 'varchar', length: 30 })
  at: string;

  @Column({ name: 'from_stage', type: 'varchar', length: 24, nullable: true })
  fromStage: string | null;

  @Column({ name: 'to_stage', type: 'varchar', length: 24 })
  toStage: string;

  @Column({ type: 'text', nullable: true })
  note: string | null;
}
