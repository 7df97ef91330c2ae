import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { OutgoingMail } from '@app/domain';

/** The embedded outbox: without SMTP_URL, reminders are kept here instead of leaving the machine. */
@Entity({ name: 'outbox_messages' })
export class OutboxMessageEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  /** one message per Message-ID: a retried delivery is not stored twice */
  @Column({ name: 'message_id', type: 'varchar', length: 200, unique: true })
  messageId: string;

  @Column({ type: 'simple-json' })
  mail: OutgoingMail;

  @Column({ name: 'created_at', type: 'varchar', length: 30 })
  createdAt: string;
}
