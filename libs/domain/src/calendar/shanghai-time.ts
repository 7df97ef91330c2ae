import { DomainError } from '../errors';

/**
 * Calendar dates and wall-clock times in Asia/Shanghai, done by arithmetic.
 *
 * Why not `Intl`/`toLocaleString`: this module runs inside Temporal workflows and must give the
 * same answer on every worker whatever its ICU data or TZ. Asia/Shanghai has been a fixed
 * UTC+08:00 with no daylight saving since 1991, so a constant offset is exact for every date this
 * service handles. Dates are `YYYY-MM-DD` strings (proleptic Gregorian); instants are `Date`s.
 */
export const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

export const DAY_MS = 24 * 60 * 60 * 1000;

/** A station's deadline "by day X" ends at this wall-clock time that day (DOMAIN.md decision). */
export const END_OF_DAY = '23:59:59';

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_OF_DAY = /^(\d{2}):(\d{2})(?::(\d{2}))?$/;
// RFC 3339 / ISO 8601 extended format with a mandatory zone designator; seconds and fraction optional.
const TIMESTAMP = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|([+-])(\d{2}):?(\d{2}))$/;

type YMD = { y: number; m: number; d: number };

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

/** Days since 1970-01-01 of a civil date (H. Hinnant's algorithm; avoids Date.UTC's 0–99 → 19xx quirk). */
function daysFromCivil({ y, m, d }: YMD): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(days: number): YMD {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: m <= 2 ? era * 400 + yoe + 1 : era * 400 + yoe, m, d };
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

function formatYMD({ y, m, d }: YMD): string {
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
}

