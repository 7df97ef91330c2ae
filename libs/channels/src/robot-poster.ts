import { DeliveryError, isMaskedUrl, type RobotMessage, type Webhook, type WebhookKind } from '@app/domain';
import { DINGTALK } from './dingtalk';
import { FEISHU } from './feishu';
import type { RobotProtocol } from './protocol';
import { WECOM } from './wecom';

export const ROBOT_PROTOCOLS: Readonly<Record<WebhookKind, RobotProtocol>> = { wecom: WECOM, dingtalk: DINGTALK, feishu: FEISHU };

/** The platforms' own webhook origins: the only ones posted to unless WEBHOOK_ORIGINS says otherwise. */
export const PLATFORM_ORIGINS: readonly string[] = [
  'https://qyapi.weixin.qq.com',
  'https://oapi.dingtalk.com',
  'https://open.feishu.cn',
  'https://open.larksuite.com',
];

export interface RobotPosterOptions {
  /** origins a webhook may point at (scheme://host[:port]); keeps a contact's URL from reaching inside the network */
  allowedOrigins?: readonly string[];
  timeoutMs?: number;
  /** the signing clock (tests pin it) */
  now?: () => Date;
}

/**
 * Posts robot messages over HTTPS, signed as each platform specifies, and reads the answer:
 * delivered (code 0), transient (network, HTTP 5xx or 429, the platform's rate-limit and busy
 * codes: thrown as a DeliveryError to retry) or permanent (any other code, HTTP 4xx, a URL not
 * allowed). Error messages name the platform and its code, never the URL or the secret.
 */
export class RobotPoster {
  private readonly allowed: Set<string>;
  private readonly timeoutMs: number;
  private readonly now: () => Date;

  constructor(opts: RobotPosterOptions = {}) {
    this.allowed = new Set((opts.allowedOrigins ?? PLATFORM_ORIGINS).map((o) => o.toLowerCase()));
    this.timeoutMs = opts.timeoutMs ?? 10_000;
    this.now = opts.now ?? (() => new Date());
  }

  async post(message: RobotMessage): Promise<void> {
    const protocol = ROBOT_PROTOCOLS[message.webhook.kind];
    if (!protocol) throw new DeliveryError(`不支持的群机器人类型：${String(message.webhook.kind)}`, true);
    const refusal = this.refusal(message.webhook);
    if (refusal) throw new DeliveryError(`${protocol.label}群机器人：${refusal}`, true);
    const { url, body } = protocol.request(message, this.now());
    let res: Response;
    try {
      res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
        redirect: 'error',
      });
    } catch (e) {
      const cause = (e as { cause?: { code?: string } }).cause?.code ?? (e as Error).name;
      throw new DeliveryError(`${protocol.label}群机器人连接失败（${cause}）`, false);
    }
    const text = await res.text().catch(() => '');
    let parsed: unknown = null;
    try {
      parsed = JSON.parse(text);
    } catch {
      /* not JSON: judged by the HTTP status */
    }
    const answer = protocol.answer(parsed);
    if (answer) {
      if (answer.code === 0) return;
      const detail = scrub(`${protocol.label}答复 ${answer.code}：${answer.message}`, message.webhook);
      throw new DeliveryError(detail, !protocol.transientCodes.includes(answer.code));
    }
    if (res.ok) return;
    const transient = res.status >= 500 || res.status === 429 || res.status === 408;
    throw new DeliveryError(`${protocol.label}群机器人答复 HTTP ${res.status}`, !transient);
  }

  /** Why a webhook cannot be posted to, or null. */
  private refusal(w: Webhook): string | null {
    if (isMaskedUrl(w.url)) return 'Webhook 地址不完整（只保存了打码后的地址），请重新填写';
    const origin = /^(https?:\/\/[^/?#]+)/i.exec(w.url)?.[1]?.toLowerCase();
    if (!origin || !this.allowed.has(origin)) return 'Webhook 地址不是该平台的地址（WEBHOOK_ORIGINS 未允许）';
    return null;
  }
}

/** An answer's text without the webhook's secrets (a platform may echo the request). */
function scrub(text: string, w: Webhook): string {
  const secrets = [
    w.url,
    w.secret,
    ...[...w.url.matchAll(/[?&](?:key|access_token)=([^&#]+)/g)].map((m) => m[1]),
    /\/hook\/([^/?#]+)/.exec(w.url)?.[1],
  ];
  return secrets.filter((s): s is string => !!s && s.length >= 4).reduce((t, s) => t.split(s).join('******'), text);
}
