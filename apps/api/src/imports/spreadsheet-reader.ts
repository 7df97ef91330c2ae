import * as ExcelJS from 'exceljs';
import { ApiError } from '../common/error-codes';
import { parseCsv } from '../exports/csv';
import type { RawSheet } from './import-table';

const badFile = (message: string) => new ApiError('IMPORT.BAD_FILE', message);

/**
 * An uploaded spreadsheet as sheets of cell texts. The type comes from the content, not the name:
 * .xlsx is a zip archive; anything else is read as CSV text.
 */
export async function readSpreadsheet(file: Buffer): Promise<RawSheet[]> {
  if (file.length === 0) throw badFile('上传的文件是空的');
  if (file.subarray(0, 4).equals(ZIP)) return readXlsx(file);
  if (file.subarray(0, 4).equals(OLE)) throw badFile('不支持旧版 .xls 格式，请在 Excel 中另存为 .xlsx 或“CSV UTF-8”后上传');
  return [{ name: null, rows: parseCsv(decodeText(file)).map((cells, i) => ({ row: i + 1, cells })) }];
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

async function readXlsx(file: Buffer): Promise<RawSheet[]> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(file as unknown as ArrayBuffer);
  } catch {
    throw badFile('无法读取该 Excel 文件，文件可能已损坏或不是 .xlsx 格式');
  }
  return wb.worksheets.map((ws) => ({ name: ws.name, rows: rowsOf(ws) }));
}

function rowsOf(ws: ExcelJS.Worksheet): RawSheet['rows'] {
  const rows: RawSheet['rows'] = [];
  ws.eachRow({ includeEmpty: false }, (row, n) => {
    const cells: string[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(cellText(row.getCell(c).value));
    rows.push({ row: n, cells });
  });
  return rows;
}

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
