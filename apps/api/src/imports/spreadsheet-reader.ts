import { Readable } from 'node:stream';
import * as ExcelJS from 'exceljs';
import { ApiError } from '../common/error-codes';
import { csvRecords } from '../exports/csv';
import { MAX_IMPORT_ROWS, RawSheet } from './import-table';
import { echo } from './row-errors';
import { readZipEntries, writeZip, ZipRefusal } from './zip-archive';

/**
 * What an upload may hold, enforced while it is read and before anything of it is built: an .xlsx
 * of 1 MB can inflate to gigabytes, and a loaded workbook costs many times its XML.
 * - `inflatedBytes`: the parts of an .xlsx that are read (workbook, styles, shared strings, sheets)
 *   together, counted while they inflate;
 * - `rows`: rows with content over all sheets: the import's rows and room for titles, captions,
 *   headers, footers and a sheet of instructions;
 * - `sheets`: worksheets of an .xlsx;
 * - `columns`: cells right of this column are not read (the template has 22 columns).
 */
export const READ_LIMITS = { inflatedBytes: 20 * 1024 * 1024, rows: MAX_IMPORT_ROWS + 200, sheets: 32, columns: 100 } as const;

const badFile = (message: string) => new ApiError('IMPORT.BAD_FILE', message);
const unreadableXlsx = () => badFile('无法读取该 Excel 文件，文件可能已损坏或不是 .xlsx 格式');
const tooLarge = (message: string) => new ApiError('IMPORT.TOO_LARGE', message, { limits: { ...READ_LIMITS } });
const tooManyRows = () => tooLarge(`文件行数过多：一次最多导入 ${MAX_IMPORT_ROWS} 行，请分批导入`);

/**
 * An uploaded spreadsheet as sheets of cell texts. The type comes from the content, not the name:
 * .xlsx is a zip archive; anything else is read as CSV text. Past READ_LIMITS: IMPORT.TOO_LARGE.
 */
export async function readSpreadsheet(file: Buffer): Promise<RawSheet[]> {
  if (file.length === 0) throw badFile('上传的文件是空的');
  if (file.subarray(0, 4).equals(ZIP)) return readXlsx(file);
  if (file.subarray(0, 4).equals(OLE)) throw badFile('不支持旧版 .xls 格式，请在 Excel 中另存为 .xlsx 或“CSV UTF-8”后上传');
  return [{ name: null, rows: readCsv(decodeText(file)) }];
}

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);

/**
 * UTF-8 (with or without BOM), or else GB18030: Excel on a Chinese desktop saves “CSV (逗号分隔)”
 * in the ANSI code page (GBK, a subset of GB18030), and offices upload what Excel gives them.
 */
export function decodeText(file: Buffer): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(file);
  } catch {
    text = new TextDecoder('gb18030').decode(file);
  }
  if (text.includes('\u0000')) throw badFile('无法识别的文件类型，请上传 .xlsx 或 CSV 文件');
  return text;
}

/** The records with content, numbered as Excel shows them as rows; the cells up to the column limit. */
function readCsv(text: string): RawSheet['rows'] {
  const rows: RawSheet['rows'] = [];
  let line = 0;
  for (const cells of csvRecords(text)) {
    line++;
    if (cells.every((c) => c === '')) continue;
    if (rows.length === READ_LIMITS.rows) throw tooManyRows();
    rows.push({ row: line, cells: cells.slice(0, READ_LIMITS.columns) });
  }
  return rows;
}

/** The parts of an .xlsx the reader needs; drawings, images, themes and the rest are never inflated. */
const WORKBOOK = 'xl/workbook.xml';
const WORKBOOK_RELS = 'xl/_rels/workbook.xml.rels';
const STYLES = 'xl/styles.xml';
const SHARED_STRINGS = 'xl/sharedStrings.xml';
const SHEET = /^xl\/worksheets\/sheet(\d+)\.xml$/;
const isNeeded = (name: string) => [WORKBOOK, WORKBOOK_RELS, STYLES, SHARED_STRINGS].includes(name) || SHEET.test(name);

/**
 * An .xlsx read row by row with exceljs's streaming reader. The parts are inflated here, under
 * the cap, and handed to exceljs as an archive of stored entries (it never inflates anything itself,
 * so the archive it reads is exactly the one checked), the shared strings before the sheets so that
 * no sheet is parked in a temporary file. Rows are counted as they stream by.
 */
