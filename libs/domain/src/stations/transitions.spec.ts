import { DomainError } from '../errors';
import type { RoundCalendar } from '../rounds/round-calendar';
import { HAVE_KEYS, SixHavesAssessment } from '../six-haves';
import { ACTION_ROLES, ACTION_STAGES, RETURN_ROLE_OF_STAGE, StationAction, StationActionType } from './actions';
import { STAGES, Stage } from './stages';
import type { Actor, Role, StationState } from './station-state';
import { applyAction, checkAction, createStation, nextWakeUp, refreshDeadlineStatus } from './transitions';

const T0 = new Date('2023-11-01T02:00:00Z');
const calendar: RoundCalendar = {
  version: 1,
  deadlines: {
    recommendation: '2023-12-08T15:59:59.000Z',
    selfAssessment: '2024-09-30T15:59:59.000Z',
    cityEvaluation: '2024-10-31T15:59:59.000Z',
    publication: '2024-11-30T15:59:59.000Z',
    promotion: '2024-12-31T15:59:59.000Z',
  },
};
const actor = (role: Role): Actor => ({ id: role, name: role, role });
const sixHaves = Object.fromEntries(HAVE_KEYS.map((k) => [k, { status: 'met', evidence: '材料' }])) as SixHavesAssessment;

/** A valid action of each type (payloads that pass validation). */
const VALID: Record<StationActionType, StationAction> = {
  submit: { type: 'submit' },
  recommend: { type: 'recommend', recommended: true },
  file: { type: 'file', filed: true, level: 'city' },
  self_assess: { type: 'self_assess', sixHaves, summary: '达标' },
  evaluate: { type: 'evaluate', passed: true },
  withdraw: { type: 'withdraw', reason: '撤销' },
  publish: { type: 'publish', documentNo: '1号' },
  promote: { type: 'promote', summary: '推广' },
  return: { type: 'return', reason: '材料不全，请补充盖章页' },
  edit_application: { type: 'edit_application', changes: { hostUnit: '新的承担单位' } },
  mid_term_review: { type: 'mid_term_review', sixHaves, summary: '中期进展良好' },
};
/** A role that may take the action (a return: the role of the stage it is taken in). */
const allowedRole = (type: StationActionType, stage?: Stage): Actor =>
  actor((type === 'return' && stage && RETURN_ROLE_OF_STAGE[stage]) || ACTION_ROLES[type].find((r) => r !== 'admin') || 'admin');
/** Roles ACTION_ROLES gives the action, narrowed for a return to the one of the stage. */
const rolesFor = (type: StationActionType, stage: Stage): readonly Role[] =>
  type === 'return' ? ['admin', RETURN_ROLE_OF_STAGE[stage]!] : ACTION_ROLES[type];

function inStage(stage: Stage): StationState {
  const s = createStation(
    { stationId: 's1', roundId: 'r1', districtCode: '500103', name: '站点', application: {}, draft: false },
    actor('district'),
    T0,
    calendar,
  );
  return { ...s, stage };
}

function codeOf(fn: () => unknown): string | null {
  try {
    fn();
    return null;
  } catch (e) {
    if (e instanceof DomainError) return e.code;
    throw e;
  }
}

