import { randomUUID } from 'node:crypto';
import { DataSource, In } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { channelOf, deliveryRecipients, type ReminderLogPort, type ReminderRecord, type StoredReminder } from '@app/domain';
import { ReminderEntity, ReminderStationEntity } from '../entities/reminder.entity';

/**
 * The reminder log (idempotency records). `record` inserts or ignores by key inside one
 * transaction with the stations each reminder lists; the sending activity then sends exactly
 * what is pending.
 */
export class ReminderLogRepository implements ReminderLogPort {
  private sql?: ReminderStatements;

  constructor(private readonly ds: DataSource) {}

  private statements(): ReminderStatements {
    return (this.sql ??= new ReminderStatements(this.ds));
  }

  async record(entries: ReminderRecord[]): Promise<void> {
    if (entries.length === 0) return;
    const createdAt = new Date().toISOString();
    // A checkpoint stores a digest per district (and per robot) at once: a few statements per
    // chunk rather than three per reminder, which was most of a checkpoint's CPU.
    await this.ds.transaction(async (m) => {
      for (const chunk of chunksOf(entries, REMINDERS_PER_STATEMENT)) {
        const rows = chunk.map((r) => reminderRow(r, createdAt));
        await m.createQueryBuilder().insert().into(ReminderEntity).values(rows).orIgnore().updateEntity(false).execute();
        // The stored row wins over this attempt's (same key = the same reminder).
        const stored = await m
          .getRepository(ReminderEntity)
          .find({ where: { key: In(chunk.map((r) => r.key)) }, select: { id: true, key: true } });
        const idOf = new Map(stored.map((row) => [row.key, row.id]));
        const links = chunk.flatMap((r) => r.stationIds.map((stationId) => ({ reminderId: idOf.get(r.key)!, stationId })));
        for (const part of chunksOf(links, LINKS_PER_STATEMENT)) {
          await m.createQueryBuilder().insert().into(ReminderStationEntity).values(part).orIgnore().execute();
        }
      }
    });
  }

  async pending(roundId: string, checkpointKey: string): Promise<StoredReminder[]> {
    const sql = this.statements();
    const raw: Record<string, unknown>[] = await this.ds.query(sql.pending, [roundId, checkpointKey, 'pending']);
    return raw.map((row) => {
      const r = sql.hydrate(row);
      return {
        id: r.id,
        key: r.key,
        roundId: r.roundId,
        kind: r.kind as StoredReminder['kind'],
        districtCode: r.districtCode,
        deadlineKey: r.deadlineKey as StoredReminder['deadlineKey'],
        deadline: r.deadline,
        checkpoint: r.checkpoint,
        checkpointKey: r.checkpointKey,
        mail: r.mail,
        ...(r.channel !== 'mail' && r.robot ? { channel: r.channel, robot: r.robot } : {}),
        status: r.status,
      };
    });
  }

  async markSent(id: string, at: Date): Promise<void> {
    await this.ds.query(this.statements().markSent, ['sent', at.toISOString(), id]);
  }

  async markAttemptFailed(id: string, error: string): Promise<void> {
    await this.ds
      .createQueryBuilder()
      .update(ReminderEntity)
      .set({ lastError: error.slice(0, 2000), attempts: () => 'attempts + 1' })
      .where('id = :id', { id })
      .execute();
  }

  async markFailed(id: string, error: string, at: Date): Promise<void> {
    await this.ds
      .createQueryBuilder()
      .update(ReminderEntity)
      .set({ status: 'failed', lastError: error.slice(0, 2000), sentAt: at.toISOString(), attempts: () => 'attempts + 1' })
      .where('id = :id', { id })
      .execute();
  }
}

/** The columns a delivery is sent from. */
const PENDING_COLUMNS = [
  'id',
  'key',
  'roundId',
  'kind',
  'districtCode',
  'deadlineKey',
  'deadline',
  'checkpoint',
  'checkpointKey',
  'mail',
  'channel',
  'robot',
  'status',
] as const satisfies readonly (keyof ReminderEntity)[];
type PendingRow = Pick<ReminderEntity, (typeof PENDING_COLUMNS)[number]>;

/**
 * What a checkpoint runs per delivery (mark it sent) and to read what is pending, written once from
 * the entity's metadata and hydrated by it. Through the query builder and `find`, building the SQL
 * anew and TypeORM's entity transformer cost more CPU than the statements themselves: a checkpoint
 * of 1,000 digests spent about a tenth of its CPU there (bench measure 4).
 */
class ReminderStatements {
  readonly pending: string;
  readonly markSent: string;
  private readonly read: ColumnMetadata[];

  constructor(private readonly ds: DataSource) {
    const metadata = ds.getMetadata(ReminderEntity);
    const column = (property: keyof ReminderEntity) => {
      const c = metadata.findColumnWithPropertyName(property);
      if (!c) throw new Error(`ReminderEntity has no column ${property}`);
      return c;
    };
    const name = (property: keyof ReminderEntity) => ds.driver.escape(column(property).databaseName);
    const at = (n: number) => (ds.options.type === 'postgres' ? `$${n}` : '?');
    const table = ds.driver.escape(metadata.tableName);
    this.read = PENDING_COLUMNS.map(column);
    this.pending =
      `SELECT ${PENDING_COLUMNS.map(name).join(', ')} FROM ${table} ` +
      `WHERE ${name('roundId')} = ${at(1)} AND ${name('checkpointKey')} = ${at(2)} AND ${name('status')} = ${at(3)} ORDER BY ${name('key')} ASC`;
    this.markSent =
      `UPDATE ${table} SET ${name('status')} = ${at(1)}, ${name('sentAt')} = ${at(2)}, ${name('attempts')} = ${name('attempts')} + 1 ` +
      `WHERE ${name('id')} = ${at(3)}`;
  }

  hydrate(raw: Record<string, unknown>): PendingRow {
    const row: Record<string, unknown> = {};
    for (const c of this.read) row[c.propertyName] = this.ds.driver.prepareHydratedValue(raw[c.databaseName], c);
    return row as unknown as PendingRow;
  }
}

/** Rows of one INSERT: well below SQLite's 32,766 bound parameters (about 20 a reminder, 2 a link). */
const REMINDERS_PER_STATEMENT = 100;
const LINKS_PER_STATEMENT = 1000;

function chunksOf<T>(items: T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));
}

function reminderRow(r: ReminderRecord, createdAt: string): ReminderEntity {
  return {
    id: randomUUID(),
    key: r.key,
    roundId: r.roundId,
    kind: r.kind,
    districtCode: r.districtCode,
    deadlineKey: r.deadlineKey,
    deadline: r.deadline,
    checkpoint: r.checkpoint,
    checkpointKey: checkpointKeyOf(r.key),
    recipients: deliveryRecipients(r),
    subject: r.mail.subject,
    messageId: r.mail.messageId,
    mail: r.mail,
    channel: channelOf(r),
    robot: r.robot ?? null,
    status: 'pending',
    attempts: 0,
    lastError: null,
    createdAt,
    sentAt: null,
  };
}

/** A digest key is `${roundId}|${checkpointKey}|${recipient}` (a robot's: `…|${recipient}@${robot}`); the checkpoint key is the middle. */
export function checkpointKeyOf(digestKey: string): string {
  const parts = digestKey.split('|');
  return parts.slice(1, -1).join('|');
}
