import { Level, LEVEL_LABELS, Outcome, OUTCOME_LABELS, Stage, STAGE_LABELS } from '@app/domain';
import { formValue, type TableSheet } from '@app/documents';

export { formValue, valueAt } from '@app/documents';

/**
 * The summary table of recommended stations (推荐站点基本信息汇总表), annex 1 of 渝人社〔2023〕474号:
 * a title, "推荐区县：…", one row per station with the seven columns of the annex, and "联系人：
 * 电话：" below the table.
 */
export const SUMMARY_TITLE = '推荐站点基本信息汇总表';
export const DISTRICT_LABEL = '推荐区县';
export const STATUS_HEADER = '当前状态';

/** A column of the table and where its value lives in the application form (apps/api/src/stations/application.dto.ts). */
export interface StationColumn {
  header: string;
  /** dotted path into the application form */
  path: string;
}

/**
 * The annex's seven columns, in its order, then the station's contact person and phone. The
 * annex asks for 联系人/电话 once, below the table, for whoever fills it in; the service knows no
 * phone of the district office, but every application names a contact with a phone, which is who
 * the city office calls about a station. **Decision**: per-station columns 联系人 and 联系电话 after
 * the annex's seven, and the annex's footer line left blank for the district to fill in by hand.
 */
export const SUMMARY_COLUMNS: readonly StationColumn[] = [
  { header: '推荐站点名称', path: 'stationName' },
  { header: '所在地区', path: 'location' },
  { header: '承担单位', path: 'hostUnit' },
  { header: '培育单位', path: 'cultivatingUnit' },
  { header: '经费来源', path: 'fundingSource' },
  { header: '建站时间', path: 'establishedOn' },
  { header: '备注', path: 'notes' },
  { header: '联系人', path: 'contact.name' },
  { header: '联系电话', path: 'contact.phone' },
];

/** Where a summary cell looks when the form leaves its own field empty (annex-2 fields that say the same). */
const FALLBACK_PATHS: Readonly<Record<string, string>> = {
  location: 'address', // 所在地区 ← 站点地址
  fundingSource: 'funding.sources', // 经费来源 ← 五、经费保障情况：经费来源
};

const WIDTHS: Readonly<Record<string, number>> = {
  推荐站点名称: 28,
  所在地区: 24,
  承担单位: 26,
  培育单位: 22,
  经费来源: 20,
  建站时间: 13,
  备注: 20,
  联系人: 10,
  联系电话: 16,
};

export const SUMMARY_FOOTER = '联系人：                    电话：';

/** What the table needs of a station (a projection row). */
export interface SummaryStation {
  districtCode: string;
  name: string;
  stage: string;
  outcome: string | null;
  level: string | null;
  application: Record<string, unknown>;
}

export interface DistrictRef {
  code: string;
  name: string;
}

export interface SummaryGroup<S = SummaryStation> {
  district: DistrictRef;
  stations: readonly S[];
}

export interface SummaryOptions {
  /** `?include=all`: every station of the district, with a status column */
  allStations: boolean;
}

/**
 * Which stations a district's summary table lists: the ones it recommended (择优推荐) — past the
 * recommendation step and not turned down there. **Decision**: a station withdrawn later is left
 * out too, since the table is what the district recommends now; `not_filed`, `not_passed` and
 * `listed` stations stay, as the district did recommend them. `?include=all` lists every station.
 */
export function isOnSummaryTable(s: Pick<SummaryStation, 'stage' | 'outcome'>): boolean {
  return s.stage !== 'application' && s.stage !== 'recommendation' && s.outcome !== 'not_recommended' && s.outcome !== 'withdrawn';
}

/** zh-CN status of a station for the status column: its outcome once decided, else the step it waits in. */
export function statusLabel(s: Pick<SummaryStation, 'stage' | 'outcome' | 'level'>): string {
  const level = LEVEL_LABELS[s.level as Level];
  if (s.outcome === 'listed' && level) return `${OUTCOME_LABELS.listed}（${level}）`;
  if (s.outcome) return OUTCOME_LABELS[s.outcome as Outcome] ?? s.outcome;
  return STAGE_LABELS[s.stage as Stage] ?? s.stage;
}

function cellOf(s: SummaryStation, column: StationColumn): string {
  if (column.path === 'stationName') return s.name;
  const own = formValue(s.application, column.path);
  const fallback = FALLBACK_PATHS[column.path];
  return own || (fallback ? formValue(s.application, fallback) : '');
}

export function summaryHeaders(opts: SummaryOptions): string[] {
  return [...SUMMARY_COLUMNS.map((c) => c.header), ...(opts.allStations ? [STATUS_HEADER] : [])];
}

export function summaryRow(s: SummaryStation, opts: SummaryOptions): string[] {
  return [...SUMMARY_COLUMNS.map((c) => cellOf(s, c)), ...(opts.allStations ? [statusLabel(s)] : [])];
}

/**
 * xlsx: one worksheet per district, each laid out like the annex, because the annex is a
 * per-district form: the city office receives one table from each district, and each sheet
 * prints (and can be stamped) as that district's table.
 */
export function summarySheets(groups: readonly SummaryGroup[], opts: SummaryOptions): TableSheet[] {
  const headers = summaryHeaders(opts);
  const sheet = (name: string, districtName: string, stations: readonly SummaryStation[]): TableSheet => ({
    name,
    title: SUMMARY_TITLE,
    captions: [`${DISTRICT_LABEL}：${districtName}`],
    headers,
    rows: stations.map((s) => summaryRow(s, opts)),
    footer: [SUMMARY_FOOTER],
    widths: headers.map((h) => WIDTHS[h] ?? 14),
  });
  // A workbook needs a sheet: with no district to show, an empty table says so.
  if (groups.length === 0) return [sheet(SUMMARY_TITLE, '（暂无推荐站点）', [])];
  return groups.map(({ district, stations }) => sheet(district.name, district.name, stations));
}

/**
 * The districts a table shows, each with its stations in the given order: the one asked for (even
 * when it has none, so that a district gets its empty table), or else every district that has a
 * station on the table, by district code.
 */
export function groupByDistrict<S extends Pick<SummaryStation, 'districtCode'>>(
  stations: readonly S[],
  districts: readonly DistrictRef[],
  only: string | null,
): SummaryGroup<S>[] {
  const chosen = districts.filter((d) => (only ? d.code === only : stations.some((s) => s.districtCode === d.code)));
  return [...chosen]
    .sort((a, b) => a.code.localeCompare(b.code))
    .map((district) => ({ district, stations: stations.filter((s) => s.districtCode === district.code) }));
}

/**
 * CSV: one flat table with the district as the first column. CSV has no sheets, and blocks of
 * tables one under another cannot be sorted or filtered in Excel nor read by another program;
 * a 推荐区县 column keeps every row self-contained (and the bulk import reads it back).
 */
export function summaryCsvRows(groups: readonly SummaryGroup[], opts: SummaryOptions): string[][] {
  const rows = groups.flatMap(({ district, stations }) => stations.map((s) => [district.name, ...summaryRow(s, opts)]));
  return [[DISTRICT_LABEL, ...summaryHeaders(opts)], ...rows];
}
