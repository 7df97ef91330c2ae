/**
 * Scores a station against a rubric (see rubric.ts): pure, deterministic, safe in workflow code.
 *
 * Input (`StationScoreValues`):
 * - `items`: item key → that item's input, by kind:
 *     fixed          `true` / `false`; with `partial` also a number in [0, points] (酌情扣分)
 *     per-unit       a count (non-negative integer)
 *     bands          a count
 *     deficit        a count
 *     levels         a list of awards: `'national' | 'provincial' | 'city'` or `{ level, ref }`
 *                    (`ref` names the deed when the item counts each deed once)
 *     discretionary  a number in [0, max], or `{ points, basis }` with the written basis
 *   A missing item (absent, `null` or `undefined`) counts as 0 / false.
 * - `facts`: fact key → `boolean` or count, as the rubric's `facts` declare them. They are not
 *   scored; they only gate stars (e.g. an arbitration branch tribunal, disputes handled this year).
 *   A missing fact counts as false / 0.
 *
 * Star prerequisites name either an item (the mediation room is a hardware item) or a fact.
 * Invalid input (unknown keys, wrong types, negative or fractional counts, points out of range or
 * finer than 0.1) throws `DomainError('RUBRIC.INVALID_SCORES')` whose `details.errors` lists one
 * `{ key, message }` per offending item or fact.
 *
 * All arithmetic is in integer tenths; results are converted back to decimals once.
 */
import { DomainError } from '../errors';
import {
  AWARD_LEVELS,
  AwardLevel,
  FactDefinition,
  fromTenths,
  isMultipleOfTenth,
  Item,
  Prerequisite,
  Rubric,
  StarLevel,
  StarRule,
  toTenths,
  validateRubric,
} from './rubric';

export type AwardEntry = AwardLevel | { readonly level: AwardLevel; readonly ref?: string };
export type DiscretionaryInput = number | { readonly points: number; readonly basis?: string };
export type ItemInput = boolean | number | readonly AwardEntry[] | DiscretionaryInput;

export interface StationScoreValues {
  readonly items?: Readonly<Record<string, ItemInput | null | undefined>>;
  readonly facts?: Readonly<Record<string, boolean | number | null | undefined>>;
}

export interface SectionScore {
  readonly key: string;
  /** Sum of the section's item points before the cap. */
  readonly raw: number;
  /** `raw` capped at `max`: what counts toward the total. */
  readonly capped: number;
  readonly max: number;
  readonly bonus: boolean;
}

export interface ItemScore {
  readonly key: string;
  readonly section: string;
  readonly points: number;
  /** The rule applied, human-readable, e.g. "23 件 × 0.2 = 4.6". */
  readonly rule: string;
}

export interface BlockedStar {
  readonly stars: StarLevel;
  /** Labels of the unmet prerequisites, with the shortfall where there is one. */
  readonly missing: string[];
}

export interface ScoreResult {
  readonly rubricId: string;
  readonly rubricVersion: string;
  /** Main sections (≤ 100) plus bonus (≤ 10), to 0.1. */
  readonly total: number;
  readonly mainTotal: number;
  readonly bonusTotal: number;
  readonly sections: SectionScore[];
  readonly items: ItemScore[];
  readonly stars: 0 | StarLevel;
  readonly starReason: string;
  /** Stars whose threshold the total reaches but whose prerequisites are not met. */
  readonly blockedStars?: BlockedStar[];
}

export interface ScoreInputError {
  /** The item key, or `facts.<key>`, or `values` for the shape of the whole input. */
  readonly key: string;
  readonly message: string;
}

type Evaluation = { tenths: number; rule: string } | { error: string };

