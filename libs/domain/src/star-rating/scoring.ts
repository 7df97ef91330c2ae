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
import { AwardLevel, fromTenths, Rubric, StarLevel, toTenths, validateRubric } from './rubric';
import { countProblem, evaluateItem, isPlainObject } from './item-evaluation';
import { awardStars, prerequisiteShortfall } from './star-award';

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
    if (!known.has(key)) errors.push({ key, message: `评分表 ${rubric.id}@${rubric.version} 中没有此项` });
  }

  const factTypes = new Map(rubric.facts.map((f) => [f.key, f.type]));
  for (const [key, value] of Object.entries(factInputs)) {
    const type = factTypes.get(key);
    if (!type) errors.push({ key: `facts.${key}`, message: '评分表中没有此事实项' });
    else if (value === null || value === undefined) continue;
    else if (type === 'boolean' && typeof value !== 'boolean') errors.push({ key: `facts.${key}`, message: '应为 true 或 false' });
    else if (type === 'count') {
      const problem = countProblem(value);
      if (problem) errors.push({ key: `facts.${key}`, message: problem });
    }
  }

  if (errors.length > 0) {
    throw new DomainError('RUBRIC.INVALID_SCORES', `评分数据有误：${errors.map((e) => `${e.key}: ${e.message}`).join('；')}`, {
      errors,
    });
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
    if (part === 'items') errors.push({ key: 'values', message: '应为对象 { items, facts }' });
    return {};
  }
  if (part === 'items') {
    for (const key of Object.keys(values)) {
      if (key !== 'items' && key !== 'facts') errors.push({ key: 'values', message: `不应有“${key}”：请使用 { items, facts }` });
    }
  }
  const map = values[part];
  if (map === undefined || map === null) return {};
  if (!isPlainObject(map)) {
    errors.push({ key: 'values', message: `“${part}”应为以${part === 'items' ? '评分项' : '事实项'}为键的对象` });
    return {};
  }
  return map;
}

export { missingRatingFacts, withFactDefaults } from './star-award';
