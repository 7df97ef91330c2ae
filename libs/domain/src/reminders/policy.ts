import { formatDuration, parseDuration } from '../calendar/duration';
import { DAY_MS, parseTimeOfDay } from '../calendar/shanghai-time';
import { isPlainObject, rejectUnknownKeys, validationFailed, ValidationIssue } from '../validation/issues';

/**
 * When a round reminds the responsible office about a deadline (API.md `reminders`).
 *
 * - `before`: offsets before the deadline (ISO 8601 durations);
 * - `onTheDay`: also remind on the deadline's own date;
 * - `after`: offsets after a missed deadline (overdue reminders, escalated to the city office);
 * - `repeatAfter`: after the last `after` offset, repeat at this interval while the step is owed;
 * - `workingDaysOnly`: move checkpoints off non-working days of the work calendar;
 * - `sendAt`: `HH:mm` Asia/Shanghai at which reminders go out, or null for exact instants
 *   (compressed test rounds, e.g. `PT5S` before).
 */
export type ReminderPolicy = {
  before: string[];
  onTheDay: boolean;
  after: string[];
  repeatAfter: string | null;
  workingDaysOnly: boolean;
  sendAt: string | null;
};

/** DOMAIN.md: reminders at 09:00 Asia/Shanghai on working days; two weeks, one week, 3 days, 1 day ahead. */
export const DEFAULT_REMINDER_POLICY: Readonly<ReminderPolicy> = Object.freeze({
  before: Object.freeze(['P14D', 'P7D', 'P3D', 'P1D']) as string[],
  onTheDay: true,
  after: Object.freeze(['P1D']) as string[],
  repeatAfter: 'P7D',
  workingDaysOnly: true,
  sendAt: '09:00',
});

const POLICY_KEYS = ['before', 'onTheDay', 'after', 'repeatAfter', 'workingDaysOnly', 'sendAt'] as const;

/** A repeat interval shorter than this would flood mailboxes (and a zero one would never end). */
const MIN_REPEAT_MS = 1000;
const MAX_OFFSETS = 20;
/**
 * The longest offset (before, after, repeat) a new policy may set: a year, leap day included. A
 * longer one puts checkpoints where the workflow cannot compute them (P9999999D is 27,000 years).
 */
export const MAX_REMINDER_OFFSET_MS = 366 * DAY_MS;

/** How strictly a policy is read; see resolveReminderPolicy. */
export interface ReminderPolicyChecks {
  /** refuse offsets over MAX_REMINDER_OFFSET_MS (a policy given at the door, not one already stored) */
  capOffsets?: boolean;
}

function durationList(value: unknown, field: 'before' | 'after', issues: ValidationIssue[], maxMs: number): string[] {
  if (!Array.isArray(value)) {
    issues.push({ field, message: '应为 ISO 8601 时长数组，如 ["P7D", "P1D"]' });
    return [];
  }
  if (value.length > MAX_OFFSETS) issues.push({ field, message: `最多 ${MAX_OFFSETS} 个提醒时点` });
  const offsets: number[] = [];
  value.forEach((item, i) => {
    const ms = positiveDuration(item, `${field}.${i}`, issues, 1, maxMs);
    if (ms === null) return;
    if (offsets.includes(ms)) {
      issues.push({ field: `${field}.${i}`, message: `与前面的时点重复：“${String(item)}”` });
      return;
    }
    offsets.push(ms);
  });
  // Canonical order and spelling: furthest-first before the deadline, nearest-first after it, so
  // that labels and the tie-breaking of collapsed checkpoints do not depend on how it was typed.
  offsets.sort((a, b) => (field === 'before' ? b - a : a - b));
  return offsets.map(formatDuration);
}

function positiveDuration(value: unknown, field: string, issues: ValidationIssue[], minMs: number, maxMs: number): number | null {
  let ms: number;
  try {
    ms = parseDuration(value as string);
  } catch (e) {
    issues.push({ field, message: (e as Error).message });
    return null;
  }
  if (ms < minMs) {
    issues.push({ field, message: minMs > 1 ? `时长不能短于 ${formatDuration(minMs)}` : '时长必须大于零' });
    return null;
  }
  if (ms > maxMs) {
    issues.push({ field, message: `时长“${String(value)}”超过一年（最长 ${formatDuration(maxMs)}）` });
    return null;
  }
  return ms;
}

function bool(value: unknown, field: string, issues: ValidationIssue[]): boolean {
  if (typeof value !== 'boolean') issues.push({ field, message: '应为 true 或 false' });
  return value === true;
}

/**
 * A complete, validated policy from what a round supplied: a missing key takes its default, an
 * explicit `null` for `repeatAfter`/`sendAt` means "none". Durations come back in canonical form
 * (`PT24H` → `P1D`, `P2W` → `P14D`), `before` furthest first and `after` nearest first.
 * Throws VALIDATION_FAILED with a list of `{ field, message }` naming every bad field.
 * `capOffsets` is for a policy given at the door: a workflow reading a stored policy leaves it
 * off, so that a round made before the cap keeps running as it did.
 */
export function resolveReminderPolicy(partial?: unknown, { capOffsets = false }: ReminderPolicyChecks = {}): ReminderPolicy {
  const maxMs = capOffsets ? MAX_REMINDER_OFFSET_MS : Number.MAX_SAFE_INTEGER;
  const input = partial ?? {};
  if (!isPlainObject(input)) {
    throw validationFailed('提醒策略无效', [{ field: 'reminders', message: '应为对象' }]);
  }
  const issues: ValidationIssue[] = [];
  rejectUnknownKeys(input, POLICY_KEYS, '', issues);
  const given = (key: keyof ReminderPolicy): unknown => (input[key] !== undefined ? input[key] : DEFAULT_REMINDER_POLICY[key]);

  const before = durationList(given('before'), 'before', issues, maxMs);
  const after = durationList(given('after'), 'after', issues, maxMs);
  const onTheDay = bool(given('onTheDay'), 'onTheDay', issues);
  const workingDaysOnly = bool(given('workingDaysOnly'), 'workingDaysOnly', issues);

  let repeatAfter: string | null = null;
  const repeat = given('repeatAfter');
  if (repeat !== null) {
    const ms = positiveDuration(repeat, 'repeatAfter', issues, MIN_REPEAT_MS, maxMs);
    if (ms !== null) repeatAfter = formatDuration(ms);
  }

  let sendAt: string | null = null;
  const at = given('sendAt');
  if (at !== null) {
    if (typeof at !== 'string' || !/^\d{2}:\d{2}$/.test(at) || parseTimeOfDay(at) === null) {
      issues.push({ field: 'sendAt', message: `发送时刻“${String(at)}”无效，应为 HH:mm（北京时间）或 null` });
    } else {
      sendAt = at;
    }
  }

  if (issues.length > 0)
    throw validationFailed(`提醒策略（reminders）无效：${issues.map((i) => `${i.field} ${i.message}`).join('；')}`, issues);
  return { before, onTheDay, after, repeatAfter, workingDaysOnly, sendAt };
}
