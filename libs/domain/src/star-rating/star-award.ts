/**
 * Which star a score earns (渝/杭 rubric star rules): the highest star whose threshold the total
 * reaches and whose prerequisites (an item scored, or a fact the city states) are met, with the
 * stars a missing prerequisite withholds; and the facts the city's rating must state or defaults.
 */
import { countProblem, fmt, isPlainObject } from './item-evaluation';
import { FactDefinition, Prerequisite, Rubric, StarRule, toTenths } from './rubric';
import type { BlockedStar, ScoreResult, StationScoreValues } from './scoring';

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
export function prerequisiteShortfall(
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

export function awardStars(
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
