import type { RobotProtocol } from './protocol';
import { fitMarkdown, numberOr, titled } from './protocol';

/**
 * 企业微信群机器人: the robot's `key` is in the webhook URL itself
 * (https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…); no signature. Answers
 * `{ errcode, errmsg }`; 45009 is the rate limit (20 messages a minute per robot), -1 "system
 * busy"; 93000 an invalid webhook URL (permanent).
 */
export const WECOM: RobotProtocol = {
  kind: 'wecom',
  label: '企业微信',
  maxMarkdownBytes: 4096,
  transientCodes: [-1, 45009],
  request(m) {
    return { url: m.webhook.url, body: { msgtype: 'markdown', markdown: { content: fitMarkdown(titled(m), this.maxMarkdownBytes) } } };
  },
  answer(body) {
    if (!body || typeof body !== 'object' || !('errcode' in body)) return null;
    const b = body as { errcode: unknown; errmsg?: unknown };
    return { code: numberOr(b.errcode, -1), message: String(b.errmsg ?? '') };
  },
};