describe('station stage machine', () => {
  const cases = STAGES.flatMap((stage) => (Object.keys(VALID) as StationActionType[]).map((type) => [stage, type] as const));

  it.each(cases)('in %s, %s is allowed exactly where ACTION_STAGES says', (stage, type) => {
    const code = codeOf(() => checkAction(inStage(stage), VALID[type], allowedRole(type, stage)));
    expect(code).toBe(ACTION_STAGES[type].includes(stage) ? null : 'STATION.WRONG_STAGE');
  });

  it.each(Object.keys(VALID) as StationActionType[])('%s is refused to roles outside ACTION_ROLES', (type) => {
    const stage = ACTION_STAGES[type][0];
    for (const role of ['admin', 'city', 'district', 'station', 'system'] as Role[]) {
      const code = codeOf(() => checkAction(inStage(stage), VALID[type], actor(role)));
      expect({ role, code }).toEqual({ role, code: rolesFor(type, stage).includes(role) ? null : 'FORBIDDEN' });
    }
  });

  it('walks the happy path to a listed city-level station and records who did what', () => {
    let s = createStation(
      { stationId: 's1', roundId: 'r1', districtCode: '500103', name: '站点', application: {}, draft: true },
      actor('district'),
      T0,
      calendar,
    );
    expect(s.stage).toBe('application');
    const steps: [StationAction, Role, Stage][] = [
      [VALID.submit, 'district', 'recommendation'],
      [VALID.recommend, 'district', 'filing'],
      [VALID.file, 'city', 'cultivation'],
      [VALID.self_assess, 'station', 'city_evaluation'],
      [VALID.evaluate, 'city', 'publication'],
      [VALID.publish, 'city', 'promotion'],
      [VALID.promote, 'city', 'closed'],
    ];
    for (const [action, role, to] of steps) {
      const before = s.version;
      s = applyAction(s, action, actor(role), T0, calendar);
      expect(s.stage).toBe(to);
      expect(s.version).toBeGreaterThan(before);
    }
    expect([s.outcome, s.level]).toEqual(['listed', 'city']);
    expect(s.history.map((h) => [h.action, h.role])).toEqual([
      ['apply', 'district'],
      ['submit', 'district'],
      ['recommend', 'district'],
      ['file', 'city'],
      ['self_assess', 'station'],
      ['evaluate', 'city'],
      ['publish', 'city'],
      ['promote', 'city'],
    ]);
  });

  it.each([
    [{ type: 'recommend', recommended: false } as StationAction, 'recommendation', 'not_recommended'],
    [{ type: 'file', filed: false } as StationAction, 'filing', 'not_filed'],
    [{ type: 'evaluate', passed: false } as StationAction, 'city_evaluation', 'not_passed'],
    [VALID.withdraw, 'cultivation', 'withdrawn'],
  ])('%j in %s closes with %s', (action, stage, outcome) => {
    const s = applyAction(inStage(stage as Stage), action, actor('admin'), T0, calendar);
    expect([s.stage, s.outcome]).toEqual(['closed', outcome]);
  });

  it.each([
    [{ type: 'file', filed: true }, 'filing'],
    [{ type: 'file', filed: false, level: 'city' }, 'filing'],
    [{ type: 'recommend', recommended: 'yes' }, 'recommendation'],
    [{ type: 'withdraw', reason: '  ' }, 'cultivation'],
    [{ type: 'self_assess', sixHaves: { platform: { status: 'met', evidence: 'x' } }, summary: 's' }, 'cultivation'],
    [{ type: 'self_assess', sixHaves, summary: '' }, 'cultivation'],
  ])('rejects bad data %j', (action, stage) => {
    expect(codeOf(() => checkAction(inStage(stage as Stage), action as StationAction, actor('admin')))).toBe('VALIDATION_FAILED');
  });

  it('marks a station overdue once its deadline passes, and clears it when the deadline moves', () => {
    const s = inStage('recommendation');
    expect(nextWakeUp(s, calendar)).toBe(calendar.deadlines.recommendation);
    const late = refreshDeadlineStatus(s, calendar, new Date('2023-12-09T00:00:00Z'));
    expect(late.changed).toBe(true);
    expect(late.state.overdue).toBe(true);
    expect(late.state.history.at(-1)?.action).toBe('overdue');
    const moved: RoundCalendar = { version: 2, deadlines: { ...calendar.deadlines, recommendation: '2023-12-20T15:59:59.000Z' } };
    const again = refreshDeadlineStatus(late.state, moved, new Date('2023-12-09T00:00:00Z'));
    expect([again.state.overdue, again.state.nextDeadline, again.state.calendarVersion]).toEqual([
      false,
      moved.deadlines.recommendation,
      2,
    ]);
  });

  it('opens the self-assessment window on the first day of the deadline month by default', () => {
    const s = inStage('cultivation');
    expect(nextWakeUp(s, calendar)).toBe('2024-08-31T16:00:00.000Z');
    expect(refreshDeadlineStatus(s, calendar, new Date('2024-08-31T15:59:00Z')).state.stage).toBe('cultivation');
    expect(refreshDeadlineStatus(s, calendar, new Date('2024-08-31T16:00:01Z')).state.stage).toBe('self_assessment');
  });
});
