import type { Programme } from '../rounds/round-state';
import { HAVE_KEYS, HaveKey, HaveStatus, SIX_HAVES } from '../six-haves';
import type { ExpertReview } from './reviews';

/**
 * When the experts disagree widely enough that the city should look closer before it decides
 * (docs/architecture.md "The expert panel"):
 * - six haves: the recommendations split (some pass, some fail), or one have is judged `met` by
 *   one expert and `not_met` by another;
 * - star rating: the totals lie more than `STAR_SPREAD_THRESHOLD` points apart (a tenth of the
 *   100-point main scale, about the width of one star band), or the verdict splits (some reviews
 *   reach three stars, some do not).
 */
export const STAR_SPREAD_THRESHOLD = 10;

/** Mean and spread of a set of scores (population standard deviation), to 0.01. */
export interface ScoreSpread {
  mean: number;
  min: number;
  max: number;
  stdDev: number;
}

export interface PanelAggregate {
  programme: Programme;
  /** reviews that count (the current experts'), and how many experts are assigned */
  count: number;
  expected: number;
  /** six haves: recommendations; star rating: reviews that reach three stars or not */
  pass: number;
  fail: number;
  perHave?: Record<HaveKey, Record<HaveStatus, number>>;
  meanScore?: number;
  spread?: ScoreSpread;
  perItem?: Record<string, ScoreSpread>;
  /** star rating: how many reviews each star count (0 = not rated) */
  stars?: Record<string, number>;
  disagreement: boolean;
  /** zh-CN, one line per reason */
  disagreementReasons: string[];
}

/** The aggregate of `reviews` (the ones that count) for a station of `programme` with `expected` experts. */
export function aggregateReviews(programme: Programme, reviews: readonly ExpertReview[], expected: number): PanelAggregate {
  return programme === 'six-haves' ? sixHavesAggregate(reviews, expected) : starRatingAggregate(reviews, expected);
}

function sixHavesAggregate(reviews: readonly ExpertReview[], expected: number): PanelAggregate {
  const perHave = Object.fromEntries(HAVE_KEYS.map((k) => [k, { met: 0, partly: 0, not_met: 0 }])) as Record<
    HaveKey,
    Record<HaveStatus, number>
  >;
  let pass = 0;
  for (const r of reviews) {
    if (r.recommendation === 'pass') pass++;
    for (const k of HAVE_KEYS) {
      const status = r.sixHaves?.[k]?.status;
      if (status) perHave[k][status]++;
    }
  }
  const fail = reviews.length - pass;
  const reasons: string[] = [];
  if (pass > 0 && fail > 0) reasons.push(`评审结论不一致：${pass} 人建议通过，${fail} 人建议不通过`);
  const split = HAVE_KEYS.filter((k) => perHave[k].met > 0 && perHave[k].not_met > 0);
  if (split.length > 0)
    reasons.push(
      `以下要求有专家认为“达到”、有专家认为“未达到”：${split.map((k) => SIX_HAVES.find((h) => h.key === k)?.label ?? k).join('、')}`,
    );
  return {
    programme: 'six-haves',
    count: reviews.length,
    expected,
    pass,
    fail,
    perHave,
    disagreement: reasons.length > 0,
    disagreementReasons: reasons,
  };
}

function starRatingAggregate(reviews: readonly ExpertReview[], expected: number): PanelAggregate {
  const scored = reviews.filter((r) => r.score);
  const totals = scored.map((r) => r.score!.total);
  const spread = spreadOf(totals);
  const itemKeys = [...new Set(scored.flatMap((r) => r.score!.items.map((i) => i.key)))];
  const perItem = Object.fromEntries(
    itemKeys.map((key) => [key, spreadOf(scored.map((r) => r.score!.items.find((i) => i.key === key)?.points ?? 0))]),
  ) as Record<string, ScoreSpread>;
  const stars: Record<string, number> = {};
  for (const r of scored) stars[String(r.score!.stars)] = (stars[String(r.score!.stars)] ?? 0) + 1;
  const pass = scored.filter((r) => r.score!.stars >= 3).length;
  const fail = scored.length - pass;
  const reasons: string[] = [];
  if (spread && spread.max - spread.min > STAR_SPREAD_THRESHOLD) {
    reasons.push(`总分相差 ${round2(spread.max - spread.min)} 分（${spread.min}–${spread.max}），超过 ${STAR_SPREAD_THRESHOLD} 分`);
  }
  if (pass > 0 && fail > 0) reasons.push(`星级结论不一致：${pass} 人评分达到三星及以上，${fail} 人未达到`);
  return {
    programme: 'star-rating',
    count: scored.length,
    expected,
    pass,
    fail,
    ...(spread ? { meanScore: spread.mean, spread } : {}),
    perItem,
    stars,
    disagreement: reasons.length > 0,
    disagreementReasons: reasons,
  };
}

/** Mean, min, max and population standard deviation of `values`, to 0.01; undefined for none. */
export function spreadOf(values: readonly number[]): ScoreSpread | undefined {
  if (values.length === 0) return undefined;
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length;
  return { mean: round2(mean), min: Math.min(...values), max: Math.max(...values), stdDev: round2(Math.sqrt(variance)) };
}

const round2 = (n: number) => Math.round(n * 100) / 100;
