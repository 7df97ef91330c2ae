import { Level, LEVEL_LABELS } from '@app/domain';
import type { TableSheet } from './spreadsheet';
import { DistrictRef, formValue, SummaryStation } from './summary-table';

/**
 * The published list (名单发布, 渝人社〔2023〕474号 §四（四）): the city-level and district-level
 * stations of a round, city level first, then by district code, then by name in pinyin order.
 * Numbered straight through, as a published list is cited by its number.
 */
export const PUBLISHED_HEADERS = ['序号', '级别', '所在区县', '站点名称', '承担单位', '培育单位'] as const;
const WIDTHS = [7, 9, 14, 32, 30, 24];
const LEVEL_ORDER: readonly Level[] = ['city', 'district'];

export type PublishedStation = Pick<SummaryStation, 'districtCode' | 'name' | 'level' | 'application'>;

export interface PublishedRound {
  name: string;
  documentNo: string | null;
}

export function sortPublished<T extends PublishedStation>(stations: readonly T[]): T[] {
  const rank = (s: PublishedStation) => LEVEL_ORDER.indexOf(s.level as Level);
  return [...stations].sort((a, b) => rank(a) - rank(b) || a.districtCode.localeCompare(b.districtCode) || a.name.localeCompare(b.name, 'zh-CN'));
}

function publishedRows(stations: readonly PublishedStation[], districts: readonly DistrictRef[]): string[][] {
  const districtName = new Map(districts.map((d) => [d.code, d.name]));
  return sortPublished(stations).map((s, i) => [
    String(i + 1),
    LEVEL_LABELS[s.level as Level] ?? '',
    districtName.get(s.districtCode) ?? s.districtCode,
    s.name,
    formValue(s.application, 'hostUnit'),
    formValue(s.application, 'cultivatingUnit'),
  ]);
}

/** xlsx: one sheet, a section heading per level with its count. */
export function publishedSheet(round: PublishedRound, stations: readonly PublishedStation[], districts: readonly DistrictRef[]): TableSheet {
  const rows = publishedRows(stations, districts);
  const sections = LEVEL_ORDER.flatMap((level) => {
    const label = LEVEL_LABELS[level];
    const own = rows.filter((r) => r[1] === label);
    return own.length ? [{ section: `${label}基层劳动关系公共服务站点（${own.length}个）` }, ...own] : [];
  });
  return {
    name: '站点名单',
    title: `${round.name}基层劳动关系公共服务站点名单`,
    captions: round.documentNo ? [`发布文号：${round.documentNo}`] : [],
    headers: PUBLISHED_HEADERS,
    rows: sections,
    footer: [],
    widths: WIDTHS,
  };
}

/** CSV: the same rows as one flat table (the 级别 column carries the grouping). */
export function publishedCsvRows(stations: readonly PublishedStation[], districts: readonly DistrictRef[]): string[][] {
  return [[...PUBLISHED_HEADERS], ...publishedRows(stations, districts)];
}
