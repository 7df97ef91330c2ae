import { formatBeijingTime } from '../calendar/shanghai-time';
import { DomainError } from '../errors';
import { settlePanel } from '../panel/station-panel';
import type { RoundCalendar } from '../rounds/round-calendar';
import { validateSixHavesAssessment } from '../six-haves';
import { ACTION_LABELS, ACTION_ROLES, ACTION_STAGES, StationAction } from './actions';
import { OUTCOME_LABELS } from './stages';
import { deadlineFor, LEVELS, selfAssessmentOpensAt, Stage, STAGE_LABELS } from './stages';
import { record } from './history';
import { applyPaperworkAction, isPaperworkAction, validatePaperworkAction } from './paperwork';
import { Actor, Role, StationState, SYSTEM_ACTOR } from './station-state';

export interface NewStation {
  stationId: string;
  roundId: string;
  districtCode: string;
  name: string;
  application: Record<string, unknown>;
  /** a draft waits in `application` until it is submitted */
  draft: boolean;
}

const MAX_TEXT = 2000;

/** The state of a station just applied for (申报). */
export function createStation(input: NewStation, actor: Actor, at: Date, calendar: RoundCalendar): StationState {
  const { draft, ...identity } = input;
  return initialStationState(identity, draft ? 'application' : 'recommendation', draft, actor, at, calendar);
}

/**
 * A new station in its first stage, with the `apply` history line and its deadline status; `identity`
 * carries what the programme adds (the star-rating record).
 */
export function initialStationState(
  identity: Omit<NewStation, 'draft'> & Pick<StationState, 'programme' | 'starRating'>,
  stage: Stage,
  draft: boolean,
  actor: Actor,
  at: Date,
  calendar: RoundCalendar,
): StationState {
  const base: StationState = {
    ...identity,
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
    version: 1,
    calendarVersion: calendar.version,
  };
  const note = draft ? '保存草稿' : null;
  return refreshDeadlineStatus(record(base, 'apply', actor, at, null, stage, note), calendar, at).state;
}

/**
 * Throws unless `actor` may take `action` on a station in `state`: the role, the stage, then the
 * data. Pure and synchronous, so it serves as the Update validator that rejects a wrong stage or
 * bad data before anything is recorded.
 */
export function checkAction(state: StationState, action: StationAction, actor: Actor): void {
  assertMayAct(state, action.type, ACTION_STAGES, ACTION_ROLES, actor);
  if (isPaperworkAction(action)) validatePaperworkAction(state, action, actor);
  else validateActionPayload(action);
}

/**
 * What changed in the rules since stations first ran, by patch (docs/patches.md): a workflow
 * replaying an action recorded before a change applies it as it was applied then.
 */
export interface SixHavesRules {
  /** patch `evaluation-per-have`: the city's evaluation keeps its six haves and sets the level */
  evaluationPerHave: boolean;
}
export const CURRENT_SIX_HAVES_RULES: SixHavesRules = { evaluationPerHave: true };

/**
 * The checks every programme makes before the data: a known action, a role allowed to take it, a
 * stage that accepts it (the programme's `stages` and `roles` tables, keyed by action type).
 */
export function assertMayAct(
  state: StationState,
  type: string,
  stages: Readonly<Record<string, readonly Stage[]>>,
  roles: Readonly<Record<string, readonly Role[]>>,
  actor: Actor,
): void {
  const allowedStages = stages[type];
  if (!allowedStages) throw new DomainError('VALIDATION_FAILED', `未知操作：${String(type)}`);
  const label = ACTION_LABELS[type as keyof typeof ACTION_LABELS] ?? type;
  if (!roles[type].includes(actor.role)) {
    throw new DomainError('FORBIDDEN', `${ROLE_LABELS[actor.role]}不能执行「${label}」`);
  }
  if (!allowedStages.includes(state.stage)) {
    const stage = state.stage === 'closed' && state.outcome ? `已结束（${OUTCOME_LABELS[state.outcome]}）` : STAGE_LABELS[state.stage];
    throw new DomainError(
      'STATION.WRONG_STAGE',
      `站点当前处于「${stage}」阶段，不能执行「${label}」（可执行的阶段：${allowedStages.map((s) => STAGE_LABELS[s]).join('、')}）`,
      { stage: state.stage, outcome: state.outcome, allowedStages },
    );
  }
}

