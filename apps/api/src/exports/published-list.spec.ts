import { publishedCsvRows, publishedSheet, sortPublished } from './published-list';

const listed = (name: string, districtCode: string, level: 'city' | 'district') => ({
  name,
  districtCode,
  level,
  application: { hostUnit: `${name}承担单位`, cultivatingUnit: '市总工会' },
});
const districts = [
  { code: '500103', name: '渝中区' },
  { code: '500105', name: '江北区' },
];
const stations = [
  listed('江北职工之家', '500105', 'district'),
  listed('渝中工作室', '500103', 'district'),
  listed('江北服务站', '500105', 'city'),
  listed('渝中服务站', '500103', 'city'),
];

describe('the published list', () => {
  it('puts city-level stations first, then district level, each by district code, then by name in pinyin order', () => {
    expect(sortPublished(stations).map((s) => s.name)).toEqual(['渝中服务站', '江北服务站', '渝中工作室', '江北职工之家']);
    expect(sortPublished([listed('重庆站', '500103', 'city'), listed('安康站', '500103', 'city')]).map((s) => s.name)).toEqual([
      '安康站',
      '重庆站',
    ]);
  });

  it('numbers the rows straight through with level and district names', () => {
    expect(publishedCsvRows(stations, districts)).toEqual([
      ['序号', '级别', '所在区县', '站点名称', '承担单位', '培育单位'],
      ['1', '市级', '渝中区', '渝中服务站', '渝中服务站承担单位', '市总工会'],
      ['2', '市级', '江北区', '江北服务站', '江北服务站承担单位', '市总工会'],
      ['3', '区县级', '渝中区', '渝中工作室', '渝中工作室承担单位', '市总工会'],
      ['4', '区县级', '江北区', '江北职工之家', '江北职工之家承担单位', '市总工会'],
    ]);
  });

  it('heads each level with its count in the xlsx sheet, under the round name and document number', () => {
    const sheet = publishedSheet({ name: '2023年培育批次', documentNo: '渝人社〔2024〕100号' }, stations, districts);
    expect(sheet.title).toBe('2023年培育批次基层劳动关系公共服务站点名单');
    expect(sheet.captions).toEqual(['发布文号：渝人社〔2024〕100号']);
    expect(sheet.rows.map((r) => ('section' in r ? r.section : r[3]))).toEqual([
      '市级基层劳动关系公共服务站点（2个）',
      '渝中服务站',
      '江北服务站',
      '区县级基层劳动关系公共服务站点（2个）',
      '渝中工作室',
      '江北职工之家',
    ]);
    const cityOnly = publishedSheet(
      { name: 'R', documentNo: null },
      stations.filter((s) => s.level === 'city'),
      districts,
    );
    expect(cityOnly.captions).toEqual([]);
    expect(cityOnly.rows.filter((r) => 'section' in r)).toHaveLength(1);
  });

  it('names each publication with its document number once a supplementary list (补充名单) went out', () => {
    const round = {
      name: '2023年培育批次',
      documentNo: '渝人社〔2024〕100号',
      publications: [
        { documentNo: '渝人社〔2024〕100号', listed: 3 },
        { documentNo: '渝人社〔2024〕101号', listed: 1, supplementary: true },
      ],
    };
    const numbered = stations.map((s) => ({ ...s, documentNo: s.name === '江北职工之家' ? '渝人社〔2024〕101号' : '渝人社〔2024〕100号' }));
    const sheet = publishedSheet(round, numbered, districts);
    expect(sheet.captions).toEqual([
      '首批名单发布文号：渝人社〔2024〕100号，3个站点',
      '补充名单（1）发布文号：渝人社〔2024〕101号，1个站点',
    ]);
    expect(sheet.headers[sheet.headers.length - 1]).toBe('发布文号');
    const csv = publishedCsvRows(numbered, districts, round);
    expect(csv[0]).toEqual(['序号', '级别', '所在区县', '站点名称', '承担单位', '培育单位', '发布文号']);
    expect(csv.find((r) => r[3] === '江北职工之家')?.[6]).toBe('渝人社〔2024〕101号');
    expect(csv.find((r) => r[3] === '渝中服务站')?.[6]).toBe('渝人社〔2024〕100号');
    // one list only: as before, no extra column
    expect(publishedCsvRows(numbered, districts, { ...round, publications: round.publications.slice(0, 1) })[0]).toHaveLength(6);
  });
});
