import { ApiError } from '../common/error-codes';
import { DISTRICT_LABEL, DistrictRef } from '../exports/summary-table';
import { CellKind, IMPORT_COLUMNS, ImportColumn } from './import-layout';
import { echo, RowError } from './row-errors';

/** A sheet as read from the file: its rows of cell texts, numbered as the spreadsheet shows them. */
export interface RawSheet {
  /** worksheet name; null for CSV */
  name: string | null;
  rows: { row: number; cells: string[] }[];
}

/** A data row turned into an application form (not yet validated). */
export interface ImportRow {
  row: number;
  sheet: string | null;
  application: Record<string, unknown>;
  /** problems found while reading (the district); validation adds its own */
  errors: RowError[];
}

export const MAX_IMPORT_ROWS = 1000;
/** The header is looked for in the first rows (title and caption lines come before it). */
const HEADER_SEARCH_ROWS = 20;
const DISTRICT_COLUMN = 'district' as const;
type HeaderSlot = ImportColumn | typeof DISTRICT_COLUMN | null;

const normalise = (header: string) => header.replace(/[\s*＊]/g, '');
const HEADER_INDEX = new Map<string, HeaderSlot>([
  [DISTRICT_LABEL, DISTRICT_COLUMN],
  ...IMPORT_COLUMNS.flatMap((c) => [c.header, ...(c.aliases ?? [])].map((h) => [normalise(h), c] as [string, HeaderSlot])),
]);
export const STATION_NAME = IMPORT_COLUMNS.find((c) => c.path === 'stationName')!;

interface TableLayout {
  headerIndex: number;
  slots: HeaderSlot[];
  /** the district of the “推荐区县：…” line above the header, if any */
  captionDistrict: string | null;
}

/**
 * Finds the table of a sheet: the header is the first row naming 推荐站点名称 and at least one other
 * known column (a sheet of instructions, which lists one column per row, has none). Null when the
 * sheet holds no table.
 */
export function locateTable(sheet: RawSheet): TableLayout | null {
  const top = sheet.rows.slice(0, HEADER_SEARCH_ROWS);
  const headerIndex = top.findIndex(({ cells }) => {
    const slots = cells.map((c) => HEADER_INDEX.get(normalise(c)) ?? null);
    return slots.includes(STATION_NAME) && slots.filter(Boolean).length >= 2;
  });
  if (headerIndex < 0) return null;
  const slots = sheet.rows[headerIndex].cells.map((c) => HEADER_INDEX.get(normalise(c)) ?? null);
  return { headerIndex, slots, captionDistrict: captionDistrict(top.slice(0, headerIndex)) };
}

const CAPTION = new RegExp(`^${DISTRICT_LABEL}[:：]\\s*`);

/** “推荐区县：渝中区” in one cell, or “推荐区县：” followed by the name in a later cell. */
function captionDistrict(rows: RawSheet['rows']): string | null {
  for (const { cells } of rows) {
    const at = cells.findIndex((c) => CAPTION.test(c.trim()));
    if (at < 0) continue;
    const inline = cells[at].trim().replace(CAPTION, '');
    return (
      inline ||
      cells
        .slice(at + 1)
        .find((c) => c.trim())
        ?.trim() ||
      null
    );
  }
  return null;
}

/** The headers of required columns that a table lacks. */
export function missingColumns(layout: TableLayout): string[] {
  const missing = IMPORT_COLUMNS.filter((c) => c.required && !layout.slots.includes(c)).map((c) => c.header);
  const hasDistrict = layout.captionDistrict !== null || layout.slots.includes(DISTRICT_COLUMN);
  return hasDistrict ? missing : [DISTRICT_LABEL, ...missing];
}

/** The annex's line below the table (“联系人：… 电话：…”) ends it. */
const isFooter = (cells: string[]) => /^联系人[:：]/.test(cells.find((c) => c.trim())?.trim() ?? '');

/**
 * Every data row of every sheet that holds a table, as application forms. Throws IMPORT.BAD_FILE
 * when no sheet has a table, IMPORT.TOO_LARGE when there are too many rows, IMPORT.MISSING_COLUMNS
 * when a table lacks a required column.
 */
