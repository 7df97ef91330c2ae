import { DomainError } from '../errors';

/**
 * The deadlines of a round (培育批次). They belong to the round, not to code: another city or year
 * uses other dates, may have no filing deadline, and may move a date while the round runs.
 * Values are ISO 8601 instants (UTC); date-only input is converted at the API edge.
 */
export const DEADLINE_KEYS = ['recommendation', 'filing', 'selfAssessment', 'cityEvaluation', 'publication', 'promotion'] as const;
export type DeadlineKey = (typeof DEADLINE_KEYS)[number];

/** Every round date in calendar order; `selfAssessmentOpens` opens a window, it is no deadline. */
export const ROUND_DATE_KEYS = ['recommendation', 'filing', 'selfAssessmentOpens', 'selfAssessment', 'cityEvaluation', 'publication', 'promotion'] as const;
export type RoundDateKey = (typeof ROUND_DATE_KEYS)[number];

export const OPTIONAL_ROUND_DATES: readonly RoundDateKey[] = ['filing', 'selfAssessmentOpens'];

export type RoundDeadlines = Partial<Record<RoundDateKey, string>> & {
  recommendation: string;
  selfAssessment: string;
  cityEvaluation: string;
  publication: string;
  promotion: string;
};

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
}

/**
 * Checks that required dates are present and that the dates run in calendar order
 * (equal dates are allowed: a city may set two steps to the same day).
 */
export function validateRoundDeadlines(input: Partial<Record<RoundDateKey, string | null>>): RoundDeadlines {
  const problems: string[] = [];
  const out: Partial<Record<RoundDateKey, string>> = {};
  for (const key of ROUND_DATE_KEYS) {
    const v = input[key];
    if (v === undefined || v === null) {
      if (!OPTIONAL_ROUND_DATES.includes(key)) problems.push(`${key}: required`);
      continue;
    }
    if (typeof v !== 'string' || Number.isNaN(Date.parse(v))) {
      problems.push(`${key}: not an instant`);
      continue;
    }
    out[key] = new Date(v).toISOString();
  }
  let previous: { key: RoundDateKey; at: string } | undefined;
  for (const key of ROUND_DATE_KEYS) {
    const at = out[key];
    if (!at) continue;
    if (previous && at < previous.at) problems.push(`${key} (${at}) is before ${previous.key} (${previous.at})`);
    previous = { key, at };
  }
  if (problems.length > 0) {
    throw new DomainError('ROUND.DEADLINES_INVALID', `截止日期无效：${problems.join('；')}`, problems);
  }
  return out as RoundDeadlines;
}

/** Applies a change (null removes an optional date) and returns the new calendar and its record. */
export function changeDeadlines(
  calendar: RoundCalendar,
  patch: Partial<Record<RoundDateKey, string | null>>,
  by: string,
  reason: string,
  at: Date,
): { calendar: RoundCalendar; change: DeadlineChange } {
  if (!reason || !reason.trim()) throw new DomainError('VALIDATION_FAILED', '调整截止日期须说明理由（reason）');
  const keys = Object.keys(patch) as RoundDateKey[];
  const unknown = keys.filter((k) => !(ROUND_DATE_KEYS as readonly string[]).includes(k));
  if (unknown.length > 0) throw new DomainError('VALIDATION_FAILED', `未知的日期：${unknown.join(', ')}`, unknown);
  if (keys.length === 0) throw new DomainError('VALIDATION_FAILED', '没有要调整的日期');
  const merged: Partial<Record<RoundDateKey, string | null>> = { ...calendar.deadlines, ...patch };
  const deadlines = validateRoundDeadlines(merged);
  const changed: DeadlineChange['changed'] = {};
  for (const key of keys) {
    const from = calendar.deadlines[key] ?? null;
    const to = deadlines[key] ?? null;
    if (from !== to) changed[key] = { from, to };
  }
  const version = calendar.version + 1;
  return { calendar: { version, deadlines }, change: { version, at: at.toISOString(), by, reason: reason.trim(), changed } };
}
