import { ALL_ROUND_DATE_KEYS, parseDeadline, RoundDateKey } from '@app/domain';

/** Date-only values mean 23:59:59 Asia/Shanghai; instants are kept; null removes an optional date. */
export function toInstants(input: Record<string, string | null | undefined>): Partial<Record<RoundDateKey, string | null>> {
  const out: Partial<Record<RoundDateKey, string | null>> = {};
  for (const key of ALL_ROUND_DATE_KEYS) {
    const v = input[key];
    if (v === undefined) continue;
    out[key] = v === null ? null : parseDeadline(v, `deadlines.${key}`).toISOString();
  }
  return out;
}
