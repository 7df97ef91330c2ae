import { eventually } from './support/eventually';
import { applicationForm, RunningService } from './support/service';

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
    expect((await svc.request('PUT', '/api/districts/500103/contacts', { contacts: [{ name: '渝中区三方办', email: 'yz@district.example' }] })).status).toBe(200);
    const at = (s: number) => new Date(Date.now() + s * 1000).toISOString();
    const round = await svc.request('POST', '/api/rounds', {
      code: `e2e-outbox-${Date.now()}`,
      name: '发件箱测试批次',
      programme: 'six-haves',
      deadlines: { recommendation: at(15), selfAssessment: at(3600), cityEvaluation: at(3700), publication: at(3800), promotion: at(3900) },
      reminders: { before: ['PT8S'], onTheDay: false, after: [], repeatAfter: null, workingDaysOnly: false, sendAt: null },
      cityContacts: [{ name: '市三方办', email: 'city@city.example' }],
    });
    expect(round.status).toBe(201);
    expect((await svc.request('POST', `/api/rounds/${round.body.id}/applications`, applicationForm('500103', '渝中区发件箱站'))).status).toBe(201);

    const list = await eventually(() => svc.request('GET', '/api/outbox'), (r) => r.body.items?.length >= 1, 40_000);
    const [item] = list.body.items;
    expect(item).toMatchObject({ to: ['yz@district.example'], subject: expect.stringContaining('发件箱测试批次：择优推荐截止') });
    expect(item.reminderId).toEqual(expect.any(String));
    const reminders = (await svc.request('GET', `/api/reminders?roundId=${round.body.id}`)).body.items;
    expect(reminders).toEqual([expect.objectContaining({ id: item.reminderId, status: 'sent', messageId: item.messageId })]);

    const res = await fetch(`${svc.baseUrl}/api/outbox/${item.id}/html`, { headers: { authorization: `Bearer ${svc.adminToken}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await res.text();
    expect(html).toContain('<td>渝中区发件箱站</td>');

    const district = (await svc.request('POST', '/api/tokens', { role: 'district', districtCode: '500103', label: '渝中区' })).body.token as string;
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
    const city = (await svc.request('POST', '/api/tokens', { role: 'city', label: '市三方办' })).body.token as string;
    expect((await svc.request('PUT', '/api/work-calendar/2029', { holidays: [], adjustedWorkdays: [] }, city)).status).toBe(403);
    expect((await svc.request('GET', '/api/work-calendar')).body.years['2028']).toBeUndefined();
  });
});
