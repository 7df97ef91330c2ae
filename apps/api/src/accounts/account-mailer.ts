import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AppConfig } from '@app/config';
import type { MailerPort, OutgoingMail } from '@app/domain';
import { AccountLink, AccountMailRenderer, SmtpMailer } from '@app/mail';
import { OutboxRepository } from '@app/persistence';
import { CONFIG } from '../common/tokens';

/**
 * Sends the mails about accounts the way reminders go: over SMTP_URL, or into the embedded outbox.
 * Sent after the answer and never awaited by it: a reset request answers 202 at the same speed
 * whether or not the account exists, and a slow mail server does not hold a request. A failed
 * send is logged (without the link); the person asks again, or an admin invites again.
 */
@Injectable()
export class AccountMailer implements OnApplicationShutdown {
  private readonly log = new Logger('AccountMail');
  private readonly renderer: AccountMailRenderer;
  private readonly mailer: MailerPort;
  private readonly publicUrl: string;
  /** sends in flight, which a clean shutdown lets finish */
  private readonly pending = new Set<Promise<void>>();

  constructor(@Inject(CONFIG) config: AppConfig, ds: DataSource) {
    this.renderer = new AccountMailRenderer(config.mail.from);
    this.mailer = config.mail.smtpUrl ? new SmtpMailer(config.mail.smtpUrl, config.mail.from) : new OutboxRepository(ds);
    this.publicUrl = config.accounts.publicUrl;
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([...this.pending]);
  }

  /** `<PUBLIC_URL>/#/invitation/<token>` or `…/#/password-reset/<token>` */
  linkUrl(kind: 'invitation' | 'password-reset', token: string): string {
    return `${this.publicUrl}/#/${kind}/${token}`;
  }

  invitation(link: AccountLink, invitedBy: string): void {
    this.send(this.renderer.invitation(link, invitedBy), 'invitation', link.username);
  }

  passwordReset(link: AccountLink): void {
    this.send(this.renderer.passwordReset(link), 'password reset', link.username);
  }

  /** Tells the person that their password or second factor changed (ASVS 6.3.6). */
  changeNotice(user: { email: string; displayName: string; username: string }, change: string): void {
    this.send(this.renderer.changeNotice(user, change, new Date()), 'change notice', user.username);
  }

  private send(mail: OutgoingMail, what: string, username: string): void {
    const sending = this.mailer.send(mail).then(
      () => this.log.log(`${what} mail for ${username} sent`),
      (e: Error) => this.log.error(`${what} mail for ${username} could not be sent: ${e.message}`),
    );
    this.pending.add(sending);
    void sending.finally(() => this.pending.delete(sending));
  }
}
