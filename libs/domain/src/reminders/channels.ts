/**
 * The channels a reminder reaches people through (API.md "Documents offices print, channels
 * offices read"): mail, and the group robots offices read their work messages in — 企业微信
 * (WeCom), 钉钉 (DingTalk) and 飞书 (Feishu). A contact carries an e-mail, a robot, or both.
 */
export const WEBHOOK_KINDS = ['wecom', 'dingtalk', 'feishu'] as const;
export type WebhookKind = (typeof WEBHOOK_KINDS)[number];

export const WEBHOOK_LABELS: Readonly<Record<WebhookKind, string>> = { wecom: '企业微信', dingtalk: '钉钉', feishu: '飞书' };

/**
 * A group robot's webhook. The URL carries the robot's key or access token, and DingTalk and
 * Feishu robots may also sign with a `secret`: both are secrets (shown masked, never logged).
 */
export interface Webhook {
  kind: WebhookKind;
  url: string;
  secret?: string;
}

export type ReminderChannel = 'mail' | WebhookKind;
export const REMINDER_CHANNELS: readonly ReminderChannel[] = ['mail', ...WEBHOOK_KINDS];

/** A reminder as a robot posts it: a title (the mail's subject) and a markdown body with the digest's content. */
export interface RobotText {
  title: string;
  markdown: string;
}

/** A robot message ready to post: where to, and what. */
export interface RobotMessage extends RobotText {
  webhook: Webhook;
}

/** What a masked secret shows: that one is set, not what it is. */
export const MASKED = '******';

/**
 * A webhook URL as answers show it: the scheme and host (which platform, which server) and
 * nothing of the path or query, where WeCom's `key`, DingTalk's `access_token` and Feishu's hook
 * token live.
 */
export function maskWebhookUrl(url: string): string {
  const origin = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]+/i.exec(url)?.[0];
  return origin ? `${origin}/${MASKED}` : MASKED;
}

export function maskWebhook(w: Webhook): Webhook {
  return { kind: w.kind, url: maskWebhookUrl(w.url), ...(w.secret ? { secret: MASKED } : {}) };
}

export const isWebhook = (v: unknown): v is Webhook =>
  !!v &&
  typeof v === 'object' &&
  typeof (v as Webhook).url === 'string' &&
  (WEBHOOK_KINDS as readonly string[]).includes((v as Webhook).kind);

/**
 * Any value with every webhook in it masked (contacts of a district or round, a round workflow's
 * state, an audit line's details): what leaves the service never carries a robot's key or secret.
 */
export function maskWebhooks<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v) => maskWebhooks(v)) as T;
  if (!value || typeof value !== 'object') return value;
  // data is walked (plain objects, entities); dates and binary data pass as they are
  if (value instanceof Date || ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return value;
  if (isWebhook(value)) return maskWebhook(value) as T;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskWebhooks(v)])) as T;
}

/**
 * A contact list sent back as it was shown (masked) keeps the stored secrets: a webhook whose URL
 * is the mask of a stored one of the same kind is that stored webhook, and a masked secret is the
 * stored secret. So a form can show the masked values and save without asking for the key again.
 */
export function keepStoredWebhooks<C extends { webhook?: Webhook }>(incoming: readonly C[], stored: readonly { webhook?: Webhook }[]): C[] {
  const used = new Set<number>();
  const matches = (w: Webhook, s: Webhook | undefined) => !!s && s.kind === w.kind && (s.url === w.url || maskWebhookUrl(s.url) === w.url);
  return incoming.map((c, i) => {
    const w = c.webhook;
    if (!w) return c;
    // the contact in the same place first (two robots on one host mask alike), else the first not taken
    const at = matches(w, stored[i]?.webhook) && !used.has(i) ? i : stored.findIndex((s, j) => !used.has(j) && matches(w, s.webhook));
    if (at < 0) return c;
    used.add(at);
    const same = stored[at].webhook!;
    const url = w.url === maskWebhookUrl(same.url) ? same.url : w.url;
    const secret = w.secret === MASKED ? same.secret : w.secret;
    return { ...c, webhook: { kind: w.kind, url, ...(secret ? { secret } : {}) } };
  });
}

/** A URL still masked (sent back without its stored webhook): it cannot be posted to. */
export const isMaskedUrl = (url: string): boolean => url.includes(MASKED);

/**
 * The recipient part of a robot delivery's key: the platform and a digest of the URL (never the
 * URL itself, which is a secret), so the same robot is posted to once per checkpoint whatever
 * order the contacts are listed in.
 */
export function robotRecipient(w: Webhook): string {
  return `${w.kind}:${fnv1a(w.url)}${fnv1a(`${w.url}#`)}`;
}

/** How a robot is named to people (the reminder log, a failure notice): the platform and the masked URL. */
export function robotLabel(w: Webhook): string {
  return `${WEBHOOK_LABELS[w.kind]}群机器人 ${maskWebhookUrl(w.url)}`;
}

/** FNV-1a, 32 bits, as 8 hex digits: a stable digest without Node's crypto (the domain does no I/O). */
function fnv1a(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/** The e-mail addresses among contacts (a contact with only a robot has none). */
export const emailsOf = (contacts: readonly { email?: string }[]): string[] => contacts.flatMap((c) => (c.email ? [c.email] : []));

/** The group robots among contacts. */
export const webhooksOf = (contacts: readonly { webhook?: Webhook }[]): Webhook[] =>
  contacts.flatMap((c) => (c.webhook ? [c.webhook] : []));
