import * as ExcelJS from 'exceljs';
import { contentDisposition, exportFile, renderXlsx, TableSheet, uniqueSheetName } from './spreadsheet';

const sheet: TableSheet = {
  name: '渝中区',
  title: '推荐站点基本信息汇总表',
  captions: ['推荐区县：渝中区'],
  headers: ['推荐站点名称', '建站时间'],
  rows: [{ section: '市级' }, ['解放碑服务站', '2021-05-01']],
  footer: ['联系人：  电话：'],
  required: ['推荐站点名称'],
};

describe('spreadsheet rendering', () => {
  it('lays a table out as title, captions, header, rows, sections and footer', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await renderXlsx([sheet])) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('渝中区')!;
    const text = (r: number) => (ws.getRow(r).values as unknown[]).slice(1);
    expect(text(1)[0]).toBe('推荐站点基本信息汇总表');
    expect(text(2)[0]).toBe('推荐区县：渝中区');
    expect(text(3)).toEqual(['推荐站点名称', '建站时间']);
    expect(text(4)[0]).toBe('市级');
    expect(text(5)).toEqual(['解放碑服务站', '2021-05-01']);
    expect(text(6)[0]).toBe('联系人：  电话：');
    expect(ws.getCell('A3').note).toBe('必填');
    expect(ws.getCell('B3').note).toBeUndefined();
    expect(ws.getCell('A1').isMerged).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
  });

  it('makes sheet names valid and unique', () => {
    const used = new Set<string>();
    expect(uniqueSheetName('a/b:c', used)).toBe('a_b_c');
    expect(uniqueSheetName('A/B:C', used)).toBe('A_B_C_2');
    expect(uniqueSheetName('x'.repeat(40), used)).toHaveLength(31);
    expect(uniqueSheetName('', used)).toBe('Sheet');
  });

  it('names the download with an ASCII fallback and the RFC 5987 UTF-8 name', () => {
    const header = contentDisposition({ filename: 'CQ-2023-推荐站点基本信息汇总表 (1).xlsx', asciiFilename: 'CQ-2023-summary.xlsx' });
    expect(header).toBe(
      `attachment; filename="CQ-2023-summary.xlsx"; filename*=UTF-8''CQ-2023-${encodeURIComponent('推荐站点基本信息汇总表')}%20%281%29.xlsx`,
    );
    expect(decodeURIComponent(header.split("UTF-8''")[1])).toBe('CQ-2023-推荐站点基本信息汇总表 (1).xlsx');
    expect(contentDisposition({ filename: 'a', asciiFilename: 'a"b\\c汉.csv' })).toContain('filename="a_b_c_.csv"');
  });

  it('gives xlsx or csv with matching type and extension', async () => {
    const content = { sheets: () => [sheet], csvRows: () => [['推荐站点名称'], ['解放碑服务站']] };
    const csv = await exportFile('csv', { name: '汇总', asciiName: 'summary' }, content);
    expect(csv).toMatchObject({ contentType: 'text/csv; charset=utf-8', filename: '汇总.csv', asciiFilename: 'summary.csv' });
    expect(csv.body.toString('utf8')).toBe('\uFEFF推荐站点名称\r\n解放碑服务站\r\n');
    const xlsx = await exportFile('xlsx', { name: '汇总', asciiName: 'summary' }, content);
    expect(xlsx.filename).toBe('汇总.xlsx');
    expect(xlsx.body.subarray(0, 2).toString('latin1')).toBe('PK');
  });
});
