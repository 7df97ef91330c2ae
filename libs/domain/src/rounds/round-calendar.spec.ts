import { DomainError } from '../errors';
import { assertRoundDates, changeDeadlines, RoundCalendar, roundDateProblem, validateRoundDeadlines } from './round-calendar';

const SIX = {
  recommendation: '2023-12-08T15:59:59.000Z',
  selfAssessment: '2024-09-30T15:59:59.000Z',
  cityEvaluation: '2024-10-31T15:59:59.000Z',
  publication: '2024-11-30T15:59:59.000Z',
  promotion: '2024-12-31T15:59:59.000Z',
};
const STAR = {
  registration: '2024-03-31T15:59:59.000Z',
  selfScore: '2024-09-30T15:59:59.000Z',
  districtReview: '2024-10-15T15:59:59.000Z',
  cityRating: '2024-10-31T15:59:59.000Z',
  publication: '2024-11-30T15:59:59.000Z',
  promotion: '2024-12-31T15:59:59.000Z',
};

function problems(fn: () => unknown): { code: string; details: unknown } {
  try {
    fn();
  } catch (e) {
    return { code: (e as DomainError).code, details: (e as DomainError).details };
  }
  throw new Error('expected a refusal');
}

describe('round deadlines per programme', () => {
  it('keeps the six-haves rules: required dates, calendar order', () => {
    expect(validateRoundDeadlines(SIX)).toEqual(SIX);
    expect(problems(() => validateRoundDeadlines({ ...SIX, recommendation: null }))).toEqual({
      code: 'ROUND.DEADLINES_INVALID',
      details: ['recommendation: 缺少“择优推荐”截止日期'],
    });
  });

  it('takes the star-rating dates, the re-score date optional', () => {
    expect(validateRoundDeadlines(STAR, 'star-rating')).toEqual(STAR);
    const { districtReview: _, ...withoutReview } = STAR;
    expect(validateRoundDeadlines(withoutReview, 'star-rating')).toEqual(withoutReview);
    expect(problems(() => validateRoundDeadlines({ ...STAR, selfScore: undefined }, 'star-rating')).details).toEqual([
      'selfScore: 缺少“星级自评”截止日期',
    ]);
    expect(problems(() => validateRoundDeadlines({ ...STAR, cityRating: '2024-10-01T00:00:00.000Z' }, 'star-rating')).details).toEqual([
      'cityRating: “星级评定”（北京时间 2024年10月1日 08:00）早于“区县复评”（北京时间 2024年10月15日 23:59），各环节须按先后顺序',
    ]);
  });

  it('reads the contract’s six-haves keys as the star-rating steps that play their part', () => {
    expect(validateRoundDeadlines(SIX, 'star-rating')).toEqual({
      registration: SIX.recommendation,
      selfScore: SIX.selfAssessment,
      cityRating: SIX.cityEvaluation,
      publication: SIX.publication,
      promotion: SIX.promotion,
    });
  });

  it('refuses another programme’s dates, and a date given twice under its alias', () => {
    expect(problems(() => validateRoundDeadlines({ ...SIX, selfScore: SIX.selfAssessment })).details).toEqual([
      'selfScore: “星级自评”不是“六有”站点培育批次的日期',
    ]);
    expect(problems(() => validateRoundDeadlines({ ...STAR, filing: STAR.registration }, 'star-rating')).details).toEqual([
      'filing: “备案”不是星级服务站评定批次的日期',
    ]);
    expect(problems(() => validateRoundDeadlines({ ...STAR, recommendation: STAR.registration }, 'star-rating')).details).toEqual([
      'recommendation: “择优推荐”与“服务站登记”是同一环节，只能填写其一',
    ]);
  });

  it('changes a star-rating calendar by its own keys or their aliases, and keeps its programme', () => {
    const calendar: RoundCalendar = { version: 1, deadlines: STAR, programme: 'star-rating' };
    const at = new Date('2024-04-01T00:00:00Z');
    const moved = changeDeadlines(calendar, { selfAssessment: '2024-10-08T15:59:59.000Z' }, '市总工会', '国庆顺延', at);
    expect(moved.calendar).toEqual({ version: 2, programme: 'star-rating', deadlines: { ...STAR, selfScore: '2024-10-08T15:59:59.000Z' } });
    expect(moved.change.changed).toEqual({ selfScore: { from: STAR.selfScore, to: '2024-10-08T15:59:59.000Z' } });
    const removed = changeDeadlines(calendar, { districtReview: null }, '市总工会', '不设复评截止', at);
    expect(removed.calendar.deadlines.districtReview).toBeUndefined();
    expect(problems(() => changeDeadlines(calendar, { filing: STAR.registration }, 'x', 'r', at))).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: ['filing: “备案”不是本批次的日期'],
    });
  });

  it('leaves a six-haves calendar without a programme as it was', () => {
    const { calendar } = changeDeadlines(
      { version: 1, deadlines: SIX },
      { recommendation: '2023-12-20T15:59:59.000Z' },
      'x',
      '延期',
      new Date(),
    );
    expect(calendar).toEqual({ version: 2, deadlines: { ...SIX, recommendation: '2023-12-20T15:59:59.000Z' } });
    expect(
      problems(() => changeDeadlines({ version: 1, deadlines: SIX }, { registration: SIX.recommendation }, 'x', 'r', new Date())),
    ).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: ['registration: “服务站登记”不是本批次的日期'],
    });
  });
});

describe('round dates within 2000–2099', () => {
  it('takes dates and instants from the first to the last moment of those years (Asia/Shanghai)', () => {
    for (const v of ['2000-01-01', '2099-12-31', '2000-01-01T00:00:00+08:00', '2099-12-31T15:59:59Z', '2024-02-29'])
      expect(roundDateProblem(v)).toBeNull();
  });

  it('refuses a year outside, written or reached through the offset', () => {
    for (const v of ['0000-12-08', '1999-12-31', '9999-12-31', '2100-01-01', '2099-12-31T16:00:00Z', '1999-12-31T15:59:59Z']) {
      expect(roundDateProblem(v)).toMatch(/^年份应在 2000–2099 之间/);
    }
  });

  it('refuses impossible calendar dates and, where only a date is taken, instants', () => {
    expect(roundDateProblem('2024-02-30')).toMatch(/不是有效日期/);
    expect(roundDateProblem('2023-02-29', { dateOnly: true })).toMatch(/不是有效日期/);
    expect(roundDateProblem('2024-02-29T00:00:00Z', { dateOnly: true })).toMatch(/不是有效日期/);
    expect(roundDateProblem('2024-10-31', { dateOnly: true })).toBeNull();
  });

  it('names every bad field, and lets a removed optional date (null) pass', () => {
    expect(() => assertRoundDates({ filing: null, promotion: '2024-12-31' })).not.toThrow();
    expect(problems(() => assertRoundDates({ recommendation: '0000-12-08', filing: null, promotion: '9999-12-31T00:00:00Z' }))).toEqual({
      code: 'VALIDATION_FAILED',
      details: [
        { field: 'deadlines.recommendation', message: '年份应在 2000–2099 之间：“0000-12-08”' },
        { field: 'deadlines.promotion', message: '年份应在 2000–2099 之间：“9999-12-31T00:00:00Z”' },
      ],
    });
  });
});
