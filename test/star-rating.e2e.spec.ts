import * as ExcelJS from 'exceljs';
import { FIVE_STAR_SHEET, LOW_SHEET, NO_TRIBUNAL_SHEET } from '@app/domain/testing';
import { parseCsv } from '../apps/api/src/exports/csv';
import { eventually } from './support/eventually';
import { actOn, useService } from './support/service';

jest.setTimeout(300_000);

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const HEADERS = ['服务站名称', '所在区县', '自评得分', '复评得分', '评定得分', '审定星级', '星级未达原因', '撤并提示', '备注'];
const XH = '330106'; // 西湖区
const BJ = '330108'; // 滨江区

/** The registration form (登记表) of a Hangzhou station. */
const registration = (districtCode: string, stationName: string, extra: Record<string, unknown> = {}) => ({
  stationName,
  districtCode,
  address: '杭州市西湖区文三路1号',
  contact: { name: '王五', phone: '0571-88886666', email: `${districtCode}-${stationName.length}@station.example.org` },
  area: 120,
  services: ['劳动争议调解', '法律咨询'],
  rulesInPlace: '调解工作制度、值班制度',
  ...extra,
});

interface Reminder {
  kind: string;
  districtCode: string | null;
  deadlineKey: string;
  checkpoint: string;
  recipients: string[];
  stationIds: string[];
}

/** The values of a worksheet's rows as text, from row 1. */
function rowsOf(ws: ExcelJS.Worksheet): string[][] {
  const rows: string[][] = [];
  ws.eachRow(
    { includeEmpty: true },
    (row, n) => (rows[n - 1] = (row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))),
  );
  return rows;
}

/**
 * A Hangzhou star-rating round through HTTP against the real service (dev server, worker, API,
 * PostgreSQL) with a compressed calendar: registration, self-score, district re-score and city
 * rating deadlines seconds apart, each reminded to the office that owes it; scores, stars (one
 * withheld by a missing prerequisite), the exit rule, publication and the 星级评定汇总表.
 */
