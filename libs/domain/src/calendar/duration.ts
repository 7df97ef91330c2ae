import { DomainError } from '../errors';
import { DAY_MS } from './shanghai-time';

/**
 * ISO 8601 durations for reminder offsets (`P14D`, `PT5S`, `P1DT2H`).
 *
 * Only units of fixed length are accepted: weeks (7 days), days (24 hours), hours, minutes and
 * seconds (with a fraction). Years and months are refused because their length depends on where
 * they start, and "one month before" a deadline is not something a reminder policy needs; write
 * `P30D` instead. A day is 24 h exactly, which is also a calendar day in Asia/Shanghai (no DST).
 */

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

const DURATION = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/;
const HAS_YEARS_OR_MONTHS = /^P[^T]*[YM]/;

function invalid(iso: unknown, reason: string): DomainError {
  return new DomainError('VALIDATION_FAILED', `时长“${String(iso)}”无效：${reason}`, [
    { field: 'duration', message: `时长“${String(iso)}”无效：${reason}` },
  ]);
}

/** Milliseconds in an ISO 8601 duration; throws VALIDATION_FAILED on anything else. */
export function parseDuration(iso: string): number {
  if (typeof iso !== 'string') throw invalid(iso, '应为 ISO 8601 时长字符串');
  if (HAS_YEARS_OR_MONTHS.test(iso)) {
    throw invalid(iso, '不支持以年或月为单位（长度不固定），请改用天数，如 P30D');
  }
  const m = DURATION.exec(iso);
  // "P" and "PT" alone match the pattern with every part empty; ISO requires at least one part.
  if (!m || iso === 'P' || iso.endsWith('T')) {
    throw invalid(iso, '应为 ISO 8601 时长，如 P7D、PT10S、P1DT2H');
  }
  const [weeks, days, hours, minutes] = [m[1], m[2], m[3], m[4]].map((v) => Number(v ?? 0));
  const seconds = Number((m[5] ?? '0').replace(',', '.'));
  const ms = weeks * 7 * DAY_MS + days * DAY_MS + hours * HOUR_MS + minutes * MINUTE_MS + Math.round(seconds * 1000);
  if (!Number.isSafeInteger(ms)) throw invalid(iso, '时长过长');
  return ms;
}

/**
 * The canonical ISO 8601 form of a non-negative whole number of milliseconds: days, then hours,
 * minutes and seconds, no weeks (`P8D`, not `P1W1D`), zero parts left out, `PT0S` for zero.
 * Labels built from sums of offsets therefore do not depend on how the policy was written.
 */
export function formatDuration(ms: number): string {
  if (!Number.isSafeInteger(ms) || ms < 0) {
    throw new DomainError('VALIDATION_FAILED', `时长必须是非负整数毫秒：${ms}`);
  }
  if (ms === 0) return 'PT0S';
  const days = Math.floor(ms / DAY_MS);
  let rest = ms - days * DAY_MS;
  const hours = Math.floor(rest / HOUR_MS);
  rest -= hours * HOUR_MS;
  const minutes = Math.floor(rest / MINUTE_MS);
  rest -= minutes * MINUTE_MS;
  const wholeSeconds = Math.floor(rest / 1000);
  const millis = rest - wholeSeconds * 1000;

  let time = '';
  if (hours) time += `${hours}H`;
  if (minutes) time += `${minutes}M`;
  if (wholeSeconds || millis) {
    const fraction = millis ? `.${String(millis).padStart(3, '0').replace(/0+$/, '')}` : '';
    time += `${wholeSeconds}${fraction}S`;
  }
  return `P${days ? `${days}D` : ''}${time ? `T${time}` : ''}`;
}

/** True when `iso` parses; for validators that collect issues rather than throw at the first. */
export function isDuration(iso: unknown): iso is string {
  try {
    parseDuration(iso as string);
    return true;
  } catch {
    return false;
  }
}
