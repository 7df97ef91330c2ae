import { isDomainError } from '@app/domain';
import { ApiError } from '../common/error-codes';
import { CONSTRAINT_MESSAGES_ZH, DtoIssue } from '../common/validation';
import { DISTRICT_LABEL, valueAt } from '../exports/summary-table';
import { IMPORT_COLUMNS } from './import-layout';

/** One thing wrong with a row: `field` is the column header (the cell to fix), or `*` for the whole row. */
export interface RowError {
  field: string;
  message: string;
}

/** The most characters of a cell that a report quotes back: a report must never repeat a whole file. */
export const MAX_ECHO_CHARS = 200;

/** A cell's text as a message quotes it: cut after MAX_ECHO_CHARS (never inside a surrogate pair) with an ellipsis. */
export function echo(text: string): string {
  if (text.length <= MAX_ECHO_CHARS) return text;
  const cut = /[\uD800-\uDBFF]$/.test(text.slice(0, MAX_ECHO_CHARS)) ? MAX_ECHO_CHARS - 1 : MAX_ECHO_CHARS;
  return `${text.slice(0, cut)}…`;
}

/** The shared zh-CN vocabulary, with the wording a spreadsheet cell needs where it differs. */
const CONSTRAINT_MESSAGES: Readonly<Record<string, string>> = {
  ...CONSTRAINT_MESSAGES_ZH,
  isBoolean: '应填写“是”或“否”',
  isArray: '格式不正确',
  min: '不能为负数',
  arrayMinSize: '不能为空',
};
/** The position of `item` in `list`, or after every position when it is not there. */
function positionIn<T>(list: readonly T[], item: T): number {
  const i = list.indexOf(item);
  return i < 0 ? list.length : i;
}
const CONSTRAINT_RANK = Object.keys(CONSTRAINT_MESSAGES);
const HEADERS = IMPORT_COLUMNS.map((c) => c.header);

const isBlank = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

/**
 * The form's validation issues as the office reads them: per column header, in zh-CN, with the
 * column's hint for a cell that is filled in but not valid (“联系电话格式不正确，要求：…”). One
 * error per column, in the order of the columns.
 */
export function rowErrorsOf(issues: readonly DtoIssue[], form: Record<string, unknown>): RowError[] {
  const errors = new Map<string, string>();
  const byPriority = [...issues].sort((a, b) => positionIn(CONSTRAINT_RANK, a.constraint) - positionIn(CONSTRAINT_RANK, b.constraint));
  for (const issue of byPriority) {
    const column = IMPORT_COLUMNS.find((c) => c.path === issue.path) ?? IMPORT_COLUMNS.find((c) => c.path.startsWith(`${issue.path}.`));
    const field = column?.header ?? issue.path;
    if (errors.has(field)) continue;
    const blank = isBlank(valueAt(form, issue.path)) && isBlank(valueAt(form, column?.path ?? issue.path));
    const problem = blank ? '不能为空' : (CONSTRAINT_MESSAGES[issue.constraint] ?? '填写有误');
    errors.set(field, `${field}${problem}${!blank && column ? `，要求：${column.hint}` : ''}`);
  }
  return [...errors].sort(([a], [b]) => positionIn(HEADERS, a) - positionIn(HEADERS, b)).map(([field, message]) => ({ field, message }));
}

/** The column that decides each eligibility rule (渝人社〔2023〕474号 §三（四）and（五）). */
const RULE_PATHS: Readonly<Record<string, string>> = { 'service-record': 'establishedOn', 'no-incidents': 'incidentsInLastTwoYears' };
const headerOf = (path: string | undefined) => IMPORT_COLUMNS.find((c) => c.path === path)?.header;

/**
 * A refusal of the application checks (ApplicationChecks.check) as row errors: each
 * eligibility reason at the column that decides it, a domain validation issue at its column, a
 * scope or unknown-district refusal at 推荐区县. Null for anything else (the service is
 * unavailable, …), which fails the import as a whole.
 */
export function refusalErrors(e: unknown): RowError[] | null {
  if (!(e instanceof ApiError || isDomainError(e))) return null;
  if (e.code === 'APPLICATION.INELIGIBLE' && Array.isArray(e.details)) {
    return (e.details as { rule?: string; message: string }[]).map((r) => ({
      field: headerOf(RULE_PATHS[r.rule ?? '']) ?? '*',
      message: r.message,
    }));
  }
  const issues =
    Array.isArray(e.details) && e.details.every((d) => typeof d === 'object' && d !== null && 'field' in d)
      ? (e.details as RowError[])
      : null;
  if (e.code === 'VALIDATION_FAILED' && issues) return issues.map((i) => ({ field: headerOf(i.field) ?? i.field, message: i.message }));
  if (e.code === 'FORBIDDEN' || e.code === 'VALIDATION_FAILED') return [{ field: DISTRICT_LABEL, message: e.message }];
  return null;
}
