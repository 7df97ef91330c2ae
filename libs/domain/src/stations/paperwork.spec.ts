import { DomainError } from '../errors';
import type { RoundCalendar } from '../rounds/round-calendar';
import { HAVE_KEYS, SixHavesAssessment } from '../six-haves';
import type { Actor, Role, StationState } from './station-state';
import { applyAction, checkAction, createStation, SixHavesRules } from './transitions';
import type { Stage } from './stages';

const T0 = new Date('2023-11-01T02:00:00Z');
const LATE = new Date('2023-12-10T02:00:00Z'); // after the recommendation deadline
const calendar: RoundCalendar = {
  version: 1,
  deadlines: {
    recommendation: '2023-12-08T15:59:59.000Z',
    filing: '2023-12-31T15:59:59.000Z',
    selfAssessment: '2024-09-30T15:59:59.000Z',
    cityEvaluation: '2024-10-31T15:59:59.000Z',
    publication: '2024-11-30T15:59:59.000Z',
    promotion: '2024-12-31T15:59:59.000Z',
  },
};
const actor = (role: Role): Actor => ({ id: role, name: `${role}经办人`, role });
const sixHaves = Object.fromEntries(HAVE_KEYS.map((k) => [k, { status: 'met', evidence: '材料' }])) as SixHavesAssessment;

function station(draft = false): StationState {
  return createStation(
    {
      stationId: 's1',
      roundId: 'r1',
      districtCode: '500103',
      name: '站点',
      application: { districtCode: '500103', hostUnit: '甲' },
      draft,
    },
    actor('district'),
    T0,
    calendar,
  );
}
const inStage = (stage: Stage): StationState => ({ ...station(), stage });

function refusal(fn: () => unknown): { code: string; message: string } | null {
  try {
    fn();
    return null;
  } catch (e) {
    if (e instanceof DomainError) return { code: e.code, message: e.message };
    throw e;
  }
}

describe('returned for revision (退回修改)', () => {
  it('lets the district send an application back, then the station edit and submit it again', () => {
    const back = applyAction(station(), { type: 'return', reason: '缺少盖章页' }, actor('district'), T0, calendar);
    expect(back.stage).toBe('application');
    expect(back.returned).toEqual({
      by: 'district经办人',
      role: 'district',
      at: T0.toISOString(),
      reason: '缺少盖章页',
      fromStage: 'recommendation',
      toStage: 'application',
    });
    expect(back.history.at(-1)).toMatchObject({
      action: 'return',
      fromStage: 'recommendation',
      toStage: 'application',
      note: '缺少盖章页',
    });

    const edited = applyAction(
      back,
      { type: 'edit_application', changes: { hostUnit: '乙', stationName: '新名称' } },
      actor('station'),
      T0,
      calendar,
    );
    expect([edited.stage, edited.name, edited.application.hostUnit, edited.application.districtCode]).toEqual([
      'application',
      '新名称',
      '乙',
      '500103',
    ]);
    expect(edited.returned).toEqual(back.returned);

    const again = applyAction(edited, { type: 'submit' }, actor('station'), T0, calendar);
    expect(again.stage).toBe('recommendation');
    expect(again.returned).toBeNull();
  });

  it('lets the city send a recommendation back to its district, and nobody else', () => {
    const filing = inStage('filing');
    expect(refusal(() => checkAction(filing, { type: 'return', reason: '请补充' }, actor('district')))?.code).toBe('FORBIDDEN');
    expect(refusal(() => checkAction(inStage('recommendation'), { type: 'return', reason: '请补充' }, actor('city')))?.code).toBe(
      'FORBIDDEN',
    );
    expect(refusal(() => checkAction(filing, { type: 'return', reason: '请补充' }, actor('station')))?.code).toBe('FORBIDDEN');
    const back = applyAction(filing, { type: 'return', reason: '推荐材料不全' }, actor('city'), T0, calendar);
    expect([back.stage, back.returned?.fromStage]).toEqual(['recommendation', 'filing']);
  });

  it('refuses a return in another stage, naming the stages in Chinese, and without a reason', () => {
    const wrong = refusal(() => checkAction(inStage('cultivation'), { type: 'return', reason: '请补充' }, actor('admin')));
    expect(wrong?.code).toBe('STATION.WRONG_STAGE');
    expect(wrong?.message).toContain('培育');
    expect(wrong?.message).not.toMatch(/cultivation|recommendation/);
    expect(refusal(() => checkAction(inStage('recommendation'), { type: 'return', reason: ' ' }, actor('district')))?.code).toBe(
      'VALIDATION_FAILED',
    );
  });

  it('keeps the overdue rules: a late station sent back is overdue in the earlier step', () => {
    const late = applyAction(station(), { type: 'return', reason: '补充' }, actor('district'), LATE, calendar);
    expect([late.stage, late.overdue, late.nextDeadline]).toEqual(['application', true, calendar.deadlines.recommendation]);
    const edited = applyAction(late, { type: 'edit_application', changes: { hostUnit: '乙' } }, actor('district'), LATE, calendar);
    expect([edited.overdue, edited.overdueSince, edited.history.filter((h) => h.action === 'overdue').length]).toEqual([
      true,
      late.overdueSince,
      late.history.filter((h) => h.action === 'overdue').length,
    ]);
  });
});

