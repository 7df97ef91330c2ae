import { findRubric, ScoreSheet, StarRatingRecord, starsLabel } from '@app/domain';
import type { TableSheet } from './spreadsheet';
import { DistrictRef, statusLabel, SummaryGroup, SummaryStation } from './summary-table';

/**
 * The star-rating summary table (星级评定汇总表), annex 3 of 杭总工办〔2023〕30号: per reporting
 * district (填报单位) one row per station with its self score, district re-score and the rating,
 * and the count of five-, four- and three-star stations below the table. The annex's 审定星级 and
 * 备注 columns are kept; **Decision**: the city's rating score, why a higher star was withheld (a
 * missing prerequisite), and the exit rule's flag get columns of their own, since the rating
 * office decides on them, and 备注 says where a station not yet rated stands.
 */
export const STAR_SUMMARY_TITLE = '星级评定汇总表';

export const STAR_SUMMARY_HEADERS = [
  '服务站名称',
  '所在区县',
  '自评得分',
  '复评得分',
  '评定得分',
  '审定星级',
  '星级未达原因',
  '撤并提示',
  '备注',
] as const;

const WIDTHS = [28, 12, 10, 10, 10, 10, 40, 36, 16];

/** What the table needs of a station: the projection row with the workflow's star-rating record. */
export interface StarSummaryStation extends SummaryStation {
  starRating: StarRatingRecord | null;
}

/**
 * Which stations the table lists: every registered station being rated. **Decision**: drafts (not
 * registered yet) and withdrawn stations are left out, as on the annex-1 summary.
 */
export function isOnStarSummary(s: Pick<SummaryStation, 'stage' | 'outcome'>): boolean {
  return s.stage !== 'registration' && s.outcome !== 'withdrawn';
}

const points = (sheet: ScoreSheet | null | undefined): string => (sheet ? String(sheet.score.total) : '');

/**
 * Why the rating gave no higher star: each star whose score threshold was reached but whose
 * prerequisites (调解室, 仲裁派出庭, 共享法庭, 年处理争议件数) were not met, and the star the city
 * granted nonetheless with its written reason (the prerequisites hold only 原则上); for a station
 * below every threshold, that.
 */
export function blockedStarReasons(record: StarRatingRecord | null): string {
  const rating = record?.cityRating;
  if (!rating) return '';
  const blocked = (rating.score.blockedStars ?? []).map((b) => `${starsLabel(b.stars)}缺：${b.missing.join('、')}`);
  if (rating.override) blocked.push(`经书面说明认定为${starsLabel(rating.override.stars)}，理由：${rating.override.reason}`);
  if (blocked.length > 0) return blocked.join('；');
  if (rating.score.stars > 0) return '';
  const lowest = Math.min(...findRubric(record.rubric).stars.map((s) => s.minTotal));
  return `总分${rating.score.total}分，低于三星级${lowest}分`;
}

export function starSummaryRow(s: StarSummaryStation, districtName: string): string[] {
  const r = s.starRating;
  const rated = r?.stars !== null && r?.stars !== undefined;
  const exit = r?.exitReview;
  return [
    s.name,
    districtName,
    points(r?.selfScore),
    points(r?.districtReview),
    points(r?.cityRating),
    rated ? starsLabel(r.stars!) : '',
    blockedStarReasons(r),
    exit && exit.yearsBelowThree > 0 ? exit.reason : '',
    statusLabel(s),
  ];
}

/** 统计: how many stations of the table have each star. */
export function starCounts(stations: readonly StarSummaryStation[]): string {
  const count = (n: number) => stations.filter((s) => s.starRating?.stars === n).length;
  return `统计：五星级 ${count(5)} 家，四星级 ${count(4)} 家，三星级 ${count(3)} 家`;
}

/** xlsx: one sheet per reporting district, as the annex is filled in by each district union. */
export function starSummarySheets(groups: readonly SummaryGroup<StarSummaryStation>[], roundName: string): TableSheet[] {
  const sheet = (name: string, district: DistrictRef | null, stations: readonly StarSummaryStation[]): TableSheet => ({
    name,
    title: STAR_SUMMARY_TITLE,
    captions: [`填报单位：${district?.name ?? '（暂无登记的服务站）'}`, `批次：${roundName}`],
    headers: STAR_SUMMARY_HEADERS,
    rows: stations.map((s) => starSummaryRow(s, district?.name ?? s.districtCode)),
    footer: [starCounts(stations)],
    widths: WIDTHS,
  });
  if (groups.length === 0) return [sheet(STAR_SUMMARY_TITLE, null, [])];
  return groups.map(({ district, stations }) => sheet(district.name, district, stations));
}

/** CSV: one flat table (the district is a column already). */
export function starSummaryCsvRows(groups: readonly SummaryGroup<StarSummaryStation>[]): string[][] {
  return [[...STAR_SUMMARY_HEADERS], ...groups.flatMap(({ district, stations }) => stations.map((s) => starSummaryRow(s, district.name)))];
}
