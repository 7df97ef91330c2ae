import { formatBeijingTime, isDateOnly, parseDeadline, startOfShanghaiDay } from '../calendar/shanghai-time';
import { DEADLINE_LABELS } from '../reminders/digest';
import { DomainError } from '../errors';
import { validationFailed, ValidationIssue } from '../validation/issues';
import type { Programme } from './round-state';

/**
 * The deadlines of a round (培育批次). They belong to the round, not to code: another city or year
 * uses other dates, may have no filing deadline, and may move a date while the round runs.
 * Values are ISO 8601 instants (UTC); date-only input is converted at the API edge.
 *
 * Every programme's deadlines, each programme's in its timeline order (the order is also the
 * reminder tie-break between deadlines with one send time; a round holds the dates of one
 * programme only, so only the order within a programme matters):
 * - six-haves (渝人社〔2023〕474号): recommendation, filing, selfAssessment, cityEvaluation, publication, promotion;
 * - star-rating (杭总工办〔2023〕30号): registration (登记), selfScore (自评), districtReview (复评),
 *   cityRating (评定), publication, promotion.
 */
export const DEADLINE_KEYS = [
  'registration',
  'recommendation',
  'filing',
  'selfAssessment',
  'selfScore',
  'districtReview',
  'cityEvaluation',
  'cityRating',
  'publication',
  'promotion',
] as const;
export type DeadlineKey = (typeof DEADLINE_KEYS)[number];

/** A round date: a deadline, or `selfAssessmentOpens`, which opens a window and is no deadline. */
export type RoundDateKey = DeadlineKey | 'selfAssessmentOpens';

/** The six-haves round's dates in calendar order (what the dashboard's round form shows). */
export const ROUND_DATE_KEYS = [
  'recommendation',
  'filing',
  'selfAssessmentOpens',
  'selfAssessment',
  'cityEvaluation',
  'publication',
  'promotion',
] as const satisfies readonly RoundDateKey[];

/** The six-haves round's optional dates. */
export const OPTIONAL_ROUND_DATES: readonly RoundDateKey[] = ['filing', 'selfAssessmentOpens'];

/** Every date of every programme. */
export const ALL_ROUND_DATE_KEYS: readonly RoundDateKey[] = [...DEADLINE_KEYS, 'selfAssessmentOpens'];

/**
 * The dates one programme's rounds hold: in calendar order, which of them may be left out, and
 * input aliases (a date given under another programme's name for the same step).
 */
export interface ProgrammeCalendar {
  readonly dates: readonly RoundDateKey[];
  readonly optional: readonly RoundDateKey[];
  readonly aliases: Readonly<Partial<Record<RoundDateKey, RoundDateKey>>>;
}

export const PROGRAMME_CALENDARS: Readonly<Record<Programme, ProgrammeCalendar>> = {
  'six-haves': { dates: ROUND_DATE_KEYS, optional: OPTIONAL_ROUND_DATES, aliases: {} },
  'star-rating': {
    dates: ['registration', 'selfScore', 'districtReview', 'cityRating', 'publication', 'promotion'],
    // **Decision**: the notice dates only the registration (2024年3月底前). A round should date all
    // four steps; the re-score date may be left out (like six-haves filing), so that a round posted
    // with the contract's six-haves keys still works: then the re-score has no deadline of its own,
    // no reminders and is never overdue.
    optional: ['districtReview'],
    // shared/API.md names the round dates after the six-haves steps; a star-rating round takes them
    // for the steps that play the same part.
    aliases: { recommendation: 'registration', selfAssessment: 'selfScore', cityEvaluation: 'cityRating' },
  },
};

/** A round's dates (which ones depends on its programme, see PROGRAMME_CALENDARS). */
export type RoundDeadlines = Partial<Record<RoundDateKey, string>>;

/** A change of dates, kept with the calendar so that offices can see why a date moved. */
export interface DeadlineChange {
  version: number;
  at: string;
  by: string;
  reason: string;
  changed: Partial<Record<RoundDateKey, { from: string | null; to: string | null }>>;
}

