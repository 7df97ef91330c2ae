import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { MailerPort, OutgoingMail } from '@app/domain';
import { OutboxMessageEntity } from '../entities/outbox-message.entity';

/**
 * The embedded outbox, used as the mail transport when no SMTP_URL is set: a reminder is "sent" by
 * storing it, and the API lists and renders it. Keyed by Message-ID, so a retry stores nothing new.
 */
export class OutboxRepository implements MailerPort {
  constructor(private readonly ds: DataSource) {}

  async send(mail: OutgoingMail): Promise<void> {
    await this.ds
      .createQueryBuilder()
      .insert()
      .into(OutboxMessageEntity)
      .values({ id: randomUUID(), messageId: mail.messageId, mail, createdAt: new Date().toISOString() })
      .orIgnore()
      .updateEntity(false)
      .execute();
  }
}
