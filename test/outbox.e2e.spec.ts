import { eventually } from './support/eventually';
import { applyFor, createRound, issueToken, RunningService } from './support/service';

jest.setTimeout(180_000);

/**
 * `npm start` on embedded defaults (SQLite, no SMTP_URL): reminders go to the embedded outbox,
 * which the API lists and shows as rendered HTML, and nothing leaves the machine.
 */
describe('the embedded outbox', () => {
  let svc: RunningService;

  beforeAll(async () => {
    svc = new RunningService();
    await svc.start();
  });
  afterAll(async () => {
    await svc?.cleanup();
  });

  it('keeps the reminders, lists them for the city office and renders them', async () => {
    expect(
      (await svc.request('PUT', '/api/districts/500103/contacts', { contacts: [{ name: '渝中区三方办', email: 'yz@district.example' }] }))
        .status,
    ).toBe(200);
    const round = await createRound(svc, {
      name: '发件箱测试批次',
      deadlinesInSeconds: { recommendation: 15, selfAssessment: 3600, cityEvaluation: 3700, publication: 3800, promotion: 3900 },
      reminders: { before: ['PT8S'], onTheDay: false, after: [], repeatAfter: null, workingDaysOnly: false, sendAt: null },
    });
    await applyFor(svc, round.id, '500103', '渝中区发件箱站');

    const list = await eventually(
      () => svc.request('GET', '/api/outbox'),
      (r) => r.body.items?.length >= 1,
      40_000,
    );
    const [item] = list.body.items;
    expect(item).toMatchObject({ to: ['yz@district.example'], subject: expect.stringContaining('发件箱测试批次：择优推荐截止') });
    expect(item.reminderId).toEqual(expect.any(String));
    const reminders = (await svc.request('GET', `/api/reminders?roundId=${round.id}`)).body.items;
    expect(reminders).toEqual([expect.objectContaining({ id: item.reminderId, status: 'sent', messageId: item.messageId })]);

    const res = await fetch(`${svc.baseUrl}/api/outbox/${item.id}/html`, { headers: { authorization: `Bearer ${svc.adminToken}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await res.text();
    expect(html).toContain('<td>渝中区发件箱站</td>');

    const district = await issueToken(svc, 'district', { districtCode: '500103' });
    expect((await svc.request('GET', '/api/outbox', undefined, district)).status).toBe(403);
    expect((await svc.request('GET', `/api/outbox/${item.id}/html`, undefined, district)).status).toBe(403);
    expect((await svc.request('GET', '/api/outbox/00000000-0000-4000-8000-000000000000/html')).status).toBe(404);
  });

  it('lets an admin extend the work calendar, and refuses a bad year', async () => {
    const before = await svc.request('GET', '/api/work-calendar');
    expect(before.status).toBe(200);
    expect(Object.keys(before.body.years)).toEqual(expect.arrayContaining(['2023', '2024', '2025', '2026']));
    const year = { holidays: ['2027-01-01', '2027-02-06'], adjustedWorkdays: ['2027-02-14'], source: '国办发明电〔2026〕X号' };
    const put = await svc.request('PUT', '/api/work-calendar/2027', year);
    expect(put.status).toBe(200);
    expect(put.body.years['2027']).toEqual({ holidays: year.holidays, adjustedWorkdays: year.adjustedWorkdays });

    const wrongYear = await svc.request('PUT', '/api/work-calendar/2028', { holidays: ['2027-05-01'], adjustedWorkdays: [] });
    expect(wrongYear.status).toBe(400);
    expect(wrongYear.body.code).toBe('VALIDATION_FAILED');
    const city = await issueToken(svc, 'city');
    expect((await svc.request('PUT', '/api/work-calendar/2029', { holidays: [], adjustedWorkdays: [] }, city)).status).toBe(403);
    expect((await svc.request('GET', '/api/work-calendar')).body.years['2028']).toBeUndefined();
  });
});
