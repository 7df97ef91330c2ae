import { isDomainError } from '../errors';
import { HAVE_KEYS, HaveStatus, SixHavesAssessment } from '../six-haves';
import { CURRENT_STAR_RUBRIC } from '../star-rating/registry';
import type { StarRatingRecord } from '../star-rating/station-record';
import { FIVE_STAR_SHEET, LOW_SHEET } from '../testing/star-rating-sheets';
import type { Actor, StationState } from '../stations/station-state';
import { aggregateReviews, spreadOf, STAR_SPREAD_THRESHOLD } from './aggregate';
import { assignExperts, checkManualAssignment, ExpertProfile, StationToStaff } from './assignment';
import { applyPanelAction, checkPanelAction, currentReviews, settlePanel } from './station-panel';
import { validateRoundPanel } from './round-panel';
import { composeExpertDigests } from './expert-digests';

const codeOf = (f: () => unknown): string | undefined => {
  try {
    f();
  } catch (e) {
    return isDomainError(e) ? e.code : String(e);
  }
  return undefined;
};

const experts = (n: number, district: (i: number) => string | null = () => null): ExpertProfile[] =>
  Array.from({ length: n }, (_, i) => ({ id: `e${String(i).padStart(2, '0')}`, districtCode: district(i) }));
const stations = (n: number, district: (i: number) => string = (i) => `5001${String(i % 4).padStart(2, '0')}`): StationToStaff[] =>
  Array.from({ length: n }, (_, i) => ({ id: `s${String(i).padStart(3, '0')}`, districtCode: district(i), experts: [] }));

describe('assignExperts', () => {
  it('gives every station perStation distinct experts with max − min load ≤ 1', () => {
    const r = assignExperts({ experts: experts(7), stations: stations(20), perStation: 3, excludeSameDistrict: true, conflicts: [] });
    expect(r.assignments).toHaveLength(20);
    expect(r.shortfalls).toEqual([]);
    for (const a of r.assignments) expect(new Set(a.experts).size).toBe(3);
    const loads = Object.values(r.load);
    expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
    expect(loads.reduce((s, n) => s + n, 0)).toBe(60);
  });

  it('never assigns an expert to a station of their own district, nor against a recorded conflict', () => {
    const pool = experts(6, (i) => `5001${String(i % 3).padStart(2, '0')}`);
    const conflicts = [
      { expertId: 'e05', stationId: 's001' },
      { expertId: 'e04', districtCode: '500103' },
    ];
    const r = assignExperts({ experts: pool, stations: stations(12), perStation: 2, excludeSameDistrict: true, conflicts });
    const byId = new Map(pool.map((e) => [e.id, e]));
    const districtOf = new Map(stations(12).map((s) => [s.id, s.districtCode]));
    for (const a of r.assignments) {
      for (const e of a.experts) expect(byId.get(e)!.districtCode).not.toBe(districtOf.get(a.stationId));
      if (a.stationId === 's001') expect(a.experts).not.toContain('e05');
      if (districtOf.get(a.stationId) === '500103') expect(a.experts).not.toContain('e04');
    }
    const loads = Object.values(r.load);
    expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
  });

  it('is deterministic whatever the order of its input', () => {
    const input = { experts: experts(5), stations: stations(9), perStation: 3, excludeSameDistrict: false, conflicts: [] };
    const a = assignExperts(input);
    const b = assignExperts({ ...input, experts: [...input.experts].reverse(), stations: [...input.stations].reverse() });
    expect(b).toEqual(a);
  });

  it('keeps the experts already assigned, counts them in the load, and reports what it cannot staff', () => {
    const pool = experts(3, () => '500100');
    const list: StationToStaff[] = [
      { id: 'a', districtCode: '500100', experts: [] },
      { id: 'b', districtCode: '500101', experts: ['e00'] },
    ];
    const r = assignExperts({ experts: pool, stations: list, perStation: 2, excludeSameDistrict: true, conflicts: [] });
    expect(r.shortfalls).toEqual([{ stationId: 'a', missing: 2 }]);
    expect(r.assignments).toEqual([{ stationId: 'b', experts: ['e00', expect.stringMatching(/^e0[12]$/)] }]);
    expect(codeOf(() => assignExperts({ experts: pool, stations: list, perStation: 0, excludeSameDistrict: true, conflicts: [] }))).toBe(
      'VALIDATION_FAILED',
    );
  });

  it('checks a manual change: panel members without a conflict', () => {
    const pool = experts(3, (i) => (i === 0 ? '500103' : null));
    const station = { id: 's', districtCode: '500103' };
    expect(
      codeOf(() => checkManualAssignment(station, ['e01', 'e02'], pool, { excludeSameDistrict: true, conflicts: [] })),
    ).toBeUndefined();
    expect(codeOf(() => checkManualAssignment(station, ['e00'], pool, { excludeSameDistrict: true, conflicts: [] }))).toBe(
      'PANEL.CONFLICT',
    );
    expect(codeOf(() => checkManualAssignment(station, ['e00'], pool, { excludeSameDistrict: false, conflicts: [] }))).toBeUndefined();
    expect(codeOf(() => checkManualAssignment(station, ['x'], pool, { excludeSameDistrict: true, conflicts: [] }))).toBe('PANEL.CONFLICT');
  });
});

