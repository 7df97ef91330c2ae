import { DomainError } from '../errors';
import { reviewExit, validatePriorRatings } from './exit-review';

describe('the exit rule (退出机制)', () => {
  it.each([
    ['below three this year only', 0, [], 3, 1, false],
    [
      'three years in a row below three stars',
      0,
      [
        { year: 2023, stars: 0 },
        { year: 2022, stars: 0 },
      ],
      3,
      3,
      true,
    ],
    [
      'two years in a row',
      0,
      [
        { year: 2023, stars: 0 },
        { year: 2021, stars: 0 },
      ],
      3,
      2,
      false,
    ],
    [
      'a starred year ends the run',
      0,
      [
        { year: 2023, stars: 0 },
        { year: 2022, stars: 3 },
        { year: 2021, stars: 0 },
      ],
      3,
      2,
      false,
    ],
    [
      'an unknown year ends the run',
      0,
      [
        { year: 2022, stars: 0 },
        { year: 2021, stars: 0 },
      ],
      3,
      1,
      false,
    ],
    [
      'rated three stars this year',
      3,
      [
        { year: 2023, stars: 0 },
        { year: 2022, stars: 0 },
      ],
      3,
      0,
      false,
    ],
    ['a round that sets two years', 0, [{ year: 2023, stars: 0 }], 2, 2, true],
    [
      'four years against three',
      0,
      [
        { year: 2023, stars: 0 },
        { year: 2022, stars: 0 },
        { year: 2021, stars: 0 },
      ],
      3,
      4,
      true,
    ],
  ] as const)('%s', (_name, stars, prior, limit, years, flagged) => {
    const r = reviewExit(2024, stars, prior, limit);
    expect([r.yearsBelowThree, r.flagged, r.limit]).toEqual([years, flagged, limit]);
    expect(r.years).toHaveLength(years);
    if (flagged) expect(r.reason).toMatch(/建议撤并/);
  });

  it('names the years it counted', () => {
    expect(
      reviewExit(
        2024,
        0,
        [
          { year: 2023, stars: 0 },
          { year: 2022, stars: 0 },
        ],
        3,
      ),
    ).toEqual({
      yearsBelowThree: 3,
      limit: 3,
      flagged: true,
      years: [2024, 2023, 2022],
      reason: '连续3年（2022–2024年）未达到三星级，已达退出机制年限（3年）：建议撤并',
    });
    expect(reviewExit(2024, 4, [], 3).reason).toBe('2024年评为四星级');
  });
});

describe('earlier years’ ratings given at registration', () => {
  it('keeps them newest first', () => {
    expect(
      validatePriorRatings(
        [
          { year: 2022, stars: 0 },
          { year: 2023, stars: 3 },
        ],
        2024,
      ),
    ).toEqual([
      { year: 2023, stars: 3 },
      { year: 2022, stars: 0 },
    ]);
    expect(validatePriorRatings(undefined, 2024)).toEqual([]);
  });

  it.each([
    ['a year not before the rating year', [{ year: 2024, stars: 0 }], 'priorRatings.0.year'],
    [
      'a year given twice',
      [
        { year: 2023, stars: 0 },
        { year: 2023, stars: 3 },
      ],
      'priorRatings.1.year',
    ],
    ['stars that do not exist', [{ year: 2023, stars: 2 }], 'priorRatings.0.stars'],
    ['a fractional year', [{ year: 2022.5, stars: 0 }], 'priorRatings.0.year'],
    ['an unknown field', [{ year: 2023, stars: 0, score: 70 }], 'priorRatings.0'],
    ['not a list', { 2023: 0 }, 'priorRatings'],
  ])('refuses %s', (_name, input, field) => {
    let error: DomainError | undefined;
    try {
      validatePriorRatings(input, 2024);
    } catch (e) {
      error = e as DomainError;
    }
    expect(error?.code).toBe('VALIDATION_FAILED');
    expect((error?.details as { field: string }[]).map((i) => i.field)).toContain(field);
  });
});
