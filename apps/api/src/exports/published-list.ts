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

/** `documentNo`: the number of the list (first or supplementary) the station was published by. */
export type PublishedStation = Pick<SummaryStation, 'districtCode' | 'name' | 'level' | 'application'> & { documentNo?: string | null };

export interface PublishedRound {
  name: string;
  documentNo: string | null;
  /** every list published, the first one and each supplementary list (补充名单) */
  publications?: readonly { documentNo: string | null; listed: number; supplementary?: boolean }[];
}

/**
 * With supplementary lists, the list names each publication with its document number and shows
 * against each station the list it was published by; a round with one list reads as before.
 */
const hasSupplements = (round?: PublishedRound): boolean => (round?.publications?.length ?? 0) > 1;
const DOCUMENT_NO_HEADER = '发布文号';

function headersOf(round?: PublishedRound): readonly string[] {
  return hasSupplements(round) ? [...PUBLISHED_HEADERS, DOCUMENT_NO_HEADER] : PUBLISHED_HEADERS;
}

function captionsOf(round: PublishedRound): string[] {
  if (hasSupplements(round)) {
    return round.publications!.map(
      (p, i) => `${i === 0 ? '首批名单' : `补充名单（${i}）`}发布文号：${p.documentNo ?? '（未填写）'}，${p.listed}个站点`,
    );
  }
  return round.documentNo ? [`发布文号：${round.documentNo}`] : [];
}

export function sortPublished<T extends PublishedStation>(stations: readonly T[]): T[] {
  const rank = (s: PublishedStation) => LEVEL_ORDER.indexOf(s.level as Level);
  return [...stations].sort(
    (a, b) => rank(a) - rank(b) || a.districtCode.localeCompare(b.districtCode) || a.name.localeCompare(b.name, 'zh-CN'),
  );
}

function publishedRows(stations: readonly PublishedStation[], districts: readonly DistrictRef[], round?: PublishedRound): string[][] {
  const districtName = new Map(districts.map((d) => [d.code, d.name]));
  return sortPublished(stations).map((s, i) => [
    String(i + 1),
    LEVEL_LABELS[s.level as Level] ?? '',
    districtName.get(s.districtCode) ?? s.districtCode,
    s.name,
    formValue(s.application, 'hostUnit'),
    formValue(s.application, 'cultivatingUnit'),
    ...(hasSupplements(round) ? [s.documentNo ?? ''] : []),
  ]);
}

/** xlsx: one sheet, a section heading per level with its count. */
export function publishedSheet(
  round: PublishedRound,
  stations: readonly PublishedStation[],
  districts: readonly DistrictRef[],
): TableSheet {
  const rows = publishedRows(stations, districts, round);
  const sections = LEVEL_ORDER.flatMap((level) => {
    const label = LEVEL_LABELS[level];
    const own = rows.filter((r) => r[1] === label);
    return own.length ? [{ section: `${label}基层劳动关系公共服务站点（${own.length}个）` }, ...own] : [];
  });
  return {
    name: '站点名单',
    title: `${round.name}基层劳动关系公共服务站点名单`,
    captions: captionsOf(round),
    headers: headersOf(round),
    rows: sections,
    footer: [],
    widths: hasSupplements(round) ? [...WIDTHS, 24] : WIDTHS,
  };
}

/** CSV: the same rows as one flat table (the 级别 column carries the grouping, 发布文号 the list). */
export function publishedCsvRows(
  stations: readonly PublishedStation[],
  districts: readonly DistrictRef[],
  round?: PublishedRound,
): string[][] {
  return [[...headersOf(round)], ...publishedRows(stations, districts, round)];
}
