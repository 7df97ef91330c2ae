import { Injectable } from '@nestjs/common';
import { validateWorkCalendar } from '@app/domain';
import { WorkCalendarRepository } from '@app/persistence';
import type { Principal } from '../auth/principal';
import { ApiError } from '../common/error-codes';
import type { WorkCalendarYearDto } from './reminders.dto';

/** Adds or corrects one year of the work calendar; validated by the domain (dates in that year, no overlap, …). */
@Injectable()
export class PutWorkCalendarYear {
  constructor(private readonly calendars: WorkCalendarRepository) {}

  async execute(year: string, dto: WorkCalendarYearDto, p: Principal) {
    // Holiday notices exist for the years offices plan in; 0000 or 9999 would only be a typo.
    if (!/^20\d{2}$/.test(year)) throw new ApiError('VALIDATION_FAILED', '年份应在 2000–2099 之间', [`year: ${year}`]);
    const calendar = validateWorkCalendar({ years: { [year]: { holidays: dto.holidays, adjustedWorkdays: dto.adjustedWorkdays } } });
    await this.calendars.put(calendar, dto.source ?? null, p.label);
    return this.calendars.workCalendar();
  }
}