const city: Actor = { id: 'city', name: '市三方办', role: 'city' };
const expert = (id: string): Actor => ({ id, name: `专家${id}`, role: 'expert' });
const sixHaves = (status: (k: string) => HaveStatus = () => 'met'): SixHavesAssessment =>
  Object.fromEntries(HAVE_KEYS.map((k) => [k, { status: status(k), evidence: `${k} 现场核查` }])) as SixHavesAssessment;

function station(stage: StationState['stage'], programme: 'six-haves' | 'star-rating' = 'six-haves'): StationState {
  const starRating: StarRatingRecord = {
    rubric: CURRENT_STAR_RUBRIC,
    ratingYear: 2024,
    exitAfterYears: 3,
    priorRatings: [],
    selfScore: null,
    districtReview: null,
    cityRating: null,
    stars: null,
    exitReview: null,
  };
  return {
    stationId: 'st-1',
    roundId: 'r-1',
    districtCode: '500103',
    name: '站点',
    application: {},
    stage,
    outcome: null,
    level: null,
    nextDeadline: null,
    overdue: false,
    overdueSince: null,
    recommendation: null,
    filing: null,
    selfAssessment: null,
    evaluation: null,
    withdrawal: null,
    publication: null,
    history: [],
    version: 3,
    calendarVersion: 1,
    ...(programme === 'star-rating' ? { programme, starRating } : {}),
  };
}

const at = new Date('2024-10-20T02:00:00Z');