export function scoreStation(rubric: Rubric, values: StationScoreValues): ScoreResult {
  validateRubric(rubric);
  const errors: ScoreInputError[] = [];
  const itemInputs = inputMap(values, 'items', errors);
  const factInputs = inputMap(values, 'facts', errors);

  const items: ItemScore[] = [];
  const itemTenths = new Map<string, number>();
  const known = new Set<string>();
  const sections: SectionScore[] = [];
  let mainTenths = 0;
  let bonusTenths = 0;

  for (const section of rubric.sections) {
    let raw = 0;
    for (const item of section.items) {
      known.add(item.key);
      const evaluation = evaluateItem(item, itemInputs[item.key]);
      if ('error' in evaluation) {
        errors.push({ key: item.key, message: evaluation.error });
        continue;
      }
      raw += evaluation.tenths;
      itemTenths.set(item.key, evaluation.tenths);
      items.push({ key: item.key, section: section.key, points: fromTenths(evaluation.tenths), rule: evaluation.rule });
    }
    const maxTenths = toTenths(section.max);
    const capped = Math.min(raw, maxTenths);
    if (section.bonus) bonusTenths += capped;
    else mainTenths += capped;
    sections.push({
      key: section.key,
      raw: fromTenths(raw),
      capped: fromTenths(capped),
      max: section.max,
      bonus: section.bonus === true,
    });
  }
  for (const key of Object.keys(itemInputs)) {
    if (!known.has(key)) errors.push({ key, message: `unknown item for rubric ${rubric.id}@${rubric.version}` });
  }

  const factTypes = new Map(rubric.facts.map((f) => [f.key, f.type]));
  for (const [key, value] of Object.entries(factInputs)) {
    const type = factTypes.get(key);
    if (!type) errors.push({ key: `facts.${key}`, message: 'unknown fact' });
    else if (value === null || value === undefined) continue;
    else if (type === 'boolean' && typeof value !== 'boolean') errors.push({ key: `facts.${key}`, message: 'expects true or false' });
    else if (type === 'count') {
      const problem = countProblem(value);
      if (problem) errors.push({ key: `facts.${key}`, message: problem });
    }
  }

  if (errors.length > 0) {
    throw new DomainError(
      'RUBRIC.INVALID_SCORES',
      `invalid score values: ${errors.map((e) => `${e.key}: ${e.message}`).join('; ')}`,
      { errors },
    );
  }

  const totalTenths = mainTenths + bonusTenths;
  const stars = awardStars(rubric, totalTenths, (p) => prerequisiteShortfall(p, itemInputs, itemTenths, factInputs));
  return {
    rubricId: rubric.id,
    rubricVersion: rubric.version,
    total: fromTenths(totalTenths),
    mainTotal: fromTenths(mainTenths),
    bonusTotal: fromTenths(bonusTenths),
    sections,
    items,
    ...stars,
  };
}

function inputMap(values: unknown, part: 'items' | 'facts', errors: ScoreInputError[]): Record<string, unknown> {
  if (!isPlainObject(values)) {
    if (part === 'items') errors.push({ key: 'values', message: 'expects an object { items, facts }' });
    return {};
  }
  if (part === 'items') {
    for (const key of Object.keys(values)) {
      if (key !== 'items' && key !== 'facts') errors.push({ key: 'values', message: `unexpected '${key}': use { items, facts }` });
    }
  }
  const map = values[part];
  if (map === undefined || map === null) return {};
  if (!isPlainObject(map)) {
    errors.push({ key: 'values', message: `'${part}' must be an object keyed by ${part === 'items' ? 'item' : 'fact'} key` });
    return {};
  }
  return map;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A reason a value is not a count, or undefined when it is one. */
function countProblem(value: unknown): string | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value)) return 'expects a count (a non-negative whole number)';
  if (value < 0) return 'must not be negative';
  if (!Number.isInteger(value)) return 'must be a whole number';
  return undefined;
}

/** A reason a value is not a number of points in [0, max] to 0.1, or undefined. */
function pointsProblem(value: unknown, max: number): string | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value)) return 'expects a number of points';
  if (value < 0) return 'must not be negative';
  if (value > max) return `must not exceed ${max}`;
  if (!isMultipleOfTenth(value)) return 'must be a multiple of 0.1';
  return undefined;
}

const fmt = (tenths: number) => String(fromTenths(tenths));

