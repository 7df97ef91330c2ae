import { DomainError } from '../errors';
import { CN_MAINLAND_WORK_CALENDAR as CN } from './cn-mainland';
import { addDays, dayOfWeek } from './shanghai-time';
import {
  coversDate,
  isWorkingDay,
  mergeWorkCalendars,
  nextWorkingDay,
  previousWorkingDay,
  validateWorkCalendar,
  WorkCalendar,
} from './working-days';

describe('isWorkingDay with the mainland calendar', () => {
  it.each([
    // 2024 National Day: Oct 1–7 off, Sun Sep 29 and Sat Oct 12 worked
    ['2024-09-29', true],
    ['2024-09-30', true],
    ['2024-10-01', false],
    ['2024-10-07', false],
    ['2024-10-08', true],
    ['2024-10-12', true],
    ['2024-10-13', false],
    // 2024 Spring Festival: Feb 10–17 off, Sun Feb 4 and Sun Feb 18 worked; Feb 9 (除夕) only "encouraged" off
    ['2024-02-04', true],
    ['2024-02-09', true],
    ['2024-02-10', false],
    ['2024-02-16', false],
    ['2024-02-18', true],
    // 2025 new rules
    ['2025-01-26', true],
    ['2025-01-28', false],
    ['2025-02-04', false],
    ['2025-02-08', true],
    ['2025-04-27', true],
    ['2025-05-05', false],
    ['2025-09-28', true],
    ['2025-10-08', false],
    ['2025-10-11', true],
    // 2026
    ['2026-01-02', false],
    ['2026-01-04', true],
    ['2026-02-14', true],
    ['2026-02-23', false],
    ['2026-02-28', true],
    ['2026-05-09', true],
    ['2026-09-20', true],
    ['2026-10-10', true],
    // 2023
    ['2023-01-29', true],
    ['2023-04-05', false],
    ['2023-06-25', true],
    ['2023-10-06', false],
    ['2023-10-08', true],
    ['2023-12-08', true], // the 2023 recommendation deadline, a Friday
    // ordinary days
    ['2024-09-28', false], // Saturday
    ['2024-11-29', true],
  ])('%s → %p', (date, expected) => {
    expect(isWorkingDay(date, CN)).toBe(expected);
  });

  it('falls back to Monday–Friday for a year it does not cover', () => {
    expect(coversDate(CN, '2027-10-01')).toBe(false);
    expect(isWorkingDay('2027-10-01', CN)).toBe(true); // a Friday, holiday unknown yet
    expect(isWorkingDay('2027-10-02', CN)).toBe(false); // a Saturday
    expect(isWorkingDay('2022-12-31', CN)).toBe(false); // Saturday, 2022 not covered
  });

  it('refuses an invalid date', () => {
    expect(() => isWorkingDay('2024-02-30', CN)).toThrow(DomainError);
  });
});

describe('the shipped mainland data', () => {
  it('covers 2023 to 2026', () => {
    expect(Object.keys(CN.years).sort()).toEqual(['2023', '2024', '2025', '2026']);
  });

  it('passes its own validation (real dates, right year, adjusted workdays on weekends)', () => {
    expect(validateWorkCalendar(JSON.parse(JSON.stringify(CN)))).toEqual(mergeWorkCalendars({ years: {} }, CN));
  });

  it.each([
    // total days off per year, counted from the notices' "共N天" blocks (weekend days included)
    ['2023', 2 + 7 + 1 + 5 + 3 + 8 + 2],
    ['2024', 1 + 8 + 3 + 5 + 3 + 3 + 7],
    ['2025', 1 + 8 + 3 + 5 + 3 + 8],
    ['2026', 3 + 9 + 3 + 5 + 3 + 3 + 7],
  ])('%s has the notice’s number of holiday days', (year, count) => {
    expect(CN.years[year].holidays).toHaveLength(count);
  });

  it('cannot be edited in place', () => {
    expect(() => (CN.years['2024'].holidays as string[]).push('2024-12-25')).toThrow(TypeError);
  });

  it('every adjusted workday is a weekend day', () => {
    for (const year of Object.values(CN.years)) {
      for (const d of year.adjustedWorkdays) expect([0, 6]).toContain(dayOfWeek(d));
    }
  });
});

