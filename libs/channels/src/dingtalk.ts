import { createHmac } from 'node:crypto';
import type { RobotProtocol } from './protocol';
import { fitMarkdown, numberOr, titled } from './protocol';

/**
 * The DingTalk signature ("加签"): HMAC-SHA256 over `timestamp + "\n" + secret` with the secret as
 * the key, base64; the timestamp in milliseconds. Sent URL-encoded as the `timestamp` and `sign`
 * query parameters; DingTalk refuses a timestamp more than an hour off.
 */
export function dingtalkSign(secret: string, timestampMs: number): string {
  return createHmac('sha256', secret).update(`${timestampMs}\n${secret}`, 'utf8').digest('base64');
}

/**
 * 钉钉自定义机器人: https://oapi.dingtalk.com/robot/send?access_token=…, optionally signed.
 * Answers `{ errcode, errmsg }`; 130101 ("send too fast", 20 a minute), 410100 and 660026 are
 * rate limits and -1 "system busy" (retried); 300001 (no such token), 310000 (bad signature or
 * keyword) and the rest are permanent.
 */
export const DINGTALK: RobotProtocol = {
  kind: 'dingtalk',
  label: '钉钉',
  maxMarkdownBytes: 20000,
  transientCodes: [-1, 130101, 410100, 660026],
  request(m, now) {
    let url = m.webhook.url;
    if (m.webhook.secret) {
      const timestamp = now.getTime();
      const sign = encodeURIComponent(dingtalkSign(m.webhook.secret, timestamp));
      url += `${url.includes('?') ? '&' : '?'}timestamp=${timestamp}&sign=${sign}`;
    }
    return { url, body: { msgtype: 'markdown', markdown: { title: m.title, text: fitMarkdown(titled(m), this.maxMarkdownBytes) } } };
  },
  answer(body) {
    if (!body || typeof body !== 'object' || !('errcode' in body)) return null;
    const b = body as { errcode: unknown; errmsg?: unknown };
    return { code: numberOr(b.errcode, -1), message: String(b.errmsg ?? '') };
  },
};
