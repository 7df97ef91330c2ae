import { createTestDatabase, TestDatabase } from '@app/persistence/testing';
import { eventually } from './support/eventually';
import { applyFor, createRound, RunningService } from './support/service';
import { RobotServers } from './support/robot-servers';

jest.setTimeout(300_000);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The robots' keys and secrets: none of them may appear in an answer, a log line or the audit log. */
const SECRETS = {
  wecomKey: 'wecom-key-0b7c1f',
  dingtalkToken: 'dingtalk-token-9a4e22',
  dingtalkSecret: 'SECdingtalk-secret-55aa',
  feishuHook: 'feishu-hook-3c8d71',
  feishuSecret: 'feishu-secret-77ee',
  badKey: 'wecom-revoked-key-000',
};

interface Reminder {
  kind: string;
  channel: string;
  districtCode: string | null;
  checkpoint: string;
  status: string;
  attempts: number;
  error: string | null;
  recipients: string[];
}

/**
 * Reminders to group robots through the real service (dev server, worker, API, PostgreSQL) and
 * local HTTP servers speaking WeCom's, DingTalk's and Feishu's webhook protocols: each district's
 * digest posted once per robot and checkpoint, signed as the platforms verify, a rate limit retried,
 * a revoked key recorded as failed and reported to the city, and exactly once across a worker kill.
 */
