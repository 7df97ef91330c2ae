import { DataSource } from 'typeorm';
import type { WorkCalendar, WorkCalendarSourcePort } from '@app/domain';
import { WorkCalendarYearEntity } from '../entities/work-calendar-year.entity';

/** The work calendar as data: seeded by the migration with the shipped years, extended or corrected by admins. */
export class WorkCalendarRepository implements WorkCalendarSourcePort {
  constructor(private readonly ds: DataSource) {}

  async workCalendar(): Promise<WorkCalendar> {
    const rows = await this.ds.getRepository(WorkCalendarYearEntity).find({ order: { year: 'ASC' } });
    return { years: Object.fromEntries(rows.map((r) => [r.year, { holidays: r.holidays, adjustedWorkdays: r.adjustedWorkdays }])) };
  }

  /** Replaces whole years (an admin's edit), already validated by the domain. */
  async put(calendar: WorkCalendar, source: string | null, by: string): Promise<void> {
    const now = new Date().toISOString();
    await this.ds.getRepository(WorkCalendarYearEntity).save(
      Object.entries(calendar.years).map(([year, y]) => ({
        year,
        holidays: y.holidays,
        adjustedWorkdays: y.adjustedWorkdays,
        source,
        updatedAt: now,
        updatedBy: by,
      })),
    );
  }
}
