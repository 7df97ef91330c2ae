import * as ExcelJS from 'exceljs';
import { ApiError } from '../common/error-codes';
import { toCsv } from '../exports/csv';
import { renderXlsx } from '../exports/spreadsheet';
import { groupByDistrict, summarySheets } from '../exports/summary-table';
import { IMPORT_COLUMNS, templateCsvRows, templateSheets } from './import-layout';
import { readImportRows } from './import-table';
import { cellText, decodeText, READ_LIMITS, readSpreadsheet } from './spreadsheet-reader';
import { inflatingEntry, inflatingXlsx } from './testing/inflating-xlsx';
import { readZipEntries, writeZip } from './zip-archive';

const districts = [
  { code: '500103', name: '渝中区' },
  { code: '500105', name: '江北区' },
];
const HEADERS = IMPORT_COLUMNS.map((c) => c.header);
const REQUIRED_VALUES: Record<string, unknown> = {
  推荐站点名称: '解放碑服务站',
  承担单位: '解放碑街道',
  建站时间: new Date(Date.UTC(2021, 4, 1)),
  联系人: '张三',
  联系电话: 13800000000,
  站点地址: '重庆市渝中区解放碑街道1号',
  累计服务劳动者人次: 1500,
  近两年是否发生群体性事件或安全生产责任事故: '否',
  服务项目: '劳动法律宣传、劳动争议调解',
  典型案例1名称: { richText: [{ text: '调解' }, { text: '欠薪纠纷', font: { bold: true } }] },
  典型案例1简介: { formula: '"成功调解"&"一起"', result: '成功调解一起' },
};

const failure = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    return `${(e as ApiError).code}: ${(e as ApiError).message}`;
  }
  return 'no error';
};

describe('reading uploaded spreadsheets', () => {
  it('reads a filled-in xlsx template: district from the caption, dates, numbers, rich text and formulas as text', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await renderXlsx(templateSheets(districts[0]))) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('申报导入')!;
    ws.addRow(HEADERS.map((h) => REQUIRED_VALUES[h] ?? null) as ExcelJS.CellValue[]);
    const sheets = await readSpreadsheet(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(sheets.map((s) => s.name)).toEqual(['申报导入', '填写说明']);
    const [row] = readImportRows(sheets, districts);
    expect(row).toMatchObject({ row: 4, sheet: '申报导入', errors: [] });
    expect(row.application).toEqual({
      stationName: '解放碑服务站',
      districtCode: '500103',
      hostUnit: '解放碑街道',
      establishedOn: '2021-05-01',
      contact: { name: '张三', phone: '13800000000' },
      address: '重庆市渝中区解放碑街道1号',
      workerVisitsServed: 1500,
      incidentsInLastTwoYears: false,
      services: ['劳动法律宣传', '劳动争议调解'],
      cases: [{ title: '调解欠薪纠纷', summary: '成功调解一起' }],
    });
  });

  it('reads the template for several districts with a 推荐区县 column', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await renderXlsx(templateSheets(null))) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('申报导入')!;
    expect((ws.getRow(2).values as unknown[]).slice(1, 3)).toEqual(['推荐区县', '推荐站点名称']);
    ws.addRow(['江北区', ...HEADERS.map((h) => REQUIRED_VALUES[h] ?? null)] as ExcelJS.CellValue[]);
    const rows = readImportRows(await readSpreadsheet(Buffer.from(await wb.xlsx.writeBuffer())), districts);
    expect(rows.map((r) => [r.row, r.application.districtCode])).toEqual([[3, '500105']]);
  });

  it('reads a CSV in the template layout', async () => {
    const values = HEADERS.map((h) =>
      REQUIRED_VALUES[h] instanceof Date
        ? '2021-05-01'
        : typeof REQUIRED_VALUES[h] === 'object'
          ? '案例'
          : String(REQUIRED_VALUES[h] ?? ''),
    );
    const file = toCsv([...templateCsvRows(), ['500103', ...values]]);
    const rows = readImportRows(await readSpreadsheet(file), districts);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      row: 2,
      sheet: null,
      errors: [],
      application: { districtCode: '500103', establishedOn: '2021-05-01', workerVisitsServed: 1500 },
    });
  });

  it('refuses a summary export as an import file, naming the form columns it lacks', async () => {
    const station = {
      districtCode: '500103',
      name: '甲',
      stage: 'filing',
      outcome: null,
      level: null,
      application: { hostUnit: '甲单位' },
    };
    const file = await renderXlsx(summarySheets(groupByDistrict([station], districts, null), { allStations: false }));
    const message = await failure((async () => readImportRows(await readSpreadsheet(file), districts))());
    expect(message).toMatch(/^IMPORT\.MISSING_COLUMNS: 工作表“渝中区”缺少必填列：站点地址、累计服务劳动者人次、/);
  });

  it('decodes UTF-8 with or without BOM, and GB18030 as Excel saves CSV on a Chinese desktop', () => {
    expect(decodeText(Buffer.from('\uFEFF站点,渝中区\r\n', 'utf8'))).toBe('站点,渝中区\r\n');
    expect(decodeText(Buffer.from('站点,渝中区\r\n', 'utf8'))).toBe('站点,渝中区\r\n');
    expect(decodeText(Buffer.from('d5beb5e32cd3e5d6d0c7f80d0a', 'hex'))).toBe('站点,渝中区\r\n');
  });

  it('refuses what is not a spreadsheet with IMPORT.BAD_FILE', async () => {
    expect(await failure(readSpreadsheet(Buffer.alloc(0)))).toMatch(/^IMPORT\.BAD_FILE: 上传的文件是空的/);
    expect(await failure(readSpreadsheet(Buffer.from('d0cf11e0a1b11ae1000000', 'hex')))).toMatch(/^IMPORT\.BAD_FILE: 不支持旧版 \.xls/);
    expect(await failure(readSpreadsheet(Buffer.concat([Buffer.from('504b0304', 'hex'), Buffer.alloc(100, 7)])))).toMatch(
      /^IMPORT\.BAD_FILE: 无法读取该 Excel 文件/,
    );
    expect(await failure(readSpreadsheet(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0])))).toMatch(
      /^IMPORT\.BAD_FILE: 无法识别的文件类型/,
    );
  });

  it('gives each kind of cell value as text', () => {
    expect(cellText(null)).toBe('');
    expect(cellText(12.5)).toBe('12.5');
    expect(cellText(true)).toBe('true');
    expect(cellText(new Date(Date.UTC(2023, 9, 31)))).toBe('2023-10-31');
    expect(cellText({ text: '链接', hyperlink: 'http://example.org' })).toBe('链接');
    expect(cellText({ formula: 'A1', result: 3 } as ExcelJS.CellValue)).toBe('3');
    expect(cellText({ error: '#N/A' } as ExcelJS.CellValue)).toBe('');
  });
});

