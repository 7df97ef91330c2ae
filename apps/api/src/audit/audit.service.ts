import { Injectable, Logger } from '@nestjs/common';
import { DataSource, FindOptionsWhere, LessThan } from 'typeorm';
import { AuditEntryEntity } from '@app/persistence';
import { decodeCursor, encodeCursor } from '../common/cursor';
import type { AuditListQuery } from './audit.dto';

export type AuditEntry = Omit<AuditEntryEntity, 'id' | 'createdAt'>;

/** The cursor is the last id of a page (ids grow, the list is newest first). */
const encodeIdCursor = (id: number) => encodeCursor(`a${id}`);
const decodeIdCursor = (cursor: string) =>
  decodeCursor(cursor, (key) => {
    const m = /^a(\d{1,15})$/.exec(key);
    return m ? Number(m[1]) : null;
  });

/** The audit log (操作日志): appended by AuditInterceptor, read by admins and the city office. */
@Injectable()
export class AuditService {
  private readonly log = new Logger('Audit');

  constructor(private readonly ds: DataSource) {}

  /**
   * Appends one line. A failure to write is logged with the whole line rather than thrown: the
   * action it records has already happened (a workflow moved on), and answering 500 would invite
   * the caller to repeat it.
   */
  async record(entry: AuditEntry): Promise<void> {
    try {
      await this.ds.getRepository(AuditEntryEntity).save({ ...entry, createdAt: new Date().toISOString() });
    } catch (e) {
      this.log.error(`could not write the audit log line ${JSON.stringify(entry)}: ${(e as Error).message}`);
    }
  }

  async list(q: AuditListQuery) {
    const where: FindOptionsWhere<AuditEntryEntity> = {};
    if (q.targetId) where.targetId = q.targetId;
    if (q.action) where.action = q.action;
    if (q.cursor) where.id = LessThan(decodeIdCursor(q.cursor));
    const limit = q.limit ?? 50;
    const rows = await this.ds.getRepository(AuditEntryEntity).find({ where, order: { id: 'DESC' }, take: limit + 1 });
    const page = rows.slice(0, limit);
    return {
      items: page.map(({ createdAt, ...rest }) => ({ ...rest, at: createdAt })),
      nextCursor: rows.length > limit ? encodeIdCursor(page[page.length - 1].id) : null,
    };
  }
}
