import { DomainError } from '../errors';
import { isPlainObject, rejectUnknownKeys, validationFailed, ValidationIssue } from '../validation/issues';
import { addDays, dayOfWeek, isDateOnly, assertDateOnly } from './shanghai-time';

/**
 * A work calendar as data, so that a year's State Council notice can be added or corrected by an
 * admin without a release.
 *
 * Per year (keyed `"2024"`):
 * - `holidays`: days off for public holidays (放假), including weekend days inside a holiday block;
 * - `adjustedWorkdays`: weekend days that are working days to make up for a holiday (调休上班).
 * A date is filed under the year it falls in (`2023-12-31` under `"2023"`), whichever notice
 * announced it.
 *
 * A year the calendar does not cover is treated as plain Monday–Friday: its holidays are not yet
 * known (the notice for year N usually appears in Oct–Dec of N-1), and planning reminders on plain
 * weekdays is a better default than refusing to plan. `coversDate` lets callers warn about it.
 */
export type WorkCalendarYear = { holidays: string[]; adjustedWorkdays: string[] };
export type WorkCalendar = { years: Record<string, WorkCalendarYear> };

/** How far `previousWorkingDay`/`nextWorkingDay` look before giving up (a broken calendar). */
const MAX_SEARCH_DAYS = 400;

function yearOf(date: string): string {
  return date.slice(0, 4);
}

export function coversDate(calendar: WorkCalendar, date: string): boolean {
  assertDateOnly(date);
  return Object.prototype.hasOwnProperty.call(calendar.years, yearOf(date));
}

/** A weekday that is not a holiday, or a weekend day that is an adjusted working day. */
export function isWorkingDay(date: string, calendar: WorkCalendar): boolean {
  const dow = dayOfWeek(date); // validates the date
  const year = coversDate(calendar, date) ? calendar.years[yearOf(date)] : undefined;
  if (year?.adjustedWorkdays.includes(date)) return true;
  if (year?.holidays.includes(date)) return false;
  return dow >= 1 && dow <= 5;
}

function searchWorkingDay(date: string, calendar: WorkCalendar, step: 1 | -1): string {
  let day = date;
  for (let i = 0; i <= MAX_SEARCH_DAYS; i++) {
    if (isWorkingDay(day, calendar)) return day;
    day = addDays(day, step);
  }
  throw new DomainError('VALIDATION_FAILED', `工作日历有误：${date} 前后 ${MAX_SEARCH_DAYS} 天内没有工作日`);
}

/** The date itself if it is a working day, else the nearest working day before it. */
export function previousWorkingDay(date: string, calendar: WorkCalendar): string {
  return searchWorkingDay(date, calendar, -1);
}

/** The date itself if it is a working day, else the nearest working day after it. */
export function nextWorkingDay(date: string, calendar: WorkCalendar): string {
  return searchWorkingDay(date, calendar, 1);
}

function normaliseDates(dates: readonly string[]): string[] {
  return [...new Set(dates)].sort();
}

/**
 * `base` extended by `extra`. A year present in `extra` REPLACES that year of `base` as a whole
 * rather than being unioned with it: a reissued or corrected notice must be able to remove a day,
 * which a union could never do. Neither input is modified.
 */
export function mergeWorkCalendars(base: WorkCalendar, extra: WorkCalendar): WorkCalendar {
  const years: Record<string, WorkCalendarYear> = {};
  for (const source of [base, extra]) {
    for (const [year, entry] of Object.entries(source.years)) {
      years[year] = {
        holidays: normaliseDates(entry.holidays),
        adjustedWorkdays: normaliseDates(entry.adjustedWorkdays),
      };
    }
  }
  return { years };
}

function checkDateList(value: unknown, year: string, field: string, issues: ValidationIssue[], mustBeWeekend: boolean): string[] {
  if (!Array.isArray(value)) {
    issues.push({ field, message: '应为日期（YYYY-MM-DD）数组' });
    return [];
  }
  const dates: string[] = [];
  value.forEach((d, i) => {
    if (!isDateOnly(d)) {
      issues.push({ field: `${field}.${i}`, message: `日期无效：“${String(d)}”` });
    } else if (yearOf(d) !== year) {
      issues.push({ field: `${field}.${i}`, message: `${d} 不属于 ${year} 年` });
    } else if (mustBeWeekend && dayOfWeek(d) !== 0 && dayOfWeek(d) !== 6) {
      // A weekday "adjusted workday" changes nothing; it is almost certainly a typo for another date.
      issues.push({ field: `${field}.${i}`, message: `${d} 不是周末，不能作为调休上班日` });
    } else {
      dates.push(d);
    }
  });
  return dates;
}

/** Checks an admin-supplied calendar; throws VALIDATION_FAILED naming every bad field. */
export function validateWorkCalendar(input: unknown): WorkCalendar {
  const issues: ValidationIssue[] = [];
  const years: Record<string, WorkCalendarYear> = {};
  if (!isPlainObject(input) || !isPlainObject(input.years)) {
    throw validationFailed('工作日历格式无效', [{ field: 'years', message: '应为以年份为键的对象' }]);
  }
  rejectUnknownKeys(input, ['years'], '', issues);
  for (const [year, entry] of Object.entries(input.years)) {
    const field = `years.${year}`;
    if (!/^\d{4}$/.test(year)) {
      issues.push({ field, message: `年份“${year}”无效（应为四位数字）` });
      continue;
    }
    if (!isPlainObject(entry)) {
      issues.push({ field, message: '应为包含 holidays 和 adjustedWorkdays 的对象' });
      continue;
    }
    rejectUnknownKeys(entry, ['holidays', 'adjustedWorkdays'], `${field}.`, issues);
    const holidays = checkDateList(entry.holidays, year, `${field}.holidays`, issues, false);
    const adjustedWorkdays = checkDateList(entry.adjustedWorkdays, year, `${field}.adjustedWorkdays`, issues, true);
    for (const d of adjustedWorkdays) {
      if (holidays.includes(d)) issues.push({ field, message: `${d} 不能既是放假日又是调休上班日` });
    }
    years[year] = { holidays: normaliseDates(holidays), adjustedWorkdays: normaliseDates(adjustedWorkdays) };
  }
  if (issues.length > 0) throw validationFailed('工作日历内容无效', issues);
  return { years };
}
