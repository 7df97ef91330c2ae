import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One year of the mainland work calendar (holidays, adjusted working days), editable by admins. */
@Entity({ name: 'work_calendar_years' })
export class WorkCalendarYearEntity {
  @PrimaryColumn({ type: 'varchar', length: 4 })
  year: string;

  @Column({ type: 'simple-json' })
  holidays: string[];

  @Column({ name: 'adjusted_workdays', type: 'simple-json' })
  adjustedWorkdays: string[];

  /** e.g. 国办发明电〔2023〕7号 */
  @Column({ type: 'varchar', length: 200, nullable: true })
  source: string | null;

  @Column({ name: 'updated_at', type: 'varchar', length: 30 })
  updatedAt: string;

  @Column({ name: 'updated_by', type: 'varchar', length: 200 })
  updatedBy: string;
}
