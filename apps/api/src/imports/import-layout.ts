import type { TableSheet } from '../exports/spreadsheet';
import { DISTRICT_LABEL, DistrictRef, SUMMARY_COLUMNS, SUMMARY_TITLE, StationColumn } from '../exports/summary-table';

/**
 * The bulk-import layout: the summary table of annex 1 (so that a filled-in annex-1 sheet is the
 * starting point), followed by the annex-2 fields every application must carry and annex 1 lacks.
 *
 * **Decision**: rows are imported as submitted applications, never as drafts. A draft still needs a
 * complete form (the single endpoint validates one the same way) and there is no endpoint to
 * complete it later, so an incomplete row is rejected with the cells to fill in instead. A file
 * whose header lacks a required column is refused as a whole (IMPORT.MISSING_COLUMNS), naming the
 * columns and pointing to the template.
 */

/** How a cell's text becomes a value of the form. */
export type CellKind = 'text' | 'date' | 'count' | 'yesNo' | 'list';

export interface ImportColumn extends StationColumn {
  kind: CellKind;
  required: boolean;
  /** what to write: the template's instructions, and the message when the cell is not valid */
  hint: string;
  /** other headers offices use for the same column */
  aliases?: readonly string[];
}

type ColumnRules = Omit<ImportColumn, 'header' | 'path'>;
const optionalText = (hint: string): ColumnRules => ({ kind: 'text', required: false, hint });
const requiredText = (hint: string): ColumnRules => ({ kind: 'text', required: true, hint });

const ANNEX1_RULES: Readonly<Record<string, ColumnRules>> = {
  stationName: { ...requiredText('站点全称，不超过 200 字'), aliases: ['站点名称', '申报站点名称'] },
  location: optionalText('所在区县、街道（乡镇）、社区或园区、行业'),
  hostUnit: { ...requiredText('站点承担单位全称'), aliases: ['站点承担单位'] },
  cultivatingUnit: { ...optionalText('市或区县协调劳动关系三方成员单位'), aliases: ['站点培育单位'] },
  fundingSource: optionalText('如：区财政、街道、工会经费'),
  establishedOn: { kind: 'date', required: true, hint: '日期，如 2021-05-01', aliases: ['成立时间'] },
  notes: optionalText('不超过 1000 字'),
  'contact.name': requiredText('站点联系人姓名'),
  'contact.phone': { ...requiredText('电话号码，如 023-12345678 或 13800000000'), aliases: ['电话'] },
};

/** Fields of the application form (annex 2) that annex 1 does not carry. */
const FORM_COLUMNS: readonly ImportColumn[] = [
  { header: '联系人电子邮箱', path: 'contact.email', ...optionalText('电子邮箱地址') },
  { header: '站点地址', path: 'address', ...requiredText('站点详细地址') },
  { header: '累计服务劳动者人次', path: 'workerVisitsServed', kind: 'count', required: true, hint: '不小于 0 的整数' },
  {
    header: '近两年是否发生群体性事件或安全生产责任事故',
    path: 'incidentsInLastTwoYears',
    kind: 'yesNo',
    required: true,
    hint: '填写“是”或“否”',
  },
  {
    header: '服务项目',
    path: 'services',
    kind: 'list',
    required: true,
    hint: '1–20 项，用顿号（、）或分号分隔，如：劳动法律宣传、劳动争议调解',
  },
  { header: '典型案例1名称', path: 'cases.0.title', ...requiredText('不超过 200 字') },
  { header: '典型案例1简介', path: 'cases.0.summary', ...requiredText('不超过 5000 字') },
  { header: '典型案例2名称', path: 'cases.1.title', ...optionalText('可不填；填写时须同时填写简介') },
  { header: '典型案例2简介', path: 'cases.1.summary', ...optionalText('可不填；不超过 5000 字') },
  { header: '业务指导单位', path: 'guidanceUnit', ...optionalText('上一级协调劳动关系三方成员单位') },
  { header: '参加单位', path: 'participatingUnits', kind: 'list', required: false, hint: '可不填；多个单位用顿号（、）分隔' },
];

export const IMPORT_COLUMNS: readonly ImportColumn[] = [
  ...SUMMARY_COLUMNS.map((c) => ({ ...c, ...ANNEX1_RULES[c.path] })),
  ...FORM_COLUMNS,
];

/** 推荐区县 as a column: a district code or name per row (else the sheet's “推荐区县：…” line). */
export const DISTRICT_HINT = '区县名称或 6 位区县代码，如 渝中区 或 500103';

/**
 * The template: the layout above with no rows, the required headers highlighted, and a sheet of
 * instructions. For one district the district stands in the “推荐区县：…” line as in annex 1;
 * otherwise (admin or city for several districts) each row names it in a 推荐区县 column.
 */
export function templateSheets(district: DistrictRef | null): TableSheet[] {
  const headers = [...(district ? [] : [DISTRICT_LABEL]), ...IMPORT_COLUMNS.map((c) => c.header)];
  const required = [...(district ? [] : [DISTRICT_LABEL]), ...IMPORT_COLUMNS.filter((c) => c.required).map((c) => c.header)];
  const table: TableSheet = {
    name: '申报导入',
    title: `${SUMMARY_TITLE}（批量申报导入）`,
    captions: district ? [`${DISTRICT_LABEL}：${district.name}`] : [],
    headers,
    rows: [],
    footer: [],
    required,
  };
  return [table, instructionsSheet(!district)];
}

function instructionsSheet(withDistrictColumn: boolean): TableSheet {
  const rows = [
    ...(withDistrictColumn ? [[DISTRICT_LABEL, '必填', DISTRICT_HINT]] : []),
    ...IMPORT_COLUMNS.map((c) => [c.header, c.required ? '必填' : '选填', c.hint]),
  ];
  return {
    name: '填写说明',
    title: '填写说明：每行一个站点；黄色表头为必填列；表头行以上的内容不要删除',
    captions: [],
    headers: ['列名', '是否必填', '填写要求'],
    rows,
    footer: [],
    widths: [34, 10, 60],
  };
}

/** The CSV template: one flat header line, 推荐区县 first. */
export function templateCsvRows(): string[][] {
  return [[DISTRICT_LABEL, ...IMPORT_COLUMNS.map((c) => c.header)]];
}
