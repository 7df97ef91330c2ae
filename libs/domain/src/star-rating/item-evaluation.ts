/**
 * How one rubric item's input scores (see scoring.ts for the input each kind takes): the points in
 * integer tenths and the rule that gave them, or why the input is refused.
 */
import { AWARD_LEVELS, AwardLevel, fromTenths, isMultipleOfTenth, Item, toTenths } from './rubric';

export type Evaluation = { tenths: number; rule: string } | { error: string };

/** A reason a value is not a count, or undefined when it is one. */
export function countProblem(value: unknown): string | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value)) return '应为件数（不小于 0 的整数）';
  if (value < 0) return '不能为负数';
  if (!Number.isInteger(value)) return '应为整数';
  return undefined;
}

/** A reason a value is not a number of points in [0, max] to 0.1, or undefined. */
function pointsProblem(value: unknown, max: number): string | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value)) return '应为分数';
  if (value < 0) return '不能为负数';
  if (value > max) return `不能超过 ${max} 分`;
  if (!isMultipleOfTenth(value)) return '最小单位为 0.1 分';
  return undefined;
}

export const fmt = (tenths: number) => String(fromTenths(tenths));

export function evaluateItem(item: Item, input: unknown): Evaluation {
  const missing = input === undefined || input === null;
  switch (item.kind) {
    case 'fixed': {
      const full = toTenths(item.points);
      if (missing) return { tenths: 0, rule: `not given: 0 of ${item.points}` };
      if (input === true) return { tenths: full, rule: `yes: ${item.points}` };
      if (input === false) return { tenths: 0, rule: `no: 0 of ${item.points}` };
      if (!item.partial) return { error: '应为 true（达到）或 false（未达到）' };
      const problem = pointsProblem(input, item.points);
      if (problem) return { error: `应为 true、false 或 0–${item.points} 之间的分数：${problem}` };
      return { tenths: toTenths(input as number), rule: `partly, at the evaluator's discretion (酌情扣分): ${input} of ${item.points}` };
    }
    case 'per-unit': {
      const n = missing ? 0 : input;
      const problem = countProblem(n);
      if (problem) return { error: problem };
      const count = n as number;
      const raw = count * toTenths(item.perUnit);
      const cap = toTenths(item.cap);
      const unit = item.unit ?? '';
      const base = `${count}${unit} × ${item.perUnit} = ${fmt(raw)}`;
      return raw > cap ? { tenths: cap, rule: `${base}, capped at ${item.cap}` } : { tenths: raw, rule: base };
    }
    case 'bands': {
      const n = missing ? 0 : input;
      const problem = countProblem(n);
      if (problem) return { error: problem };
      const count = n as number;
      const band = item.bands.find((b) => count >= b.min && (b.max === undefined || count <= b.max));
      if (!band) return { tenths: 0, rule: `${count}: no band applies: 0` };
      const range = band.max === undefined ? `≥ ${band.min}` : band.max === band.min ? `${band.min}` : `${band.min}–${band.max}`;
      const why = band.decision ? ` (decision: ${band.decision})` : '';
      return { tenths: toTenths(band.points), rule: `${count} (band ${range}): ${band.points}${why}` };
    }
    case 'deficit': {
      const n = missing ? 0 : input;
      const problem = countProblem(n);
      if (problem) return { error: problem };
      const count = n as number;
      const short = Math.max(0, item.target - count);
      const tenths = Math.max(0, toTenths(item.full) - short * toTenths(item.perMissing));
      const rule =
        short === 0
          ? `${count} ≥ ${item.target}: ${item.full}`
          : `${count} of ${item.target}: ${item.full} − ${short} × ${item.perMissing} = ${fmt(tenths)}${tenths === 0 ? ' (floor 0)' : ''}`;
      return { tenths, rule };
    }
    case 'levels': {
      if (missing) return { tenths: 0, rule: 'none: 0' };
      if (!Array.isArray(input)) return { error: `应为荣誉级别的列表（${AWARD_LEVELS.join('、')}）` };
      const entries: { level: AwardLevel; ref?: string }[] = [];
      for (const entry of input as unknown[]) {
        const e = typeof entry === 'string' ? { level: entry } : entry;
        if (!isPlainObject(e) || !AWARD_LEVELS.includes(e.level as AwardLevel)) {
          return { error: `未知的荣誉级别 ${JSON.stringify(entry)}（应为 ${AWARD_LEVELS.join('、')}）` };
        }
        if (e.ref !== undefined && typeof e.ref !== 'string') return { error: '荣誉的文号（ref）应为文字' };
        entries.push({ level: e.level as AwardLevel, ref: e.ref as string | undefined });
      }
      const counted = item.oncePerRef ? highestPerRef(entries, item.levels) : entries;
      if (counted.length === 0) return { tenths: 0, rule: 'none: 0' };
      const raw = counted.reduce((sum, e) => sum + toTenths(item.levels[e.level]), 0);
      const cap = toTenths(item.cap);
      const terms = counted.map((e) => `${e.level} ${item.levels[e.level]}`).join(' + ');
      const once = item.oncePerRef && counted.length < entries.length ? ' (each deed counted once, at its highest level)' : '';
      const base = `${terms} = ${fmt(raw)}${once}`;
      return raw > cap ? { tenths: cap, rule: `${base}, capped at ${item.cap}` } : { tenths: raw, rule: base };
    }
    case 'discretionary': {
      if (missing) return { tenths: 0, rule: `not given: 0 of ${item.max}` };
      const { points, basis } = isPlainObject(input) ? input : { points: input, basis: undefined };
      if (basis !== undefined && typeof basis !== 'string') return { error: '依据（basis）应为文字' };
      const problem = pointsProblem(points, item.max);
      if (problem) return { error: problem };
      const why = basis ? `; basis: ${basis}` : '';
      return { tenths: toTenths(points as number), rule: `at the evaluator's discretion: ${points} of ${item.max}${why}` };
    }
  }
}

/** Entries sharing a ref count once, at their highest level; entries without a ref are distinct. */
function highestPerRef(
  entries: { level: AwardLevel; ref?: string }[],
  levels: Readonly<Record<AwardLevel, number>>,
): { level: AwardLevel; ref?: string }[] {
  const byRef = new Map<string, { level: AwardLevel; ref?: string }>();
  const result: { level: AwardLevel; ref?: string }[] = [];
  for (const e of entries) {
    if (e.ref === undefined) {
      result.push(e);
      continue;
    }
    const seen = byRef.get(e.ref);
    if (!seen) {
      byRef.set(e.ref, e);
      result.push(e);
    } else if (levels[e.level] > levels[seen.level]) {
      result[result.indexOf(seen)] = e;
      byRef.set(e.ref, e);
    }
  }
  return result;
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
