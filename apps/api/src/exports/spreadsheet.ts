import * as ExcelJS from 'exceljs';
import type { TableSheet } from '@app/documents';
import { toCsv } from './csv';

// The printable table is shared with the Word documents (libs/documents), which render the same layout.
export type { SectionLine, TableSheet } from '@app/documents';

export interface ExportFile {
  body: Buffer;
  contentType: string;
  /** the file name offices see (may hold 汉字) */
  filename: string;
  /** an ASCII name for clients that ignore RFC 5987 `filename*` */
  asciiFilename: string;
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const CSV_TYPE = 'text/csv; charset=utf-8';

const THIN = { style: 'thin' } as const;
const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const REQUIRED_NOTE = '必填';

/** The sheets as one .xlsx workbook. */
export async function renderXlsx(sheets: readonly TableSheet[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '基层劳动关系公共服务站点培育';
  const used = new Set<string>();
  for (const sheet of sheets) addSheet(wb, sheet, uniqueSheetName(sheet.name, used));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function addSheet(wb: ExcelJS.Workbook, s: TableSheet, name: string): void {
  const ws = wb.addWorksheet(name, {
    pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  const width = s.headers.length;
  ws.columns = s.headers.map((h, i) => ({ width: s.widths?.[i] ?? Math.max(10, h.length * 2 + 4) }));
  const title = spanningLine(ws, s.title, width);
  title.font = { bold: true, size: 16 };
  title.alignment = { horizontal: 'center' };
  for (const caption of s.captions) spanningLine(ws, caption, width);
  const header = ws.addRow([...s.headers]);
  header.eachCell((cell) => {
    cell.font = { bold: true };
    cell.border = BORDER;
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.fill = {
      type: 'pattern',
      pattern: 'solid',
      fgColor: { argb: s.required?.includes(String(cell.value)) ? 'FFFFF2CC' : 'FFF2F2F2' },
    };
    if (s.required?.includes(String(cell.value))) cell.note = REQUIRED_NOTE;
  });
  ws.views = [{ state: 'frozen', ySplit: header.number }];
  ws.pageSetup.printTitlesRow = `${header.number}:${header.number}`;
  for (const line of s.rows) {
    if ('section' in line) spanningLine(ws, line.section, width).font = { bold: true };
    else dataRow(ws, line);
  }
  for (const line of s.footer) spanningLine(ws, line, width);
}

function dataRow(ws: ExcelJS.Worksheet, cells: readonly string[]): void {
  const row = ws.addRow([...cells]);
  for (let c = 1; c <= cells.length; c++) {
    const cell = row.getCell(c);
    cell.border = BORDER;
    cell.alignment = { vertical: 'top', wrapText: true };
    cell.numFmt = '@'; // text: a date or phone stays as written
  }
}

/** A line whose text spans the table's width (title, caption, section, footer). */
function spanningLine(ws: ExcelJS.Worksheet, text: string, width: number): ExcelJS.Row {
  const row = ws.addRow([text]);
  if (width > 1) ws.mergeCells(row.number, 1, row.number, width);
  return row;
}

/** Excel sheet names: at most 31 characters, none of []:*?/\, unique in the workbook. */
export function uniqueSheetName(wanted: string, used: Set<string>): string {
  const base = wanted.replace(/[[\]:*?/\\]/g, '_').slice(0, 31) || 'Sheet';
  let name = base;
  for (let n = 2; used.has(name.toLowerCase()); n++) name = `${base.slice(0, 31 - String(n).length - 1)}_${n}`;
  used.add(name.toLowerCase());
  return name;
}

/** `attachment` with an ASCII `filename` and the real name as RFC 5987 `filename*` (UTF-8). */
export function contentDisposition(file: Pick<ExportFile, 'filename' | 'asciiFilename'>): string {
  const ascii = file.asciiFilename.replace(/[^\x20-\x7e]|["\\]/g, '_');
  const encoded = encodeURIComponent(file.filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

export type ExportFormat = 'xlsx' | 'csv';

/**
 * A download in the format asked for: the sheets as a workbook, or the flat rows as CSV. `name` is
 * the file name without extension (汉字 allowed), `asciiName` its ASCII stand-in.
 */
export async function exportFile(
  format: ExportFormat,
  names: { name: string; asciiName: string },
  content: { sheets: () => TableSheet[]; csvRows: () => string[][] },
): Promise<ExportFile> {
  const body = format === 'csv' ? toCsv(content.csvRows()) : await renderXlsx(content.sheets());
  return {
    body,
    contentType: format === 'csv' ? CSV_TYPE : XLSX_TYPE,
    filename: `${names.name}.${format}`,
    asciiFilename: `${names.asciiName}.${format}`,
  };
}
