import * as nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';
import { MailDeliveryError, MailerPort, OutgoingMail } from '@app/domain';

/** nodemailer's error fields that tell a refusal from a connection problem. */
interface SmtpError extends Error {
  code?: string;
  responseCode?: number;
  response?: string;
}

/** How many SMTP connections a worker keeps open at most, and how many messages each carries before it is renewed. */
export interface SmtpPool {
  maxConnections: number;
  maxMessages: number;
}

export const DEFAULT_SMTP_POOL: SmtpPool = { maxConnections: 5, maxMessages: 100 };

/**
 * Sends reminders over SMTP (SMTP_URL). A 5xx reply is a permanent failure (recorded, escalated,
 * never retried); connection errors, timeouts and 4xx replies are transient (retried with backoff
 * by the sending activity).
 *
 * The connections are pooled (SMTP_MAX_CONNECTIONS, SMTP_MAX_MESSAGES): a connection and its TLS
 * and AUTH handshake cost about 150 ms, which made 1,000 digests take minutes. The pool changes
 * nothing of exactly-once: the activity still stores each reminder before sending it and marks it
 * sent after the server accepted it. A pooled connection that died is a transient error like any
 * other (retried), and the pool opens a new one.
 */
export class SmtpMailer implements MailerPort {
  private readonly transport: Transporter;

  constructor(
    smtpUrl: string,
    private readonly from: string,
    pool: SmtpPool = DEFAULT_SMTP_POOL,
  ) {
    this.transport = nodemailer.createTransport({
      url: smtpUrl,
      pool: true,
      maxConnections: pool.maxConnections,
      maxMessages: pool.maxMessages,
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
