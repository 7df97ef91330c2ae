import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DeliveryError, type RobotMessage, type Webhook } from '@app/domain';
import { dingtalkSign } from './dingtalk';
import { feishuSign } from './feishu';
import { fitMarkdown } from './protocol';
import { RobotPoster } from './robot-poster';

/** A local HTTP server that answers what the test says and keeps what it was sent. */
class Answering {
  readonly seen: { url: string; body: Record<string, unknown> }[] = [];
  answer: (req: IncomingMessage) => { status: number; body: string } = () => ({ status: 200, body: '{"errcode":0,"errmsg":"ok"}' });
  private server!: Server;
  origin = '';
  async start() {
    this.server = createServer((req, res) => {
      let data = '';
      req.on('data', (c) => (data += c));
      req.on('end', () => {
        this.seen.push({ url: req.url ?? '', body: JSON.parse(data) });
        const { status, body } = this.answer(req);
        res.writeHead(status, { 'content-type': 'application/json' }).end(body);
      });
    });
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }
  stop() {
    return new Promise((r) => this.server.close(r));
  }
}

describe('group robots', () => {
  const server = new Answering();
  beforeAll(() => server.start());
  afterAll(() => server.stop());
  const now = new Date(1_700_000_000_000);
  const poster = () => new RobotPoster({ allowedOrigins: [server.origin], now: () => now });
  const message = (webhook: Omit<Webhook, 'url'> & { path: string }): RobotMessage => ({
    title: '【提醒】批次：择优推荐截止',
    markdown: '渝中区协调劳动关系三方办公室：\n\n1. 甲站',
    webhook: { kind: webhook.kind, url: `${server.origin}${webhook.path}`, ...(webhook.secret ? { secret: webhook.secret } : {}) },
  });

  it('signs as DingTalk and Feishu specify (vectors computed with openssl)', () => {
    expect(dingtalkSign('SEC123', 1_700_000_000_000)).toBe('lkcPI1uoxBY1gUnCnnPH1Kkru0Hqjo7rFpA3haIVhEQ=');
    expect(feishuSign('feishu-secret', 1_700_000_000)).toBe('OrBzY1Y01Gq+HgJsl+7OfWcMVwc7YocohQm5iiZwjhU=');
  });

  it('posts each platform’s markdown, signed', async () => {
    await poster().post(message({ kind: 'wecom', path: '/cgi-bin/webhook/send?key=k1' }));
    await poster().post(message({ kind: 'dingtalk', path: '/robot/send?access_token=t1', secret: 'SEC123' }));
    server.answer = () => ({ status: 200, body: '{"code":0,"msg":"success","data":{}}' });
    await poster().post(message({ kind: 'feishu', path: '/open-apis/bot/v2/hook/h1', secret: 'feishu-secret' }));
    const [wecom, dingtalk, feishu] = server.seen.slice(-3);
    expect(wecom).toEqual({
      url: '/cgi-bin/webhook/send?key=k1',
      body: { msgtype: 'markdown', markdown: { content: '### 【提醒】批次：择优推荐截止\n\n渝中区协调劳动关系三方办公室：\n\n1. 甲站' } },
    });
    expect(dingtalk.url).toBe(
      `/robot/send?access_token=t1&timestamp=1700000000000&sign=${encodeURIComponent('lkcPI1uoxBY1gUnCnnPH1Kkru0Hqjo7rFpA3haIVhEQ=')}`,
    );
    expect(dingtalk.body).toMatchObject({ msgtype: 'markdown', markdown: { title: '【提醒】批次：择优推荐截止' } });
    expect(feishu.body).toMatchObject({
      timestamp: '1700000000',
      sign: 'OrBzY1Y01Gq+HgJsl+7OfWcMVwc7YocohQm5iiZwjhU=',
      msg_type: 'interactive',
      card: { header: { title: { tag: 'plain_text', content: '【提醒】批次：择优推荐截止' } }, elements: [{ tag: 'markdown' }] },
    });
  });

  const failure = async (kind: Webhook['kind'], answer: { status: number; body: string }, path = '/x?key=the-key-123') => {
    server.answer = () => answer;
    const e = await poster()
      .post(message({ kind, path }))
      .then(
        () => null,
        (err: unknown) => err,
      );
    expect(e).toBeInstanceOf(DeliveryError);
    return e as DeliveryError;
  };

  it('tells transient answers (rate limits, 5xx) from permanent ones (invalid key, 4xx)', async () => {
    expect((await failure('wecom', { status: 200, body: '{"errcode":45009,"errmsg":"api freq out of limit"}' })).permanent).toBe(false);
    expect((await failure('dingtalk', { status: 200, body: '{"errcode":130101,"errmsg":"send too fast"}' })).permanent).toBe(false);
    expect((await failure('feishu', { status: 200, body: '{"code":11232,"msg":"frequency limited"}' })).permanent).toBe(false);
    expect((await failure('feishu', { status: 200, body: '{"code":9499,"msg":"too many request"}' })).permanent).toBe(false);
    expect((await failure('wecom', { status: 502, body: 'bad gateway' })).permanent).toBe(false);
    const invalid = await failure('wecom', { status: 200, body: '{"errcode":93000,"errmsg":"invalid webhook url, key=the-key-123"}' });
    expect([invalid.permanent, invalid.message]).toEqual([true, '企业微信答复 93000：invalid webhook url, key=******']);
    expect((await failure('dingtalk', { status: 200, body: '{"errcode":300001,"errmsg":"token is not exist"}' })).permanent).toBe(true);
    expect((await failure('feishu', { status: 200, body: '{"code":19021,"msg":"sign match fail"}' })).permanent).toBe(true);
    expect((await failure('wecom', { status: 404, body: 'not found' })).permanent).toBe(true);
  });

  it('posts nowhere but the allowed origins, and never to a masked URL', async () => {
    const before = server.seen.length;
    const other = new RobotPoster({ now: () => now }); // default: the platforms' own origins only
    await expect(other.post(message({ kind: 'wecom', path: '/send?key=k' }))).rejects.toMatchObject({ permanent: true });
    await expect(
      poster().post({ ...message({ kind: 'wecom', path: '' }), webhook: { kind: 'wecom', url: `${server.origin}/******` } }),
    ).rejects.toMatchObject({
      permanent: true,
    });
    expect(server.seen.length).toBe(before);
  });

  it('cuts markdown to what a platform takes, at a line', () => {
    const long = Array.from({ length: 400 }, (_, i) => `${i + 1}. 某某劳动关系公共服务站`).join('\n');
    const cut = fitMarkdown(long, 4096);
    expect(Buffer.byteLength(cut)).toBeLessThanOrEqual(4096);
    expect(cut).toMatch(/^1\. 某某/);
    expect(cut).toMatch(/其余请登录站点培育管理系统查看）$/);
  });
});
