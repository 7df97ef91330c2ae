/**
 * A star-rating rubric (星级评分表) as versioned DATA.
 *
 * A city publishes a rubric; a corrected rubric is a new `version` of the same `id`, never an edit
 * of an old one, so a score keeps pointing at the exact rules it was computed with. Nothing here
 * runs: `scoring.ts` interprets the data, `validateRubric` checks that a rubric is well formed.
 *
 * Points are decimal numbers in the data (0.2, 0.5, …) and must be multiples of 0.1; scoring works
 * in tenths as integers so that 0.2 × 3 is 0.6 and not 0.6000000000000001.
 */

/** Level of an award or of a recognition (国家级 / 省级 / 市级). */
export type AwardLevel = 'national' | 'provincial' | 'city';
export const AWARD_LEVELS: readonly AwardLevel[] = ['national', 'provincial', 'city'];

interface ItemBase {
  /** Unique across the whole rubric: item values are a flat map keyed by it. */
  readonly key: string;
  /** zh label (评分要点). */
  readonly label: string;
  /** The scoring criterion as the source states it (评分标准), zh. */
  readonly criterion?: string;
  /** Why the rubric deviates from, or fills a gap in, a flawed source. */
  readonly decision?: string;
}

/**
 * Yes/no: `points` when the input is `true`. With `partial: true` the source lets the evaluator
 * deduct at discretion (酌情扣分), so a number in [0, points] is accepted as well.
 */
export interface FixedItem extends ItemBase {
  readonly kind: 'fixed';
  readonly points: number;
  readonly partial?: boolean;
}

/** A count times `perUnit`, up to `cap` (每…得0.2分，…分为上限). Input: a non-negative integer. */
export interface PerUnitItem extends ItemBase {
  readonly kind: 'per-unit';
  readonly perUnit: number;
  readonly cap: number;
  /** What is counted, zh ("件", "次", "家"): only for the human-readable rule. */
  readonly unit?: string;
}

export interface Band {
  readonly min: number;
  /** Inclusive; absent on the open-ended last band. */
  readonly max?: number;
  readonly points: number;
  readonly decision?: string;
}

/** A count mapped to points by bands that cover every non-negative integer exactly once. */
export interface BandsItem extends ItemBase {
  readonly kind: 'bands';
  readonly bands: readonly Band[];
}

/**
 * A list of awards, each worth the points of its level, summed up to `cap`. With `oncePerRef`
 * entries that share a `ref` (the same deed, 同一事项) count once, at their highest level.
 */
export interface LevelsItem extends ItemBase {
  readonly kind: 'levels';
  readonly levels: Readonly<Record<AwardLevel, number>>;
  readonly cap: number;
  readonly oncePerRef?: boolean;
}

/** Points in [0, max] set by the evaluator; `basis: 'free-text'` asks for a written justification. */
export interface DiscretionaryItem extends ItemBase {
  readonly kind: 'discretionary';
  readonly max: number;
  readonly basis: 'free-text';
}

/** `full` points at `target` or more, minus `perMissing` per unit short of it, never below 0. */
export interface DeficitItem extends ItemBase {
  readonly kind: 'deficit';
  readonly full: number;
  readonly perMissing: number;
  readonly target: number;
}

export type Item = FixedItem | PerUnitItem | BandsItem | LevelsItem | DiscretionaryItem | DeficitItem;
export type ItemKind = Item['kind'];

export interface Section {
  readonly key: string;
  /** zh name (项目). */
  readonly name: string;
  /** The section's stated maximum: its items' points are summed and then capped at it. */
  readonly max: number;
  readonly items: readonly Item[];
  /** A bonus section (加分项): added on top of the 100-point main sections. */
  readonly bonus?: boolean;
}

/**
 * A fact about the station that is not scored but gates stars (e.g. an arbitration tribunal). The
 * city states the facts at its rating (DOMAIN.md decision): a fact `requiredAtRating` must be
 * given there; a count fact left out takes the count of its `defaultFromItem` (a count item).
 */
export interface FactDefinition {
  readonly key: string;
  readonly label: string;
  readonly type: 'boolean' | 'count';
  readonly requiredAtRating?: boolean;
  readonly defaultFromItem?: string;
}

/**
 * A prerequisite of a star. `source` names an item (its input) or a fact. Without `min` the
 * source must be present (a `true` boolean, or an item that scores points); with `min` its count
 * must be at least `min`.
 */
export interface Prerequisite {
  readonly label: string;
  readonly source: { readonly item: string } | { readonly fact: string };
  readonly min?: number;
}

export type StarLevel = 3 | 4 | 5;

export interface StarRule {
  readonly stars: StarLevel;
  /** Lowest total (bonus included) that reaches this star. */
  readonly minTotal: number;
  readonly prerequisites: readonly Prerequisite[];
}

export interface Rubric {
  readonly id: string;
  readonly version: string;
  readonly name: string;
  /** The document the rubric comes from, e.g. 杭总工办〔2023〕30号 附件2. */
  readonly source?: string;
  readonly sections: readonly Section[];
  /** Facts that star prerequisites may name; their inputs come in `StationScoreValues.facts`. */
  readonly facts: readonly FactDefinition[];
  readonly stars: readonly StarRule[];
  readonly notes: readonly string[];
}

/** Decimal points → integer tenths. Exact for every multiple of 0.1 a rubric may hold. */
export function toTenths(points: number): number {
  return Math.round(points * 10);
}

/** Integer tenths → decimal points (the nearest double, e.g. 83 → 8.3). */
export function fromTenths(tenths: number): number {
  return tenths / 10;
}

export function isMultipleOfTenth(n: number): boolean {
  return Number.isFinite(n) && Math.abs(n * 10 - Math.round(n * 10)) < 1e-6;
}

export function rubricItems(rubric: Rubric): Item[] {
  return rubric.sections.flatMap((s) => s.items);
}

/** Points an item can give at most: the bound a section's items add up to. */
export function itemMaximum(item: Item): number {
  switch (item.kind) {
    case 'fixed':
      return item.points;
    case 'per-unit':
    case 'levels':
      return item.cap;
    case 'bands':
      return Math.max(0, ...item.bands.map((b) => b.points));
    case 'discretionary':
      return item.max;
    case 'deficit':
      return item.full;
  }
}

export { rubricProblems, validateRubric } from './rubric-problems';
export type { RubricProblem } from './rubric-problems';