describe('reading uploads within limits', () => {
  const xlsxOf = async (fill: (ws: ExcelJS.Worksheet) => void) => {
    const wb = new ExcelJS.Workbook();
    fill(wb.addWorksheet('表'));
    return Buffer.from(await wb.xlsx.writeBuffer());
  };

  it('refuses an xlsx that inflates past the cap with IMPORT.TOO_LARGE, whatever sizes its headers state', async () => {
    const bomb = await inflatingXlsx(READ_LIMITS.inflatedBytes / 1024 / 1024 + 1);
    expect(bomb.length).toBeLessThan(100_000);
    expect(await failure(readSpreadsheet(bomb))).toMatch(/^IMPORT\.TOO_LARGE: 文件内容过多：解压后超过 20 MB/);
    // The same archive under the cap is a readable workbook.
    const [sheet] = await readSpreadsheet(await inflatingXlsx(1));
    expect([sheet.name, sheet.rows.length, sheet.rows[0].cells[0].length]).toEqual(['申报导入', 1, 1024 * 1024]);
  });

  it('never inflates the parts it does not read (images, drawings)', async () => {
    const file = await xlsxOf((ws) => ws.addRow(['甲', '乙']));
    const parts = await readZipEntries(file, () => true, 1024 * 1024);
    const picture = await inflatingEntry('xl/media/image1.png', READ_LIMITS.inflatedBytes / 1024 / 1024 + 1);
    const withPicture = writeZip([...[...parts].map(([name, data]) => ({ name, data })), picture]);
    expect((await readSpreadsheet(withPicture))[0].rows).toEqual([{ row: 1, cells: ['甲', '乙'] }]);
  });

  it('refuses more rows with content than an import may hold, in xlsx and csv; blank rows do not count', async () => {
    const rows = (n: number) => Array.from({ length: n }, (_, i) => [`站点${i}`, '渝中区']);
    const blank = Array.from({ length: 500 }, () => ['', '']);
    const xlsx = (data: string[][]) => xlsxOf((ws) => ws.addRows(data));
    expect(await failure(readSpreadsheet(await xlsx(rows(READ_LIMITS.rows + 1))))).toMatch(
      /^IMPORT\.TOO_LARGE: 文件行数过多：一次最多导入 1000 行/,
    );
    expect(await failure(readSpreadsheet(toCsv(rows(READ_LIMITS.rows + 1))))).toMatch(/^IMPORT\.TOO_LARGE: 文件行数过多/);
    const [sheet] = await readSpreadsheet(await xlsx([...blank, ...rows(READ_LIMITS.rows)]));
    expect(sheet.rows).toHaveLength(READ_LIMITS.rows);
    expect(sheet.rows[0]).toEqual({ row: 501, cells: ['站点0', '渝中区'] });
    const [csv] = await readSpreadsheet(toCsv([...blank, ...rows(READ_LIMITS.rows)]));
    expect([csv.rows.length, csv.rows[0].row]).toEqual([READ_LIMITS.rows, 501]);
  });

  it('reads no cell right of the column limit', async () => {
    const far = READ_LIMITS.columns + 50;
    const [sheet] = await readSpreadsheet(await xlsxOf((ws) => (ws.getRow(1).getCell(far).value = '远')));
    expect(sheet.rows).toEqual([]);
    const [csv] = await readSpreadsheet(Buffer.from(`甲${','.repeat(far)}远\r\n`));
    expect(csv.rows).toEqual([{ row: 1, cells: ['甲', ...Array.from({ length: READ_LIMITS.columns - 1 }, () => '')] }]);
  });

  it('reads a formula whose result is a date in a date format as that date', async () => {
    const file = await xlsxOf((ws) => {
      const cell = ws.getCell('A1');
      cell.value = { formula: 'DATE(2021,5,1)', result: 44317 } as ExcelJS.CellValue;
      cell.numFmt = 'yyyy-mm-dd';
      ws.getCell('B1').value = { formula: '1+1', result: 2 } as ExcelJS.CellValue;
    });
    expect((await readSpreadsheet(file))[0].rows).toEqual([{ row: 1, cells: ['2021-05-01', '2'] }]);
  });
});
