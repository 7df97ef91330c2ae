/** The structural checks of a rubric (rubric.ts): a city publishing a corrected rubric gets every problem at once. */
import { DomainError } from '../errors';
import { AWARD_LEVELS, Band, FactDefinition, isMultipleOfTenth, Item, ItemKind, Rubric } from './rubric';

/** Item kinds whose input is a count, so a prerequisite may put a `min` on them. */
const COUNTED_KINDS: readonly ItemKind[] = ['per-unit', 'bands', 'deficit'];

export interface RubricProblem {
  readonly path: string;
  readonly message: string;
}

/** Every structural problem of a rubric; empty when it is well formed. */
export function rubricProblems(rubric: Rubric): RubricProblem[] {
  const problems: RubricProblem[] = [];
  const add = (path: string, message: string) => problems.push({ path, message });
  const points = (path: string, n: unknown, positive = false) => {
    if (typeof n !== 'number' || !isMultipleOfTenth(n) || n < 0 || (positive && n === 0)) {
      add(path, `must be a ${positive ? 'positive' : 'non-negative'} multiple of 0.1`);
    }
  };
  const count = (path: string, n: unknown) => {
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) add(path, 'must be a non-negative integer');
  };

  if (!rubric.id) add('id', 'is required');
  if (!rubric.version) add('version', 'is required');
  if (rubric.sections.length === 0) add('sections', 'at least one section is required');

  const sectionKeys = new Set<string>();
  const items = new Map<string, Item>();
  rubric.sections.forEach((section, si) => {
    const sp = `sections[${si}]`;
    if (!section.key) add(`${sp}.key`, 'is required');
    if (sectionKeys.has(section.key)) add(`${sp}.key`, `duplicate section key '${section.key}'`);
    sectionKeys.add(section.key);
    points(`${sp}.max`, section.max, true);
    section.items.forEach((item, ii) => {
      const ip = `${sp}.items[${ii}]`;
      if (!item.key) add(`${ip}.key`, 'is required');
      if (items.has(item.key)) add(`${ip}.key`, `duplicate item key '${item.key}'`);
      items.set(item.key, item);
      switch (item.kind) {
        case 'fixed':
          points(`${ip}.points`, item.points, true);
          break;
        case 'per-unit':
          points(`${ip}.perUnit`, item.perUnit, true);
          points(`${ip}.cap`, item.cap, true);
          break;
        case 'bands':
          bandProblems(item.bands).forEach((m) => add(`${ip}.bands`, m));
          item.bands.forEach((b, bi) => points(`${ip}.bands[${bi}].points`, b.points));
          break;
        case 'levels':
          for (const level of AWARD_LEVELS) points(`${ip}.levels.${level}`, item.levels[level]);
          points(`${ip}.cap`, item.cap, true);
          break;
        case 'discretionary':
          points(`${ip}.max`, item.max, true);
          break;
        case 'deficit':
          points(`${ip}.full`, item.full, true);
          points(`${ip}.perMissing`, item.perMissing, true);
          count(`${ip}.target`, item.target);
          break;
        default:
          add(`${ip}.kind`, `unknown item kind '${(item as { kind: unknown }).kind}'`);
      }
    });
  });

  const facts = new Map<string, FactDefinition>();
  rubric.facts.forEach((fact, fi) => {
    if (facts.has(fact.key)) add(`facts[${fi}].key`, `duplicate fact key '${fact.key}'`);
    facts.set(fact.key, fact);
    if (fact.defaultFromItem !== undefined) {
      const item = items.get(fact.defaultFromItem);
      if (fact.type !== 'count') add(`facts[${fi}].defaultFromItem`, `fact '${fact.key}' is not a count`);
      else if (!item) add(`facts[${fi}].defaultFromItem`, `unknown item '${fact.defaultFromItem}'`);
      else if (!COUNTED_KINDS.includes(item.kind)) add(`facts[${fi}].defaultFromItem`, `item '${item.key}' is not a count`);
    }
  });

  const starLevels = new Set<number>();
  const byStars = [...rubric.stars].sort((a, b) => a.stars - b.stars);
  rubric.stars.forEach((rule, ri) => {
    const rp = `stars[${ri}]`;
    if (starLevels.has(rule.stars)) add(`${rp}.stars`, `duplicate rule for ${rule.stars} stars`);
    starLevels.add(rule.stars);
    points(`${rp}.minTotal`, rule.minTotal, true);
    rule.prerequisites.forEach((p, pi) => {
      const pp = `${rp}.prerequisites[${pi}]`;
      if ('item' in p.source) {
        const item = items.get(p.source.item);
        if (!item) add(pp, `unknown item '${p.source.item}'`);
        else if (p.min !== undefined && !COUNTED_KINDS.includes(item.kind)) add(pp, `item '${item.key}' is not a count`);
      } else {
        const fact = facts.get(p.source.fact);
        if (!fact) add(pp, `unknown fact '${p.source.fact}'`);
        else if (p.min !== undefined && fact.type !== 'count') add(pp, `fact '${fact.key}' is not a count`);
      }
      if (p.min !== undefined) count(`${pp}.min`, p.min);
    });
  });
  for (let i = 1; i < byStars.length; i++) {
    if (byStars[i].minTotal <= byStars[i - 1].minTotal) {
      add('stars', `${byStars[i].stars} stars must need a higher total than ${byStars[i - 1].stars} stars`);
    }
  }
  return problems;
}

/** Bands must cover 0, 1, 2, … exactly once, ordered, the last one open-ended. */
function bandProblems(bands: readonly Band[]): string[] {
  if (bands.length === 0) return ['at least one band is required'];
  const sorted = [...bands].sort((a, b) => a.min - b.min);
  const problems: string[] = [];
  let next = 0;
  sorted.forEach((band, i) => {
    if (!Number.isInteger(band.min) || (band.max !== undefined && !Number.isInteger(band.max))) {
      problems.push('band bounds must be integers');
    }
    if (band.min !== next) problems.push(`bands leave a gap or overlap at ${next}`);
    const last = i === sorted.length - 1;
    if (band.max === undefined && !last) problems.push('only the last band may be open-ended');
    if (band.max !== undefined && band.max < band.min) problems.push(`band ${band.min}–${band.max} is empty`);
    next = (band.max ?? Infinity) + 1;
  });
  if (sorted[sorted.length - 1].max !== undefined) problems.push('the last band must be open-ended');
  return problems;
}

/** Throws `VALIDATION_FAILED` listing every problem when the rubric is not well formed. */
export function validateRubric(rubric: Rubric): void {
  const problems = rubricProblems(rubric);
  if (problems.length > 0) {
    throw new DomainError(
      'VALIDATION_FAILED',
      `rubric ${rubric.id}@${rubric.version} is invalid: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}`,
      { problems },
    );
  }
}