/** The data checks of the six-haves actions (the star-rating flow reuses them for the actions both share). */
export function validateActionPayload(action: StationAction): void {
  const problems: string[] = [];
  const { text, bool } = payloadChecks(problems);
  switch (action.type) {
    case 'submit':
      break;
    case 'recommend':
      bool('recommended', action.recommended);
      text('note', action.note, false);
      break;
    case 'file':
      bool('filed', action.filed);
      if (action.filed && !LEVELS.includes(action.level as never))
        problems.push('level: 予以备案时须选择级别（city 市级或 district 区县级）');
      if (!action.filed && action.level !== undefined) problems.push('level: 未予备案的站点不选择级别');
      text('note', action.note, false);
      break;
    case 'self_assess':
      validateSixHavesAssessment(action.sixHaves);
      text('summary', action.summary, true);
      break;
    case 'evaluate':
      bool('passed', action.passed);
      text('comments', action.comments, false);
      if (action.sixHaves !== undefined) validateSixHavesAssessment(action.sixHaves);
      if (action.level !== undefined && !LEVELS.includes(action.level)) problems.push('level: 应为 city（市级）或 district（区县级）');
      if (action.level !== undefined && !action.passed) problems.push('level: 评估未通过的站点不确定级别');
      break;
    case 'withdraw':
      text('reason', action.reason, true);
      break;
    case 'publish':
      text('documentNo', action.documentNo, false);
      break;
    case 'promote':
      text('summary', action.summary, false);
      break;
    default:
      break; // the paperwork actions are checked by validatePaperworkAction
  }
  if (problems.length > 0) throw new DomainError('VALIDATION_FAILED', `数据不完整或有误：${problems.join('；')}`, problems);
}

/** The common checks of an action's fields; each problem reads `field: 中文`, the field path for whoever fixes the request. */
export function payloadChecks(problems: string[]) {
  return {
    text: (field: string, v: unknown, required: boolean, max = MAX_TEXT) => {
      if (v === undefined || v === null) {
        if (required) problems.push(`${field}: 必填`);
      } else if (typeof v !== 'string') problems.push(`${field}: 应为文本`);
      else if (required && !v.trim()) problems.push(`${field}: 不能为空`);
      else if (v.length > max) problems.push(`${field}: 不能超过 ${max} 个字符`);
    },
    bool: (field: string, v: unknown) => {
      if (typeof v !== 'boolean') problems.push(`${field}: 应为 true 或 false`);
    },
  };
}

/** zh-CN names of the roles, for messages. */
export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  admin: '系统管理员',
  city: '市级',
  district: '区县',
  station: '站点',
  expert: '评估专家',
  system: '系统',
};

