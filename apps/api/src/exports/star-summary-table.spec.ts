import {
  applyStarRatingAction,
  createStarRatingStation,
  resolveStarRatingSettings,
  RoundCalendar,
  StationScoreValues,
  StationState,
} from '@app/domain';
import { FIVE_STAR_SHEET, LOW_SHEET, NO_SHARED_COURT_SHEET } from '@app/domain/testing';
import {
  blockedStarReasons,
  isOnStarSummary,
  STAR_SUMMARY_HEADERS,
  starCounts,
  StarSummaryStation,
  starSummaryCsvRows,
  starSummaryRow,
  starSummarySheets,
} from './star-summary-table';

const calendar: RoundCalendar = {
  version: 1,
  programme: 'star-rating',
  deadlines: {
    registration: '2024-03-31T15:59:59.000Z',
    selfScore: '2024-09-30T15:59:59.000Z',
    cityRating: '2024-10-31T15:59:59.000Z',
    publication: '2024-11-30T15:59:59.000Z',
    promotion: '2024-12-31T15:59:59.000Z',
  },
};
const settings = resolveStarRatingSettings(undefined, calendar.deadlines);
const at = new Date('2024-04-01T00:00:00Z');
const five = FIVE_STAR_SHEET;
const noCourt = NO_SHARED_COURT_SHEET;
const low = LOW_SHEET;

/** A station taken through as many score steps as values are given (the city's rating with its override, if any). */
function station(
  name: string,
  steps: StationScoreValues[],
  priorRatings: { year: number; stars: 0 | 3 | 4 | 5 }[] = [],
  override?: { stars: 3 | 4 | 5; reason: string },
): StarSummaryStation {
  let s: StationState = createStarRatingStation(
    { stationId: name, roundId: 'r', districtCode: '330106', name, application: {}, draft: false, settings, priorRatings },
    { id: 'd', name: '西湖区总工会', role: 'district' },
    at,
    calendar,
  );
  const types = ['self_score', 'district_review', 'city_rate'] as const;
  steps.forEach((values, i) => {
    const role = i === 2 ? 'city' : 'district';
    const action = types[i] === 'city_rate' && override ? { type: types[i], values, override } : { type: types[i], values };
    s = applyStarRatingAction(s, action, { id: role, name: role, role }, at, calendar);
  });
  return {
    districtCode: s.districtCode,
    name: s.name,
    stage: s.stage,
    outcome: s.outcome,
    level: s.level,
    application: {},
    starRating: s.starRating ?? null,
  };
}

describe('the star-rating summary table (星级评定汇总表)', () => {
  it('has the annex columns with the rating score, the withheld stars and the exit flag', () => {
    expect(STAR_SUMMARY_HEADERS).toEqual([
      '服务站名称',
      '所在区县',
      '自评得分',
      '复评得分',
      '评定得分',
      '审定星级',
      '星级未达原因',
      '撤并提示',
      '备注',
    ]);
  });

  it('fills a rated station’s row from its three score sheets', () => {
    expect(starSummaryRow(station('西溪服务站', [five, noCourt, five]), '西湖区')).toEqual([
      '西溪服务站',
      '西湖区',
      '97',
      '97',
      '97',
      '五星级',
      '',
      '',
      '名单发布',
    ]);
  });

  it('says which prerequisite withheld a star', () => {
    const s = station('转塘服务站', [five, five, noCourt]);
    expect(s.starRating?.stars).toBe(4);
    expect(blockedStarReasons(s.starRating)).toBe('五星级缺：共享法庭');
    expect(starSummaryRow(s, '西湖区')[5]).toBe('四星级');
  });

  it('shows a star the city granted despite a missing prerequisite, with its written reason', () => {
    const s = station('转塘服务站', [five, five, noCourt], [], { stars: 5, reason: '共享法庭已批复设立' });
    expect(starSummaryRow(s, '西湖区').slice(4, 7)).toEqual([
      '97',
      '五星级',
      '五星级缺：共享法庭；经书面说明认定为五星级，理由：共享法庭已批复设立',
    ]);
    expect(starCounts([s])).toBe('统计：五星级 1 家，四星级 0 家，三星级 0 家');
  });

  it('gives a station below every threshold its score and the exit flag after three years below three stars', () => {
    const s = station(
      '留下工作室',
      [low, low, low],
      [
        { year: 2023, stars: 0 },
        { year: 2022, stars: 0 },
      ],
    );
    const row = starSummaryRow(s, '西湖区');
    expect(row.slice(2, 9)).toEqual([
      '5',
      '5',
      '5',
      '未达星级',
      '总分5分，低于三星级80分',
      '连续3年（2022–2024年）未达到三星级，已达退出机制年限（3年）：建议撤并',
      '评估未通过',
    ]);
  });

  it('leaves the cells of steps not yet taken empty and says where the station stands', () => {
    expect(starSummaryRow(station('蒋村服务站', [five]), '西湖区').slice(2)).toEqual(['97', '', '', '', '', '', '区县复评']);
  });

  it('lists registered stations, not drafts or withdrawn ones', () => {
    expect(isOnStarSummary({ stage: 'registration', outcome: null })).toBe(false);
    expect(isOnStarSummary({ stage: 'closed', outcome: 'withdrawn' })).toBe(false);
    expect(isOnStarSummary({ stage: 'self_score', outcome: null })).toBe(true);
    expect(isOnStarSummary({ stage: 'closed', outcome: 'not_passed' })).toBe(true);
  });

  it('counts the stars below each district’s sheet, and flattens to CSV', () => {
    const stations = [station('甲', [five, five, five]), station('乙', [five, five, noCourt]), station('丙', [low, low, low])];
    expect(starCounts(stations)).toBe('统计：五星级 1 家，四星级 1 家，三星级 0 家');
    const groups = [{ district: { code: '330106', name: '西湖区' }, stations }];
    const [sheet] = starSummarySheets(groups, '杭州市2024年度星级评定');
    expect([sheet.name, sheet.captions, sheet.footer, sheet.rows.length]).toEqual([
      '西湖区',
      ['填报单位：西湖区', '批次：杭州市2024年度星级评定'],
      ['统计：五星级 1 家，四星级 1 家，三星级 0 家'],
      3,
    ]);
    expect(starSummarySheets([], '批次')[0].rows).toEqual([]);
    const csv = starSummaryCsvRows(groups);
    expect(csv[0]).toEqual([...STAR_SUMMARY_HEADERS]);
    expect(csv.map((r) => r[0])).toEqual(['服务站名称', '甲', '乙', '丙']);
  });
});