describe('panel actions on a station', () => {
  it('assigns experts (city), takes reviews from them only, revises in place and keeps reviews per expert', () => {
    let s = applyPanelAction(station('city_evaluation'), { type: 'assign_experts', experts: ['a', 'b'] }, city, at);
    expect(s.panel?.experts).toEqual(['a', 'b']);
    expect(s.history.at(-1)?.action).toBe('assign_experts');
    expect(codeOf(() => checkPanelAction(s, { type: 'assign_experts', experts: ['a'] }, expert('a')))).toBe('FORBIDDEN');
    expect(codeOf(() => checkPanelAction(s, { type: 'assign_experts', experts: ['a', 'a'] }, city))).toBe('VALIDATION_FAILED');

    const review = { sixHaves: sixHaves(), recommendation: 'pass' as const };
    expect(codeOf(() => checkPanelAction(s, { type: 'review', review }, expert('c')))).toBe('PANEL.NOT_ASSIGNED');
    expect(
      codeOf(() => checkPanelAction(s, { type: 'review', review: { ...review, recommendation: 'maybe' } } as never, expert('a'))),
    ).toBe('VALIDATION_FAILED');
    s = applyPanelAction(s, { type: 'review', review }, expert('a'), at);
    s = applyPanelAction(
      s,
      { type: 'review', review: { ...review, recommendation: 'fail', comments: '再看' } },
      expert('a'),
      new Date(at.getTime() + 1000),
    );
    expect(s.panel!.reviews).toHaveLength(1);
    expect(s.panel!.reviews[0]).toMatchObject({
      id: 'st-1:a',
      revision: 2,
      recommendation: 'fail',
      comments: '再看',
      submittedAt: at.toISOString(),
    });
    expect(s.history.filter((h) => h.action === 'review')).toEqual([]);
  });

  it('refuses a review before the review stage (409) and once the city decided, which records the reviews it rests on', () => {
    const review = { sixHaves: sixHaves(), recommendation: 'pass' as const };
    const early = applyPanelAction(station('self_assessment'), { type: 'assign_experts', experts: ['a', 'b'] }, city, at);
    expect(codeOf(() => checkPanelAction(early, { type: 'review', review }, expert('a')))).toBe('STATION.WRONG_STAGE');

    let s = applyPanelAction(station('city_evaluation'), { type: 'assign_experts', experts: ['a', 'b'] }, city, at);
    s = applyPanelAction(s, { type: 'review', review }, expert('a'), at);
    const decided = settlePanel(s, { ...s, stage: 'publication' }, 'evaluate', city, at);
    expect(decided.panel!.decision).toEqual({ action: 'evaluate', at: at.toISOString(), by: '市三方办', reviewIds: ['st-1:a'] });
    expect(codeOf(() => checkPanelAction(decided, { type: 'review', review }, expert('b')))).toBe('PANEL.DECIDED');
    expect(codeOf(() => checkPanelAction(decided, { type: 'assign_experts', experts: ['b'] }, city))).toBe('PANEL.DECIDED');
    // an action that does not leave the stage records nothing
    expect(settlePanel(s, s, 'overdue', city, at).panel!.decision).toBeNull();
  });

  it('scores a star-rating review with the rubric of the city rating', () => {
    let s = applyPanelAction(station('city_rating', 'star-rating'), { type: 'assign_experts', experts: ['a'] }, city, at);
    s = applyPanelAction(s, { type: 'review', review: { items: FIVE_STAR_SHEET.items, facts: FIVE_STAR_SHEET.facts } }, expert('a'), at);
    expect(s.panel!.reviews[0].score).toMatchObject({ total: 97, stars: 5 });
    expect(codeOf(() => checkPanelAction(s, { type: 'review', review: { items: { nonsense: 1 } } }, expert('a')))).toBe(
      'VALIDATION_FAILED',
    );
  });

  it('counts only the current experts’ reviews', () => {
    let s = applyPanelAction(station('city_evaluation'), { type: 'assign_experts', experts: ['a', 'b'] }, city, at);
    s = applyPanelAction(s, { type: 'review', review: { sixHaves: sixHaves(), recommendation: 'pass' } }, expert('a'), at);
    s = applyPanelAction(s, { type: 'assign_experts', experts: ['b', 'c'] }, city, at);
    expect(s.panel!.reviews).toHaveLength(1);
    expect(currentReviews(s.panel)).toEqual([]);
  });
});

