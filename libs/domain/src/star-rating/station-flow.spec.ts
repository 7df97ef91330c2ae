import { DomainError } from '../errors';
import type { RoundCalendar } from '../rounds/round-calendar';
import type { Actor, Role, StationState } from '../stations/station-state';
import { nextWakeUp, refreshDeadlineStatus } from '../stations/transitions';
import { FIVE_STAR_SHEET, LOW_SHEET, NO_SHARED_COURT_SHEET, NO_TRIBUNAL_SHEET } from '../testing';
import type { StationScoreValues } from './scoring';
import { resolveStarRatingSettings } from './settings';
import {
  applyStarRatingAction,
  checkStarRatingAction,
  createStarRatingStation,
  STAR_RATING_ACTION_ROLES,
  STAR_RATING_ACTION_STAGES,
  StarRatingAction,
  StarRatingActionType,
  StarRatingRules,
} from './station-flow';

const calendar: RoundCalendar = {
  version: 1,
  programme: 'star-rating',
  deadlines: {
    registration: '2024-03-31T15:59:59.000Z',
    selfScore: '2024-09-30T15:59:59.000Z',
    districtReview: '2024-10-15T15:59:59.000Z',
    cityRating: '2024-10-31T15:59:59.000Z',
    publication: '2024-11-30T15:59:59.000Z',
    promotion: '2024-12-31T15:59:59.000Z',
  },
};
const T0 = new Date('2024-03-01T02:00:00Z');
const actor = (role: Role): Actor => ({ id: role, name: `${role}-name`, role });

const FIVE_STARS = FIVE_STAR_SHEET;
/** 97 points without a shared court or a tribunal: five and four stars are blocked, three awarded. */
const BLOCKED: StationScoreValues = { items: NO_SHARED_COURT_SHEET.items, facts: NO_TRIBUNAL_SHEET.facts };
const LOW = LOW_SHEET;

const settings = resolveStarRatingSettings(undefined, calendar.deadlines);

function registered(draft = false, priorRatings: { year: number; stars: 0 | 3 | 4 | 5 }[] = []): StationState {
  return createStarRatingStation(
    { stationId: 's1', roundId: 'r1', districtCode: '330106', name: '西溪服务站', application: {}, draft, settings, priorRatings },
    actor('district'),
    T0,
    calendar,
  );
}

const VALID: Record<StarRatingActionType, StarRatingAction> = {
  submit: { type: 'submit' },
  self_score: { type: 'self_score', values: FIVE_STARS },
  district_review: { type: 'district_review', values: FIVE_STARS },
  city_rate: { type: 'city_rate', values: FIVE_STARS },
  withdraw: { type: 'withdraw', reason: '属地变化，不再需要' },
  publish: { type: 'publish', documentNo: '杭总工〔2024〕1号' },
  promote: { type: 'promote', summary: '推广' },
};

function codeOf(fn: () => unknown): string | null {
  try {
    fn();
    return null;
  } catch (e) {
    if (e instanceof DomainError) return e.code;
    throw e;
  }
}

function walk(
  values: { self: StationScoreValues; review: StationScoreValues; rating: StationScoreValues },
  priorRatings: { year: number; stars: 0 | 3 | 4 | 5 }[] = [],
): StationState {
  let s = registered(false, priorRatings);
  s = applyStarRatingAction(s, { type: 'self_score', values: values.self, note: '自评说明' }, actor('station'), T0, calendar);
  s = applyStarRatingAction(s, { type: 'district_review', values: values.review }, actor('district'), T0, calendar);
  return applyStarRatingAction(s, { type: 'city_rate', values: values.rating }, actor('city'), T0, calendar);
}

describe('settings of a star-rating round', () => {
  it('defaults to the current rubric, the city rating deadline’s year and three years', () => {
    expect(settings).toEqual({ rubric: { id: 'hangzhou-star-rating', version: '2024.1' }, ratingYear: 2024, exitAfterYears: 3 });
    expect(resolveStarRatingSettings({ exitAfterYears: 2, ratingYear: 2025 }, calendar.deadlines)).toMatchObject({
      exitAfterYears: 2,
      ratingYear: 2025,
    });
  });

  it.each([
    [{ exitAfterYears: 0 }, 'starRating.exitAfterYears'],
    [{ exitAfterYears: 2.5 }, 'starRating.exitAfterYears'],
    [{ rubric: { id: 'hangzhou-star-rating', version: '1999.1' } }, 'starRating.rubric'],
    [{ ratingYear: 'this' }, 'starRating.ratingYear'],
    [{ years: 3 }, 'starRating.years'],
  ])('refuses %j', (input, field) => {
    let error: DomainError | undefined;
    try {
      resolveStarRatingSettings(input, calendar.deadlines);
    } catch (e) {
      error = e as DomainError;
    }
    expect(error?.code).toBe('VALIDATION_FAILED');
    expect((error?.details as { field: string }[]).map((i) => i.field)).toEqual([field]);
  });
});

