import { applicationFields, FILLING_NOTES, renderApplicationForm } from './application-form';
import { noticeTitle, renderPublishedNotice } from './published-notice';
import { renderTableDocument } from './table-document';
import { FONTS } from './word';
import { readDocx } from './testing';

const application = {
  stationName: '解放碑街道劳动关系公共服务站',
  districtCode: '500103',
  hostUnit: '渝中区解放碑街道办事处',
  address: '重庆市渝中区民族路 1 号',
  contact: { name: '张三', phone: '023-63800000', email: 'zhangsan@example.org' },
  establishedOn: '2021-03-01',
  workerVisitsServed: 1200,
  incidentsInLastTwoYears: false,
  services: ['劳动争议调解', '法律咨询'],
  cases: [{ title: '欠薪调解案', summary: '调解 12 名职工的欠薪争议 & 当日兑付' }],
  participatingUnits: ['渝中区总工会', '渝中区工商联'],
  guidanceUnit: '渝中区人力社保局',
  cultivatingUnit: '渝中区协调劳动关系三方',
  hostUnitInfo: { organisationCode: '11500103MB1234567X', legalRepresentative: '李四', address: '民族路 1 号', postcode: '400010' },
  pairedDistrict: 'city',
  plan: [{ time: '2024年1月', content: '制定工作方案', responsible: '解放碑街道', participating: '区总工会' }],
  funding: { uses: '场地改造', sources: '街道财政' },
  opinions: { host: '同意申报', guidance: '同意推荐' },
};

