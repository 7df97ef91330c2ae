import { IMPORT_COLUMNS } from '../import-layout';
import type { RawSheet } from '../import-table';

/** Test data for the import specs: districts, and rows and sheets in the template's layout. */
export const districts = [
  { code: '500103', name: '渝中区' },
  { code: '500105', name: '江北区' },
];
export const HEADERS = IMPORT_COLUMNS.map((c) => c.header);

/** A good row in template column order. */
export function goodRow(name: string, overrides: Record<string, string> = {}): string[] {
  const values: Record<string, string> = {
    推荐站点名称: name,
    所在地区: '渝中区解放碑街道',
    承担单位: `${name}承担单位`,
    培育单位: '区总工会',
    经费来源: '区财政',
    建站时间: '2021/5/1',
    备注: '',
    联系人: '张三',
    联系电话: '023-12345678',
    联系人电子邮箱: 'zs@example.org',
    站点地址: '重庆市渝中区解放碑街道1号',
    累计服务劳动者人次: '1,500',
    近两年是否发生群体性事件或安全生产责任事故: '否',
    服务项目: '劳动法律宣传、劳动争议调解',
    典型案例1名称: '调解欠薪纠纷',
    典型案例1简介: '成功调解一起欠薪纠纷',
    典型案例2名称: '',
    典型案例2简介: '',
    业务指导单位: '',
    参加单位: '',
    ...overrides,
  };
  return HEADERS.map((h) => values[h] ?? '');
}
export const sheetOf = (rows: string[][], name: string | null = '渝中区'): RawSheet => ({
  name,
  rows: rows.map((cells, i) => ({ row: i + 1, cells })),
});
export const annexSheet = (...data: string[][]) =>
  sheetOf([['推荐站点基本信息汇总表'], ['推荐区县：渝中区'], HEADERS, ...data, ['联系人：王五  电话：123']]);