/** Applies an action (after checking it) and returns the new state; `state` is not modified. */
export function applyAction(
  state: StationState,
  action: StationAction,
  actor: Actor,
  at: Date,
  calendar: RoundCalendar,
  rules: SixHavesRules = CURRENT_SIX_HAVES_RULES,
): StationState {
  checkAction(state, action, actor);
  if (isPaperworkAction(action)) return applyPaperworkAction(state, action, actor, at, calendar);
  const when = at.toISOString();
  let next: StationState;
  let note: string | null = null;
  switch (action.type) {
    case 'submit':
      next = { ...state, stage: 'recommendation' };
      break;
    case 'recommend':
      note = action.note ?? null;
      next = {
        ...state,
        recommendation: { recommended: action.recommended, note, at: when },
        ...(action.recommended ? { stage: 'filing' } : { stage: 'closed', outcome: 'not_recommended' }),
      };
      break;
    case 'file':
      note = action.note ?? null;
      next = {
        ...state,
        filing: { filed: action.filed, level: action.level ?? null, note, at: when },
        ...(action.filed ? { stage: 'cultivation', level: action.level ?? null } : { stage: 'closed', outcome: 'not_filed' }),
      };
      break;
    case 'self_assess':
      note = action.summary;
      next = { ...state, stage: 'city_evaluation', selfAssessment: { sixHaves: action.sixHaves, summary: action.summary, at: when } };
      break;
    case 'evaluate': {
      note = action.comments ?? null;
      const perHave = rules.evaluationPerHave
        ? {
            ...(action.sixHaves ? { sixHaves: action.sixHaves } : {}),
            level: action.passed ? (action.level ?? state.level) : null,
          }
        : {};
      next = {
        ...state,
        evaluation: { passed: action.passed, comments: note, at: when, ...perHave },
        ...(action.passed ? { stage: 'publication' } : { stage: 'closed', outcome: 'not_passed' }),
        ...(rules.evaluationPerHave && action.passed && action.level ? { level: action.level } : {}),
      };
      break;
    }
    case 'withdraw':
      note = action.reason;
      next = { ...state, stage: 'closed', outcome: 'withdrawn', withdrawal: { reason: action.reason, at: when } };
      break;
    case 'publish':
      note = action.documentNo ?? null;
      next = { ...state, stage: 'promotion', outcome: 'listed', publication: { documentNo: note, at: when } };
      break;
    case 'promote':
      note = action.summary ?? null;
      next = { ...state, stage: 'closed' };
      break;
  }
  // a station sent back carries the return until it moves on
  if (state.returned && next.stage !== state.stage) next = { ...next, returned: null };
  return settleAction(state, next, action.type, actor, at, note, calendar);
}

/**
 * The end of every action: leaving a stage settles what was owed in it, the history gets its
 * line, and the deadline status is read again for the new stage.
 */
export function settleAction(
  before: StationState,
  next: StationState,
  action: string,
  actor: Actor,
  at: Date,
  note: string | null,
  calendar: RoundCalendar,
): StationState {
  const settled: StationState = {
    ...settlePanel(before, next, action, actor, at),
    overdue: false,
    overdueSince: null,
    version: before.version + 1,
  };
  return refreshDeadlineStatus(record(settled, action, actor, at, before.stage, settled.stage, note), calendar, at).state;
}

/**
 * Re-reads the calendar at `now`: the deadline the station is held to, whether it is overdue
 * (a moved deadline can set or clear it), and whether the self-assessment window has opened.
 * Returns `changed` so the caller only projects real changes.
 */
export function refreshDeadlineStatus(state: StationState, calendar: RoundCalendar, now: Date): { state: StationState; changed: boolean } {
  let next = state;
  const at = now.toISOString();
  if (next.stage === 'cultivation' && selfAssessmentOpensAt(calendar) <= at) {
    next = record(
      { ...next, stage: 'self_assessment' },
      'self_assessment_opened',
      SYSTEM_ACTOR,
      now,
      'cultivation',
      'self_assessment',
      null,
    );
  }
  const nextDeadline = deadlineFor(next.stage, calendar);
  const overdue = nextDeadline !== null && nextDeadline < at;
  if (overdue && !next.overdue) {
    next = record(
      { ...next, overdue: true, overdueSince: at },
      'overdue',
      SYSTEM_ACTOR,
      now,
      next.stage,
      next.stage,
      `截止 ${formatBeijingTime(nextDeadline)}（北京时间）`,
    );
  } else if (!overdue && next.overdue) {
    next = { ...next, overdue: false, overdueSince: null };
  }
  if (next.nextDeadline !== nextDeadline) next = { ...next, nextDeadline };
  if (next.calendarVersion !== calendar.version) next = { ...next, calendarVersion: calendar.version };
  const changed = next !== state;
  return { state: changed ? { ...next, version: state.version + 1 } : state, changed };
}

/**
 * The next instant at which `refreshDeadlineStatus` could change something without any action:
 * the self-assessment window opening, or the current deadline passing. Null when nothing is due.
 */
export function nextWakeUp(state: StationState, calendar: RoundCalendar): string | null {
  if (state.stage === 'cultivation') {
    const opens = selfAssessmentOpensAt(calendar);
    const deadline = deadlineFor('cultivation', calendar);
    return deadline && deadline < opens ? deadline : opens;
  }
  if (state.overdue) return null;
  return deadlineFor(state.stage, calendar);
}