describe('a compressed star-rating round through HTTP', () => {
  const service = useService('postgres');

  it('rates stations with the Hangzhou rubric, reminds the right office at each step and exports the summary', async () => {
    const svc = service();
    const t0 = Date.now();
    const at = (s: number) => new Date(t0 + s * 1000).toISOString();

    // The programmes are data: both ship, the star rating with its rubric.
    const programmes = await svc.request('GET', '/api/programmes');
    expect(programmes.body.map((p: { key: string }) => p.key)).toEqual(['six-haves', 'star-rating']);
    const star = await svc.request('GET', '/api/programmes/star-rating');
    expect(star.body.evaluation.rubricDefinition).toMatchObject({ id: 'hangzhou-star-rating', version: '2024.1' });
    expect(star.body.steps.map((s: { stage: string; reminded: string | null }) => [s.stage, s.reminded])).toEqual([
      ['registration', 'district'],
      ['self_score', 'district'],
      ['district_review', 'district'],
      ['city_rating', 'city'],
      ['publication', 'city'],
      ['promotion', 'city'],
    ]);

    const round = await svc.request('POST', '/api/rounds', {
      code: `e2e-star-${t0}`,
      name: '杭州市服务站星级评定（压缩日程）',
      programme: 'star-rating',
      deadlines: {
        registration: at(20),
        selfScore: at(45),
        districtReview: at(70),
        cityRating: at(95),
        publication: at(600),
        promotion: at(700),
      },
      starRating: { exitAfterYears: 3 },
      reminders: { before: ['PT10S'], onTheDay: false, after: ['PT3S'], repeatAfter: null, workingDaysOnly: false, sendAt: null },
      cityContacts: [{ name: '杭州市总工会劳动关系部', email: 'city@hz.example.org' }],
    });
    expect(round.status).toBe(201);
    const roundId: string = round.body.id;
    expect(round.body.starRating).toMatchObject({ rubric: { id: 'hangzhou-star-rating', version: '2024.1' }, exitAfterYears: 3 });
    const year: number = round.body.starRating.ratingYear;
    expect(Object.keys(round.body.deadlines).sort()).toEqual([
      'cityRating',
      'districtReview',
      'promotion',
      'publication',
      'registration',
      'selfScore',
    ]);

    const token = async (role: string, extra: Record<string, string> = {}) =>
      (await svc.request('POST', '/api/tokens', { role, label: `${role}${extra.districtCode ?? ''}`, ...extra })).body.token as string;
    const xh = await token('district', { districtCode: XH });
    const bj = await token('district', { districtCode: BJ });
    const city = await token('city');
    for (const [code, email] of [
      [XH, 'xh@hz.example.org'],
      [BJ, 'bj@hz.example.org'],
    ]) {
      expect((await svc.request('PUT', `/api/districts/${code}/contacts`, { contacts: [{ name: '区总工会', email }] })).status).toBe(200);
    }

    const register = async (tok: string, body: Record<string, unknown>) => {
      const r = await svc.request('POST', `/api/rounds/${roundId}/registrations`, body, tok);
      expect({ status: r.status, body: r.status === 201 ? 'ok' : r.body }).toEqual({ status: 201, body: 'ok' });
      return r.body.id as string;
    };
    const act = (id: string, step: string, body: unknown, tok: string, status = 200) => actOn(svc, id, step, body, tok, status);
    const reminders = async () =>
      (await svc.request('GET', `/api/reminders?roundId=${roundId}&limit=200`, undefined, city)).body.items as Reminder[];
    const reminded = (key: string, kind: string, districtCode: string | null) =>
      eventually(
        reminders,
        (list) => list.some((r) => r.deadlineKey === key && r.kind === kind && r.districtCode === districtCode),
        60_000,
      );

    const A = await register(xh, registration(XH, '西溪劳动关系服务站'));
    const B = await register(bj, registration(BJ, '滨江职工服务站', { address: '杭州市滨江区江南大道1号' }));
    const C = await register(
      xh,
      registration(XH, '留下调解工作室', {
        priorRatings: [
          { year: year - 1, stars: 0 },
          { year: year - 2, stars: 0 },
        ],
      }),
    );
    const D = await register(bj, registration(BJ, '长河服务站', { draft: true }));
    const a0 = await svc.request('GET', `/api/stations/${A}`, undefined, xh);
    expect([a0.body.programme, a0.body.stage]).toEqual(['star-rating', 'self_score']);

    // Refusals keep the contract's shape and codes.
    const badPrior = await svc.request(
      'POST',
      `/api/rounds/${roundId}/registrations`,
      registration(XH, '新站', { priorRatings: [{ year, stars: 0 }] }),
      xh,
    );
    expect([badPrior.status, badPrior.body.code, badPrior.body.details[0].field]).toEqual([
      400,
      'VALIDATION_FAILED',
      'priorRatings.0.year',
    ]);
    expect((await svc.request('POST', `/api/rounds/${roundId}/registrations`, registration(XH, '越权'), bj)).body.code).toBe('FORBIDDEN');
    const badScore = await act(A, 'self-assessment', { items: { signage: 3, nope: true } }, xh, 400);
    expect(badScore.code).toBe('VALIDATION_FAILED');
    expect(badScore.details.map((d: { field: string }) => d.field).sort()).toEqual(['items.nope', 'items.signage']);
    expect((await act(A, 'self-assessment', { sixHaves: {}, summary: '六有' }, xh, 400)).code).toBe('VALIDATION_FAILED');
    expect((await act(A, 'district-review', { items: FIVE_STAR_SHEET.items }, xh, 409)).code).toBe('STATION.WRONG_STAGE');
    expect((await act(A, 'recommendation', { recommended: true }, xh, 409)).code).toBe('STATION.WRONG_STAGE');

    // A and C score themselves and are re-scored and rated at once.
    const a1 = await act(A, 'self-assessment', { ...FIVE_STAR_SHEET, summary: '自评：各项达标' }, xh);
    expect([a1.stage, a1.starRating.selfScore.score.total, a1.starRating.selfScore.score.stars]).toEqual(['district_review', 97, 5]);
    expect((await act(A, 'evaluation', { ...FIVE_STAR_SHEET }, city, 409)).code).toBe('STATION.WRONG_STAGE');
    expect((await act(A, 'district-review', { ...FIVE_STAR_SHEET }, city, 403)).code).toBe('FORBIDDEN');
    await act(C, 'self-assessment', { ...LOW_SHEET }, xh);
    for (const id of [A, C]) await act(id, 'district-review', { ...(id === A ? FIVE_STAR_SHEET : LOW_SHEET), note: '复评' }, xh);
    // The city states the prerequisite facts at its rating; an override needs a withheld star and a reason.
    const noTribunal = await act(A, 'evaluation', { items: FIVE_STAR_SHEET.items, facts: { disputesHandledThisYear: 60 } }, city, 400);
    expect([noTribunal.code, noTribunal.details.map((d: { field: string }) => d.field)]).toEqual([
      'VALIDATION_FAILED',
      ['facts.arbitrationTribunal'],
    ]);
    const needless = await act(A, 'evaluation', { ...FIVE_STAR_SHEET, override: { stars: 5, reason: '成效突出' } }, city, 400);
    expect(needless.details.map((d: { field: string }) => d.field)).toEqual(['override.stars']);
    expect((await act(A, 'evaluation', { ...FIVE_STAR_SHEET, override: { stars: 6, reason: '' } }, city, 400)).code).toBe(
      'VALIDATION_FAILED',
    );
    const a = await act(A, 'evaluation', { ...FIVE_STAR_SHEET, comments: '成效突出' }, city);
    expect([a.stage, a.starRating.stars, a.starRating.cityRating.score.total]).toEqual(['publication', 5, 97]);
    const c = await act(C, 'evaluation', { ...LOW_SHEET }, city);
    expect([c.stage, c.outcome, c.starRating.stars]).toEqual(['closed', 'not_passed', 0]);
    expect(c.starRating.exitReview).toMatchObject({ yearsBelowThree: 3, limit: 3, flagged: true });

    // D's district is reminded of the registration it owes, D misses it and the city is told; D registers late.
    const regReminder = (await reminded('registration', 'district', BJ)).find(
      (r) => r.deadlineKey === 'registration' && r.kind === 'district',
    )!;
    expect([regReminder.recipients, regReminder.stationIds]).toEqual([['bj@hz.example.org'], [D]]);
    await eventually(
      () => svc.request('GET', `/api/stations/${D}`, undefined, bj),
      (r) => r.body.overdue === true,
      40_000,
    );
    await reminded('registration', 'escalation', null);
    await act(D, 'submission', {}, bj);
    expect((await act(D, 'withdrawal', { reason: '属地情况变化，不再需要' }, bj)).outcome).toBe('withdrawn');

    // B owes each step in turn and its office is reminded of each before B acts.
    const selfScoreReminder = (await reminded('selfScore', 'district', BJ)).find((r) => r.deadlineKey === 'selfScore')!;
    expect(selfScoreReminder.stationIds).toEqual([B]);
    await act(B, 'self-assessment', { ...NO_TRIBUNAL_SHEET }, bj);
    const reviewReminder = (await reminded('districtReview', 'district', BJ)).find((r) => r.deadlineKey === 'districtReview')!;
    expect(reviewReminder.recipients).toEqual(['bj@hz.example.org']);
    await act(B, 'district-review', { ...NO_TRIBUNAL_SHEET }, bj);
    const ratingReminder = (await reminded('cityRating', 'city', null)).find((r) => r.deadlineKey === 'cityRating')!;
    expect([ratingReminder.recipients, ratingReminder.stationIds]).toEqual([['city@hz.example.org'], [B]]);
    // 97 points reach five stars, but without an arbitration branch tribunal only three are given;
    // the city may grant four (or five) with a written reason.
    const override = { stars: 4, reason: '仲裁派出庭已获批设立，正在挂牌' };
    const b = await act(B, 'evaluation', { ...NO_TRIBUNAL_SHEET, override }, city);
    expect([b.stage, b.starRating.stars, b.starRating.cityRating.score.stars, b.starRating.cityRating.score.total]).toEqual([
      'publication',
      4,
      3,
      97,
    ]);
    expect(b.starRating.cityRating.override).toEqual(override);
    expect(b.starRating.cityRating.score.blockedStars).toEqual([
      { stars: 5, missing: ['劳动人事争议仲裁派出庭'] },
      { stars: 4, missing: ['劳动人事争议仲裁派出庭'] },
    ]);
    // Nobody was reminded of a step it had already done.
    const all = await reminders();
    expect(all.filter((r) => r.kind === 'district' && r.districtCode === XH)).toEqual([]);

    // Publication lists the rated stations.
    const published = await svc.request('POST', `/api/rounds/${roundId}/publication`, { documentNo: '杭总工〔2024〕星级授牌' }, city);
    expect(published.body.publication).toMatchObject({ listed: 2 });
    for (const [id, outcome, stars] of [
      [A, 'listed', 5],
      [B, 'listed', 4],
      [C, 'not_passed', 0],
    ] as const) {
      const s = await eventually(
        () => svc.request('GET', `/api/stations/${id}`, undefined, city),
        (r) => r.body.outcome === outcome,
      );
      expect(s.body.starRating.stars).toBe(stars);
    }

    // The 星级评定汇总表: one sheet per district, the three scores, stars, withheld stars, exit flag.
    const res = await fetch(`${svc.baseUrl}/api/rounds/${roundId}/exports/star-summary?format=xlsx`, {
      headers: { authorization: `Bearer ${city}` },
    });
    expect([res.status, res.headers.get('content-type')]).toEqual([200, XLSX]);
    expect(res.headers.get('content-disposition')).toContain(encodeURIComponent('星级评定汇总表'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await res.arrayBuffer()) as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['西湖区', '滨江区']);
    const xhRows = rowsOf(wb.getWorksheet('西湖区')!);
    expect(xhRows.slice(0, 3).map((r) => r[0])).toEqual(['星级评定汇总表', '填报单位：西湖区', '批次：杭州市服务站星级评定（压缩日程）']);
    expect(xhRows[3]).toEqual(HEADERS);
    expect(xhRows[4]).toEqual(['西溪劳动关系服务站', '西湖区', '97', '97', '97', '五星级', '', '', '已入选名单']);
    expect(xhRows[5].slice(0, 6)).toEqual(['留下调解工作室', '西湖区', '5', '5', '5', '未达星级']);
    expect(xhRows[5][6]).toBe('总分5分，低于三星级80分');
    expect(xhRows[5][7]).toMatch(/^连续3年.*建议撤并$/);
    expect(xhRows[6][0]).toBe('统计：五星级 1 家，四星级 0 家，三星级 0 家');
    const bjRows = rowsOf(wb.getWorksheet('滨江区')!);
    // D (withdrawn) is not on the table
    expect(bjRows.slice(4).map((r) => r[0])).toEqual(['滨江职工服务站', '统计：五星级 0 家，四星级 1 家，三星级 0 家']);
    expect(bjRows[4].slice(2, 7)).toEqual([
      '97',
      '97',
      '97',
      '四星级',
      `五星级缺：劳动人事争议仲裁派出庭；四星级缺：劳动人事争议仲裁派出庭；经书面说明认定为四星级，理由：${override.reason}`,
    ]);

    // CSV, scoped like the annex-1 summary: a district gets its own stations, never another's.
    const csv = await fetch(`${svc.baseUrl}/api/rounds/${roundId}/exports/star-summary?format=csv`, {
      headers: { authorization: `Bearer ${bj}` },
    });
    const records = parseCsv(await csv.text());
    expect(records[0]).toEqual(HEADERS);
    expect(records.slice(1).map((r) => [r[0], r[1], r[5]])).toEqual([['滨江职工服务站', '滨江区', '四星级']]);
    expect((await svc.request('GET', `/api/rounds/${roundId}/exports/star-summary?districtCode=${XH}`, undefined, bj)).status).toBe(403);

    // The round closes; a six-haves round has no star summary, and takes no registrations.
    expect((await svc.request('POST', `/api/rounds/${roundId}/promotion`, { summary: '推广五星级服务站经验' }, city)).body.status).toBe(
      'closed',
    );
    const six = await svc.request('POST', '/api/rounds', {
      code: `e2e-six-${t0}`,
      name: '六有批次',
      programme: 'six-haves',
      deadlines: {
        recommendation: at(3600),
        selfAssessment: at(7200),
        cityEvaluation: at(7300),
        publication: at(7400),
        promotion: at(7500),
      },
      cityContacts: [],
    });
    expect((await svc.request('GET', `/api/rounds/${six.body.id}/exports/star-summary`, undefined, city)).body.code).toBe(
      'ROUND.WRONG_PROGRAMME',
    );
    expect((await svc.request('POST', `/api/rounds/${six.body.id}/registrations`, registration(XH, '站'), xh)).status).toBe(409);
    // A star-rating round posted with the contract's six-haves date names takes them for its own steps.
    const aliased = await svc.request('POST', '/api/rounds', {
      code: `e2e-star-aliased-${t0}`,
      name: '星级评定（六有日期名）',
      programme: 'star-rating',
      deadlines: {
        recommendation: at(3600),
        selfAssessment: at(7200),
        cityEvaluation: at(7300),
        publication: at(7400),
        promotion: at(7500),
      },
      cityContacts: [],
    });
    expect([aliased.status, aliased.body.deadlines.registration, aliased.body.deadlines.cityRating]).toEqual([201, at(3600), at(7300)]);
  });
});
