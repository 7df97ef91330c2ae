import { Injectable } from '@nestjs/common';
import { DataSource, FindOptionsWhere, In, LessThan, Not, Like } from 'typeorm';
import { OutboxMessageEntity, ReminderEntity } from '@app/persistence';
import { ApiError } from '../common/error-codes';
import { isUuid } from '@app/domain';
import { decodeCreatedAtCursor, encodeCreatedAtCursor } from './created-at-cursor';
import type { OutboxListQuery } from './reminders.dto';

/**
 * Mails about a person's account (invitations, password resets: AccountMailRenderer) carry a link
 * that signs in as that person. Only the admin, who may create any account anyway, sees them: a
 * city office reading the admin's reset link would become the admin.
 */
const ACCOUNT_MAIL = '%.account@%';

/** The embedded outbox, newest first, each mail with the reminder it carries. */
@Injectable()
export class ListOutbox {
  constructor(private readonly ds: DataSource) {}

  async execute(q: OutboxListQuery, withAccountMails: boolean) {
    const where: FindOptionsWhere<OutboxMessageEntity> = q.cursor ? { createdAt: LessThan(decodeCreatedAtCursor(q.cursor).createdAt) } : {};
    if (!withAccountMails) where.messageId = Not(Like(ACCOUNT_MAIL));
    const limit = q.limit ?? 50;
    const rows = await this.ds
      .getRepository(OutboxMessageEntity)
      .find({ where, order: { createdAt: 'DESC', id: 'DESC' }, take: limit + 1 });
    const page = rows.slice(0, limit);
    const reminders = page.length
      ? await this.ds
          .getRepository(ReminderEntity)
          .find({ select: { id: true, messageId: true }, where: { messageId: In(page.map((m) => m.messageId)) } })
      : [];
    return {
      items: page.map((m) => ({
        id: m.id,
        messageId: m.messageId,
        to: m.mail.to,
        cc: m.mail.cc,
        subject: m.mail.subject,
        createdAt: m.createdAt,
        reminderId: reminders.find((r) => r.messageId === m.messageId)?.id ?? null,
      })),
      nextCursor: rows.length > limit ? encodeCreatedAtCursor(page[page.length - 1]) : null,
    };
  }
}

/** One mail of the outbox. */
@Injectable()
export class GetOutboxMessage {
  constructor(private readonly ds: DataSource) {}

  async execute(id: string, withAccountMails: boolean): Promise<OutboxMessageEntity> {
    const row = isUuid(id) ? await this.ds.getRepository(OutboxMessageEntity).findOneBy({ id }) : null;
    if (!row || (!withAccountMails && isAccountMail(row.messageId))) throw new ApiError('NOT_FOUND', `邮件 ${id} 不存在`);
    return row;
  }
}

const isAccountMail = (messageId: string) => /\.account@[^>]*>$/.test(messageId);