/** What every workflow of a round holds; `version` increases with every change. */
export interface RoundCalendar {
  version: number;
  deadlines: RoundDeadlines;
  /** Whose dates these are; absent: six-haves (calendars made before there was a second programme). */
  programme?: Programme;
}

type DateInput = Partial<Record<RoundDateKey, string | null>>;

/**
 * The input under the programme's own date names: aliases replaced, and the names that belong to
 * no date of the programme listed in `foreign` (an alias given beside its own date is one too).
 */
/** A round date's zh-CN name, for messages (the field name goes in `details` only). */
function dateLabel(key: string): string {
  if (key === 'selfAssessmentOpens') return '自评开始';
  return DEADLINE_LABELS[key as DeadlineKey] ?? key;
}
const PROGRAMME_NAMES: Readonly<Record<Programme, string>> = { 'six-haves': '“六有”站点培育', 'star-rating': '星级服务站评定' };

/** One problem of a round's dates: the field, and what a person reads. */
interface DateProblem {
  key: string;
  zh: string;
}
const refusal = (problems: DateProblem[], code: 'ROUND.DEADLINES_INVALID' | 'VALIDATION_FAILED', lead: string) =>
  new DomainError(
    code,
    `${lead}：${problems.map((p) => p.zh).join('；')}`,
    problems.map((p) => `${p.key}: ${p.zh}`),
  );

function canonicalDates(input: DateInput, programme: Programme): { dates: DateInput; foreign: DateProblem[] } {
  const { dates: own, aliases } = PROGRAMME_CALENDARS[programme];
  const dates: DateInput = {};
  const foreign: DateProblem[] = [];
  for (const [key, value] of Object.entries(input) as [RoundDateKey, string | null | undefined][]) {
    if (value === undefined) continue;
    const target = own.includes(key) ? key : aliases[key];
    if (!target) foreign.push({ key, zh: `“${dateLabel(key)}”不是${PROGRAMME_NAMES[programme]}批次的日期` });
    else if (target !== key && input[target] !== undefined)
      foreign.push({ key, zh: `“${dateLabel(key)}”与“${dateLabel(target)}”是同一环节，只能填写其一` });
    else dates[target] = value;
  }
  return { dates, foreign };
}

/**
 * Checks that the programme's required dates are present and that the dates run in calendar order
 * (equal dates are allowed: a city may set two steps to the same day). A date of another programme
 * is refused, but an alias (PROGRAMME_CALENDARS) is taken for the date it stands for.
 */
export function validateRoundDeadlines(input: DateInput, programme: Programme = 'six-haves'): RoundDeadlines {
  const { dates: keys, optional } = PROGRAMME_CALENDARS[programme];
  const { dates, foreign } = canonicalDates(input, programme);
  const problems: DateProblem[] = [...foreign];
  const out: Partial<Record<RoundDateKey, string>> = {};
  for (const key of keys) {
    const v = dates[key];
    if (v === undefined || v === null) {
      if (!optional.includes(key)) problems.push({ key, zh: `缺少“${dateLabel(key)}”截止日期` });
      continue;
    }
    if (typeof v !== 'string' || Number.isNaN(Date.parse(v))) {
      problems.push({ key, zh: `“${dateLabel(key)}”不是有效的日期或时间` });
      continue;
    }
    out[key] = new Date(v).toISOString();
  }
  let previous: { key: RoundDateKey; at: string } | undefined;
  for (const key of keys) {
    const at = out[key];
    if (!at) continue;
    if (previous && at < previous.at)
      problems.push({
        key,
        zh: `“${dateLabel(key)}”（北京时间 ${formatBeijingTime(at)}）早于“${dateLabel(previous.key)}”（北京时间 ${formatBeijingTime(previous.at)}），各环节须按先后顺序`,
      });
    previous = { key, at };
  }
  if (problems.length > 0) throw refusal(problems, 'ROUND.DEADLINES_INVALID', '截止日期无效');
  return out;
}

/**
 * The years a round's dates may fall in (Asia/Shanghai). A year outside is a typo (0000, 9999):
 * no work calendar covers it, and its timers and reminder checkpoints fall outside what the
 * workflow can compute, so every workflow task of the round would fail.
 */