describe('previousWorkingDay / nextWorkingDay', () => {
  it('return the day itself when it is a working day', () => {
    expect(previousWorkingDay('2024-09-29', CN)).toBe('2024-09-29');
    expect(nextWorkingDay('2024-09-29', CN)).toBe('2024-09-29');
  });

  it('cross a holiday block', () => {
    expect(nextWorkingDay('2024-10-01', CN)).toBe('2024-10-08');
    expect(previousWorkingDay('2024-10-05', CN)).toBe('2024-09-30');
    expect(previousWorkingDay('2025-02-02', CN)).toBe('2025-01-27');
    expect(nextWorkingDay('2026-02-15', CN)).toBe('2026-02-24');
  });

  it('cross a plain weekend', () => {
    expect(previousWorkingDay('2024-11-30', CN)).toBe('2024-11-29');
    expect(nextWorkingDay('2024-11-30', CN)).toBe('2024-12-02');
  });

  it('cross a year boundary', () => {
    expect(previousWorkingDay('2026-01-03', CN)).toBe('2025-12-31');
  });

  it('give up with an error on a calendar without working days', () => {
    const everyDayOf = (year: string): string[] => {
      const out: string[] = [];
      for (let d = `${year}-01-01`; d <= `${year}-12-31`; d = addDays(d, 1)) out.push(d);
      return out;
    };
    const broken: WorkCalendar = {
      years: {
        '2024': { holidays: everyDayOf('2024'), adjustedWorkdays: [] },
        '2025': { holidays: everyDayOf('2025'), adjustedWorkdays: [] },
      },
    };
    expect(() => nextWorkingDay('2024-06-01', broken)).toThrow(DomainError);
  });
});

describe('mergeWorkCalendars', () => {
  it('adds a year the base lacks', () => {
    const extra: WorkCalendar = { years: { '2027': { holidays: ['2027-10-01'], adjustedWorkdays: [] } } };
    const merged = mergeWorkCalendars(CN, extra);
    expect(isWorkingDay('2027-10-01', merged)).toBe(false);
    expect(isWorkingDay('2024-10-01', merged)).toBe(false);
  });

  it('replaces a year as a whole, so a corrected notice can remove a day', () => {
    const corrected: WorkCalendar = {
      years: { '2024': { holidays: ['2024-10-01', '2024-10-02'], adjustedWorkdays: [] } },
    };
    const merged = mergeWorkCalendars(CN, corrected);
    expect(isWorkingDay('2024-10-03', merged)).toBe(true);
    expect(isWorkingDay('2024-09-29', merged)).toBe(false);
  });

  it('leaves its inputs alone and sorts and de-duplicates dates', () => {
    const base: WorkCalendar = { years: { '2030': { holidays: ['2030-01-02', '2030-01-01', '2030-01-01'], adjustedWorkdays: [] } } };
    const merged = mergeWorkCalendars(base, { years: {} });
    expect(merged.years['2030'].holidays).toEqual(['2030-01-01', '2030-01-02']);
    expect(base.years['2030'].holidays).toEqual(['2030-01-02', '2030-01-01', '2030-01-01']);
  });
});

describe('validateWorkCalendar', () => {
  it('accepts a well-formed year', () => {
    expect(validateWorkCalendar({ years: { '2027': { holidays: ['2027-01-01'], adjustedWorkdays: ['2027-01-02'] } } })).toEqual({
      years: { '2027': { holidays: ['2027-01-01'], adjustedWorkdays: ['2027-01-02'] } },
    });
  });

  function issuesOf(input: unknown): { field: string; message: string }[] {
    try {
      validateWorkCalendar(input);
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).code).toBe('VALIDATION_FAILED');
      return (e as DomainError).details as { field: string; message: string }[];
    }
    throw new Error('expected validateWorkCalendar to throw');
  }

  it.each([null, [], 'x', {}, { years: [] }])('refuses the shape %p', (input) => {
    expect(issuesOf(input)).toEqual([expect.objectContaining({ field: 'years' })]);
  });

  it('names every bad field', () => {
    const issues = issuesOf({
      years: {
        '27': { holidays: [], adjustedWorkdays: [] },
        '2027': {
          holidays: ['2027-02-30', '2028-01-01', '2027-01-02'],
          adjustedWorkdays: ['2027-01-04', '2027-01-02'],
          note: 'x',
        },
        '2028': { holidays: 'none', adjustedWorkdays: [] },
      },
    });
    expect(issues.map((i) => i.field).sort()).toEqual(
      [
        'years.27',
        'years.2027', // 2027-01-02 in both lists
        'years.2027.adjustedWorkdays.0', // a Monday
        'years.2027.holidays.0', // 30 Feb
        'years.2027.holidays.1', // wrong year
        'years.2027.note',
        'years.2028.holidays',
      ].sort(),
    );
  });
});