export function readImportRows(sheets: readonly RawSheet[], districts: readonly DistrictRef[]): ImportRow[] {
  const tables = sheets.map((sheet) => ({ sheet, layout: locateTable(sheet) })).filter((t) => t.layout !== null);
  if (tables.length === 0) {
    throw new ApiError('IMPORT.BAD_FILE', '文件中没有找到表头（含“推荐站点名称”“承担单位”等列的一行），请使用导入模板');
  }
  for (const { sheet, layout } of tables) {
    const missing = missingColumns(layout!);
    if (missing.length > 0) {
      const where = sheet.name ? `工作表“${sheet.name}”` : '文件';
      throw new ApiError('IMPORT.MISSING_COLUMNS', `${where}缺少必填列：${missing.join('、')}。请下载导入模板填写`, {
        sheet: sheet.name,
        missing,
      });
    }
  }
  const rows = tables.flatMap(({ sheet, layout }) => dataRows(sheet, layout!, districts));
  if (rows.length === 0) throw new ApiError('IMPORT.BAD_FILE', '文件中没有数据行');
  if (rows.length > MAX_IMPORT_ROWS)
    throw new ApiError('IMPORT.TOO_LARGE', `一次最多导入 ${MAX_IMPORT_ROWS} 行，本文件有 ${rows.length} 行，请分批导入`);
  return rows;
}

function dataRows(sheet: RawSheet, layout: TableLayout, districts: readonly DistrictRef[]): ImportRow[] {
  const out: ImportRow[] = [];
  for (const { row, cells } of sheet.rows.slice(layout.headerIndex + 1)) {
    if (isFooter(cells)) break;
    if (cells.every((c) => !c.trim())) continue;
    out.push(rowOf(row, sheet.name, cells, layout, districts));
  }
  return out;
}

function rowOf(row: number, sheet: string | null, cells: string[], layout: TableLayout, districts: readonly DistrictRef[]): ImportRow {
  const application: Record<string, unknown> = {};
  let districtRef = layout.captionDistrict ?? '';
  layout.slots.forEach((slot, i) => {
    const text = (cells[i] ?? '').trim();
    if (slot === DISTRICT_COLUMN) districtRef = text || districtRef;
    else if (slot) setPath(application, slot.path, cellValue(slot.kind, text), slot.required);
  });
  const district = resolveDistrict(districtRef, districts);
  if (typeof district === 'string') return { row, sheet, application, errors: [{ field: DISTRICT_LABEL, message: district }] };
  return { row, sheet, application: { ...application, districtCode: district.code }, errors: [] };
}

/** A district by 6-digit code or by exact name; a zh-CN message when none matches. */
export function resolveDistrict(ref: string, districts: readonly DistrictRef[]): DistrictRef | string {
  if (!ref) return `${DISTRICT_LABEL}不能为空`;
  const byCode = districts.find((d) => d.code === ref);
  const byName = districts.filter((d) => d.name === ref);
  if (byCode) return byCode;
  if (byName.length === 1) return byName[0];
  return byName.length > 1
    ? `${DISTRICT_LABEL}“${echo(ref)}”有重名，请填写 6 位区县代码`
    : `${DISTRICT_LABEL}“${echo(ref)}”不是已登记的区县`;
}

/**
 * A cell's text as the form's value. Text the kind does not recognise is kept as it is, so that
 * the form's validation rejects it with the column's hint; an empty cell is left out.
 */
export function cellValue(kind: CellKind, text: string): unknown {
  if (!text) return undefined;
  switch (kind) {
    case 'text':
      return text;
    case 'date':
      return normaliseDate(text);
    case 'count':
      return /^\d{1,3}(,\d{3})+$|^\d+$/.test(text) ? Number(text.replace(/,/g, '')) : text;
    case 'yesNo':
      return YES.test(text) ? true : NO.test(text) ? false : text;
    case 'list': {
      const items = text
        .split(/[、，,；;\r\n]+/)
        .map((s) => s.trim())
        .filter(Boolean);
      return items.length ? items : undefined;
    }
  }
}

const YES = /^(是|有|y|yes|true|1)$/i;
const NO = /^(否|无|没有|n|no|false|0)$/i;

/** 2021-5-1, 2021/05/01, 2021.5.1, 2021年5月1日 → 2021-05-01; anything else is kept. */
export function normaliseDate(text: string): string {
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(text);
  return m ? `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}` : text;
}

/**
 * Sets a dotted path (`cases.0.title`). A required column creates its containers even when empty,
 * so that validation names each missing cell (联系人, 联系电话, 典型案例1名称) rather than their
 * parent, and a second case stays the second one when the first is missing.
 */
function setPath(target: Record<string, unknown>, path: string, value: unknown, required: boolean): void {
  if (value === undefined && !required) return;
  const keys = path.split('.');
  let node: Record<string, unknown> = target;
  keys.slice(0, -1).forEach((key, i) => {
    node[key] ??= /^\d+$/.test(keys[i + 1]) ? [] : {};
    node = node[key] as Record<string, unknown>;
  });
  if (value !== undefined) node[keys[keys.length - 1]] = value;
}
