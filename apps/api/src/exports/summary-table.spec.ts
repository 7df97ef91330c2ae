import { STAGE_LABELS } from '@app/domain';
import {
  groupByDistrict,
  isOnSummaryTable,
  statusLabel,
  summaryCsvRows,
  summaryHeaders,
  summaryRow,
  summarySheets,
  SummaryStation,
} from './summary-table';

const ANNEX1_HEADERS = ['推荐站点名称', '所在地区', '承担单位', '培育单位', '经费来源', '建站时间', '备注'];

const station = (
  name: string,
  districtCode: string,
  extra: Partial<SummaryStation> = {},
  form: Record<string, unknown> = {},
): SummaryStation => ({
  districtCode,
  name,
  stage: 'filing',
  outcome: null,
  level: null,
  application: {
    stationName: name,
    hostUnit: `${name}承担单位`,
    address: '重庆市渝中区解放碑街道1号',
    establishedOn: '2021-05-01',
    contact: { name: '张三', phone: '023-12345678' },
    ...form,
  },
  ...extra,
});
const districts = [
  { code: '500105', name: '江北区' },
  { code: '500103', name: '渝中区' },
  { code: '500101', name: '万州区' },
];

describe('the summary table (annex 1)', () => {
  it('has the annex columns in order, then the contact person and phone', () => {
    expect(summaryHeaders({ allStations: false })).toEqual([...ANNEX1_HEADERS, '联系人', '联系电话']);
    expect(summaryHeaders({ allStations: true })).toEqual([...ANNEX1_HEADERS, '联系人', '联系电话', '当前状态']);
  });

  it('fills a row from the application form', () => {
    const s = station(
      '解放碑服务站',
      '500103',
      {},
      { location: '渝中区解放碑街道', cultivatingUnit: '区总工会', fundingSource: '区财政', notes: '示范点' },
    );
    expect(summaryRow(s, { allStations: false })).toEqual([
      '解放碑服务站',
      '渝中区解放碑街道',
      '解放碑服务站承担单位',
      '区总工会',
      '区财政',
      '2021-05-01',
      '示范点',
      '张三',
      '023-12345678',
    ]);
  });

  it('falls back to the station address and the funding section when location and funding source are empty', () => {
    const s = station('朝天门工作室', '500103', {}, { funding: { sources: '街道经费' } });
    const row = summaryRow(s, { allStations: false });
    expect(row[1]).toBe('重庆市渝中区解放碑街道1号');
    expect(row[4]).toBe('街道经费');
    expect(row[3]).toBe(''); // no cultivating unit: an empty cell, not "undefined"
  });

  it('lists the stations the district recommended, whatever happened after, unless withdrawn', () => {
    const on = (stage: string, outcome: string | null) => isOnSummaryTable({ stage, outcome });
    expect(on('application', null)).toBe(false);
    expect(on('recommendation', null)).toBe(false);
    expect(on('closed', 'not_recommended')).toBe(false);
    expect(on('closed', 'withdrawn')).toBe(false);
    for (const stage of ['filing', 'cultivation', 'self_assessment', 'city_evaluation', 'publication', 'promotion'])
      expect(on(stage, null)).toBe(true);
    expect(on('closed', 'not_filed')).toBe(true);
    expect(on('closed', 'not_passed')).toBe(true);
    expect(on('promotion', 'listed')).toBe(true);
  });

  it('names the status in zh-CN for ?include=all', () => {
    expect(statusLabel({ stage: 'recommendation', outcome: null, level: null })).toBe(STAGE_LABELS.recommendation);
    expect(statusLabel({ stage: 'closed', outcome: 'not_recommended', level: null })).toBe('未获推荐');
    expect(statusLabel({ stage: 'promotion', outcome: 'listed', level: 'city' })).toBe('已入选名单（市级）');
    expect(summaryRow(station('站', '500103', { stage: 'closed', outcome: 'withdrawn' }), { allStations: true }).at(-1)).toBe('已撤回');
  });

  it('groups by district code, only districts with stations, or the one asked for even when empty', () => {
    const stations = [station('江北一', '500105'), station('渝中一', '500103'), station('江北二', '500105')];
    const all = groupByDistrict(stations, districts, null);
    expect(all.map((g) => [g.district.name, g.stations.map((s) => s.name)])).toEqual([
      ['渝中区', ['渝中一']],
      ['江北区', ['江北一', '江北二']],
    ]);
    expect(groupByDistrict([], districts, '500101')).toEqual([{ district: { code: '500101', name: '万州区' }, stations: [] }]);
    expect(groupByDistrict(stations, districts, '500103').map((g) => g.stations.length)).toEqual([1]);
  });

  it('gives one annex-1 sheet per district, and a single empty one when there is nothing', () => {
    const groups = groupByDistrict([station('渝中一', '500103'), station('江北一', '500105')], districts, null);
    const sheets = summarySheets(groups, { allStations: false });
    expect(sheets.map((s) => [s.name, s.title, s.captions, s.rows.length, s.footer])).toEqual([
      ['渝中区', '推荐站点基本信息汇总表', ['推荐区县：渝中区'], 1, ['联系人：                    电话：']],
      ['江北区', '推荐站点基本信息汇总表', ['推荐区县：江北区'], 1, ['联系人：                    电话：']],
    ]);
    const empty = summarySheets([], { allStations: false });
    expect(empty).toHaveLength(1);
    expect(empty[0]).toMatchObject({ captions: ['推荐区县：（暂无推荐站点）'], rows: [] });
  });

  it('gives CSV as one flat table with the district first', () => {
    const groups = groupByDistrict([station('渝中一', '500103'), station('江北一', '500105')], districts, null);
    const rows = summaryCsvRows(groups, { allStations: false });
    expect(rows[0]).toEqual(['推荐区县', ...ANNEX1_HEADERS, '联系人', '联系电话']);
    expect(rows.slice(1).map((r) => [r[0], r[1]])).toEqual([
      ['渝中区', '渝中一'],
      ['江北区', '江北一'],
    ]);
  });
});
