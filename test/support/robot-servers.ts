import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type RobotKind = 'wecom' | 'dingtalk' | 'feishu';

/** One robot of a platform: its key (WeCom `key`, DingTalk `access_token`, Feishu hook token) and signing secret. */
export interface RobotAccount {
  kind: RobotKind;
  key: string;
  secret?: string;
}

export interface ReceivedRobotMessage {
  kind: RobotKind;
  key: string;
  /** WeCom: the markdown content; DingTalk: markdown.title + text; Feishu: the card's header and markdown */
  title: string;
  text: string;
  at: number;
}

export interface RobotBehaviour {
  /** answer the platform's rate-limit code once to each of these keys, before accepting */
  rateLimitOnce?: Set<string>;
  /** ms to hold a message before answering (a crash in that window loses it, as for mail) */
  holdMs?: number;
  /** called when a message starts arriving (tests crash the sender here) */
  onArriving?: (kind: RobotKind, key: string) => void;
}

const RATE_LIMIT: Record<RobotKind, Record<string, unknown>> = {
  wecom: { errcode: 45009, errmsg: 'api freq out of limit' },
  dingtalk: { errcode: 130101, errmsg: 'send too fast, exceed 20 times per minute' },
  feishu: { code: 11232, msg: 'frequency limited', data: {} },
};
const OK: Record<RobotKind, Record<string, unknown>> = {
  wecom: { errcode: 0, errmsg: 'ok' },
  dingtalk: { errcode: 0, errmsg: 'ok' },
  feishu: { code: 0, msg: 'success', data: {} },
};

/** A signature compared as bytes, in constant time, as the platforms compare them. */
function sameSignature(expected: string, given: string | undefined): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Local HTTP servers that speak the three robots' webhook protocols, on one origin:
 * - WeCom `POST /cgi-bin/webhook/send?key=K`: an unknown key answers errcode 93000;
 * - DingTalk `POST /robot/send?access_token=T[&timestamp&sign]`: with a secret, the signature is
 *   HMAC-SHA256(key = secret, data = timestamp + "\n" + secret), base64, URL-encoded, and the
 *   timestamp (ms) within an hour (else 310000); an unknown token answers 300001;
 * - Feishu `POST /open-apis/bot/v2/hook/H` with `timestamp` (s) and `sign` in the body:
 *   HMAC-SHA256(key = timestamp + "\n" + secret, data = ""), base64 (else 19021); unknown hook 19001.
 * A message counts as received only when the answer went out on a connection still open.
 */
export class RobotServers {
  readonly received: ReceivedRobotMessage[] = [];
  /** every request, with what was wrong with it (null: accepted or rate-limited) */
  readonly requests: { kind: RobotKind; key: string; refusal: number | null }[] = [];
  behaviour: RobotBehaviour = {};
  private readonly accounts = new Map<string, RobotAccount>();
  private server!: Server;
  origin = '';

  add(account: RobotAccount): string {
    this.accounts.set(`${account.kind}:${account.key}`, account);
    return this.urlOf(account);
  }

  urlOf(a: Pick<RobotAccount, 'kind' | 'key'>): string {
    if (a.kind === 'wecom') return `${this.origin}/cgi-bin/webhook/send?key=${a.key}`;
    if (a.kind === 'dingtalk') return `${this.origin}/robot/send?access_token=${a.key}`;
    return `${this.origin}/open-apis/bot/v2/hook/${a.key}`;
  }

  to(kind: RobotKind, key: string): ReceivedRobotMessage[] {
    return this.received.filter((m) => m.kind === kind && m.key === key);
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      let data = '';
      req.setEncoding('utf8');
      req.on('data', (c: string) => (data += c));
      req.on('end', () => {
        this.handle(req, res, data).catch(() => res.writeHead(500).end());
      });
    });
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((r) => this.server.close(r));
  }

  private async handle(req: IncomingMessage, res: ServerResponse, raw: string): Promise<void> {
    const url = new URL(req.url ?? '/', this.origin);
    const body = JSON.parse(raw) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    const now = Date.now();
    let kind: RobotKind;
    let key: string;
    let refusal: Record<string, unknown> | null = null;
    let message: Omit<ReceivedRobotMessage, 'kind' | 'key' | 'at'>;
    if (url.pathname === '/cgi-bin/webhook/send') {
      kind = 'wecom';
      key = url.searchParams.get('key') ?? '';
      if (!this.accounts.has(`wecom:${key}`)) refusal = { errcode: 93000, errmsg: 'invalid webhook url, hint: [1700000000_1_abc]' };
      else if (body.msgtype !== 'markdown' || typeof body.markdown?.content !== 'string')
        refusal = { errcode: 40008, errmsg: 'invalid message type' };
      message = { title: '', text: String(body.markdown?.content ?? '') };
    } else if (url.pathname === '/robot/send') {
      kind = 'dingtalk';
      key = url.searchParams.get('access_token') ?? '';
      const account = this.accounts.get(`dingtalk:${key}`);
      if (!account) refusal = { errcode: 300001, errmsg: 'token is not exist' };
      else if (account.secret) {
        const timestamp = url.searchParams.get('timestamp') ?? '';
        const expected = createHmac('sha256', account.secret).update(`${timestamp}\n${account.secret}`).digest('base64');
        // URLSearchParams has already URL-decoded `sign`
        if (Math.abs(now - Number(timestamp)) > 3600_000 || !sameSignature(expected, url.searchParams.get('sign') ?? undefined)) {
          refusal = { errcode: 310000, errmsg: 'sign not match, more: [https://ding-doc.dingtalk.com/doc#/serverapi2/qf2nxq]' };
        }
      }
      message = { title: String(body.markdown?.title ?? ''), text: String(body.markdown?.text ?? '') };
    } else {
      kind = 'feishu';
      key = url.pathname.split('/').pop() ?? '';
      const account = url.pathname.startsWith('/open-apis/bot/v2/hook/') ? this.accounts.get(`feishu:${key}`) : undefined;
      if (!account) refusal = { code: 19001, msg: 'param invalid: incoming webhook access token invalid', data: {} };
      else if (account.secret) {
        const timestamp = String(body.timestamp ?? '');
        const expected = createHmac('sha256', `${timestamp}\n${account.secret}`).update('').digest('base64');
        if (Math.abs(now / 1000 - Number(timestamp)) > 3600 || !sameSignature(expected, body.sign)) {
          refusal = { code: 19021, msg: 'sign match fail or timestamp is not within one hour from current time', data: {} };
        }
      }
      const card = body.card ?? {};
      message = { title: String(card.header?.title?.content ?? ''), text: String(card.elements?.[0]?.content ?? '') };
    }
    this.requests.push({ kind, key, refusal: refusal ? Number(refusal.errcode ?? refusal.code) : null });
    const answer = (status: number, json: Record<string, unknown>): void => {
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json));
    };
    if (refusal) return answer(200, refusal);
    if (this.behaviour.rateLimitOnce?.delete(key)) return answer(200, RATE_LIMIT[kind]);
    this.behaviour.onArriving?.(kind, key);
    if (this.behaviour.holdMs) await new Promise((r) => setTimeout(r, this.behaviour.holdMs));
    if (req.socket.destroyed || res.destroyed) return; // the sender went away before the answer: not delivered
    this.received.push({ kind, key, ...message, at: now });
    answer(200, OK[kind]);
  }
}
