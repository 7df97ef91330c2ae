import { CHONGQING_2023_ROUND } from './chongqing-2023-round';
import { AdministrativeArea, CHONGQING_DISTRICTS } from './chongqing-districts';
import { HANGZHOU_DISTRICTS } from './hangzhou-districts';

const count = (areas: readonly AdministrativeArea[], kind: AdministrativeArea['kind']) => areas.filter((a) => a.kind === kind).length;

describe.each([
  ['Chongqing', CHONGQING_DISTRICTS, 41, '50'],
  ['Hangzhou', HANGZHOU_DISTRICTS, 13, '3301'],
])('%s districts', (_city, areas, total, prefix) => {
  it(`has ${total} entries`, () => {
    expect(areas).toHaveLength(total);
  });

  it('has unique 6-digit codes under the city prefix', () => {
    for (const a of areas) expect(a.code).toMatch(new RegExp(`^${prefix}\\d{${6 - prefix.length}}$`));
    expect(new Set(areas.map((a) => a.code)).size).toBe(areas.length);
  });

  it('has unique, non-empty names', () => {
    expect(areas.every((a) => a.name.length > 0)).toBe(true);
    expect(new Set(areas.map((a) => a.name)).size).toBe(areas.length);
  });
});

describe('Chongqing', () => {
  it('is 26 districts, 12 counties and 3 zones', () => {
    expect([count(CHONGQING_DISTRICTS, 'district'), count(CHONGQING_DISTRICTS, 'county'), count(CHONGQING_DISTRICTS, 'zone')]).toEqual([
      26, 12, 3,
    ]);
  });

  it.each([
    ['500101', '万州区'],
    ['500103', '渝中区'],
    ['500155', '梁平区'],
    ['500156', '武隆区'],
    ['500229', '城口县'],
    ['500243', '彭水苗族土家族自治县'],
  ])('%s is %s', (code, name) => {
    expect(CHONGQING_DISTRICTS.find((a) => a.code === code)?.name).toBe(name);
  });

  it('gives the zones the project-local codes 500190–500192', () => {
    expect(CHONGQING_DISTRICTS.filter((a) => a.kind === 'zone').map((a) => [a.code, a.name])).toEqual([
      ['500190', '两江新区'],
      ['500191', '西部科学城重庆高新区'],
      ['500192', '万盛经开区'],
    ]);
  });
});

describe('Hangzhou', () => {
  it('is 10 districts, 2 counties and 1 county-level city', () => {
    expect([
      count(HANGZHOU_DISTRICTS, 'district'),
      count(HANGZHOU_DISTRICTS, 'county'),
      count(HANGZHOU_DISTRICTS, 'county-level-city'),
    ]).toEqual([10, 2, 1]);
  });
});

describe('the 2023 Chongqing round template', () => {
  it('carries the dates of 渝人社〔2023〕474号 and no filing deadline', () => {
    expect(CHONGQING_2023_ROUND).toEqual({
      code: 'cq-2023',
      name: '重庆市2023年基层劳动关系公共服务站点培育',
      programme: 'six-haves',
      deadlines: {
        recommendation: '2023-12-08',
        selfAssessment: '2024-09-30',
        cityEvaluation: '2024-10-31',
        publication: '2024-11-30',
        promotion: '2024-12-31',
      },
      serviceCutoff: '2023-10-31',
    });
  });

  it('has its dates in calendar order', () => {
    const d = CHONGQING_2023_ROUND.deadlines;
    const dates = [d.recommendation, d.selfAssessment, d.cityEvaluation, d.publication, d.promotion];
    expect([...dates].sort()).toEqual(dates);
    expect(CHONGQING_2023_ROUND.serviceCutoff! < d.recommendation).toBe(true);
  });
});
