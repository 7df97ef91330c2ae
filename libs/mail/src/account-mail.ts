import { createHash } from 'node:crypto';
import type { OutgoingMail } from '@app/domain';
import { escapeHtml, formatShanghai } from './format';

/** What an account mail needs: whom it goes to, the link in it, and until when the link works. */
export interface AccountLink {
  to: string;
  displayName: string;
  username: string;
  /** `<PUBLIC_URL>/#/invitation/<token>` or `<PUBLIC_URL>/#/password-reset/<token>` */
  url: string;
  expiresAt: Date;
}

/**
 * The zh-CN mails about a person's account: the invitation that sets the first password, and the
 * password-reset link. The link is a secret: each mail is its own message (no digest), and its
 * Message-ID is derived from the link so that the outbox stores a retried send once.
 */
export class AccountMailRenderer {
  private readonly domain: string;

  constructor(from: string) {
    this.domain = /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'localhost';
  }

  invitation(l: AccountLink, invitedBy: string): OutgoingMail {
    return this.mail(l, '【站点培育管理系统】账户邀请', [
      `${l.displayName}，您好：`,
      '',
      `${invitedBy}为您在基层劳动关系公共服务站点培育管理系统中开设了账户，用户名：${l.username}。`,
      '请打开下面的链接设置登录密码（链接仅可使用一次）：',
      l.url,
      '',
      `链接有效期至 ${formatShanghai(l.expiresAt)}（北京时间）。如非本人相关，请忽略本邮件。`,
    ]);
  }

  passwordReset(l: AccountLink): OutgoingMail {
    return this.mail(l, '【站点培育管理系统】重置密码', [
      `${l.displayName}，您好：`,
      '',
      `我们收到了重置账户 ${l.username} 登录密码的申请。请打开下面的链接设置新密码（链接仅可使用一次）：`,
      l.url,
      '',
      `链接有效期至 ${formatShanghai(l.expiresAt)}（北京时间）。如果这不是您本人的操作，请忽略本邮件，您的密码不会改变。`,
    ]);
  }

  /**
   * A notice that the account's sign-in changed (ASVS 6.3.6), so that a person who did not do it
   * can tell an admin. `change`: what happened, e.g. 登录密码已修改.
   */
  changeNotice(to: { email: string; displayName: string; username: string }, change: string, at: Date): OutgoingMail {
    const lines = [
      `${to.displayName}，您好：`,
      '',
      `您的账户 ${to.username} 于 ${formatShanghai(at)}（北京时间）${change}。`,
      '如果这是您本人的操作，请忽略本邮件。如果不是，请立即通过“忘记密码”重新设置密码，并联系管理员。',
    ];
    const key = createHash('sha256').update(`${to.username}|${change}|${at.toISOString()}`).digest('hex').slice(0, 40);
    return {
      messageId: `<${key}.account@${this.domain}>`,
      to: [to.email],
      cc: [],
      subject: `【站点培育管理系统】${change}`,
      text: lines.join('\n'),
      html: this.html(lines, null),
    };
  }

  private html(lines: string[], url: string | null): string {
    return [
      '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"></head><body>',
      ...lines.map((line) =>
        line === url ? `<p><a href="${escapeHtml(line)}">${escapeHtml(line)}</a></p>` : line ? `<p>${escapeHtml(line)}</p>` : '',
      ),
      '<p style="color:#888;font-size:12px">本邮件由站点培育管理系统自动发送，请勿直接回复。</p>',
      '</body></html>',
    ].join('');
  }

  private mail(l: AccountLink, subject: string, lines: string[]): OutgoingMail {
    const html = this.html(lines, l.url);
    const key = createHash('sha256').update(l.url).digest('hex').slice(0, 40);
    return { messageId: `<${key}.account@${this.domain}>`, to: [l.to], cc: [], subject, text: lines.join('\n'), html };
  }
}
