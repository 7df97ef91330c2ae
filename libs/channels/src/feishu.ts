import { createHmac } from 'node:crypto';
import type { RobotProtocol } from './protocol';
import { fitMarkdown, numberOr } from './protocol';

/**
 * The Feishu signature ("签名校验"): `timestamp + "\n" + secret` is the HMAC-SHA256 *key*, the
 * message is empty, the digest base64; the timestamp in seconds. Both go in the body. (The reverse
 * of DingTalk's, where the secret is the key: a DingTalk signature fails with 19021.)
 */
export function feishuSign(secret: string, timestampSeconds: number): string {
  return createHmac('sha256', `${timestampSeconds}\n${secret}`).update('').digest('base64');
}

/**
 * 飞书自定义机器人: https://open.feishu.cn/open-apis/bot/v2/hook/…, optionally signed. The
 * message is a card: the title as its header, the markdown as its body. Answers `{ code, msg }`
 * (older robots `{ StatusCode, StatusMessage }`); 9499 and 11232 are rate limits and 2200 an
 * internal error (retried); 19021 (bad signature), 19001 (invalid hook) and the rest are permanent.
 */
export const FEISHU: RobotProtocol = {
  kind: 'feishu',
  label: '飞书',
  maxMarkdownBytes: 28000,
  transientCodes: [2200, 9499, 11232],
  request(m, now) {
    const timestamp = Math.floor(now.getTime() / 1000);
    const signature = m.webhook.secret ? { timestamp: String(timestamp), sign: feishuSign(m.webhook.secret, timestamp) } : {};
    return {
      url: m.webhook.url,
      body: {
        ...signature,
        msg_type: 'interactive',
        card: {
          header: { title: { tag: 'plain_text', content: m.title } },
          elements: [{ tag: 'markdown', content: fitMarkdown(m.markdown, this.maxMarkdownBytes) }],
        },
      },
    };
  },
  answer(body) {
    if (!body || typeof body !== 'object') return null;
    const b = body as { code?: unknown; msg?: unknown; StatusCode?: unknown; StatusMessage?: unknown };
    if ('code' in b) return { code: numberOr(b.code, -1), message: String(b.msg ?? '') };
    if ('StatusCode' in b) return { code: numberOr(b.StatusCode, -1), message: String(b.StatusMessage ?? '') };
    return null;
  },
};
