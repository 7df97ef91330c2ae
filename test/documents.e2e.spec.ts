import { HAVE_KEYS } from '@app/domain';
import { DOCX_TYPE } from '@app/documents';
import { readDocx } from '@app/documents/testing';
import { eventually } from './support/eventually';
import { actOn, applyFor, issueToken, useService } from './support/service';
import { World } from './support/world';

jest.setTimeout(240_000);

const sixHaves = Object.fromEntries(HAVE_KEYS.map((k) => [k, { status: 'met', evidence: `${k}：已达标` }]));

/**
 * The Word documents through HTTP against the real service: a station's application form (annex 2),
 * the round's summary (annex 1) and its published list as a notice draft, each opened as Word
 * would (unzipped, word/document.xml read), with their scoping.
 */
describe('Word documents', () => {
  const service = useService('sqlite');

  const get = async (url: string, token: string) => {
    const res = await fetch(`${service().baseUrl}${url}`, { headers: { authorization: `Bearer ${token}` } });
    const body = Buffer.from(await res.arrayBuffer());
    return { status: res.status, type: res.headers.get('content-type'), disposition: res.headers.get('content-disposition'), body };
  };
  const errorOf = (r: { body: Buffer }) => (JSON.parse(r.body.toString('utf8')) as { code: string }).code;

  it('fills in the application form, prints annex 1 and drafts the published list', async () => {
    const svc = service();
    const w = new World(svc);
    const code = w.unique('e2e-docx');
    const roundId = await w.round({ code, name: '2023年度培育批次' });
    const yz = await issueToken(svc, 'district', { districtCode: '500103' });
    const jb = await issueToken(svc, 'district', { districtCode: '500105' });
    const city = await issueToken(svc, 'city');
    const A = await applyFor(
      svc,
      roundId,
      '500103',
      '解放碑劳动关系服务站',
      {
        cultivatingUnit: '渝中区总工会',
        guidanceUnit: '渝中区人力社保局',
        participatingUnits: ['渝中区工商联'],
        hostUnitInfo: { organisationCode: '11500103MB1234567X', legalRepresentative: '王五' },
        pairedDistrict: 'national',
        plan: [{ time: '2024年1月', content: '制定工作方案', responsible: '解放碑街道' }],
        opinions: { host: '同意申报' },
      },
      yz,
    );
    const D = await applyFor(svc, roundId, '500105', '观音桥劳动关系指导站', {}, jb);
    const stationA = await issueToken(svc, 'station', { stationId: A });

    // --- annex 2: the station's own form, for whoever may read the station
    const form = await get(`/api/stations/${A}/documents/application.docx`, stationA);
    expect(form.status).toBe(200);
    expect(form.type).toBe(DOCX_TYPE);
    expect(form.disposition).toBe(
      `attachment; filename="application-${A}.docx"; filename*=UTF-8''${encodeURIComponent('解放碑劳动关系服务站-申请书.docx')}`,
    );
    const doc = readDocx(form.body);
    expect(doc.paragraphs).toEqual(
      expect.arrayContaining(['附件2', '申请书', '站 点 名 称：解放碑劳动关系服务站', '站点培育单位：渝中区总工会']),
    );
    const rows = doc.tables[0];
    const row = (label: string) => rows.find((r) => r[0].text === label)?.map((c) => c.text);
    expect(row('单位名称\n（站点承担单位）')).toEqual([
      '单位名称\n（站点承担单位）',
      '解放碑劳动关系服务站承担单位',
      '组织机构\n代码',
      '11500103MB1234567X',
    ]);
    expect(row('联系电话')).toEqual(['联系电话', '023-12345678', '电子邮箱', 'zhangsan@example.org']);
    expect(row('站点地址')).toEqual(['站点地址', '重庆市渝中区解放碑街道1号']);
    expect(row('所在地是否是“县级工会加强年”对口联系区县')?.[1]).toMatch(/^☑全国总工会对口联系/);
    expect(rows.slice(-4).map((r) => r[0].text.split('\n')[0])).toEqual([
      '承担单位（盖章）：',
      '参加单位（盖章）：',
      '业务指导单位（盖章）：',
      '培育单位（盖章）：',
    ]);
    // scoped like the station: another district does not see it, nor a station another station's
    expect((await get(`/api/stations/${A}/documents/application.docx`, jb)).status).toBe(404);
    expect((await get(`/api/stations/${D}/documents/application.docx`, stationA)).status).toBe(404);
    expect((await get(`/api/stations/${D}/documents/application.docx`, city)).status).toBe(200);

    for (const id of [A]) await actOn(svc, id, 'recommendation', { recommended: true }, yz);
    await actOn(svc, D, 'recommendation', { recommended: true }, jb);

    // --- annex 1 in Word: a landscape page per district, the table as in the workbook
    const summary = await get(`/api/rounds/${roundId}/exports/summary?format=docx`, city);
    expect(summary.status).toBe(200);
    expect(summary.type).toBe(DOCX_TYPE);
    expect(summary.disposition).toContain(`filename*=UTF-8''${encodeURIComponent(`${code}-推荐站点基本信息汇总表.docx`)}`);
    const annex1 = readDocx(summary.body);
    expect(annex1.paragraphs).toEqual(expect.arrayContaining(['附件1', '推荐站点基本信息汇总表', '推荐区县：渝中区', '推荐区县：江北区']));
    expect(annex1.tables).toHaveLength(2);
    expect(annex1.tables[0].map((r) => r.map((c) => c.text))).toEqual([
      ['推荐站点名称', '所在地区', '承担单位', '培育单位', '经费来源', '建站时间', '备注', '联系人', '联系电话'],
      [
        '解放碑劳动关系服务站',
        '重庆市渝中区解放碑街道1号',
        '解放碑劳动关系服务站承担单位',
        '渝中区总工会',
        '',
        '2021-05-01',
        '',
        '张三',
        '023-12345678',
      ],
    ]);
    const own = readDocx((await get(`/api/rounds/${roundId}/exports/summary?format=docx`, jb)).body);
    expect(own.tables.map((t) => t[1][0].text)).toEqual(['观音桥劳动关系指导站']);

    // --- the published list as a notice draft, admin and city only
    await actOn(svc, A, 'filing', { filed: true, level: 'city' }, city);
    await actOn(svc, D, 'filing', { filed: true, level: 'district' }, city);
    await actOn(svc, A, 'self-assessment', { sixHaves, summary: '六有达标' }, yz);
    await actOn(svc, D, 'self-assessment', { sixHaves, summary: '六有达标' }, jb);
    await actOn(svc, A, 'evaluation', { passed: true }, city);
    await actOn(svc, D, 'evaluation', { passed: true }, city);
    expect((await svc.request('POST', `/api/rounds/${roundId}/publication`, { documentNo: '渝人社〔2024〕100号' }, city)).status).toBe(201);
    await eventually(
      () => svc.request('GET', `/api/stations?roundId=${roundId}&stage=promotion`, undefined, city),
      (r) => r.body.items.length === 2,
    );
    const notice = await get(`/api/rounds/${roundId}/exports/published?format=docx`, city);
    expect(notice.status).toBe(200);
    expect(notice.type).toBe(DOCX_TYPE);
    expect(notice.disposition).toContain(`filename="${code}-published-notice.docx"`);
    const draft = readDocx(notice.body);
    expect(draft.paragraphs[0]).toBe('渝人社〔2024〕100号');
    expect(draft.paragraphs).toEqual(
      expect.arrayContaining([
        '关于公布2023年度培育批次基层劳动关系公共服务站点名单的通知',
        '各区县（自治县）人力社保局、总工会、企业联合会（企业家协会）、工商业联合会：',
        '重庆市人力资源和社会保障局',
        '重庆市工商业联合会',
      ]),
    );
    expect(draft.paragraphs.join('\n')).toContain('基层劳动关系公共服务站点2个（市级站点1个、区县级站点1个），现予公布');
    expect(draft.tables[0].map((r) => r.map((c) => c.text).slice(0, 4))).toEqual([
      ['序号', '级别', '所在区县', '站点名称'],
      ['市级基层劳动关系公共服务站点（1个）'],
      ['1', '市级', '渝中区', '解放碑劳动关系服务站'],
      ['区县级基层劳动关系公共服务站点（1个）'],
      ['2', '区县级', '江北区', '观音桥劳动关系指导站'],
    ]);
    const byDistrict = await get(`/api/rounds/${roundId}/exports/published?format=docx`, jb);
    expect([byDistrict.status, errorOf(byDistrict)]).toEqual([403, 'FORBIDDEN']);
    expect((await get(`/api/rounds/${roundId}/exports/published?format=xlsx`, jb)).status).toBe(200); // the list itself stays public
    const bad = await get(`/api/rounds/${roundId}/exports/star-summary?format=docx`, city);
    expect([bad.status, errorOf(bad)]).toEqual([400, 'VALIDATION_FAILED']);
  });
});