function evaluateItem(item: Item, input: unknown): Evaluation {
  const missing = input === undefined || input === null;
  switch (item.kind) {
    case 'fixed': {
      const full = toTenths(item.points);
      if (missing) return { tenths: 0, rule: `not given: 0 of ${item.points}` };
      if (input === true) return { tenths: full, rule: `yes: ${item.points}` };
      if (input === false) return { tenths: 0, rule: `no: 0 of ${item.points}` };
      if (!item.partial) return { error: 'expects true or false' };
      const problem = pointsProblem(input, item.points);
      if (problem) return { error: `expects true, false or points in [0, ${item.points}]: ${problem}` };
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
      if (!Array.isArray(input)) return { error: `expects a list of award levels (${AWARD_LEVELS.join(', ')})` };
      const entries: { level: AwardLevel; ref?: string }[] = [];
      for (const entry of input as unknown[]) {
        const e = typeof entry === 'string' ? { level: entry } : entry;
        if (!isPlainObject(e) || !AWARD_LEVELS.includes(e.level as AwardLevel)) {
          return { error: `unknown award level ${JSON.stringify(entry)}: expects ${AWARD_LEVELS.join(', ')}` };
        }
        if (e.ref !== undefined && typeof e.ref !== 'string') return { error: 'an award ref must be a string' };
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
      if (basis !== undefined && typeof basis !== 'string') return { error: 'basis must be text' };
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

/**
 * The values with each count fact left out (absent or null) filled from its rubric default
 * (`defaultFromItem`): what the city's rating counts when it does not state the fact. An item
 * value that is not a count fills nothing (scoreStation reports it). Other values are kept as given.
 */
export function withFactDefaults(rubric: Rubric, values: StationScoreValues): StationScoreValues {
  if (!isPlainObject(values) || (values.facts !== undefined && values.facts !== null && !isPlainObject(values.facts))) return values;
  const items = isPlainObject(values.items) ? values.items : {};
  const given = (values.facts ?? {}) as Record<string, unknown>;
  const filled = { ...given } as Record<string, boolean | number | null | undefined>;
  for (const fact of rubric.facts) {
    if (fact.defaultFromItem === undefined || (given[fact.key] !== undefined && given[fact.key] !== null)) continue;
    const count = items[fact.defaultFromItem] ?? 0;
    if (countProblem(count) === undefined) filled[fact.key] = count as number;
  }
  return { ...values, facts: filled };
}

/** The facts the rubric requires at the city's rating that `values` leave out (absent or null). */
export function missingRatingFacts(rubric: Rubric, values: StationScoreValues): FactDefinition[] {
  const given = isPlainObject(values) && isPlainObject(values.facts) ? values.facts : {};
  return rubric.facts.filter((f) => f.requiredAtRating && (given[f.key] === undefined || given[f.key] === null));
}

/** Undefined when the prerequisite is met, otherwise how it falls short. */
function prerequisiteShortfall(
  p: Prerequisite,
  itemInputs: Record<string, unknown>,
  itemTenths: Map<string, number>,
  factInputs: Record<string, unknown>,
): string | undefined {
  if (p.min !== undefined) {
    const raw = 'item' in p.source ? itemInputs[p.source.item] : factInputs[p.source.fact];
    const have = typeof raw === 'number' ? raw : 0;
    return have >= p.min ? undefined : `${p.label} (${have} < ${p.min})`;
  }
  const present = 'item' in p.source ? (itemTenths.get(p.source.item) ?? 0) > 0 : isPresent(factInputs[p.source.fact]);
  return present ? undefined : p.label;
}

function isPresent(fact: unknown): boolean {
  return fact === true || (typeof fact === 'number' && fact > 0);
}

function awardStars(
  rubric: Rubric,
  totalTenths: number,
  shortfall: (p: Prerequisite) => string | undefined,
): Pick<ScoreResult, 'stars' | 'starReason' | 'blockedStars'> {
  const total = fmt(totalTenths);
  const rules = [...rubric.stars].sort((a, b) => b.stars - a.stars);
  const blocked: BlockedStar[] = [];
  let awarded: StarRule | undefined;
  for (const rule of rules) {
    if (totalTenths < toTenths(rule.minTotal)) continue;
    const missing = rule.prerequisites.map(shortfall).filter((m): m is string => m !== undefined);
    if (missing.length === 0) {
      awarded = rule;
      break;
    }
    blocked.push({ stars: rule.stars, missing });
  }

  const blockedText = blocked.map((b) => `${b.stars} stars lack ${b.missing.join(', ')}`).join('; ');
  let starReason: string;
  if (awarded && blocked.length === 0) {
    starReason = `total ${total} ≥ ${awarded.minTotal} and every ${awarded.stars}-star prerequisite is met: ${awarded.stars} stars`;
  } else if (awarded) {
    starReason = `total ${total} reaches a higher star but ${blockedText}: ${awarded.stars} stars (≥ ${awarded.minTotal}, prerequisites met)`;
  } else if (blocked.length > 0) {
    starReason = `total ${total} reaches a star threshold but ${blockedText}: no star`;
  } else if (rules.length === 0) {
    starReason = `rubric ${rubric.id}@${rubric.version} defines no stars`;
  } else {
    const lowest = rules[rules.length - 1];
    starReason = `total ${total} is below ${lowest.minTotal}, the ${lowest.stars}-star threshold: no star`;
  }
  return {
    stars: awarded?.stars ?? 0,
    starReason,
    ...(blocked.length > 0 ? { blockedStars: blocked } : {}),
  };
}