function matchDate(s: string): YMD | null {
  const m = DATE_ONLY.exec(s);
  if (!m) return null;
  const ymd = { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
  if (ymd.m < 1 || ymd.m > 12 || ymd.d < 1 || ymd.d > daysInMonth(ymd.y, ymd.m)) return null;
  return ymd;
}

function invalidDate(value: unknown): DomainError {
  return new DomainError('VALIDATION_FAILED', `日期无效：“${String(value)}”（应为 YYYY-MM-DD 格式的有效日期）`, [
    { field: 'date', message: `日期无效：“${String(value)}”` },
  ]);
}

function toYMD(date: string): YMD {
  const ymd = typeof date === 'string' ? matchDate(date) : null;
  if (!ymd) throw invalidDate(date);
  return ymd;
}

function assertInstant(instant: Date): number {
  const ms = instant instanceof Date ? instant.getTime() : NaN;
  if (Number.isNaN(ms)) throw new DomainError('VALIDATION_FAILED', `时间无效：“${String(instant)}”`);
  return ms;
}

/** True for a real calendar date written `YYYY-MM-DD` (so `2024-02-30` is false). */
export function isDateOnly(s: unknown): s is string {
  return typeof s === 'string' && matchDate(s) !== null;
}

/** Throws VALIDATION_FAILED unless `s` is a real `YYYY-MM-DD` date. */
export function assertDateOnly(s: unknown): string {
  if (!isDateOnly(s)) throw invalidDate(s);
  return s;
}

/** Days since 1970-01-01 (a day number, for comparing and counting dates). */
export function dayNumber(date: string): number {
  return daysFromCivil(toYMD(date));
}

export function fromDayNumber(days: number): string {
  return formatYMD(civilFromDays(days));
}

/** The Asia/Shanghai calendar date of an instant. */
export function shanghaiDate(instant: Date): string {
  const ms = assertInstant(instant);
  return fromDayNumber(Math.floor((ms + SHANGHAI_OFFSET_MS) / DAY_MS));
}

/** Milliseconds since Shanghai midnight of the instant's Shanghai date. */
export function shanghaiTimeOfDayMs(instant: Date): number {
  const ms = assertInstant(instant);
  return (((ms + SHANGHAI_OFFSET_MS) % DAY_MS) + DAY_MS) % DAY_MS;
}

/** Parses `HH:mm` or `HH:mm:ss` into milliseconds since midnight; null if malformed. */
export function parseTimeOfDay(hhmm: string): number | null {
  const m = typeof hhmm === 'string' ? TIME_OF_DAY.exec(hhmm) : null;
  if (!m) return null;
  const [h, min, s] = [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
  if (h > 23 || min > 59 || s > 59) return null;
  return ((h * 60 + min) * 60 + s) * 1000;
}

/** The instant at wall-clock `hhmm` (`HH:mm` or `HH:mm:ss`) on a Shanghai calendar date. */
export function atShanghaiTime(date: string, hhmm: string): Date {
  const timeMs = parseTimeOfDay(hhmm);
  if (timeMs === null) {
    throw new DomainError('VALIDATION_FAILED', `时刻无效：“${String(hhmm)}”（应为 HH:mm）`, [
      { field: 'time', message: `时刻无效：“${String(hhmm)}”` },
    ]);
  }
  return new Date(dayNumber(date) * DAY_MS + timeMs - SHANGHAI_OFFSET_MS);
}

/** Shanghai midnight at the start of a date. */
export function startOfShanghaiDay(date: string): Date {
  return new Date(dayNumber(date) * DAY_MS - SHANGHAI_OFFSET_MS);
}

export function addDays(date: string, n: number): string {
  if (!Number.isInteger(n)) throw new DomainError('VALIDATION_FAILED', `天数必须是整数：${n}`);
  return fromDayNumber(dayNumber(date) + n);
}

/**
 * The same month and day `n` years later; a day the target month lacks (29 February in a common
 * year) becomes the month's last day, as 《民法典》第二百零二条 counts periods in years:
 * "没有对应日的，月末日为期间的最后一日".
 */
export function addYears(date: string, n: number): string {
  if (!Number.isInteger(n)) throw new DomainError('VALIDATION_FAILED', `年数必须是整数：${n}`);
  const { y, m, d } = toYMD(date);
  const year = y + n;
  return formatYMD({ y: year, m, d: Math.min(d, daysInMonth(year, m)) });
}

/** 0 = Sunday … 6 = Saturday, like `Date#getUTCDay`. 1970-01-01 was a Thursday. */
export function dayOfWeek(date: string): number {
  return (((dayNumber(date) + 4) % 7) + 7) % 7;
}

export function isWeekend(date: string): boolean {
  const dow = dayOfWeek(date);
  return dow === 0 || dow === 6;
}

/** The last day of a month, e.g. for "by the end of September" → `2024-09-30`. */
export function lastDayOfMonth(year: number, month: number): string {
  if (!Number.isInteger(year) || !Number.isInteger(month) || month < 1 || month > 12 || year < 0 || year > 9999) {
    throw new DomainError('VALIDATION_FAILED', `年月无效：${year}-${month}`);
  }
  return formatYMD({ y: year, m: month, d: daysInMonth(year, month) });
}

/**
 * A deadline as given by a user or a notice:
 * - `YYYY-MM-DD` means the end of that day in Asia/Shanghai (23:59:59+08:00), because a notice's
 *   "before 8 December" / "by the end of September" leaves the whole day (DOMAIN.md decision);
 * - an ISO 8601 timestamp with `Z` or an offset is that instant;
 * - anything else, including a timestamp without an offset (whose instant would depend on the
 *   server's zone) and impossible dates such as 2024-02-30, is refused.
 * Fractions of a second beyond milliseconds are truncated.
 */
export function parseDeadline(input: string, field = 'deadline'): Date {
  const fail = (): DomainError =>
    new DomainError(
      'VALIDATION_FAILED',
      `截止时间“${String(input)}”无效：应为 YYYY-MM-DD 日期或带时区的 ISO 8601 时间（如 2024-09-30T18:00:00+08:00）`,
      [{ field, message: `截止时间“${String(input)}”无效` }],
    );
  if (typeof input !== 'string') throw fail();
  if (isDateOnly(input)) return atShanghaiTime(input, END_OF_DAY);

  const m = TIMESTAMP.exec(input);
  if (!m) throw fail();
  const ymd = matchDate(m[1]);
  const [h, min, s] = [Number(m[2]), Number(m[3]), Number(m[4] ?? 0)];
  if (!ymd || h > 23 || min > 59 || s > 59) throw fail();
  const ms = Number((m[5] ?? '').padEnd(3, '0').slice(0, 3));
  let offsetMs = 0;
  if (m[6] !== 'Z') {
    const [oh, om] = [Number(m[8]), Number(m[9])];
    if (oh > 23 || om > 59) throw fail();
    offsetMs = (m[7] === '-' ? -1 : 1) * (oh * 60 + om) * 60_000;
  }
  const local = daysFromCivil(ymd) * DAY_MS + ((h * 60 + min) * 60 + s) * 1000 + ms;
  return new Date(local - offsetMs);
}

/** An instant written in Shanghai wall-clock time with its offset, e.g. `2024-09-29T09:00:00+08:00`. */
export function toShanghaiIso(instant: Date): string {
  const tod = shanghaiTimeOfDayMs(instant);
  const h = Math.floor(tod / 3_600_000);
  const min = Math.floor((tod % 3_600_000) / 60_000);
  const s = Math.floor((tod % 60_000) / 1000);
  const ms = tod % 1000;
  const frac = ms === 0 ? '' : `.${pad(ms, 3)}`;
  return `${shanghaiDate(instant)}T${pad(h)}:${pad(min)}:${pad(s)}${frac}+08:00`;
}

/** `2024年9月30日 23:59` in Beijing time (Asia/Shanghai): how messages and mails give an instant to people. */
export function formatBeijingTime(instant: Date | string): string {
  const at = typeof instant === 'string' ? new Date(instant) : instant;
  const [y, m, d] = shanghaiDate(at).split('-').map(Number);
  const t = Math.floor(shanghaiTimeOfDayMs(at) / 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${y}年${m}月${d}日 ${pad(Math.floor(t / 3600))}:${pad(Math.floor(t / 60) % 60)}`;
}
