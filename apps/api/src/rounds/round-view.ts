import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { plainWeekdayWarning, plainWeekdayYears, publicationsOf, RoundState, WorkCalendar } from '@app/domain';
import { RoundEntity, WorkCalendarRepository } from '@app/persistence';
import type { Principal } from '../auth/principal';
import { countScope, StageCounts } from './stage-counts';

/** A round as the API answers it: its row, its station counts and the work-calendar warning. */
@Injectable()
export class RoundViews {
  private readonly calendars: WorkCalendarRepository;

  constructor(
    ds: DataSource,
    private readonly counts: StageCounts,
  ) {
    this.calendars = new WorkCalendarRepository(ds);
  }

  /** Many rounds, with the work calendar read once. */
  async ofAll(rows: RoundEntity[], principal?: Principal) {
    const calendar = await this.calendars.workCalendar();
    return Promise.all(rows.map((r) => this.of(r, principal, calendar)));
  }

  async of(row: RoundEntity, principal?: Principal, calendar?: WorkCalendar) {
    const state = row.state as unknown as Partial<RoundState>;
    const counts = await this.counts.of(row.id, countScope(principal));
    const warning = await this.plainWeekdayWarning(row, calendar);
    return {
      id: row.id,
      code: row.code,
      name: row.name,
      programme: row.programme,
      status: row.status,
      deadlines: row.deadlines,
      serviceCutoff: row.serviceCutoff,
      serviceCutoffDefault: state.serviceCutoffDefault === true,
      reminders: row.reminders,
      cityContacts: row.cityContacts,
      ...(state.starRating ? { starRating: state.starRating } : {}),
      changes: state.changes ?? [],
      escalations: state.escalations ?? [],
      publication: state.publication ?? null,
      publications: publicationsOf({ publication: state.publication ?? null, publications: state.publications }),
      promotion: state.promotion ?? null,
      workCalendarWarning: warning,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
      ...counts,
    };
  }

  /**
   * The years this round's reminders are planned in as plain Monday–Friday because the work
   * calendar lacks them (DOMAIN.md decision), or null. A closed round sends nothing any more.
   */
  private async plainWeekdayWarning(row: RoundEntity, calendar?: WorkCalendar): Promise<{ years: string[]; message: string } | null> {
    const state = row.state as unknown as RoundState;
    if (row.status === 'closed' || !state.reminderPolicy || !state.calendar) return null;
    const years = plainWeekdayYears(state, calendar ?? (await this.calendars.workCalendar())).map((y) => y.year);
    return years.length ? { years, message: plainWeekdayWarning(years) as string } : null;
  }
}