describe('the star-rating station flow', () => {
  it('registers a station with its round’s rubric and exit rule; a draft owes the registration', () => {
    const draft = registered(true);
    expect([draft.programme, draft.stage, draft.nextDeadline]).toEqual(['star-rating', 'registration', calendar.deadlines.registration]);
    expect(draft.starRating).toMatchObject({ rubric: settings.rubric, ratingYear: 2024, exitAfterYears: 3, selfScore: null, stars: null });
    const submitted = applyStarRatingAction(draft, { type: 'submit' }, actor('district'), T0, calendar);
    expect([submitted.stage, submitted.nextDeadline]).toEqual(['self_score', calendar.deadlines.selfScore]);
    expect(registered().stage).toBe('self_score');
  });

  const stages = ['registration', 'self_score', 'district_review', 'city_rating', 'publication', 'promotion', 'closed'] as const;
  it.each(stages.flatMap((stage) => (Object.keys(VALID) as StarRatingActionType[]).map((type) => [stage, type] as const)))(
    'in %s, %s is allowed exactly where STAR_RATING_ACTION_STAGES says',
    (stage, type) => {
      const role = STAR_RATING_ACTION_ROLES[type].find((r) => r !== 'admin')!;
      const code = codeOf(() => checkStarRatingAction({ ...registered(), stage }, VALID[type], actor(role)));
      expect(code).toBe(STAR_RATING_ACTION_STAGES[type].includes(stage) ? null : 'STATION.WRONG_STAGE');
    },
  );

  it.each([
    ['self_score', ['admin', 'district', 'station']],
    ['district_review', ['admin', 'district']],
    ['city_rate', ['admin', 'city']],
  ] as const)('%s is for %j only', (type, allowed) => {
    const stage = STAR_RATING_ACTION_STAGES[type][0];
    for (const role of ['admin', 'city', 'district', 'station', 'system'] as Role[]) {
      const code = codeOf(() => checkStarRatingAction({ ...registered(), stage }, VALID[type], actor(role)));
      expect({ role, code }).toEqual({ role, code: (allowed as readonly Role[]).includes(role) ? null : 'FORBIDDEN' });
    }
  });

  it('keeps all three score sheets and rates five stars', () => {
    const s = walk({ self: FIVE_STARS, review: BLOCKED, rating: FIVE_STARS });
    expect([s.stage, s.outcome]).toEqual(['publication', null]);
    const r = s.starRating!;
    expect([r.selfScore?.score.total, r.selfScore?.score.stars, r.selfScore?.note, r.selfScore?.by]).toEqual([
      97,
      5,
      '自评说明',
      'station-name',
    ]);
    expect([r.districtReview?.score.total, r.districtReview?.score.stars]).toEqual([97, 3]);
    expect([r.cityRating?.score.stars, r.stars]).toEqual([5, 5]);
    expect(r.cityRating?.score.rubricVersion).toBe('2024.1');
    expect(r.exitReview).toMatchObject({ yearsBelowThree: 0, flagged: false });
    expect(s.history.map((h) => [h.action, h.toStage])).toEqual([
      ['apply', 'self_score'],
      ['self_score', 'district_review'],
      ['district_review', 'city_rating'],
      ['city_rate', 'publication'],
    ]);
    expect(s.history[1].note).toBe('97分，五星级；自评说明');
  });

  it('awards the star the prerequisites allow and says which were missing', () => {
    const s = walk({ self: BLOCKED, review: BLOCKED, rating: BLOCKED });
    expect(s.starRating!.stars).toBe(3);
    expect(s.starRating!.cityRating!.score.blockedStars).toEqual([
      { stars: 5, missing: ['劳动人事争议仲裁派出庭', '共享法庭'] },
      { stars: 4, missing: ['劳动人事争议仲裁派出庭'] },
    ]);
    expect(s.stage).toBe('publication');
  });

  it('closes a station rated below three stars as not passed, with the exit review', () => {
    const s = walk({ self: LOW, review: LOW, rating: LOW }, [
      { year: 2023, stars: 0 },
      { year: 2022, stars: 0 },
    ]);
    expect([s.stage, s.outcome, s.starRating!.stars]).toEqual(['closed', 'not_passed', 0]);
    expect(s.starRating!.exitReview).toMatchObject({ yearsBelowThree: 3, flagged: true, years: [2024, 2023, 2022] });
    expect(s.history.at(-1)?.note).toMatch(/建议撤并/);
    expect(walk({ self: LOW, review: LOW, rating: LOW }, [{ year: 2023, stars: 0 }]).starRating!.exitReview).toMatchObject({
      yearsBelowThree: 2,
      flagged: false,
    });
  });

  it('lists a rated station at publication and closes it at promotion', () => {
    let s = walk({ self: FIVE_STARS, review: FIVE_STARS, rating: FIVE_STARS });
    s = applyStarRatingAction(s, VALID.publish, actor('system'), T0, calendar);
    expect([s.stage, s.outcome]).toEqual(['promotion', 'listed']);
    s = applyStarRatingAction(s, VALID.promote, actor('city'), T0, calendar);
    expect(s.stage).toBe('closed');
  });

  it('refuses bad score values as VALIDATION_FAILED naming each field', () => {
    let error: DomainError | undefined;
    try {
      checkStarRatingAction(
        registered(),
        {
          type: 'self_score',
          values: { items: { signage: 2, lectures: -1, nope: true }, facts: { courtyard: true } },
          note: 'x'.repeat(2001),
        },
        actor('station'),
      );
    } catch (e) {
      error = e as DomainError;
    }
    expect(error?.code).toBe('VALIDATION_FAILED');
    expect((error?.details as { field: string }[]).map((i) => i.field).sort()).toEqual([
      'facts.courtyard',
      'items.lectures',
      'items.nope',
      'items.signage',
      'note',
    ]);
    expect(codeOf(() => checkStarRatingAction(registered(), { type: 'self_score' } as never, actor('station')))).toBe('VALIDATION_FAILED');
    expect(codeOf(() => checkStarRatingAction(registered(), { type: 'withdraw', reason: ' ' }, actor('district')))).toBe(
      'VALIDATION_FAILED',
    );
  });

  it('follows its deadlines: overdue once the self-score date passes, the re-score date next', () => {
    const s = registered();
    expect(nextWakeUp(s, calendar)).toBe(calendar.deadlines.selfScore);
    const late = refreshDeadlineStatus(s, calendar, new Date('2024-10-01T00:00:00Z')).state;
    expect([late.overdue, late.history.at(-1)?.action]).toEqual([true, 'overdue']);
    const scored = applyStarRatingAction(late, VALID.self_score, actor('station'), new Date('2024-10-02T00:00:00Z'), calendar);
    expect([scored.overdue, scored.nextDeadline]).toEqual([false, calendar.deadlines.districtReview]);
    // without a re-score date the step has no deadline
    const { districtReview: _, ...rest } = calendar.deadlines;
    const noReview = applyStarRatingAction(late, VALID.self_score, actor('station'), new Date('2024-10-02T00:00:00Z'), {
      ...calendar,
      deadlines: rest,
    });
    expect([noReview.stage, noReview.nextDeadline]).toEqual(['district_review', null]);
  });
});