export const ROUND_YEARS = { first: 2000, last: 2099 } as const;

const FIRST_ROUND_INSTANT = startOfShanghaiDay(`${ROUND_YEARS.first}-01-01`).getTime();
const END_OF_ROUND_YEARS = startOfShanghaiDay(`${ROUND_YEARS.last + 1}-01-01`).getTime();
const OUTSIDE_ROUND_YEARS = `年份应在 ${ROUND_YEARS.first}–${ROUND_YEARS.last} 之间`;

/**
 * Why a round date cannot be taken, in zh-CN; null when it can. A round date is a real
 * `YYYY-MM-DD` date (or, unless `dateOnly`, an ISO 8601 instant with offset) within ROUND_YEARS.
 */
export function roundDateProblem(value: unknown, { dateOnly = false } = {}): string | null {
  if (dateOnly && !isDateOnly(value)) return `“${String(value)}”不是有效日期（应为 YYYY-MM-DD）`;
  let at: number;
  try {
    at = parseDeadline(value as string).getTime();
  } catch {
    return `“${String(value)}”不是有效日期（应为 YYYY-MM-DD 日期或带时区的 ISO 8601 时间）`;
  }
  return at >= FIRST_ROUND_INSTANT && at < END_OF_ROUND_YEARS ? null : `${OUTSIDE_ROUND_YEARS}：“${String(value)}”`;
}

/**
 * Refuses (VALIDATION_FAILED, one issue per field) the dates of `dates` that are no round dates;
 * null values (an optional date removed) pass. For new dates only: a calendar already stored is
 * never checked again, so that a round made before this rule keeps running.
 */
export function assertRoundDates(dates: Readonly<Record<string, unknown>>, prefix = 'deadlines.'): void {
  const issues: ValidationIssue[] = [];
  for (const [key, value] of Object.entries(dates)) {
    if (value === null || value === undefined) continue;
    const problem = roundDateProblem(value);
    if (problem) issues.push({ field: prefix + key, message: problem });
  }
  if (issues.length > 0)
    throw validationFailed(`日期无效：${issues.map((i) => `“${dateLabel(i.field.slice(prefix.length))}”${i.message}`).join('；')}`, issues);
}

/**
 * Applies a change (null removes an optional date) and returns the new calendar and its record.
 * The calendar's programme says which dates (and aliases) the change may name.
 */
export function changeDeadlines(
  calendar: RoundCalendar,
  patch: DateInput,
  by: string,
  reason: string,
  at: Date,
): { calendar: RoundCalendar; change: DeadlineChange } {
  if (!reason || !reason.trim()) throw new DomainError('VALIDATION_FAILED', '调整截止日期须说明理由（reason）');
  const programme = calendar.programme ?? 'six-haves';
  const { dates: own, aliases } = PROGRAMME_CALENDARS[programme];
  const unknown = Object.keys(patch).filter((k) => !own.includes(k as RoundDateKey) && !aliases[k as RoundDateKey]);
  if (unknown.length > 0)
    throw refusal(
      unknown.map((key) => ({ key, zh: `“${dateLabel(key)}”不是本批次的日期` })),
      'VALIDATION_FAILED',
      '未知的日期',
    );
  const { dates, foreign } = canonicalDates(patch, programme);
  if (foreign.length > 0) throw refusal(foreign, 'VALIDATION_FAILED', '日期重复');
  const keys = Object.keys(dates) as RoundDateKey[];
  if (keys.length === 0) throw new DomainError('VALIDATION_FAILED', '没有要调整的日期');
  const merged: DateInput = { ...calendar.deadlines, ...dates };
  const deadlines = validateRoundDeadlines(merged, programme);
  const changed: DeadlineChange['changed'] = {};
  for (const key of keys) {
    const from = calendar.deadlines[key] ?? null;
    const to = deadlines[key] ?? null;
    if (from !== to) changed[key] = { from, to };
  }
  const version = calendar.version + 1;
  const next: RoundCalendar = { version, deadlines, ...(calendar.programme ? { programme: calendar.programme } : {}) };
  return { calendar: next, change: { version, at: at.toISOString(), by, reason: reason.trim(), changed } };
}
