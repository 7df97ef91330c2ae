import { DomainError } from '../errors';
import { checkEligibility, EligibilityInput } from './eligibility';

const CUTOFF = '2023-10-31'; // "至2023年10月", the 2023 Chongqing round

const ok: EligibilityInput = { establishedOn: '2021-05-01', workerVisitsServed: 0, incidentsInLastTwoYears: false };

describe('checkEligibility rule 4: service record', () => {
  it.each<[string, string, number, string, boolean]>([
    // description, establishedOn, visits, cutoff, eligible
    ['two years of service', '2021-10-31', 0, CUTOFF, true],
    ['one year and a day', '2022-10-30', 0, CUTOFF, true],
    ['exactly one year on the cut-off day: 一年以上 includes one year', '2022-10-31', 0, CUTOFF, true],
    ['one day short of a year', '2022-11-01', 0, CUTOFF, false],
    ['established on the cut-off day', CUTOFF, 0, CUTOFF, false],
    ['1,000 visits is not more than 1,000', '2023-06-01', 1000, CUTOFF, false],
    ['1,000 visits and a day short of a year', '2022-11-01', 1000, CUTOFF, false],
    ['1,001 visits', '2023-06-01', 1001, CUTOFF, true],
    ['1,001 visits, established on the cut-off day', CUTOFF, 1001, CUTOFF, true],
    ['both conditions', '2020-01-01', 5000, CUTOFF, true],
    // 29 February: the anniversary in a common year is 28 February (民法典 §202)
    ['29 Feb, one day short on 27 Feb', '2020-02-29', 0, '2021-02-27', false],
    ['29 Feb, exactly one year on 28 Feb', '2020-02-29', 0, '2021-02-28', true],
    ['29 Feb, one year and a day on 1 Mar', '2020-02-29', 0, '2021-03-01', true],
    ['28 Feb into a leap year: one year on 28 Feb', '2023-02-28', 0, '2024-02-28', true],
    ['28 Feb into a leap year: one day short on 27 Feb', '2023-02-28', 0, '2024-02-27', false],
    ['1 Mar into a leap year: 29 Feb is a day short', '2023-03-01', 0, '2024-02-29', false],
    ['29 Feb to 29 Feb four years on', '2020-02-29', 0, '2024-02-29', true],
    ['across a year boundary, one year', '2022-12-31', 0, '2023-12-31', true],
    ['across a year boundary, a day short', '2023-01-01', 0, '2023-12-31', false],
  ])('%s', (_description, establishedOn, workerVisitsServed, cutoff, eligible) => {
    const result = checkEligibility({ establishedOn, workerVisitsServed, incidentsInLastTwoYears: false }, cutoff);
    expect(result.eligible).toBe(eligible);
    if (eligible) {
      expect(result.reasons).toEqual([]);
    } else {
      expect(result.reasons).toEqual([
        { rule: 'service-record', code: expect.any(String), message: expect.stringContaining('第（四）项') },
      ]);
    }
  });

  it('explains a short record with the numbers', () => {
    const { reasons } = checkEligibility({ ...ok, establishedOn: '2023-03-01', workerVisitsServed: 800 }, CUTOFF);
    expect(reasons).toEqual([
      {
        rule: 'service-record',
        code: 'SERVICE_RECORD_INSUFFICIENT',
        message: expect.stringMatching(/2023-10-31.*2023-03-01.*1000.*800/),
      },
    ]);
  });

  it('refuses a station established after the cut-off whatever its visits', () => {
    const result = checkEligibility({ ...ok, establishedOn: '2023-11-01', workerVisitsServed: 5000 }, CUTOFF);
    expect(result.eligible).toBe(false);
    expect(result.reasons).toEqual([
      { rule: 'service-record', code: 'ESTABLISHED_AFTER_CUTOFF', message: expect.stringContaining('晚于') },
    ]);
  });
});

describe('checkEligibility rule 5: no incidents', () => {
  it.each([
    [false, true],
    [true, false],
  ])('incidentsInLastTwoYears %p → eligible %p', (incidentsInLastTwoYears, eligible) => {
    expect(checkEligibility({ ...ok, incidentsInLastTwoYears }, CUTOFF).eligible).toBe(eligible);
  });

  it('reports the incident in zh-CN', () => {
    expect(checkEligibility({ ...ok, incidentsInLastTwoYears: true }, CUTOFF).reasons).toEqual([
      { rule: 'no-incidents', code: 'INCIDENT_IN_LAST_TWO_YEARS', message: expect.stringContaining('群体性事件') },
    ]);
  });

  it('reports both rules when both fail', () => {
    const result = checkEligibility({ establishedOn: '2023-09-01', workerVisitsServed: 10, incidentsInLastTwoYears: true }, CUTOFF);
    expect(result.eligible).toBe(false);
    expect(result.reasons.map((r) => r.rule)).toEqual(['service-record', 'no-incidents']);
  });
});

describe('checkEligibility input validation', () => {
  function fieldsOf(input: unknown, cutoff: unknown = CUTOFF): string[] {
    try {
      checkEligibility(input as EligibilityInput, cutoff as string);
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).code).toBe('VALIDATION_FAILED');
      return ((e as DomainError).details as { field: string }[]).map((i) => i.field);
    }
    throw new Error('expected checkEligibility to throw');
  }

  it.each<[string, unknown, unknown, string[]]>([
    ['an impossible date', { ...ok, establishedOn: '2023-02-29' }, CUTOFF, ['establishedOn']],
    ['a timestamp for a date', { ...ok, establishedOn: '2021-05-01T00:00:00Z' }, CUTOFF, ['establishedOn']],
    ['negative visits', { ...ok, workerVisitsServed: -1 }, CUTOFF, ['workerVisitsServed']],
    ['fractional visits', { ...ok, workerVisitsServed: 10.5 }, CUTOFF, ['workerVisitsServed']],
    ['visits as text', { ...ok, workerVisitsServed: '1001' }, CUTOFF, ['workerVisitsServed']],
    ['NaN visits', { ...ok, workerVisitsServed: NaN }, CUTOFF, ['workerVisitsServed']],
    ['incidents as text', { ...ok, incidentsInLastTwoYears: 'no' }, CUTOFF, ['incidentsInLastTwoYears']],
    ['a bad cut-off', ok, '2023-10', ['serviceCutoff']],
    ['not an object', null, CUTOFF, ['application']],
    [
      'everything wrong',
      { establishedOn: '', workerVisitsServed: -5, incidentsInLastTwoYears: null },
      '2023-13-01',
      ['serviceCutoff', 'establishedOn', 'workerVisitsServed', 'incidentsInLastTwoYears'],
    ],
  ])('refuses %s', (_description, input, cutoff, fields) => {
    expect(fieldsOf(input, cutoff)).toEqual(fields);
  });
});
