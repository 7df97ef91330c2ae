import { composeDigests } from './digest';
import { reminderDeliveries, robotDeliveryKey } from './delivery';
import type { OutgoingMail } from './delivery';

const mailOf = (to: string[]): OutgoingMail => ({
  messageId: '<m>',
  to,
  cc: [],
  subject: 's',
  text: 't',
  html: 'h',
  ics: { filename: 'a.ics', content: '' },
});
const text = { title: 's', markdown: 'm' };
const wecom = { kind: 'wecom' as const, url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k1' };
const feishu = { kind: 'feishu' as const, url: 'https://open.feishu.cn/open-apis/bot/v2/hook/h1', secret: 's' };

function digest(
  contacts: { name: string; email?: string; webhook?: typeof wecom }[],
  stationWebhook?: typeof feishu,
  deadlineKey: 'recommendation' | 'selfAssessment' = 'recommendation',
) {
  const [d] = composeDigests({
    round: { roundId: 'r1', name: '批次', programme: 'six-haves', cityContacts: [] },
    checkpoint: {
      deadlineKey,
      deadline: new Date('2025-03-01T15:59:59Z'),
      checkpoint: 'before:P1D',
      key: `${deadlineKey}|2025-03-01|before:P1D`,
    },
    owing: [
      {
        id: 's1',
        name: '甲站',
        districtCode: '500103',
        stage: deadlineKey === 'recommendation' ? 'recommendation' : 'cultivation',
        contactEmail: null,
        ...(stationWebhook ? { contactWebhook: stationWebhook } : {}),
      },
    ],
    districts: [{ code: '500103', name: '渝中区', contacts }],
    now: new Date('2025-02-28T01:00:00Z'),
  });
  return d;
}

describe('deliveries of a digest, one per channel', () => {
  it('mails the e-mails and posts once to each robot, each under its own key', () => {
    const d = digest([
      { name: 'a', email: 'a@x.org', webhook: wecom },
      { name: 'b', webhook: wecom }, // the same robot twice: one post
    ]);
    const out = reminderDeliveries(d, mailOf(['a@x.org']), text);
    expect(out.map((r) => [r.channel ?? 'mail', r.key])).toEqual([
      ['mail', d.key],
      ['wecom', robotDeliveryKey(d.key, wecom)],
    ]);
    expect(out[1].robot).toEqual({ ...text, webhook: wecom });
    expect(out[1].mail.to).toEqual([]);
    expect(out[1].key).not.toContain('k1');
  });

  it('sends no mail to a district that has only robots, and records a mail for one that has nothing', () => {
    expect(reminderDeliveries(digest([{ name: 'b', webhook: wecom }]), mailOf([]), text).map((r) => r.channel)).toEqual(['wecom']);
    expect(reminderDeliveries(digest([]), mailOf([]), text).map((r) => r.channel ?? 'mail')).toEqual(['mail']);
  });

  it('copies a station’s own robot on its self-assessment reminders', () => {
    const d = digest([{ name: 'a', email: 'a@x.org' }], feishu, 'selfAssessment');
    expect(reminderDeliveries(d, mailOf(['a@x.org']), text).map((r) => r.channel ?? 'mail')).toEqual(['mail', 'feishu']);
    const recommendation = digest([{ name: 'a', email: 'a@x.org' }], feishu);
    expect(reminderDeliveries(recommendation, mailOf(['a@x.org']), text).map((r) => r.channel ?? 'mail')).toEqual(['mail']);
  });
});
