import { createTestDatabase, TestDatabase } from '@app/persistence/testing';
import { eventually } from './support/eventually';
import { applyFor, createRound, issueToken, RunningService } from './support/service';
import { ReceivedMail, SmtpSink } from './support/smtp-sink';

jest.setTimeout(240_000);

/** Each district's reminder contact, and the city office's. */
const CONTACT: Record<string, string> = {
  '500103': 'yuzhong@district.example',
  '500105': 'jiangbei@district.example',
  '500106': 'shapingba@district.example',
  '500107': 'jiulongpo@district.example',
  '500108': 'bounce@district.example',
  '500109': 'beibei@district.example',
  '500110': 'qijiang@district.example',
};
const CITY = 'city@city.example';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Reminders through the real service (dev server, worker, API, PostgreSQL) and a real SMTP server
 * on localhost, with compressed rounds whose checkpoints fall at exact instants seconds apart.
 */
describe('reminders over SMTP', () => {
  let db: TestDatabase;
  let svc: RunningService;
  const sink = new SmtpSink();

  beforeAll(async () => {
    await sink.start();
    db = await createTestDatabase('postgres');
    svc = new RunningService({ databaseUrl: db.url, smtpUrl: sink.url, env: { MAIL_FROM: '站点培育系统 <noreply@stations.example>' } });
    await svc.start();
    for (const [code, email] of Object.entries(CONTACT)) {
      const r = await svc.request('PUT', `/api/districts/${code}/contacts`, { contacts: [{ name: `${code}联系人`, email }] });
      expect(r.status).toBe(200);
    }
  });
  afterAll(async () => {
    await svc?.cleanup();
    await db?.drop();
    await sink.stop();
  });
  beforeEach(() => {
    sink.behaviour = {};
  });

  /** A round whose recommendation deadline is `inSeconds` away, reminded `before` it and 3 s after. */
  async function compressedRound(name: string, inSeconds: number, before = 'PT12S') {
    const round = await createRound(svc, {
      name,
      deadlinesInSeconds: { recommendation: inSeconds, selfAssessment: 3600, cityEvaluation: 3700, publication: 3800, promotion: 3900 },
      reminders: { before: [before], onTheDay: false, after: ['PT3S'], repeatAfter: null, workingDaysOnly: false, sendAt: null },
      cityContacts: [{ name: '市三方办', email: CITY }],
    });
    return { roundId: round.id, deadline: round.deadlines.recommendation };
  }
  const apply = (roundId: string, district: string, name: string) => applyFor(svc, roundId, district, name);
  const recommend = async (id: string) =>
    expect((await svc.request('POST', `/api/stations/${id}/recommendation`, { recommended: true })).status).toBe(200);
  const of = (round: string) => (m: ReceivedMail) => m.subject.includes(round);

  it('sends each district a digest of the stations it owes, escalates the missed deadline, and nothing to a district that owes nothing', async () => {
    const name = '提醒测试批次';
    const { roundId, deadline } = await compressedRound(name, 30);
    const A = await apply(roundId, '500103', '渝中区甲站');
    const C = await apply(roundId, '500103', '渝中区丙站');
    const B = await apply(roundId, '500105', '江北区乙站');
    const E = await apply(roundId, '500105', '江北区戊站');
    const D = await apply(roundId, '500106', '沙坪坝区丁站');
    await recommend(D); // 500106 owes nothing from now on
    await recommend(E);

    // The plan shows when districts will hear: 12 s before and 3 s after the deadline.
    const plan = await svc.request('GET', `/api/rounds/${roundId}/reminder-plan`);
    expect(plan.status).toBe(200);
    const recPlan = plan.body.filter((c: { stage: string }) => c.stage === 'recommendation');
    expect(recPlan.map((c: { checkpoint: string; sendAt: string }) => [c.checkpoint, Date.parse(c.sendAt) - Date.parse(deadline)])).toEqual(
      [
        ['before:PT12S', -12_000],
        ['after:PT3S', 3_000],
      ],
    );

    const mine = () => sink.received.filter(of(name));
    await eventually(
      async () => mine().length,
      (n) => n >= 2,
      40_000,
    );
    await recommend(A); // done before the deadline: the overdue digest lists only C
    await eventually(
      async () => mine().length,
      (n) => n >= 5,
      40_000,
    );
    await sleep(3000); // nothing more may arrive

    const byRecipient = (addr: string) => mine().filter((m) => m.rcpt.includes(addr));
    expect(byRecipient(CONTACT['500106'])).toEqual([]);
    const [yzBefore, yzAfter] = byRecipient(CONTACT['500103']);
    expect(byRecipient(CONTACT['500103'])).toHaveLength(2);
    expect(byRecipient(CONTACT['500105'])).toHaveLength(2);
    expect(byRecipient(CITY)).toHaveLength(1);
    expect(mine()).toHaveLength(5);

    // zh-CN content: the step and deadline in the subject, the stations in both bodies.
    expect(yzBefore.subject).toMatch(/^【提醒】提醒测试批次：择优推荐截止 \d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}/);
    expect(yzBefore.text).toContain('渝中区协调劳动关系三方办公室');
    expect(yzBefore.text).toContain('渝中区甲站');
    expect(yzBefore.text).toContain('渝中区丙站');
    expect(yzBefore.html).toContain('<td>渝中区丙站</td>');
    expect(yzBefore.text).not.toContain('江北区');
    expect(yzAfter.subject).toMatch(/^【逾期】/);
    expect(yzAfter.text).toContain('渝中区丙站');
    expect(yzAfter.text).not.toContain('渝中区甲站');
    const escalation = byRecipient(CITY)[0];
    expect(escalation.subject).toMatch(/^【督办】.*择优推荐逾期未完成（2个区县，2个站点）/);
    expect(escalation.text).toContain('江北区乙站');
    expect(escalation.text).not.toContain('江北区戊站');

    // The deadline as an iCalendar attachment.
    const ics = yzBefore.parsed.attachments.find((a) => a.contentType === 'text/calendar');
    expect(ics?.filename).toBe('recommendation-deadline.ics');
    const icsText = ics!.content.toString('utf8');
    expect(icsText).toContain('BEGIN:VEVENT');
    expect(icsText).toContain(`DTSTART:${deadline.replace(/[-:]/g, '').replace(/\.\d{3}/, '')}`);
    expect(icsText.replace(/\r\n /g, '')).toContain('SUMMARY:【截止】提醒测试批次：择优推荐');

    // The reminder log: what was sent, to whom, with the Message-ID that arrived; scoped per district.
    const city = (await svc.request('GET', `/api/reminders?roundId=${roundId}`)).body.items as {
      messageId: string;
      status: string;
      stationIds: string[];
      kind: string;
    }[];
    expect(city).toHaveLength(5);
    expect(city.every((r) => r.status === 'sent')).toBe(true);
    expect(new Set(city.map((r) => r.messageId))).toEqual(new Set(mine().map((m) => m.messageId)));
    const yzToken = await issueToken(svc, 'district', { districtCode: '500103' });
    const yzList = (await svc.request('GET', `/api/reminders?roundId=${roundId}`, undefined, yzToken)).body.items as {
      districtCode: string;
      kind: string;
    }[];
    expect(yzList).toHaveLength(2);
    expect(yzList.every((r) => r.districtCode === '500103' && r.kind === 'district')).toBe(true);
    expect((await svc.request('GET', `/api/reminders?districtCode=500105`, undefined, yzToken)).status).toBe(403);
    // A station's page lists the reminders about it.
    const c = await svc.request('GET', `/api/stations/${C}`, undefined, yzToken);
    expect(c.body.reminders.map((r: { checkpoint: string }) => r.checkpoint).sort()).toEqual(['after:PT3S', 'before:PT12S']);
    expect((await svc.request('GET', `/api/stations/${A}`, undefined, yzToken)).body.reminders).toHaveLength(1);
    void B;
  });

  it('retries a transient refusal (4xx) until delivered once, and records and escalates a permanent one (5xx)', async () => {
    const name = '退信测试批次';
    let transient = 0;
    sink.behaviour = {
      refuseRecipient: (addr) => (addr === CONTACT['500108'] ? 550 : null),
      refuseMessage: (rcpt) => (rcpt.includes(CONTACT['500107']) && transient++ < 2 ? 451 : null),
    };
    const { roundId } = await compressedRound(name, 20);
    await apply(roundId, '500107', '九龙坡区站');
    await apply(roundId, '500108', '南岸区站');
    const mine = () => sink.received.filter(of(name));
    // 500107's digest after two 451s; the city's notice that 500108's could not be delivered.
    await eventually(
      async () => mine().filter((m) => m.rcpt.includes(CONTACT['500107']) || m.rcpt.includes(CITY)).length,
      (n) => n >= 2,
      60_000,
    );
    await sleep(3000);
    expect(transient).toBeGreaterThanOrEqual(2);
    expect(mine().filter((m) => m.rcpt.includes(CONTACT['500107']))).toHaveLength(1);
    expect(mine().filter((m) => m.rcpt.includes(CONTACT['500108']))).toEqual([]);
    const notice = mine().find((m) => m.rcpt.includes(CITY));
    expect(notice?.subject).toMatch(/^【投递失败】退信测试批次：择优推荐提醒未能送达 bounce@district\.example/);

    const reminders = (await svc.request('GET', `/api/reminders?roundId=${roundId}`)).body.items as {
      districtCode: string;
      kind: string;
      status: string;
      attempts: number;
      error: string | null;
    }[];
    const jlp = reminders.find((r) => r.districtCode === '500107' && r.kind === 'district');
    expect(jlp).toMatchObject({ status: 'sent' });
    expect(jlp!.attempts).toBeGreaterThanOrEqual(3);
    const nanan = reminders.find((r) => r.districtCode === '500108' && r.kind === 'district');
    expect(nanan).toMatchObject({ status: 'failed' });
    expect(nanan!.error).toMatch(/550|refused/);
    // A failed reminder is never retried: no new attempt after it was recorded.
    const attempts = nanan!.attempts;
    await sleep(4000);
    const again = (await svc.request('GET', `/api/reminders?roundId=${roundId}&status=failed`)).body.items as {
      districtCode: string;
      attempts: number;
    }[];
    expect(again.find((r) => r.districtCode === '500108')?.attempts).toBe(attempts);
  });

  it('delivers every digest exactly once when the worker is killed in the middle of a checkpoint', async () => {
    const name = '崩溃测试批次';
    const districts = ['500103', '500105', '500106', '500109', '500110'];
    let killed: number | null = null;
    sink.behaviour = {
      holdMs: 700,
      onArriving: () => {
        if (killed !== null) return;
        killed = svc.childPid('worker');
        if (killed) process.kill(killed, 'SIGKILL');
      },
    };
    const { roundId } = await compressedRound(name, 20);
    for (const d of districts) await apply(roundId, d, `${d}崩溃站`);
    const before = () => sink.received.filter(of(name)).filter((m) => m.subject.startsWith('【提醒】'));
    await eventually(
      async () => before().length,
      (n) => n >= districts.length,
      120_000,
    );
    await sleep(3000);
    expect(killed).not.toBeNull();
    expect(svc.output).toMatch(/worker exited \(code null, signal SIGKILL\); restarting/);
    // Exactly once per district, and the log agrees.
    expect(
      before()
        .map((m) => m.rcpt[0])
        .sort(),
    ).toEqual(districts.map((d) => CONTACT[d]).sort());
    const sent = (await svc.request('GET', `/api/reminders?roundId=${roundId}`)).body.items as { checkpoint: string; status: string }[];
    expect(sent.filter((r) => r.checkpoint === 'before:PT12S').map((r) => r.status)).toEqual(districts.map(() => 'sent'));
  });
});
