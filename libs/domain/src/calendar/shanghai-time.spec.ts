import { DomainError } from '../errors';
import {
  addDays,
  addYears,
  atShanghaiTime,
  dayOfWeek,
  isDateOnly,
  lastDayOfMonth,
  parseDeadline,
  SHANGHAI_OFFSET_MS,
  shanghaiDate,
  toShanghaiIso,
} from './shanghai-time';

describe('SHANGHAI_OFFSET_MS', () => {
  it('is UTC+08:00', () => {
    expect(SHANGHAI_OFFSET_MS).toBe(8 * 3600 * 1000);
  });
});

describe('parseDeadline', () => {
  it.each([
    ['2024-09-30', '2024-09-30T15:59:59.000Z'],
    ['2023-12-08', '2023-12-08T15:59:59.000Z'],
    ['2024-02-29', '2024-02-29T15:59:59.000Z'],
    ['2024-12-31', '2024-12-31T15:59:59.000Z'],
  ])('reads date-only %s as 23:59:59 that day in Shanghai', (input, expected) => {
    expect(parseDeadline(input).toISOString()).toBe(expected);
  });

  it.each([
    ['2024-09-30T18:00:00+08:00', '2024-09-30T10:00:00.000Z'],
    ['2024-09-30T18:00:00Z', '2024-09-30T18:00:00.000Z'],
    ['2024-09-30T18:00:00.123456Z', '2024-09-30T18:00:00.123Z'],
    ['2024-09-30T18:00:00.5+08:00', '2024-09-30T10:00:00.500Z'],
    ['2024-09-30T18:00+0800', '2024-09-30T10:00:00.000Z'],
    ['2024-09-30T01:00:00-05:30', '2024-09-30T06:30:00.000Z'],
    ['2024-01-01T02:00:00+08:00', '2023-12-31T18:00:00.000Z'],
  ])('takes timestamp %s as that instant', (input, expected) => {
    expect(parseDeadline(input).toISOString()).toBe(expected);
  });

  it.each([
    '2024-02-30',
    '2023-02-29',
    '2024-13-01',
    '2024-9-30',
    '2024-09-30T18:00:00', // no offset: the instant would depend on the server's zone
    '2024-09-30T24:00:00Z',
    '2024-09-30T18:60:00Z',
    '2024-09-30 18:00:00+08:00',
    '30/09/2024',
    '',
    'tomorrow',
  ])('refuses %p with VALIDATION_FAILED naming the value', (input) => {
    let caught: unknown;
    try {
      parseDeadline(input);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(DomainError);
    expect((caught as DomainError).code).toBe('VALIDATION_FAILED');
    expect((caught as DomainError).message).toContain(`“${input}”`);
  });

  it('refuses non-strings', () => {
    expect(() => parseDeadline(20240930 as unknown as string)).toThrow(DomainError);
  });

  it('names the field in the details', () => {
    expect(() => parseDeadline('nope', 'deadlines.filing')).toThrow(
      expect.objectContaining({ details: [expect.objectContaining({ field: 'deadlines.filing' })] }),
    );
  });
});

describe('isDateOnly', () => {
  it.each([
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['2024-04-31', false],
    ['2024-09-30T00:00:00Z', false],
    [20240930, false],
    [null, false],
  ])('%p → %p', (input, expected) => {
    expect(isDateOnly(input)).toBe(expected);
  });
});

describe('shanghaiDate', () => {
  it('gives the Shanghai calendar date, which is ahead of UTC after 16:00Z', () => {
    expect(shanghaiDate(new Date('2024-09-30T15:59:59Z'))).toBe('2024-09-30');
    expect(shanghaiDate(new Date('2024-09-30T16:00:00Z'))).toBe('2024-10-01');
    expect(shanghaiDate(new Date('2024-12-31T16:00:00Z'))).toBe('2025-01-01');
  });

  it('handles instants before 1970', () => {
    expect(shanghaiDate(new Date('1969-12-31T16:00:00Z'))).toBe('1970-01-01');
    expect(shanghaiDate(new Date('1969-12-31T15:59:59Z'))).toBe('1969-12-31');
  });

  it('refuses an invalid Date', () => {
    expect(() => shanghaiDate(new Date('nope'))).toThrow(DomainError);
  });
});

describe('atShanghaiTime', () => {
  it('builds the instant of a Shanghai wall-clock time', () => {
    expect(atShanghaiTime('2024-09-29', '09:00').toISOString()).toBe('2024-09-29T01:00:00.000Z');
    expect(atShanghaiTime('2024-10-01', '00:00').toISOString()).toBe('2024-09-30T16:00:00.000Z');
    expect(atShanghaiTime('2024-10-01', '23:59:59').toISOString()).toBe('2024-10-01T15:59:59.000Z');
  });

  it.each(['9:00', '24:00', '09:60', '0900', ''])('refuses time %p', (hhmm) => {
    expect(() => atShanghaiTime('2024-09-29', hhmm)).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
  });

  it('refuses an invalid date', () => {
    expect(() => atShanghaiTime('2024-02-30', '09:00')).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
  });
});

describe('addDays', () => {
  it.each([
    ['2024-02-28', 1, '2024-02-29'],
    ['2023-02-28', 1, '2023-03-01'],
    ['2024-12-31', 1, '2025-01-01'],
    ['2025-01-01', -1, '2024-12-31'],
    ['2024-09-30', 8, '2024-10-08'],
    ['2024-09-30', 0, '2024-09-30'],
  ])('%s + %i = %s', (date, n, expected) => {
    expect(addDays(date, n)).toBe(expected);
  });

  it('refuses fractional days', () => {
    expect(() => addDays('2024-09-30', 0.5)).toThrow(DomainError);
  });
});

describe('addYears', () => {
  it.each([
    ['2022-10-31', 1, '2023-10-31'],
    ['2020-02-29', 1, '2021-02-28'], // no 29 Feb: the month's last day
    ['2020-02-29', 4, '2024-02-29'],
    ['2024-02-29', -1, '2023-02-28'],
  ])('%s + %i years = %s', (date, n, expected) => {
    expect(addYears(date, n)).toBe(expected);
  });
});

describe('dayOfWeek', () => {
  it.each([
    ['1970-01-01', 4],
    ['2024-09-29', 0], // Sunday
    ['2024-09-30', 1],
    ['2024-10-12', 6],
    ['2026-02-14', 6],
    ['1969-12-31', 3],
  ])('%s → %i', (date, dow) => {
    expect(dayOfWeek(date)).toBe(dow);
  });
});

describe('lastDayOfMonth', () => {
  it.each([
    [2024, 2, '2024-02-29'],
    [2023, 2, '2023-02-28'],
    [2100, 2, '2100-02-28'],
    [2000, 2, '2000-02-29'],
    [2024, 9, '2024-09-30'],
    [2024, 12, '2024-12-31'],
  ])('%i-%i → %s', (y, m, expected) => {
    expect(lastDayOfMonth(y, m)).toBe(expected);
  });

  it('refuses month 13', () => {
    expect(() => lastDayOfMonth(2024, 13)).toThrow(DomainError);
  });
});

describe('toShanghaiIso', () => {
  it('writes the instant in Shanghai wall-clock time', () => {
    expect(toShanghaiIso(new Date('2024-09-29T01:00:00Z'))).toBe('2024-09-29T09:00:00+08:00');
    expect(toShanghaiIso(new Date('2024-09-30T15:59:59.250Z'))).toBe('2024-09-30T23:59:59.250+08:00');
  });

  it('round-trips through parseDeadline', () => {
    const instant = new Date('2024-03-01T12:34:56.789Z');
    expect(parseDeadline(toShanghaiIso(instant)).getTime()).toBe(instant.getTime());
  });
});