describe('reminders to group robots', () => {
  let db: TestDatabase;
  let svc: RunningService;
  const robots = new RobotServers();
  let urls: Record<'wecom' | 'dingtalk' | 'feishu' | 'bad', string>;

  beforeAll(async () => {
    await robots.start();
    urls = {
      wecom: robots.add({ kind: 'wecom', key: SECRETS.wecomKey }),
      dingtalk: robots.add({ kind: 'dingtalk', key: SECRETS.dingtalkToken, secret: SECRETS.dingtalkSecret }),
      feishu: robots.add({ kind: 'feishu', key: SECRETS.feishuHook, secret: SECRETS.feishuSecret }),
      bad: robots.urlOf({ kind: 'wecom', key: SECRETS.badKey }), // not a robot (any more)
    };
    db = await createTestDatabase('postgres');
    svc = new RunningService({ databaseUrl: db.url, env: { WEBHOOK_ORIGINS: robots.origin } });
    await svc.start();
    const contacts: Record<string, unknown[]> = {
      '500103': [{ name: '渝中区三方办', email: 'yuzhong@district.example', webhook: { kind: 'wecom', url: urls.wecom } }],
      '500105': [{ name: '江北区工作群', webhook: { kind: 'dingtalk', url: urls.dingtalk, secret: SECRETS.dingtalkSecret } }],
      '500106': [{ name: '沙坪坝区工作群', webhook: { kind: 'feishu', url: urls.feishu, secret: SECRETS.feishuSecret } }],
      '500107': [{ name: '九龙坡区工作群', webhook: { kind: 'wecom', url: urls.bad } }],
    };
    for (const [code, list] of Object.entries(contacts)) {
      const r = await svc.request('PUT', `/api/districts/${code}/contacts`, { contacts: list });
      expect(r.status).toBe(200);
    }
  });
  afterAll(async () => {
    await svc?.cleanup();
    await db?.drop();
    await robots.stop();
  });
  beforeEach(() => {
    robots.behaviour = {};
  });

  async function compressedRound(name: string, inSeconds: number) {
    const round = await createRound(svc, {
      name,
      deadlinesInSeconds: { recommendation: inSeconds, selfAssessment: 3600, cityEvaluation: 3700, publication: 3800, promotion: 3900 },
      reminders: { before: ['PT12S'], onTheDay: false, after: [], repeatAfter: null, workingDaysOnly: false, sendAt: null },
      cityContacts: [{ name: '市三方办', email: 'city@city.example' }],
    });
    return round.id;
  }
  const reminders = async (roundId: string) =>
    (await svc.request('GET', `/api/reminders?roundId=${roundId}&limit=200`)).body.items as Reminder[];
  const ofRound = (name: string) => robots.received.filter((m) => `${m.title}${m.text}`.includes(name));

  it('shows robots masked in every answer and keeps the stored secret when the masked form is saved back', async () => {
    const list = (await svc.request('GET', '/api/districts')).body as {
      code: string;
      contacts: { webhook?: { url: string; secret?: string } }[];
    }[];
    const jb = list.find((d) => d.code === '500105')!;
    expect(jb.contacts[0].webhook).toEqual({ kind: 'dingtalk', url: `${robots.origin}/******`, secret: '******' });
    // the dashboard saves back what it was shown: the stored URL and secret stay
    const again = await svc.request('PUT', '/api/districts/500105/contacts', { contacts: jb.contacts });
    expect(again.status).toBe(200);
    // a masked URL that matches no stored robot cannot be posted to: refused
    const refused = await svc.request('PUT', '/api/districts/500109/contacts', {
      contacts: [{ name: '北碚', webhook: { kind: 'feishu', url: `${robots.origin}/******` } }],
    });
    expect([refused.status, refused.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    // a URL outside WEBHOOK_ORIGINS would make the worker post inside the network: refused at once
    const inside = await svc.request('PUT', '/api/districts/500109/contacts', {
      contacts: [{ name: '北碚', webhook: { kind: 'wecom', url: 'http://10.0.0.1/cgi-bin/webhook/send?key=x' } }],
    });
    expect([inside.status, inside.body.code, inside.body.details]).toEqual([
      400,
      'VALIDATION_FAILED',
      [expect.stringMatching(/^contacts\.0\.webhook\.url: /)],
    ]);
    const noChannel = await svc.request('PUT', '/api/districts/500109/contacts', { contacts: [{ name: '北碚' }] });
    expect([noChannel.status, noChannel.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    // a round's city contact with a robot: masked in the round and in its workflow's state
    const round = await createRound(svc, {
      name: '城市机器人批次',
      deadlinesInSeconds: { recommendation: 3000, selfAssessment: 3600, cityEvaluation: 3700, publication: 3800, promotion: 3900 },
      cityContacts: [{ name: '市三方办群', webhook: { kind: 'feishu', url: urls.feishu, secret: SECRETS.feishuSecret } }],
    });
    const shown = JSON.stringify([
      (await svc.request('GET', `/api/rounds/${round.id}`)).body,
      (await svc.request('GET', `/api/rounds/${round.id}/workflow`)).body,
      (await svc.request('GET', '/api/rounds')).body,
    ]);
    expect(shown).toContain(`"url":"${robots.origin}/******"`);
    expect(shown).not.toContain(SECRETS.feishuHook);
    expect(shown).not.toContain(SECRETS.feishuSecret);
  });

  it('posts each district’s digest to its robots, signed, retries a rate limit, and reports a revoked key to the city', async () => {
    const name = '机器人提醒批次';
    robots.behaviour = { rateLimitOnce: new Set([SECRETS.feishuHook]) };
    const roundId = await compressedRound(name, 25);
    for (const [code, station] of [
      ['500103', '渝中区甲站'],
      ['500105', '江北区乙站'],
      ['500106', '沙坪坝区丙站'],
      ['500107', '九龙坡区丁站'],
    ])
      await applyFor(svc, roundId, code, station);

    const log = await eventually(
      () => reminders(roundId),
      (items) => items.filter((r) => r.kind === 'district').length === 5 && items.every((r) => r.status !== 'pending'),
      90_000,
    );
    await sleep(3000); // a duplicate would arrive now
    const mine = ofRound(name);
    // one message per robot at the checkpoint, with the digest's content
    expect(mine.map((m) => `${m.kind}:${m.key}`).sort()).toEqual(
      [`dingtalk:${SECRETS.dingtalkToken}`, `feishu:${SECRETS.feishuHook}`, `wecom:${SECRETS.wecomKey}`].sort(),
    );
    const wecom = mine.find((m) => m.kind === 'wecom')!;
    expect(wecom.text).toMatch(/^### 【提醒】机器人提醒批次：择优推荐截止/);
    expect(wecom.text).toContain('渝中区协调劳动关系三方办公室：');
    expect(wecom.text).toContain('1. 渝中区甲站（渝中区，');
    const dingtalk = mine.find((m) => m.kind === 'dingtalk')!;
    expect(dingtalk.title).toMatch(/^【提醒】机器人提醒批次/);
    expect(dingtalk.text).toContain('1. 江北区乙站（江北区，');
    const feishu = mine.find((m) => m.kind === 'feishu')!;
    expect(feishu.title).toMatch(/^【提醒】机器人提醒批次/);
    expect(feishu.text).toContain('1. 沙坪坝区丙站（沙坪坝区，');
    // every request that reached a known robot was signed right; the rate limit was answered once and retried
    expect(robots.requests.filter((r) => r.refusal === 310000 || r.refusal === 19021)).toEqual([]);
    expect(robots.requests.filter((r) => r.key === SECRETS.feishuHook).length).toBeGreaterThanOrEqual(2);

    const byChannel = (channel: string, district: string) => log.find((r) => r.channel === channel && r.districtCode === district)!;
    expect(byChannel('mail', '500103')).toMatchObject({ status: 'sent', recipients: ['yuzhong@district.example'] });
    expect(byChannel('wecom', '500103')).toMatchObject({ status: 'sent', recipients: [`企业微信群机器人 ${robots.origin}/******`] });
    expect(byChannel('dingtalk', '500105')).toMatchObject({ status: 'sent' });
    expect(byChannel('feishu', '500106')).toMatchObject({ status: 'sent', attempts: 2 });
    expect(byChannel('feishu', '500106').error).toContain('11232');
    // the revoked key: failed for good (one request), reported to the city office by mail
    const revoked = byChannel('wecom', '500107');
    expect(revoked).toMatchObject({ status: 'failed', attempts: 1 });
    expect(revoked.error).toContain('93000');
    expect(robots.requests.filter((r) => r.key === SECRETS.badKey)).toHaveLength(1);
    const report = log.find((r) => r.kind === 'delivery_failure');
    expect(report).toMatchObject({ status: 'sent', recipients: ['city@city.example'], districtCode: '500107' });
    const outbox = (await svc.request('GET', '/api/outbox?limit=200')).body.items as { subject: string; text?: string }[];
    expect(outbox.some((m) => m.subject.startsWith('【投递失败】机器人提醒批次'))).toBe(true);

    // the reminders metric counts each channel (mail is `email`, as first published)
    const metrics = await (await fetch(`${svc.baseUrl}/metrics`)).text();
    expect(metrics).toMatch(/stations_reminders\{channel="feishu",kind="district",outcome="sent"\} [1-9]/);
    expect(metrics).toMatch(/stations_reminders\{channel="wecom",kind="district",outcome="failed"\} [1-9]/);
    expect(metrics).toMatch(/stations_reminders\{channel="email",kind="district",outcome="sent"\} [1-9]/);

    // no key or secret anywhere a person or a log reads
    const answers = JSON.stringify([
      log,
      outbox,
      (await svc.request('GET', '/api/districts')).body,
      (await svc.request('GET', '/api/audit?limit=200')).body,
    ]);
    for (const secret of Object.values(SECRETS)) {
      expect(answers).not.toContain(secret);
      expect(svc.output).not.toContain(secret);
    }
  });

  it('tells a district’s robot of a return, and a city with only a robot of a failed delivery', async () => {
    const name = '机器人通知批次';
    // the city office has only a group robot (Feishu), no e-mail
    const round = await createRound(svc, {
      name,
      deadlinesInSeconds: { recommendation: 25, selfAssessment: 3600, cityEvaluation: 3700, publication: 3800, promotion: 3900 },
      reminders: { before: ['PT12S'], onTheDay: false, after: [], repeatAfter: null, workingDaysOnly: false, sendAt: null },
      cityContacts: [{ name: '市三方办群', webhook: { kind: 'feishu', url: urls.feishu, secret: SECRETS.feishuSecret } }],
    });
    const returned = await applyFor(svc, round.id, '500105', '江北区退回站');
    await applyFor(svc, round.id, '500107', '九龙坡区戊站');
    const back = await svc.request('POST', `/api/stations/${returned}/return`, { reason: '缺少单位盖章页，请补充后重新提交' });
    expect(back.status).toBe(200);

    // the return: a mail to the station's contact, and a post in 江北区's DingTalk group (in copy)
    const notices = await eventually(
      async () => ofRound(name).filter((m) => m.title.startsWith('【退回修改】')),
      (found) => found.length === 1,
      60_000,
    );
    expect(notices[0]).toMatchObject({ kind: 'dingtalk', key: SECRETS.dingtalkToken });
    expect(notices[0].text).toContain('江北区退回站');
    expect(notices[0].text).toContain('退回意见：缺少单位盖章页，请补充后重新提交');
    expect(notices[0].text).toContain('本消息由站点培育管理系统自动发送');

    // the revoked robot of 九龙坡区 fails at the checkpoint: the city is told in its Feishu group
    const failure = await eventually(
      async () => ofRound(name).filter((m) => m.kind === 'feishu' && m.title.startsWith('【投递失败】')),
      (found) => found.length === 1,
      90_000,
    );
    expect(failure[0].text).toContain('消息未能发送到九龙坡区的企业微信群机器人');
    const log = await reminders(round.id);
    expect(
      log
        .filter((r) => r.kind === 'return_notice')
        .map((r) => [r.channel, r.status])
        .sort(),
    ).toEqual([
      ['dingtalk', 'sent'],
      ['mail', 'sent'],
    ]);
    expect(log.filter((r) => r.kind === 'delivery_failure').map((r) => [r.channel, r.status, r.districtCode])).toEqual([
      ['feishu', 'sent', '500107'],
    ]);
    await sleep(3000); // a duplicate would arrive now
    expect(ofRound(name).filter((m) => m.title.startsWith('【退回修改】') || m.title.startsWith('【投递失败】'))).toHaveLength(2);
  });

  it('posts exactly once per robot when the worker is killed in the middle of a checkpoint', async () => {
    const name = '机器人崩溃批次';
    let killed: number | null = null;
    robots.behaviour = {
      holdMs: 700,
      onArriving: () => {
        if (killed !== null) return;
        killed = svc.childPid('worker');
        if (killed) process.kill(killed, 'SIGKILL');
      },
    };
    const roundId = await compressedRound(name, 20);
    for (const [code, station] of [
      ['500103', '渝中区崩溃站'],
      ['500105', '江北区崩溃站'],
      ['500106', '沙坪坝区崩溃站'],
    ])
      await applyFor(svc, roundId, code, station);
    await eventually(
      async () => ofRound(name).length,
      (n) => n >= 3,
      150_000,
    );
    await sleep(3000);
    expect(killed).not.toBeNull();
    expect(svc.output).toMatch(/worker exited \(code null, signal SIGKILL\); restarting/);
    expect(
      ofRound(name)
        .map((m) => m.kind)
        .sort(),
    ).toEqual(['dingtalk', 'feishu', 'wecom']);
    const log = await reminders(roundId);
    expect(
      log
        .filter((r) => r.channel !== 'mail')
        .map((r) => `${r.channel}:${r.status}`)
        .sort(),
    ).toEqual(['dingtalk:sent', 'feishu:sent', 'wecom:sent']);
  });
});