describe('aggregateReviews', () => {
  const review = (expertId: string, extra: object) => ({
    id: `st:${expertId}`,
    expertId,
    expertName: expertId,
    revision: 1,
    submittedAt: at.toISOString(),
    revisedAt: at.toISOString(),
    comments: null,
    ...extra,
  });

  it('six haves: counts, pass and fail, per have, and flags a split', () => {
    const reviews = [
      review('a', { programme: 'six-haves', recommendation: 'pass', sixHaves: sixHaves() }),
      review('b', { programme: 'six-haves', recommendation: 'pass', sixHaves: sixHaves((k) => (k === 'funding' ? 'partly' : 'met')) }),
    ] as never[];
    const agreed = aggregateReviews('six-haves', reviews, 3);
    expect(agreed).toMatchObject({ count: 2, expected: 3, pass: 2, fail: 0, disagreement: false });
    expect(agreed.perHave!.funding).toEqual({ met: 1, partly: 1, not_met: 0 });
    const split = aggregateReviews(
      'six-haves',
      [
        ...reviews,
        review('c', { programme: 'six-haves', recommendation: 'fail', sixHaves: sixHaves((k) => (k === 'team' ? 'not_met' : 'met')) }),
      ] as never[],
      3,
    );
    expect(split).toMatchObject({ count: 3, pass: 2, fail: 1, disagreement: true });
    expect(split.disagreementReasons).toHaveLength(2);
  });

  it('star rating: mean and spread per item and in total, flagged above the threshold or on a split verdict', () => {
    const score = (total: number, stars: number, points: number) => ({
      total,
      stars,
      items: [{ key: 'signage', section: 'hardware', points, rule: '' }],
    });
    const close = [
      review('a', { programme: 'star-rating', score: score(90, 5, 2) }),
      review('b', { programme: 'star-rating', score: score(84, 4, 0) }),
    ] as never[];
    const agg = aggregateReviews('star-rating', close, 2);
    expect(agg).toMatchObject({
      count: 2,
      pass: 2,
      fail: 0,
      meanScore: 87,
      spread: { mean: 87, min: 84, max: 90, stdDev: 3 },
      disagreement: false,
    });
    expect(agg.perItem!.signage).toEqual({ mean: 1, min: 0, max: 2, stdDev: 1 });
    const far = [...close, review('c', { programme: 'star-rating', score: score(90 - STAR_SPREAD_THRESHOLD - 1, 4, 2) })] as never[];
    expect(aggregateReviews('star-rating', far, 3).disagreement).toBe(true);
    const verdict = [
      review('a', { programme: 'star-rating', score: score(62, 3, 2) }),
      review('b', { programme: 'star-rating', score: score(58, 0, 2) }),
    ] as never[];
    expect(aggregateReviews('star-rating', verdict, 2)).toMatchObject({ pass: 1, fail: 1, disagreement: true });
    expect(spreadOf([])).toBeUndefined();
    expect(LOW_SHEET.items).toBeDefined();
  });
});

describe('the round panel and the experts’ digests', () => {
  it('validates the panel the city sets, naming each bad field', () => {
    expect(validateRoundPanel({ experts: ['a', 'b'], perStation: 2, excludeSameDistrict: true })).toEqual({
      experts: ['a', 'b'],
      perStation: 2,
      excludeSameDistrict: true,
      conflicts: [],
    });
    try {
      validateRoundPanel({ experts: ['a', 'a', 'x|y'], perStation: 0, excludeSameDistrict: 'yes', conflicts: [{ expertId: 'a' }] });
      throw new Error('accepted');
    } catch (e) {
      expect(isDomainError(e) && (e.details as { field: string }[]).map((i) => i.field)).toEqual([
        'experts.1',
        'experts.2',
        'perStation',
        'excludeSameDistrict',
        'conflicts.0',
      ]);
    }
  });

  it('composes one digest per expert who owes a review, at the city step’s checkpoints only', () => {
    const station = (id: string, name: string) => ({
      id,
      name,
      districtCode: '500103',
      stage: 'city_evaluation' as const,
      contactEmail: null,
    });
    const input = {
      round: { roundId: 'r', name: '批次', programme: 'six-haves' as const, cityContacts: [] },
      checkpoint: {
        deadlineKey: 'cityEvaluation' as const,
        deadline: new Date('2024-11-30T15:59:59Z'),
        checkpoint: 'before:P7D',
        key: 'k',
      },
      now: new Date('2024-11-23T01:00:00Z'),
      awaited: [
        { expertId: 'b', station: station('s2', '乙站') },
        { expertId: 'a', station: station('s2', '乙站') },
        { expertId: 'a', station: station('s1', '甲站') },
      ],
      experts: [{ id: 'a', name: '专家甲', email: 'a@example.org', districtCode: null }],
      districts: [{ code: '500103', name: '渝中区', contacts: [] }],
    };
    const digests = composeExpertDigests(input);
    expect(digests.map((d) => [d.key, d.to.map((c) => c.email), d.stations.map((s) => s.name), d.daysLeft])).toEqual([
      ['r|k|expert:a', ['a@example.org'], ['乙站', '甲站'].sort((x, y) => x.localeCompare(y, 'zh-CN')), 7],
      ['r|k|expert:b', [], ['乙站'], 7],
    ]);
    expect(composeExpertDigests({ ...input, checkpoint: { ...input.checkpoint, deadlineKey: 'selfAssessment' } })).toEqual([]);
  });
});
