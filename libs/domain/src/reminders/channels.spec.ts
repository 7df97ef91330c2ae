import { keepStoredWebhooks, maskWebhooks, maskWebhookUrl, robotRecipient } from './channels';

describe('webhooks are secrets', () => {
  const wecom = { kind: 'wecom' as const, url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc-123' };
  const feishu = { kind: 'feishu' as const, url: 'https://open.feishu.cn/open-apis/bot/v2/hook/h-1', secret: 's3cret' };

  it('masks everything after the host, and a secret entirely', () => {
    expect(maskWebhookUrl(wecom.url)).toBe('https://qyapi.weixin.qq.com/******');
    class Row {
      constructor(readonly contacts: unknown[]) {}
    }
    const masked = maskWebhooks({ rows: [new Row([{ name: 'a', webhook: feishu }])], at: new Date(0) });
    expect(JSON.stringify(masked)).not.toContain('h-1');
    expect(JSON.stringify(masked)).not.toContain('s3cret');
    expect(masked.at).toBeInstanceOf(Date);
    expect((masked.rows[0] as unknown as { contacts: { webhook: unknown }[] }).contacts[0].webhook).toEqual({
      kind: 'feishu',
      url: 'https://open.feishu.cn/******',
      secret: '******',
    });
  });

  it('keeps the stored webhook when its masked form comes back, and takes a new one as given', () => {
    const stored = [{ name: 'a', webhook: feishu }];
    const back = maskWebhooks(stored);
    expect(keepStoredWebhooks(back, stored)).toEqual(stored);
    const replaced = { kind: 'feishu' as const, url: 'https://open.feishu.cn/open-apis/bot/v2/hook/h-2', secret: '******' };
    expect(keepStoredWebhooks([{ name: 'a', webhook: replaced }], stored)[0].webhook).toEqual(replaced);
  });

  it('names a robot in a delivery key by a digest of its URL, never the URL', () => {
    expect(robotRecipient(wecom)).toMatch(/^wecom:[0-9a-f]{16}$/);
    expect(robotRecipient(wecom)).not.toBe(robotRecipient({ ...wecom, url: `${wecom.url}x` }));
  });
});