async function readXlsx(file: Buffer): Promise<RawSheet[]> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([await checkedArchive(file)]), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  const sheets: RawSheet[] = [];
  let rowsRead = 0;
  try {
    for await (const ws of reader) {
      const rows: RawSheet['rows'] = [];
      const from1904 = date1904(reader); // workbook.xml, which holds it, streams before the sheets
      for await (const row of ws) {
        const cells = cellsOf(row, from1904);
        if (cells.every((c) => c === '')) continue;
        if (++rowsRead > READ_LIMITS.rows) throw tooManyRows();
        rows.push({ row: row.number, cells });
      }
      const name = (ws as { name?: string }).name;
      sheets.push({ name: name === undefined ? null : echo(name), rows }); // reports quote it
    }
  } catch (e) {
    if (e instanceof ApiError) throw e;
    throw unreadableXlsx();
  }
  return sheets;
}

/** The needed parts, inflated under READ_LIMITS, as a stored archive in the order exceljs streams best. */
async function checkedArchive(file: Buffer): Promise<Buffer> {
  let parts: Map<string, Buffer>;
  try {
    parts = await readZipEntries(file, isNeeded, READ_LIMITS.inflatedBytes);
  } catch (e) {
    if (!(e instanceof ZipRefusal)) throw e;
    if (e.reason === 'malformed') throw unreadableXlsx();
    throw tooLarge(`文件内容过多：解压后超过 ${READ_LIMITS.inflatedBytes / 1024 / 1024} MB。请只保留导入模板中的表格，或分批导入`);
  }
  const sheetNumber = (name: string) => Number(SHEET.exec(name)?.[1]);
  const sheets = [...parts.keys()].filter((name) => SHEET.test(name)).sort((a, b) => sheetNumber(a) - sheetNumber(b));
  if (!parts.has(WORKBOOK) || !parts.has(WORKBOOK_RELS) || sheets.length === 0) throw unreadableXlsx();
  if (sheets.length > READ_LIMITS.sheets) throw tooLarge(`工作表过多：最多 ${READ_LIMITS.sheets} 个工作表，请只保留导入模板中的表格`);
  const entry = (name: string) => ({ name, data: parts.get(name)! });
  return writeZip([
    entry(WORKBOOK_RELS),
    entry(WORKBOOK),
    ...(parts.has(STYLES) ? [entry(STYLES)] : []),
    { name: SHARED_STRINGS, data: parts.get(SHARED_STRINGS) ?? Buffer.from('<sst/>') },
    ...sheets.map(entry),
  ]);
}

/** The workbook counts dates from 1904 (old Mac Excel); exceljs keeps the flag on the reader. */
const date1904 = (reader: ExcelJS.stream.xlsx.WorkbookReader) =>
  Boolean((reader as { properties?: { model?: { date1904?: boolean } } }).properties?.model?.date1904);

function cellsOf(row: ExcelJS.Row, date1904: boolean): string[] {
  const cells: string[] = [];
  for (let c = 1; c <= Math.min(row.cellCount, READ_LIMITS.columns); c++) cells.push(cellText(valueOf(row.findCell(c), date1904)));
  return cells;
}

/**
 * A cell's value. The streaming reader turns a number in a date format into a date but leaves a
 * formula's result a number; Excel shows both as dates, so both are read as dates.
 */
function valueOf(cell: ExcelJS.Cell | undefined, date1904: boolean): ExcelJS.CellValue {
  const value = cell?.value ?? null;
  if (cell && value && typeof value === 'object' && 'formula' in value && typeof value.result === 'number' && isDateFormat(cell.numFmt)) {
    return { ...value, result: excelDate(value.result, date1904) };
  }
  return value;
}

/** As exceljs decides: a number format with date or time letters outside quotes and brackets. */
const isDateFormat = (format: string | undefined) => !!format && /[ymdhMsb]/.test(format.replace(/\[[^\]]*]|"[^"]*"/g, ''));
const excelDate = (serial: number, date1904: boolean) => new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000));

/**
 * A cell's value as text. A date cell is its calendar date (exceljs gives the wall-clock date as
 * UTC); a formula is its cached result, never evaluated; rich text and links are their text.
 */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  if (typeof value !== 'object') return String(value);
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('formula' in value || 'sharedFormula' in value) return cellText((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
  if ('hyperlink' in value) return cellText(value.text as ExcelJS.CellValue);
  return ''; // an error value (#N/A, …)
}
