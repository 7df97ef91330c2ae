import { ApiError } from '../common/error-codes';
import { templateCsvRows } from './import-layout';
import { cellValue, locateTable, missingColumns, normaliseDate, readImportRows, resolveDistrict } from './import-table';
import { annexSheet, districts, goodRow, HEADERS, sheetOf } from './testing/rows';

describe('reading the import table', () => {
  it('finds the header under the title and the district in the “推荐区县：” line', () => {
    const layout = locateTable(annexSheet(goodRow('甲')))!;
    expect(layout.headerIndex).toBe(2);
    expect(layout.captionDistrict).toBe('渝中区');
    expect(missingColumns(layout)).toEqual([]);
    expect(locateTable(sheetOf([['推荐区县：', '', '江北区'], HEADERS]))!.captionDistrict).toBe('江北区');
  });

  it('does not take a sheet of instructions (one column name per row) for a table', () => {
    expect(
      locateTable(
        sheetOf([
          ['列名', '是否必填'],
          ['推荐站点名称', '必填'],
          ['承担单位', '必填'],
        ]),
      ),
    ).toBeNull();
  });

  it('turns each data row into an application form, up to the annex footer, skipping blank rows', () => {
    const rows = readImportRows([annexSheet(goodRow('甲'), [], goodRow('乙'))], districts);
    expect(rows.map((r) => r.row)).toEqual([4, 6]);
    expect(rows[0]).toEqual({
      row: 4,
      sheet: '渝中区',
      errors: [],
      application: {
        stationName: '甲',
        districtCode: '500103',
        location: '渝中区解放碑街道',
        hostUnit: '甲承担单位',
        cultivatingUnit: '区总工会',
        fundingSource: '区财政',
        establishedOn: '2021-05-01',
        contact: { name: '张三', phone: '023-12345678', email: 'zs@example.org' },
        address: '重庆市渝中区解放碑街道1号',
        workerVisitsServed: 1500,
        incidentsInLastTwoYears: false,
        services: ['劳动法律宣传', '劳动争议调解'],
        cases: [{ title: '调解欠薪纠纷', summary: '成功调解一起欠薪纠纷' }],
      },
    });
  });

  it('takes the district per row from a 推荐区县 column (code or name), as the CSV layout has it', () => {
    const csv = sheetOf(
      [
        templateCsvRows()[0],
        ['500105', ...goodRow('甲')],
        ['渝中区', ...goodRow('乙')],
        ['', ...goodRow('丙')],
        ['南岸区', ...goodRow('丁')],
      ],
      null,
    );
    const rows = readImportRows([csv], districts);
    expect(rows.map((r) => r.application.districtCode ?? r.errors[0])).toEqual([
      '500105',
      '500103',
      { field: '推荐区县', message: '推荐区县不能为空' },
      { field: '推荐区县', message: '推荐区县“南岸区”不是已登记的区县' },
    ]);
  });

  it('refuses a file without a table, a table without required columns, and too many rows', () => {
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return [(e as ApiError).code, (e as ApiError).details];
      }
      return null;
    };
    expect(code(() => readImportRows([sheetOf([['a', 'b']])], districts))?.[0]).toBe('IMPORT.BAD_FILE');
    const annexOnly = sheetOf([
      ['推荐区县：渝中区'],
      ['推荐站点名称', '所在地区', '承担单位', '培育单位', '经费来源', '建站时间', '备注', '联系人', '联系电话'],
      ['甲'],
    ]);
    expect(code(() => readImportRows([annexOnly], districts))).toEqual([
      'IMPORT.MISSING_COLUMNS',
      {
        sheet: '渝中区',
        missing: [
          '站点地址',
          '累计服务劳动者人次',
          '近两年是否发生群体性事件或安全生产责任事故',
          '服务项目',
          '典型案例1名称',
          '典型案例1简介',
        ],
      },
    ]);
    const noDistrict = sheetOf([HEADERS, goodRow('甲')], null);
    expect(code(() => readImportRows([noDistrict], districts))).toEqual(['IMPORT.MISSING_COLUMNS', { sheet: null, missing: ['推荐区县'] }]);
    expect(code(() => readImportRows([annexSheet()], districts))?.[0]).toBe('IMPORT.BAD_FILE');
    const many = annexSheet(...Array.from({ length: 1001 }, (_, i) => goodRow(`站${i}`)));
    expect(code(() => readImportRows([many], districts))?.[0]).toBe('IMPORT.TOO_LARGE');
  });

  it('reads cells by kind and keeps what it does not recognise for validation to reject', () => {
    expect(['2021-5-1', '2021/05/01', '2021.5.1', '2021年5月1日', '2021-05-01'].map(normaliseDate)).toEqual(Array(5).fill('2021-05-01'));
    expect(normaliseDate('去年五月')).toBe('去年五月');
    expect(cellValue('count', '1,500')).toBe(1500);
    expect(cellValue('count', '1500')).toBe(1500);
    expect(cellValue('count', '约1500')).toBe('约1500');
    expect(['是', '有', 'TRUE', '1'].map((t) => cellValue('yesNo', t))).toEqual([true, true, true, true]);
    expect(['否', '无', 'false', '0'].map((t) => cellValue('yesNo', t))).toEqual([false, false, false, false]);
    expect(cellValue('yesNo', '不清楚')).toBe('不清楚');
    expect(cellValue('list', '宣传、调解；咨询;帮扶,指导\n培训')).toEqual(['宣传', '调解', '咨询', '帮扶', '指导', '培训']);
    expect(cellValue('list', ' 、 ')).toBeUndefined();
    expect(cellValue('text', '')).toBeUndefined();
  });

  it('resolves districts by code or exact name', () => {
    expect(resolveDistrict('500103', districts)).toEqual(districts[0]);
    expect(resolveDistrict('江北区', districts)).toEqual(districts[1]);
    expect(resolveDistrict('江北', districts)).toBe('推荐区县“江北”不是已登记的区县');
    expect(resolveDistrict('新区', [...districts, { code: '1', name: '新区' }, { code: '2', name: '新区' }])).toBe(
      '推荐区县“新区”有重名，请填写 6 位区县代码',
    );
  });
});
