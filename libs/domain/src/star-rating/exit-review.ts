/**
 * The exit rule (退出机制), 杭总工办〔2023〕30号 §六(三): "对于长期(一般不超过三年)未能达到星级评定
 * 要求的服务站……各地可根据实际情况,撤并服务站". The city rating of each round flags a station that has
 * stayed below three stars for the round's number of years (default 3) for merger or withdrawal.
 * The flag is data for the offices to act on; it closes nothing by itself.
 *
 * **Decision**: earlier years' results come with the registration (`priorRatings`), as the district
 * knows them: the rating began in 2024, before this service, and a lookup by station name would
 * depend on how a name was spelt from one year to the next.
 * **Decision**: years count back from the round's rating year while they are consecutive and rated
 * below three stars; a year without a known rating ends the run (it cannot be assumed below).
 */
import { isPlainObject, validationFailed, ValidationIssue } from '../validation/issues';
import type { StarLevel } from './rubric';

/** Stars awarded: 0 is "no star" (未达星级). */
export type AwardedStars = 0 | StarLevel;
export const AWARDED_STARS: readonly AwardedStars[] = [0, 3, 4, 5];

const STAR_LABELS: Readonly<Record<AwardedStars, string>> = { 0: '未达星级', 3: '三星级', 4: '四星级', 5: '五星级' };

/** zh-CN name of a rating, as the notice writes it (五星级 … 未达星级). */
export function starsLabel(stars: AwardedStars): string {
  return STAR_LABELS[stars];
}

/** The star rating a station got in an earlier year. */
export interface PriorRating {
  readonly year: number;
  readonly stars: AwardedStars;
}

export interface ExitReview {
  /** consecutive years, this one included, rated below three stars */
  readonly yearsBelowThree: number;
  /** the round's setting: years below three stars before a station is flagged */
  readonly limit: number;
  /** 建议撤并: stayed below three stars for `limit` years or more */
  readonly flagged: boolean;
  /** the years counted, newest first */
  readonly years: number[];
  /** zh-CN, for the station page and the summary table */
  readonly reason: string;
}

const MAX_PRIOR_RATINGS = 20;
const EARLIEST_YEAR = 2000;

/** Earlier years' ratings as given at registration: whole years before `ratingYear`, once each, stars 0/3/4/5. Newest first. */
export function validatePriorRatings(input: unknown, ratingYear: number): PriorRating[] {
  if (input === undefined || input === null) return [];
  const issues: ValidationIssue[] = [];
  if (!Array.isArray(input))
    throw validationFailed('往年评定结果无效', [{ field: 'priorRatings', message: '应为 [{ year, stars }] 数组' }]);
  if (input.length > MAX_PRIOR_RATINGS) issues.push({ field: 'priorRatings', message: `最多 ${MAX_PRIOR_RATINGS} 个年度` });
  const seen = new Set<number>();
  const out: PriorRating[] = [];
  input.forEach((entry: unknown, i) => {
    const field = `priorRatings.${i}`;
    if (!isPlainObject(entry)) {
      issues.push({ field, message: '应为 { year, stars }' });
      return;
    }
    const { year, stars } = entry;
    const unknown = Object.keys(entry).filter((k) => k !== 'year' && k !== 'stars');
    if (unknown.length > 0) issues.push({ field, message: `不支持的字段：${unknown.join('、')}` });
    if (typeof year !== 'number' || !Number.isInteger(year) || year < EARLIEST_YEAR || year >= ratingYear) {
      issues.push({
        field: `${field}.year`,
        message: `应为 ${EARLIEST_YEAR}–${ratingYear - 1} 之间的年份（早于本批次评定年度 ${ratingYear}）`,
      });
    } else if (seen.has(year)) {
      issues.push({ field: `${field}.year`, message: `${year} 年重复` });
    } else seen.add(year);
    if (!AWARDED_STARS.includes(stars as AwardedStars)) issues.push({ field: `${field}.stars`, message: '应为 0（未达星级）、3、4 或 5' });
    out.push({ year: year as number, stars: stars as AwardedStars });
  });
  if (issues.length > 0) throw validationFailed(`往年评定结果无效：${issues.map((x) => `${x.field} ${x.message}`).join('；')}`, issues);
  return out.sort((a, b) => b.year - a.year);
}

/** The exit review after this year's rating (`stars` in `ratingYear`). */
export function reviewExit(ratingYear: number, stars: AwardedStars, prior: readonly PriorRating[], limit: number): ExitReview {
  const byYear = new Map(prior.map((p) => [p.year, p.stars]));
  byYear.set(ratingYear, stars);
  const years: number[] = [];
  for (let year = ratingYear; ; year--) {
    const rated = byYear.get(year);
    if (rated === undefined || rated >= 3) break;
    years.push(year);
  }
  const n = years.length;
  const flagged = n >= limit;
  const span = n > 0 ? `${years[n - 1]}–${years[0]}年` : '';
  const reason = flagged
    ? `连续${n}年（${span}）未达到三星级，已达退出机制年限（${limit}年）：建议撤并`
    : n > 0
      ? `连续${n}年（${span}）未达到三星级（退出机制年限${limit}年）`
      : `${ratingYear}年评为${starsLabel(stars)}`;
  return { yearsBelowThree: n, limit, flagged, years, reason };
}