describe('editing an application', () => {
  it('is refused after submission, and may not move the station to another district', () => {
    expect(refusal(() => checkAction(station(), { type: 'edit_application', changes: { hostUnit: '乙' } }, actor('district')))?.code).toBe(
      'STATION.WRONG_STAGE',
    );
    expect(
      refusal(() => checkAction(station(true), { type: 'edit_application', changes: { districtCode: '500104' } }, actor('district')))?.code,
    ).toBe('VALIDATION_FAILED');
    expect(refusal(() => checkAction(station(true), { type: 'edit_application', changes: {} }, actor('district')))?.code).toBe(
      'VALIDATION_FAILED',
    );
    expect(refusal(() => checkAction(station(true), { type: 'edit_application', changes: { hostUnit: '乙' } }, actor('city')))?.code).toBe(
      'FORBIDDEN',
    );
  });
});

describe('the mid-term review (中期评估)', () => {
  it('takes one review in cultivation, a second only when the city adds it', () => {
    const once = applyAction(
      inStage('cultivation'),
      { type: 'mid_term_review', sixHaves, summary: '进展良好' },
      actor('district'),
      T0,
      calendar,
    );
    expect([once.stage, once.midTermReviews?.length, once.history.at(-1)?.action]).toEqual(['cultivation', 1, 'mid_term_review']);
    expect(refusal(() => checkAction(once, { type: 'mid_term_review', sixHaves, summary: '再评' }, actor('city')))?.code).toBe(
      'STATION.MID_TERM_DONE',
    );
    expect(
      refusal(() => checkAction(once, { type: 'mid_term_review', sixHaves, summary: '再评', additional: true }, actor('district')))?.code,
    ).toBe('FORBIDDEN');
    const twice = applyAction(once, { type: 'mid_term_review', sixHaves, summary: '再评', additional: true }, actor('city'), T0, calendar);
    expect(twice.midTermReviews?.map((r) => r.summary)).toEqual(['进展良好', '再评']);
    expect(
      refusal(() => checkAction(inStage('city_evaluation'), { type: 'mid_term_review', sixHaves, summary: 'x' }, actor('city')))?.code,
    ).toBe('STATION.WRONG_STAGE');
  });
});

describe("the city's evaluation per have", () => {
  const evaluating = { ...inStage('city_evaluation'), level: 'district' as const };

  it('keeps the six haves and changes the level chosen at filing', () => {
    const s = applyAction(evaluating, { type: 'evaluate', passed: true, sixHaves, level: 'city' }, actor('city'), T0, calendar);
    expect([s.stage, s.level, s.evaluation?.level, s.evaluation?.sixHaves]).toEqual(['publication', 'city', 'city', sixHaves]);
  });

  it('confirms the level of filing when none is given', () => {
    const s = applyAction(evaluating, { type: 'evaluate', passed: true }, actor('city'), T0, calendar);
    expect([s.level, s.evaluation?.level]).toEqual(['district', 'district']);
  });

  it('refuses a level for a station that did not pass, and bad six haves', () => {
    expect(refusal(() => checkAction(evaluating, { type: 'evaluate', passed: false, level: 'city' }, actor('city')))?.code).toBe(
      'VALIDATION_FAILED',
    );
    const partial = { platform: { status: 'met', evidence: 'x' } } as unknown as SixHavesAssessment;
    expect(refusal(() => checkAction(evaluating, { type: 'evaluate', passed: true, sixHaves: partial }, actor('city')))?.code).toBe(
      'VALIDATION_FAILED',
    );
  });

  it('applies an evaluation recorded before the patch as it was applied then', () => {
    const old: SixHavesRules = { evaluationPerHave: false };
    const s = applyAction(evaluating, { type: 'evaluate', passed: true }, actor('city'), T0, calendar, old);
    expect(s.evaluation).toEqual({ passed: true, comments: null, at: T0.toISOString() });
  });
});
