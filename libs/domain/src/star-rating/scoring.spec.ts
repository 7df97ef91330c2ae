import { DomainError } from '../errors';
import { FULL_MARKS } from '../testing/star-rating-sheets';
import { HANGZHOU_2024 } from './hangzhou-2024';
import { Rubric } from './rubric';
import { ItemInput, missingRatingFacts, scoreStation, ScoreResult, StationScoreValues, withFactDefaults } from './scoring';

type Items = Record<string, ItemInput>;

/** The items of one Hangzhou section at full marks (hardware: raw 12 for 10 points; work: raw 78 for 80). */
const fullSection = (key: string): Items =>
  Object.fromEntries(HANGZHOU_2024.sections.find((s) => s.key === key)!.items.map((i) => [i.key, FULL_MARKS[i.key]]));
const FULL_HARDWARE = fullSection('hardware');
const FULL_WORK = fullSection('work');

const ALL_PREREQUISITE_FACTS = { arbitrationTribunal: true, disputesHandledThisYear: 60 };

const score = (items: Items, facts: StationScoreValues['facts'] = {}) => scoreStation(HANGZHOU_2024, { items, facts });
const item = (r: ScoreResult, key: string) => r.items.find((i) => i.key === key)!;
const section = (r: ScoreResult, key: string) => r.sections.find((s) => s.key === key)!;

function scoreError(values: unknown): DomainError {
  try {
    scoreStation(HANGZHOU_2024, values as StationScoreValues);
  } catch (e) {
    return e as DomainError;
  }
  throw new Error('expected scoreStation to throw');
}

