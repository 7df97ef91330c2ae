import { HAVE_KEYS } from '@app/domain';
import { eventually } from './support/eventually';
import { actOn, applicationForm, applyFor, issueToken, useService } from './support/service';

jest.setTimeout(240_000);

const sixHaves = Object.fromEntries(HAVE_KEYS.map((k) => [k, { status: 'met', evidence: `${k}：已达标` }]));

/**
 * The round story of the workflow test, through HTTP against the real service (dev server, worker,
 * API, PostgreSQL) with a compressed calendar: deadlines seconds apart.
 */
describe('a compressed round through HTTP', () => {
  const service = useService('postgres');

  it('takes stations to every outcome, marks the missed deadline and follows its extension', async () => {
    const svc = service();
    const t0 = Date.now();
    const at = (s: number) => new Date(t0 + s * 1000).toISOString();
    const round = await svc.request('POST', '/api/rounds', {
      code: `e2e-story-${t0}`,
      name: '压缩日程测试批次',
      programme: 'six-haves',
      deadlines: {
        recommendation: at(12),
        filing: at(300),
        selfAssessmentOpens: at(300),
        selfAssessment: at(400),
        cityEvaluation: at(500),
        publication: at(600),
        promotion: at(700),
      },
      reminders: { before: ['PT5S'], onTheDay: false, after: ['PT2S'], repeatAfter: null, workingDaysOnly: false, sendAt: null },
      cityContacts: [{ name: '市三方办', email: 'city@example.org' }],
    });
    expect(round.status).toBe(201);
    const roundId: string = round.body.id;
    // Without a serviceCutoff the round counts service up to the 31 October before the
    // recommendation deadline (not up to the deadline itself), and says it is the default.
    const recommendationDate = new Date(t0 + 12_000 + 8 * 3600_000).toISOString().slice(0, 10);
    const shown = await svc.request('GET', `/api/rounds/${roundId}`);
    expect(shown.body).toMatchObject({ serviceCutoff: expect.stringMatching(/^\d{4}-10-31$/), serviceCutoffDefault: true });
    expect(shown.body.serviceCutoff < recommendationDate).toBe(true);
    expect(Number(recommendationDate.slice(0, 4)) - Number(shown.body.serviceCutoff.slice(0, 4))).toBeLessThanOrEqual(1);
    const token = (role: string, extra: Record<string, string> = {}) => issueToken(svc, role, extra);
    const yz = await token('district', { districtCode: '500103' });
    const jb = await token('district', { districtCode: '500105' });
    const city = await token('city');

    const apply = (district: string, tok: string, name: string, extra = {}) => applyFor(svc, roundId, district, name, extra, tok);
    const act = (id: string, step: string, body: unknown, tok: string, status = 200) => actOn(svc, id, step, body, tok, status);

    const A = await apply('500103', yz, '渝中区服务站');
    const B = await apply('500105', jb, '江北区职工之家');
    const C = await apply('500103', yz, '渝中区工作室');
    const D = await apply('500105', jb, '江北区指导站', { draft: true });
    const E = await apply('500103', yz, '渝中区服务中心');
    const G = await apply('500105', jb, '江北区调解室');

    // An ineligible application is refused with its reasons; another district may not apply for yz.
    const ineligible = await svc.request(
      'POST',
      `/api/rounds/${roundId}/applications`,
      applicationForm('500103', '新站', { establishedOn: '2023-09-01', workerVisitsServed: 10, incidentsInLastTwoYears: true }),
      yz,
    );
    expect(ineligible.status).toBe(422);
    expect(ineligible.body.code).toBe('APPLICATION.INELIGIBLE');
    expect((await svc.request('POST', `/api/rounds/${roundId}/applications`, applicationForm('500103', '越权'), jb)).status).toBe(403);

    await act(D, 'submission', {}, jb);
    for (const [id, tok] of [
      [A, yz],
      [B, jb],
      [D, jb],
      [E, yz],
    ] as const)
      expect((await act(id, 'recommendation', { recommended: true }, tok)).stage).toBe('filing');
    expect((await act(C, 'recommendation', { recommended: false, note: '材料不全' }, yz)).outcome).toBe('not_recommended');
    // Another district's station: 404 on read, 403 on write.
    expect((await svc.request('GET', `/api/stations/${G}`, undefined, yz)).status).toBe(404);
    expect((await svc.request('POST', `/api/stations/${G}/recommendation`, { recommended: true }, yz)).body.code).toBe('FORBIDDEN');
    expect((await act(A, 'evaluation', { passed: true }, city, 409)).code).toBe('STATION.WRONG_STAGE');

    // G misses the recommendation deadline (12 s): overdue, listed as such.
    const overdue = await eventually(
      () => svc.request('GET', `/api/stations?roundId=${roundId}&overdue=true`, undefined, city),
      (r) => r.body.items.length === 1,
      40_000,
    );
    expect(overdue.body.items[0].id).toBe(G);
    const extended = await svc.request(
      'PATCH',
      `/api/rounds/${roundId}/deadlines`,
      { recommendation: at(200), reason: '江北区申请延期' },
      city,
    );
    expect(extended.status).toBe(200);
    expect(extended.body.changes[0]).toMatchObject({ reason: '江北区申请延期' });
    await eventually(
      () => svc.request('GET', `/api/stations/${G}`, undefined, jb),
      (r) => r.body.overdue === false && r.body.nextDeadline === at(200),
    );
    await act(G, 'recommendation', { recommended: true }, jb);

    expect((await act(A, 'filing', { filed: true, level: 'city' }, city)).level).toBe('city');
    for (const id of [B, E, G]) await act(id, 'filing', { filed: true, level: 'district' }, city);
    expect((await act(D, 'filing', { filed: false }, city)).outcome).toBe('not_filed');
    expect((await act(G, 'withdrawal', { reason: '站点撤销' }, jb)).outcome).toBe('withdrawn');

    // Self-assessment may come early (before the window opens), then the city evaluates.
    for (const [id, tok] of [
      [A, yz],
      [B, jb],
      [E, yz],
    ] as const)
      expect((await act(id, 'self-assessment', { sixHaves, summary: '六有达标' }, tok)).stage).toBe('city_evaluation');
    await act(A, 'evaluation', { passed: true }, city);
    expect((await act(E, 'evaluation', { passed: false, comments: '未达标' }, city)).outcome).toBe('not_passed');

    // The list goes out while B is still being evaluated.
    const published = await svc.request('POST', `/api/rounds/${roundId}/publication`, { documentNo: '渝人社〔2024〕100号' }, city);
    expect(published.status).toBe(201);
    expect(published.body.publication).toMatchObject({ listed: 1 });
    // Promotion would close the round around B: 409, naming it; nothing changes.
    const refused = await svc.request('POST', `/api/rounds/${roundId}/promotion`, { summary: '总结推广' }, city);
    expect([refused.status, refused.body.code]).toEqual([409, 'ROUND.STATIONS_OPEN']);
    expect(refused.body.message).toContain('江北区职工之家（培育评估）');
    expect(refused.body.details.stations.map((s: { id: string }) => s.id)).toEqual([B]);
    expect((await svc.request('GET', `/api/rounds/${roundId}`, undefined, city)).body.status).toBe('published');
    // A supplementary list (补充名单) needs its own document number.
    const unnumbered = await svc.request('POST', `/api/rounds/${roundId}/publication`, {}, city);
    expect([unnumbered.status, unnumbered.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    await act(B, 'evaluation', { passed: true }, city);
    const supplement = await svc.request('POST', `/api/rounds/${roundId}/publication`, { documentNo: '渝人社〔2024〕101号' }, city);
    expect(supplement.status).toBe(201);
    expect(supplement.body.publications.map((p: { documentNo: string; listed: number }) => [p.documentNo, p.listed])).toEqual([
      ['渝人社〔2024〕100号', 1],
      ['渝人社〔2024〕101号', 1],
    ]);
    const promoted = await svc.request('POST', `/api/rounds/${roundId}/promotion`, { summary: '总结推广' }, city);
    expect(promoted.body.status).toBe('closed');
    const late = await svc.request('POST', `/api/rounds/${roundId}/publication`, { documentNo: '渝人社〔2024〕102号' }, city);
    expect([late.status, late.body.code]).toEqual([409, 'ROUND.CLOSED']);

    const expected: Record<string, [string, string | null]> = {
      [A]: ['listed', 'city'],
      [B]: ['listed', 'district'],
      [C]: ['not_recommended', null],
      [D]: ['not_filed', null],
      [E]: ['not_passed', 'district'],
      [G]: ['withdrawn', 'district'],
    };
    for (const [id, [outcome, level]] of Object.entries(expected)) {
      const s = await eventually(
        () => svc.request('GET', `/api/stations/${id}`, undefined, city),
        (r) => r.body.stage === 'closed',
      );
      expect([s.body.outcome, s.body.level]).toEqual([outcome, level]);
    }
    const a = await svc.request('GET', `/api/stations/${A}`, undefined, yz);
    expect(a.body.history.map((h: { action: string }) => h.action)).toEqual([
      'apply',
      'recommend',
      'file',
      'self_assess',
      'evaluate',
      'publish',
      'promote',
    ]);
    expect(a.body.history[2]).toMatchObject({ role: 'city', fromStage: 'filing', toStage: 'cultivation' });
    const g = await svc.request('GET', `/api/stations/${G}`, undefined, jb);
    expect(g.body.history.map((h: { action: string }) => h.action)).toContain('overdue');
    const counts = (await svc.request('GET', `/api/rounds/${roundId}`, undefined, city)).body;
    expect(counts.stageCounts.closed).toBe(6);
    expect(Object.keys(counts.byDistrict).sort()).toEqual(['500103', '500105']);
    // A district counts only its own stations (3 of the 6), and sees no other district's row.
    const own = (await svc.request('GET', `/api/rounds/${roundId}`, undefined, yz)).body;
    expect(Object.keys(own.byDistrict)).toEqual(['500103']);
    expect(own.stageCounts.closed).toBe(3);
  });

  it('says which years are planned as plain Monday–Friday, tells the admins once, and stops once the year is added', async () => {
    const svc = service();
    // Years the shipped work calendar (2023–2026) cannot cover, whenever this runs.
    const year = new Date().getUTCFullYear() + 3;
    const contacts = [{ name: '市三方办', email: 'sanfangban@example.org' }];
    const create = (code: string, promotion: string) =>
      svc.request('POST', '/api/rounds', {
        code,
        name: `${code} 批次`,
        programme: 'six-haves',
        cityContacts: contacts,
        deadlines: {
          recommendation: `${year}-03-31`,
          selfAssessment: `${year}-09-30`,
          cityEvaluation: `${year}-10-30`,
          publication: `${year}-11-30`,
          promotion,
        },
      });
    const first = await create(`e2e-plain-${year}-a`, `${year}-12-15`);
    expect(first.status).toBe(201);
    expect(first.body.workCalendarWarning.years).toEqual([String(year)]);
    expect(first.body.workCalendarWarning.message).toContain(`${year} 年`);
    const plan = (await svc.request('GET', `/api/rounds/${first.body.id}/reminder-plan`)).body as {
      sendAt: string;
      plainWeekdays: boolean;
    }[];
    expect(plan.length).toBeGreaterThan(0);
    expect(plan.every((c) => c.plainWeekdays)).toBe(true);

    // A second round reaching into the year after: the admins hear of that year, and of `year` only once.
    const second = await create(`e2e-plain-${year}-b`, `${year + 1}-01-20`);
    expect(second.body.workCalendarWarning.years).toEqual([String(year), String(year + 1)]);
    type Mail = { subject: string; to: string[] };
    const notices = (y: number) => (outbox: Mail[]) => outbox.filter((m) => m.subject.includes(`${y} 年节假日安排尚未录入`));
    const outbox = await eventually(
      async () => (await svc.request('GET', '/api/outbox?limit=200')).body.items as Mail[],
      (items) => notices(year + 1)(items).length === 1,
      60_000,
    );
    expect(notices(year)(outbox).map((m) => m.to)).toEqual([['sanfangban@example.org']]);

    // An admin adds the year: the warning goes away from the round and its plan.
    const put = await svc.request('PUT', `/api/work-calendar/${year}`, {
      holidays: [`${year}-10-01`, `${year}-10-02`],
      adjustedWorkdays: [],
      source: '国务院办公厅通知',
    });
    expect(put.status).toBe(200);
    expect((await svc.request('GET', `/api/rounds/${first.body.id}`)).body.workCalendarWarning).toBeNull();
    expect(
      (await svc.request('GET', `/api/rounds/${first.body.id}/reminder-plan`)).body.some(
        (c: { plainWeekdays: boolean }) => c.plainWeekdays,
      ),
    ).toBe(false);
    expect((await svc.request('GET', `/api/rounds/${second.body.id}`)).body.workCalendarWarning.years).toEqual([String(year + 1)]);
  });
});