describe('star prerequisites stated by the city, and its written override (DOMAIN.md decision)', () => {
  /** A station that owes its city rating. */
  const owesRating = (): StationState => ({ ...registered(), stage: 'city_rating' });
  const rate = (
    values: StationScoreValues,
    extra: Partial<Extract<StarRatingAction, { type: 'city_rate' }>> = {},
    rules?: StarRatingRules,
  ) => applyStarRatingAction(owesRating(), { type: 'city_rate', values, ...extra }, actor('city'), T0, calendar, rules);
  const OLD_RULES: StarRatingRules = { prerequisiteFacts: false };
  const fieldsOf = (fn: () => unknown): string[] => {
    try {
      fn();
    } catch (e) {
      expect((e as DomainError).code).toBe('VALIDATION_FAILED');
      return ((e as DomainError).details as { field: string }[]).map((i) => i.field);
    }
    throw new Error('expected a refusal');
  };
  const { arbitrationTribunal: _tribunal, ...factsWithoutTribunal } = FIVE_STARS.facts!;

  it('refuses a city rating that does not state whether there is an arbitration branch tribunal', () => {
    expect(fieldsOf(() => rate({ items: FIVE_STARS.items, facts: factsWithoutTribunal }))).toEqual(['facts.arbitrationTribunal']);
    expect(fieldsOf(() => rate({ items: FIVE_STARS.items }))).toEqual(['facts.arbitrationTribunal']);
    expect(fieldsOf(() => rate({ items: FIVE_STARS.items, facts: { ...factsWithoutTribunal, arbitrationTribunal: null } }))).toEqual([
      'facts.arbitrationTribunal',
    ]);
    // the self-score and the re-score may leave it out
    const scored = applyStarRatingAction(
      registered(),
      { type: 'self_score', values: { items: FIVE_STARS.items } },
      actor('station'),
      T0,
      calendar,
    );
    expect(scored.stage).toBe('district_review');
  });

  it('counts the disputes mediated as the disputes handled this year when the city leaves them out', () => {
    const s = rate({ items: FIVE_STARS.items, facts: { arbitrationTribunal: true } });
    expect(s.starRating!.stars).toBe(5);
    expect(s.starRating!.cityRating!.values.facts).toEqual({ arbitrationTribunal: true, disputesHandledThisYear: 50 });
    // a stated count is kept
    const stated = rate({ items: FIVE_STARS.items, facts: { arbitrationTribunal: true, disputesHandledThisYear: 30 } });
    expect([stated.starRating!.stars, stated.starRating!.cityRating!.score.blockedStars]).toEqual([
      4,
      [{ stars: 5, missing: ['每年处理劳动争议50件以上 (30 < 50)'] }],
    ]);
  });

  it('keeps the old rules for a station rated before the decision (its replay gives the same stars)', () => {
    const old = rate({ items: FIVE_STARS.items }, {}, OLD_RULES);
    expect([old.stage, old.outcome, old.starRating!.stars]).toEqual(['closed', 'not_passed', 0]);
    expect(old.starRating!.cityRating!.values).toEqual({ items: FIVE_STARS.items });
  });

  it('grants a withheld star with the city’s written reason, kept on the rating', () => {
    const s = rate(BLOCKED, { override: { stars: 5, reason: '仲裁派出庭与共享法庭已批复，正在挂牌' } });
    expect([s.stage, s.starRating!.stars, s.starRating!.cityRating!.score.stars]).toEqual(['publication', 5, 3]);
    expect(s.starRating!.cityRating!.override).toEqual({ stars: 5, reason: '仲裁派出庭与共享法庭已批复，正在挂牌' });
    expect(s.history.at(-1)?.note).toBe('97分，五星级（前置条件未全部满足，经书面说明认定：仲裁派出庭与共享法庭已批复，正在挂牌）');
    expect(rate(BLOCKED, { override: { stars: 4, reason: '已设仲裁派出庭' } }).starRating!.stars).toBe(4);
    // a station below every threshold whose only lack is a prerequisite can be granted three stars
    const noRoom = { items: { ...FIVE_STARS.items, mediationRoom: false }, facts: FIVE_STARS.facts };
    expect(rate(noRoom).outcome).toBe('not_passed');
    expect(rate(noRoom, { override: { stars: 3, reason: '调解室在建' } }, OLD_RULES).starRating!.stars).toBe(3);
  });

  it.each<[string, StationScoreValues, unknown, string[]]>([
    ['a star no prerequisite withholds', BLOCKED, { stars: 3, reason: '理由' }, ['override.stars']],
    [
      'a star above what the total reaches',
      { ...LOW, facts: { arbitrationTribunal: false } },
      { stars: 3, reason: '理由' },
      ['override.stars'],
    ],
    ['no reason', BLOCKED, { stars: 5 }, ['override.reason']],
    ['a blank reason', BLOCKED, { stars: 5, reason: '  ' }, ['override.reason']],
    ['a reason too long', BLOCKED, { stars: 5, reason: '理'.repeat(2001) }, ['override.reason']],
    ['stars as text', BLOCKED, { stars: '5', reason: '理由' }, ['override.stars']],
    ['an unknown key', BLOCKED, { stars: 5, reason: '理由', by: 'x' }, ['override.by']],
    ['not an object', BLOCKED, 5, ['override']],
  ])('refuses an override of %s', (_d, values, override, fields) => {
    expect(fieldsOf(() => rate(values, { override: override as never }))).toEqual(fields);
  });

  it('takes an override at the city rating only', () => {
    const action = { type: 'district_review', values: BLOCKED, override: { stars: 5, reason: '理由' } } as unknown as StarRatingAction;
    expect(fieldsOf(() => checkStarRatingAction({ ...registered(), stage: 'district_review' }, action, actor('district')))).toEqual([
      'override',
    ]);
  });
});
