import type { Digest } from '@app/domain';
import { ReminderRenderer } from './reminder-renderer';

const digest: Digest = {
  key: 'r1|selfAssessment|2024-09-30T15:59:59.000Z|before:P7D|district:500103',
  kind: 'district',
  roundId: 'r1',
  roundName: '重庆市2023年培育批次',
  programme: 'six-haves',
  districtCode: '500103',
  to: [{ name: '渝中工作群', webhook: { kind: 'wecom', url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k' } }],
  cc: [],
  deadlineKey: 'selfAssessment',
  deadline: '2024-09-30T15:59:59.000Z',
  checkpoint: 'before:P7D',
  daysLeft: 7,
  stations: [
    { id: 's1', name: '解放碑<劳动>服务站', districtCode: '500103', districtName: '渝中区', stage: 'cultivation', contactEmail: null },
  ],
};

describe('the digest as a robot message', () => {
  const renderer = new ReminderRenderer('站点培育 <noreply@stations.example>');

  it('says what the mail says, in the robots’ markdown', () => {
    const mail = renderer.digest(digest);
    const robot = renderer.digestMarkdown(digest);
    expect(robot.title).toBe(mail.subject);
    expect(robot.markdown.split('\n\n')).toEqual([
      '渝中区协调劳动关系三方办公室：',
      '重庆市2023年培育批次：“自评”环节将于 2024年9月30日 23:59（北京时间）截止，还剩 7 天。以下 1 个站点尚待办理：',
      '1. 解放碑＜劳动＞服务站（渝中区，培育）', // no tag a robot would read as markup
      '**截止时间：2024年9月30日 23:59（北京时间）**，还剩 7 天。',
      '请在截止前登录站点培育管理系统办理。已办理的，请忽略本提醒。',
      '> 本消息由站点培育管理系统自动发送（提醒时点：before:P7D）。',
    ]);
    // a contact with a robot only has no address to mail
    expect(mail.to).toEqual([]);
  });

  it('tells the city which robot failed and what its platform answered', () => {
    const notice = renderer.deliveryFailure(
      {
        reminderKey: digest.key,
        digest,
        recipients: ['企业微信群机器人 https://qyapi.weixin.qq.com/******'],
        error: '企业微信答复 93000：invalid webhook url',
        channel: 'wecom',
      },
      ['city@example.org'],
    );
    expect(notice.subject).toBe('【投递失败】重庆市2023年培育批次：自评提醒未能送达 企业微信群机器人 https://qyapi.weixin.qq.com/******');
    expect(notice.text).toContain('失败原因：企业微信答复 93000：invalid webhook url');
    expect(notice.text).toContain('提醒消息未能发送到区县 500103 的企业微信群机器人');
    expect(notice.text).toContain('请核对群机器人的 Webhook 地址和签名密钥');
    // by name where the worker found the district
    const named = renderer.deliveryFailure(
      { reminderKey: digest.key, digest, recipients: [], error: '550 no such user', districtName: '渝中区' },
      ['city@example.org'],
    );
    expect(named.text).toContain('提醒邮件未能送达渝中区的联系人：（该区县未设置联系人）');
  });
});

describe('a notice as a robot message', () => {
  const renderer = new ReminderRenderer('站点培育 <noreply@stations.example>');

  it('posts a return notice’s paragraphs, escaped, under its subject, as a message rather than a mail', () => {
    const mail = renderer.returnNotice(
      {
        stationId: 's1',
        stationName: '解放碑<劳动>服务站',
        roundId: 'r1',
        districtCode: '500103',
        seq: 3,
        returned: {
          by: '渝中区人社局',
          role: 'district',
          at: '2024-05-06T02:00:00.000Z',
          reason: '缺少盖章页',
          fromStage: 'recommendation',
          toStage: 'application',
        },
        deadlineKey: 'recommendation',
        deadline: '2024-06-30T15:59:59.000Z',
        stationEmail: 'station@example.org',
      },
      { roundName: '重庆市2024年培育批次', programme: 'six-haves', districtName: '渝中区', to: ['station@example.org'] },
    );
    const robot = renderer.noticeMarkdown(mail);
    expect(robot.title).toBe(mail.subject);
    const paragraphs = robot.markdown.split('\n\n');
    expect(paragraphs).toEqual(
      mail.text
        .split('\n')
        .filter((l) => l.trim())
        .map((l) =>
          l
            .replace(/</g, '＜')
            .replace(/>/g, '＞')
            .replace(/^本邮件/, '本消息'),
        ),
    );
    expect(paragraphs).toContain('退回意见：缺少盖章页');
    expect(robot.markdown).toContain('解放碑＜劳动＞服务站');
    expect(robot.markdown).not.toMatch(/[<>]|本邮件/);
  });
});