describe('scoreStation with the Hangzhou 2024 rubric', () => {
  it('gives 0 and no star to an empty score sheet', () => {
    const r = score({});
    expect(r).toMatchObject({ rubricId: 'hangzhou-star-rating', rubricVersion: '2024.1', total: 0, stars: 0 });
    expect(r.items).toHaveLength(33);
    expect(r.items.every((i) => i.points === 0)).toBe(true);
    expect(r.blockedStars).toBeUndefined();
  });

  describe('fixed items', () => {
    it.each([
      ['signage', true, 2],
      ['signage', false, 0],
      ['personInCharge', true, 2],
      ['mediationRoom', true, 1],
      ['sharedCourt', true, 1],
      ['activitySpace', true, 1],
      ['officeFacilities', true, 1],
      ['managementRules', true, 5],
      ['mediationLedger', true, 3],
      ['legalAidFiles', true, 3],
      ['annualPlan', true, 3],
      ['otherLedgers', true, 2],
      ['funding', true, 2],
      ['leadersVisit', true, 1],
      ['economicDevelopment', true, 5],
      // 酌情扣分: partial items take points in [0, max]
      ['premises', 0.5, 0.5],
      ['noticeWall', 0.7, 0.7],
      ['displayWindow', 0, 0],
      ['managementRules', 3.5, 3.5],
    ])('%s = %p → %p', (key, input, points) => {
      expect(item(score({ [key]: input }), key).points).toBe(points);
    });
  });

  describe('per-unit items and their caps', () => {
    it.each([
      ['disputesMediated', 1, 0.2],
      ['disputesMediated', 3, 0.6],
      ['disputesMediated', 49, 9.8],
      ['disputesMediated', 50, 10],
      ['disputesMediated', 51, 10],
      ['disputesMediated', 1000, 10],
      ['legalAidCases', 24, 4.8],
      ['legalAidCases', 26, 5],
      ['legalConsultations', 7, 1.4],
      ['legalConsultations', 30, 5],
      ['lectures', 26, 5],
      ['publicityDrives', 26, 5],
      ['bargainingGuidance', 26, 5],
      ['monitoringReports', 26, 5],
      ['legalCheckups', 26, 5],
      ['legalCheckups', 0, 0],
    ])('%s × %p → %p', (key, count, points) => {
      expect(item(score({ [key]: count }), key).points).toBe(points);
    });

    // Every capped item of the rubric, from the data: one unit short of the cap, exactly at it, past it.
    const perUnit = HANGZHOU_2024.sections
      .flatMap((s) => s.items)
      .flatMap((i) => (i.kind === 'per-unit' ? [[i.key, i.perUnit, i.cap] as const] : []));
    it.each(perUnit)('%s (%p per unit) stops at its cap of %p', (key, per, cap) => {
      const atCap = Math.round(cap / per);
      expect(item(score({ [key]: atCap - 1 }), key).points).toBe(Math.round((cap - per) * 10) / 10);
      expect(item(score({ [key]: atCap }), key)).toMatchObject({ points: cap, rule: expect.not.stringMatching(/capped/) });
      expect(item(score({ [key]: atCap + 1 }), key)).toMatchObject({
        points: cap,
        rule: expect.stringMatching(new RegExp(`capped at ${cap}$`)),
      });
    });

    it('says in the rule when the cap applied', () => {
      expect(item(score({ disputesMediated: 60 }), 'disputesMediated').rule).toMatch(/capped at 10/);
      expect(item(score({ disputesMediated: 23 }), 'disputesMediated').rule).toContain('= 4.6');
    });
  });

  describe('bands', () => {
    it.each([
      ['mediators', 0, 0],
      ['mediators', 1, 2],
      ['mediators', 2, 2],
      ['mediators', 3, 5],
      ['mediators', 10, 5],
      ['partTimeArbitrators', 0, 0],
      ['partTimeArbitrators', 1, 2],
      ['partTimeArbitrators', 2, 2], // not covered by the source: decision, 2 points
      ['partTimeArbitrators', 3, 5],
      ['bargainingInstructors', 0, 0],
      ['bargainingInstructors', 2, 2],
      ['bargainingInstructors', 3, 5],
      ['studyMaterials', 2, 0],
      ['studyMaterials', 3, 1],
    ])('%s = %p → %p', (key, count, points) => {
      expect(item(score({ [key]: count }), key).points).toBe(points);
    });

    it('explains the two-arbitrator decision in the rule and in the rubric', () => {
      expect(item(score({ partTimeArbitrators: 2 }), 'partTimeArbitrators').rule).toMatch(/decision: .*exactly 2/);
      const arbitrators = HANGZHOU_2024.sections.flatMap((s) => s.items).find((i) => i.key === 'partTimeArbitrators');
      expect(arbitrators?.decision).toMatch(/Exactly 2/);
    });
  });

  describe('suggestions collected (deficit)', () => {
    it.each([
      [12, 2],
      [20, 2],
      [11, 1.5],
      [10, 1],
      [9, 0.5],
      [8, 0],
      [3, 0],
      [0, 0],
    ])('%p suggestions → %p', (count, points) => {
      expect(item(score({ suggestionsCollected: count }), 'suggestionsCollected').points).toBe(points);
    });

    it('scores 0 when the item is missing', () => {
      expect(item(score({}), 'suggestionsCollected').points).toBe(0);
    });
  });

  describe('close to workers (garbled row: discretionary, max 1)', () => {
    it.each([
      [1, 1],
      [0.5, 0.5],
      [{ points: 0.8, basis: '走访企业覆盖率约60%' }, 0.8],
    ])('%p → %p', (input, points) => {
      expect(item(score({ closeToWorkers: input }), 'closeToWorkers').points).toBe(points);
    });

    it('keeps the written basis in the rule', () => {
      expect(item(score({ closeToWorkers: { points: 1, basis: '覆盖率60%' } }), 'closeToWorkers').rule).toContain('覆盖率60%');
    });
  });

  describe('bonus awards (levels)', () => {
    it.each([
      ['innovation', ['city'], 1],
      ['innovation', ['provincial'], 2],
      ['innovation', ['national'], 3],
      ['innovation', ['national', 'city'], 4],
      ['innovation', ['national', 'provincial'], 5],
      ['innovation', ['national', 'national'], 5], // 6 capped at 5
      ['innovation', ['city', 'city', 'city', 'city', 'city', 'city'], 5],
      [
        'deedsForThePeople',
        [
          { level: 'city', ref: 'a' },
          { level: 'provincial', ref: 'b' },
        ],
        3,
      ],
      // the same deed counts once, at its highest level
      [
        'deedsForThePeople',
        [
          { level: 'city', ref: 'a' },
          { level: 'national', ref: 'a' },
        ],
        3,
      ],
      [
        'deedsForThePeople',
        [
          { level: 'national', ref: 'a' },
          { level: 'national', ref: 'b' },
        ],
        5,
      ],
    ] as [string, ItemInput, number][])('%s = %j → %p', (key, input, points) => {
      expect(item(score({ [key]: input }), key).points).toBe(points);
    });
  });

  describe('section caps', () => {
    it('caps hardware at 10 although its items add up to 12', () => {
      expect(section(score(FULL_HARDWARE), 'hardware')).toEqual({ key: 'hardware', raw: 12, capped: 10, max: 10, bonus: false });
    });

    it('lets the work section reach only 78 of its 80', () => {
      expect(section(score(FULL_WORK), 'work')).toEqual({ key: 'work', raw: 78, capped: 78, max: 80, bonus: false });
    });

    it('lets the social-impact section reach only 9 of its 10', () => {
      const r = score({ suggestionsCollected: 12, closeToWorkers: 1, leadersVisit: true, economicDevelopment: true });
      expect(section(r, 'impact')).toMatchObject({ raw: 9, capped: 9, max: 10 });
    });

    it('adds the bonus (max 10) on top of the main 100', () => {
      const r = score(
        {
          ...FULL_HARDWARE,
          ...FULL_WORK,
          suggestionsCollected: 12,
          closeToWorkers: 1,
          leadersVisit: true,
          economicDevelopment: true,
          innovation: ['national', 'national'],
          deedsForThePeople: [
            { level: 'national', ref: 'a' },
            { level: 'provincial', ref: 'b' },
          ],
        },
        ALL_PREREQUISITE_FACTS,
      );
      expect(section(r, 'bonus')).toEqual({ key: 'bonus', raw: 10, capped: 10, max: 10, bonus: true });
      expect(r).toMatchObject({ mainTotal: 97, bonusTotal: 10, total: 107, stars: 5 });
    });

    it('caps a bonus section whose items exceed its max', () => {
      const rubric: Rubric = {
        ...HANGZHOU_2024,
        sections: [
          {
            key: 'bonus',
            name: '加分项',
            max: 4,
            bonus: true,
            items: [
              { key: 'x', label: 'x', kind: 'fixed', points: 3 },
              { key: 'y', label: 'y', kind: 'fixed', points: 3 },
            ],
          },
          {
            key: 'main',
            name: 'main',
            max: 100,
            items: [
              { key: 'mediationRoom', label: '调解室', kind: 'fixed', points: 1 },
              { key: 'sharedCourt', label: '共享法庭', kind: 'fixed', points: 1 },
            ],
          },
        ],
        // this rubric has no disputesMediated item to default the disputes handled from
        facts: HANGZHOU_2024.facts.map(({ defaultFromItem: _, ...fact }) => fact),
      };
      const r = scoreStation(rubric, { items: { x: true, y: true } });
      expect(r.sections[0]).toMatchObject({ raw: 6, capped: 4 });
      expect(r).toMatchObject({ mainTotal: 0, bonusTotal: 4, total: 4 });
    });
  });

  describe('star thresholds', () => {
    // Base: hardware 10 + work without disputes 68 = 78, all prerequisites met. Disputes mediated
    // (0.2 each) and the discretionary 'close to workers' item (0.1 steps) set the exact total.
    const base = { ...FULL_HARDWARE, ...FULL_WORK, disputesMediated: 0 };
    it.each([
      [79.9, { disputesMediated: 9, closeToWorkers: 0.1 }, 0],
      [80, { disputesMediated: 10 }, 3],
      [84.9, { disputesMediated: 34, closeToWorkers: 0.1 }, 3],
      [85, { disputesMediated: 35 }, 4],
      [89.9, { disputesMediated: 50, leadersVisit: true, closeToWorkers: 0.9 }, 4],
      [90, { disputesMediated: 50, leadersVisit: true, closeToWorkers: 1 }, 5],
    ] as [number, Items, number][])('total %p → %p stars', (total, extra, stars) => {
      const r = score({ ...base, ...extra }, ALL_PREREQUISITE_FACTS);
      expect(r.total).toBe(total);
      expect(r.stars).toBe(stars);
      expect(r.blockedStars).toBeUndefined();
    });

    it('explains a total below every threshold', () => {
      expect(score({ signage: true }).starReason).toMatch(/below 80/);
    });
  });

  describe('star prerequisites', () => {
    const ninetyish: Items = { ...FULL_HARDWARE, ...FULL_WORK, leadersVisit: true, closeToWorkers: 1, suggestionsCollected: 12 };
    it.each([
      ['all met', {}, {}, 5, []],
      ['no mediation room', { mediationRoom: false }, {}, 0, [5, 4, 3]],
      ['no arbitration branch tribunal', {}, { arbitrationTribunal: false }, 3, [5, 4]],
      ['no shared court', { sharedCourt: false }, {}, 4, [5]],
      ['49 disputes handled', {}, { disputesHandledThisYear: 49 }, 4, [5]],
      ['50 disputes handled', {}, { disputesHandledThisYear: 50 }, 5, []],
      ['19 disputes handled', {}, { disputesHandledThisYear: 19 }, 3, [5, 4]],
      ['20 disputes handled', {}, { disputesHandledThisYear: 20 }, 4, [5]],
      ['9 disputes handled', {}, { disputesHandledThisYear: 9 }, 0, [5, 4, 3]],
      ['10 disputes handled', {}, { disputesHandledThisYear: 10 }, 3, [5, 4]],
      ['facts missing', {}, { arbitrationTribunal: undefined, disputesHandledThisYear: undefined }, 0, [5, 4, 3]],
    ] as [string, Items, Record<string, unknown>, number, number[]][])(
      '%s → %p stars',
      (_name, itemChanges, factChanges, stars, blocked) => {
        const r = score({ ...ninetyish, ...itemChanges }, { ...ALL_PREREQUISITE_FACTS, ...factChanges } as StationScoreValues['facts']);
        expect(r.total).toBeGreaterThanOrEqual(90);
        expect(r.stars).toBe(stars);
        expect((r.blockedStars ?? []).map((b) => b.stars)).toEqual(blocked);
      },
    );

    it('names what is missing', () => {
      const r = score({ ...ninetyish, sharedCourt: false }, { arbitrationTribunal: true, disputesHandledThisYear: 30 });
      expect(r.stars).toBe(4);
      expect(r.blockedStars).toEqual([{ stars: 5, missing: ['共享法庭', '每年处理劳动争议50件以上 (30 < 50)'] }]);
      expect(r.starReason).toMatch(/5 stars lack 共享法庭.*: 4 stars/);
    });

    it('only blocks stars whose threshold the total reaches', () => {
      const r = score({ ...FULL_HARDWARE, ...FULL_WORK, disputesMediated: 35 }, { disputesHandledThisYear: 60 }); // 85, no tribunal
      expect(r.total).toBe(85);
      expect(r.stars).toBe(3);
      expect(r.blockedStars).toEqual([{ stars: 4, missing: ['劳动人事争议仲裁派出庭'] }]);
    });
  });

  describe('arithmetic in tenths', () => {
    it('adds 0.2-point units without floating error', () => {
      const r = score({ disputesMediated: 3, legalAidCases: 1, lectures: 7, closeToWorkers: 0.1 });
      expect(r.total).toBe(2.3);
      expect(section(r, 'work').raw).toBe(2.2);
    });
  });

  describe('invalid input', () => {
    it.each([
      ['unknown item', { items: { nope: true } }, 'nope', /中没有此项/],
      ['fixed item given a number', { items: { signage: 2 } }, 'signage', /true.*或.*false/],
      ['fixed item given a string', { items: { signage: 'yes' } }, 'signage', /true.*或.*false/],
      ['partial item above its points', { items: { premises: 1.5 } }, 'premises', /不能超过 1 分/],
      ['negative count', { items: { disputesMediated: -1 } }, 'disputesMediated', /不能为负数/],
      ['fractional count', { items: { mediators: 2.5 } }, 'mediators', /应为整数/],
      ['count given a string', { items: { lectures: '3' } }, 'lectures', /应为件数/],
      ['NaN count', { items: { lectures: NaN } }, 'lectures', /应为件数/],
      ['negative deficit count', { items: { suggestionsCollected: -2 } }, 'suggestionsCollected', /不能为负数/],
      ['levels not a list', { items: { innovation: 'national' } }, 'innovation', /荣誉级别的列表/],
      ['unknown level', { items: { innovation: ['county'] } }, 'innovation', /未知的荣誉级别/],
      ['discretionary above max', { items: { closeToWorkers: 2 } }, 'closeToWorkers', /不能超过 1 分/],
      ['discretionary negative', { items: { closeToWorkers: -0.5 } }, 'closeToWorkers', /不能为负数/],
      ['discretionary finer than 0.1', { items: { closeToWorkers: 0.25 } }, 'closeToWorkers', /最小单位为 0.1 分/],
      ['discretionary boolean', { items: { closeToWorkers: true } }, 'closeToWorkers', /应为分数/],
      ['unknown fact', { facts: { courtyard: true } }, 'facts.courtyard', /没有此事实项/],
      ['boolean fact given a number', { facts: { arbitrationTribunal: 1 } }, 'facts.arbitrationTribunal', /true.*或.*false/],
      ['negative count fact', { facts: { disputesHandledThisYear: -5 } }, 'facts.disputesHandledThisYear', /不能为负数/],
      ['values not an object', 'signage', 'values', /应为对象/],
      ['flat map instead of { items, facts }', { signage: true }, 'values', /不应有“signage”/],
      ['items not an object', { items: [true] }, 'values', /“items”应为以评分项为键的对象/],
    ])('%s → RUBRIC.INVALID_SCORES', (_name, values, key, message) => {
      const e = scoreError(values);
      expect(e).toBeInstanceOf(DomainError);
      expect(e.code).toBe('RUBRIC.INVALID_SCORES');
      const errors = (e.details as { errors: { key: string; message: string }[] }).errors;
      expect(errors).toEqual(expect.arrayContaining([{ key, message: expect.stringMatching(message) }]));
    });

    it('reports every offending item at once', () => {
      const e = scoreError({ items: { signage: 1, lectures: -1, nope: 0 } });
      const keys = (e.details as { errors: { key: string }[] }).errors.map((x) => x.key).sort();
      expect(keys).toEqual(['lectures', 'nope', 'signage']);
    });

    it('treats null and undefined as missing', () => {
      expect(score({ signage: null, lectures: undefined } as unknown as Items).total).toBe(0);
    });
  });
});

