import { AccountMailRenderer } from './account-mail';

const renderer = new AccountMailRenderer('站点培育 <no-reply@stations.example.org>');
const link = {
  to: 'zhang.san@district.example',
  displayName: '张三 <b>',
  username: 'zhang.san',
  url: 'https://stations.example.org/#/invitation/AbC_123-xyz0123456789abcdef',
  expiresAt: new Date('2026-03-05T04:00:00Z'),
};

describe('account mails', () => {
  it('invites in zh-CN with the one-time link and its expiry in Beijing time, escaping names in HTML', () => {
    const mail = renderer.invitation(link, '市三方办');
    expect(mail).toMatchObject({ to: ['zhang.san@district.example'], cc: [], subject: '【站点培育管理系统】账户邀请' });
    expect(mail.text).toContain(link.url);
    expect(mail.text).toContain('用户名：zhang.san');
    expect(mail.text).toContain('2026年3月5日 12:00');
    expect(mail.html).toContain(`<a href="${link.url}">`);
    expect(mail.html).toContain('张三 &lt;b&gt;');
    expect(mail.ics).toBeUndefined();
    expect(mail.messageId).toMatch(/^<[0-9a-f]{40}\.account@stations\.example\.org>$/);
  });

  it('sends the reset link, and tells of a change without any link', () => {
    const reset = renderer.passwordReset({ ...link, url: link.url.replace('invitation', 'password-reset') });
    expect(reset.subject).toBe('【站点培育管理系统】重置密码');
    expect(reset.text).toContain('/#/password-reset/');
    const notice = renderer.changeNotice({ email: link.to, displayName: '张三', username: 'zhang.san' }, '登录密码已修改', link.expiresAt);
    expect(notice.subject).toBe('【站点培育管理系统】登录密码已修改');
    expect(notice.text).not.toContain('http');
    expect(notice.messageId).toMatch(/\.account@/);
  });
});
