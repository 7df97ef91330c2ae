import * as nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';
import { MailDeliveryError, MailerPort, OutgoingMail } from '@app/domain';

/** nodemailer's error fields that tell a refusal from a connection problem. */
interface SmtpError extends Error {
  code?: string;
  responseCode?: number;
  response?: string;
}

/**
 * Sends reminders over SMTP (SMTP_URL). A 5xx reply is a permanent failure (recorded, escalated,
 * never retried); connection errors, timeouts and 4xx replies are transient (retried with backoff
 * by the sending activity).
 */
export class SmtpMailer implements MailerPort {
  private readonly transport: Transporter;

  constructor(
    smtpUrl: string,
    private readonly from: string,
  ) {
    // One connection per message, no pool: a reminder run is a few dozen messages, and a dead
    // pooled connection would only add a failure mode.
    this.transport = nodemailer.createTransport(smtpUrl, {
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    } as never);
  }

  async send(mail: OutgoingMail): Promise<void> {
    try {
      await this.transport.sendMail({
        from: this.from,
        to: mail.to,
        cc: mail.cc.length ? mail.cc : undefined,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: mail.messageId,
        attachments: mail.ics
          ? [{ filename: mail.ics.filename, content: mail.ics.content, contentType: 'text/calendar; charset=utf-8; method=PUBLISH' }]
          : [],
      });
    } catch (e) {
      throw classify(e as SmtpError);
    }
  }

  close(): void {
    this.transport.close();
  }
}

export function classify(e: SmtpError): MailDeliveryError {
  const code = e.responseCode;
  const permanent = typeof code === 'number' && code >= 500 && code < 600;
  return new MailDeliveryError(e.response ?? e.message, permanent, code);
}