describe('Word documents', () => {
  it('fills in the annex-2 application form in the notice layout', async () => {
    const doc = readDocx(await renderApplicationForm({ stationName: '解放碑站', application, appliedAt: '2023-11-30T16:30:00Z' }));
    const text = doc.paragraphs.join('\n');
    expect(text).toContain('附件2');
    expect(doc.paragraphs).toContain('基层劳动关系公共服务站点');
    expect(doc.paragraphs).toContain('申请书');
    expect(doc.paragraphs).toContain('站 点 名 称：解放碑街道劳动关系公共服务站');
    expect(doc.paragraphs).toContain('站点参加单位：渝中区总工会、渝中区工商联');
    expect(doc.paragraphs).toContain('2023年12月'); // Asia/Shanghai: 1 December
    for (const note of FILLING_NOTES) expect(doc.paragraphs).toContain(note);

    expect(doc.tables).toHaveLength(1);
    const [form] = doc.tables;
    const row = (label: string) => form.find((r) => r.some((c) => c.text === label))!.map((c) => c.text);
    // every row spans the four columns of the form
    for (const r of form) expect(r.reduce((n, c) => n + c.span, 0)).toBe(4);
    expect(form[0]).toEqual([{ text: '一、申请单位基本信息', span: 4 }]);
    expect(row('单位名称\n（站点承担单位）')).toEqual([
      '单位名称\n（站点承担单位）',
      '渝中区解放碑街道办事处',
      '组织机构\n代码',
      '11500103MB1234567X',
    ]);
    expect(row('联系电话')).toEqual(['联系电话', '023-63800000', '电子邮箱', 'zhangsan@example.org']);
    expect(row('单位地址\n（含邮编）')[3]).toBe('民族路 1 号，邮编400010');
    expect(row('所在地是否是“县级工会加强年”对口联系区县')[1]).toBe('□全国总工会对口联系   ☑市级总工会对口联系   □不是');
    expect(row('近两年内所在区域、行业是否发生较大劳动关系群体性事件、重大安全生产责任事故')[1]).toBe('否');
    expect(row('目前基层劳动\n关系公共服务\n工作情况\n（附案例1-2个）')[1]).toContain(
      '案例1：欠薪调解案\n调解 12 名职工的欠薪争议 & 当日兑付',
    );
    // the plan: a header row, the application's step, and empty rows up to the notice's six
    const planHeader = form.findIndex((r) => r[0].text === '时间');
    expect(form[planHeader].map((c) => [c.text, c.span])).toEqual([
      ['时间', 1],
      ['阶段工作内容', 2],
      ['负责单位及参与单位', 1],
    ]);
    expect(form[planHeader + 1].map((c) => c.text)).toEqual(['2024年1月', '制定工作方案', '解放碑街道；区总工会']);
    expect(form.slice(planHeader + 2, planHeader + 7).every((r) => r.every((c) => c.text === ''))).toBe(true);
    // 六: the four units' boxes, each with its opinion, a signature and a date to fill in
    const boxes = form.slice(-4).map((r) => r[0].text);
    expect(boxes.map((b) => b.split('\n')[0])).toEqual([
      '承担单位（盖章）：',
      '参加单位（盖章）：',
      '业务指导单位（盖章）：',
      '培育单位（盖章）：',
    ]);
    expect(boxes[0]).toContain('同意申报');
    expect(boxes[2]).toContain('同意推荐');
    expect(boxes.every((b) => b.includes('负责人（签名）') && b.includes('年    月    日'))).toBe(true);

    // 汉字 in named Chinese fonts, for Word and WPS alike
    expect(doc.xml).toContain(`w:eastAsia="${FONTS.body}"`);
    expect(doc.xml).toContain(`w:eastAsia="${FONTS.title}"`);
  });

  it('leaves what the application does not say as empty boxes', () => {
    const fields = applicationFields({ stationName: '站', application: { stationName: '站' }, appliedAt: '2024-01-01T00:00:00Z' });
    expect(fields).toMatchObject({
      hostUnit: '',
      phone: '',
      incidents: '',
      plan: [],
      paired: '□全国总工会对口联系   □市级总工会对口联系   □不是',
    });
  });

  it('prints printable tables as Word tables, section lines spanning the width', async () => {
    const doc = readDocx(
      await renderTableDocument(
        'T',
        [
          {
            name: 'a',
            title: '推荐站点基本信息汇总表',
            captions: ['推荐区县：渝中区'],
            headers: ['推荐站点名称', '备注'],
            rows: [['甲站', ''], { section: '小计' }],
            footer: ['联系人：'],
          },
        ],
        { annex: '附件1' },
      ),
    );
    expect(doc.paragraphs.slice(0, 3)).toEqual(['附件1', '推荐站点基本信息汇总表', '推荐区县：渝中区']);
    expect(doc.tables[0].map((r) => r.map((c) => [c.text, c.span]))).toEqual([
      [
        ['推荐站点名称', 1],
        ['备注', 1],
      ],
      [
        ['甲站', 1],
        ['', 1],
      ],
      [['小计', 2]],
    ]);
    expect(doc.paragraphs).toContain('联系人：');
    expect(doc.xml).toContain('w:orient="landscape"');
  });

  it('drafts the published list as a notice with its document number', async () => {
    const doc = readDocx(
      await renderPublishedNotice({
        roundName: '重庆市第一批',
        documentNo: '渝人社〔2024〕88号',
        issuers: ['重庆市人力资源和社会保障局', '重庆市总工会'],
        addressees: '各区县（自治县）人力社保局、总工会',
        counts: [{ label: '市级', count: 1 }],
        list: {
          name: 'l',
          title: '站点名单',
          captions: [],
          headers: ['序号', '站点名称'],
          rows: [{ section: '市级（1个）' }, ['1', '甲站']],
          footer: [],
        },
      }),
    );
    expect(doc.paragraphs[0]).toBe('渝人社〔2024〕88号');
    expect(doc.paragraphs).toContain(noticeTitle('重庆市第一批'));
    expect(doc.paragraphs.join('\n')).toContain('基层劳动关系公共服务站点1个（市级站点1个），现予公布');
    expect(doc.paragraphs).toContain('重庆市总工会');
    expect(doc.tables[0].map((r) => r.map((c) => c.text))).toEqual([['序号', '站点名称'], ['市级（1个）'], ['1', '甲站']]);
  });
});