describe('the facts the city states at its rating', () => {
  it('requires the arbitration branch tribunal', () => {
    expect(missingRatingFacts(HANGZHOU_2024, { items: {} }).map((f) => f.key)).toEqual(['arbitrationTribunal']);
    expect(missingRatingFacts(HANGZHOU_2024, { items: {}, facts: { arbitrationTribunal: false } })).toEqual([]);
  });

  it('defaults the disputes handled this year to the disputes mediated, and keeps a stated count', () => {
    expect(withFactDefaults(HANGZHOU_2024, { items: { disputesMediated: 23 } })).toEqual({
      items: { disputesMediated: 23 },
      facts: { disputesHandledThisYear: 23 },
    });
    expect(withFactDefaults(HANGZHOU_2024, { items: {}, facts: { arbitrationTribunal: true } })).toEqual({
      items: {},
      facts: { arbitrationTribunal: true, disputesHandledThisYear: 0 },
    });
    expect(withFactDefaults(HANGZHOU_2024, { items: { disputesMediated: 23 }, facts: { disputesHandledThisYear: 60 } }).facts).toEqual({
      disputesHandledThisYear: 60,
    });
    expect(withFactDefaults(HANGZHOU_2024, { items: { disputesMediated: 23 }, facts: { disputesHandledThisYear: null } }).facts).toEqual({
      disputesHandledThisYear: 23,
    });
  });

  it('leaves input it cannot read to scoreStation, which names the problem', () => {
    expect(withFactDefaults(HANGZHOU_2024, { items: { disputesMediated: -1 } }).facts).toEqual({});
    const odd = { items: {}, facts: [] } as unknown as StationScoreValues;
    expect(withFactDefaults(HANGZHOU_2024, odd)).toBe(odd);
  });
});
