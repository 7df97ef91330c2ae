import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { channelOf, deliveryRecipients, type ReminderLogPort, type ReminderRecord, type StoredReminder } from '@app/domain';
import { ReminderEntity, ReminderStationEntity } from '../entities/reminder.entity';

/**
 * The reminder log (idempotency records). `record` inserts or ignores by key inside one
 * transaction with the stations each reminder lists; the sending activity then sends exactly
 * what is pending.
 */
export class ReminderLogRepository implements ReminderLogPort {
  constructor(private readonly ds: DataSource) {}

  async record(entries: ReminderRecord[]): Promise<void> {
    if (entries.length === 0) return;
    await this.ds.transaction(async (m) => {
      for (const r of entries) {
        const row: ReminderEntity = {
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
          createdAt: new Date().toISOString(),
          sentAt: null,
        };
        await m.createQueryBuilder().insert().into(ReminderEntity).values(row).orIgnore().updateEntity(false).execute();
        // The stored row wins over this attempt's (same key = the same reminder).
        const stored = await m.getRepository(ReminderEntity).findOneOrFail({ where: { key: r.key }, select: { id: true } });
        const stations = r.stationIds.map((stationId) => ({ reminderId: stored.id, stationId }));
        if (stations.length) await m.createQueryBuilder().insert().into(ReminderStationEntity).values(stations).orIgnore().execute();
      }
    });
  }

  async pending(roundId: string, checkpointKey: string): Promise<StoredReminder[]> {
    const rows = await this.ds.getRepository(ReminderEntity).find({
      where: { roundId, checkpointKey, status: 'pending' },
      order: { key: 'ASC' },
    });
    return rows.map((r) => ({
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
    }));
  }

  async markSent(id: string, at: Date): Promise<void> {
    await this.ds
      .createQueryBuilder()
      .update(ReminderEntity)
      .set({ status: 'sent', sentAt: at.toISOString(), attempts: () => 'attempts + 1' })
      .where('id = :id', { id })
      .execute();
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

/** A digest key is `${roundId}|${checkpointKey}|${recipient}` (a robot's: `…|${recipient}@${robot}`); the checkpoint key is the middle. */
export function checkpointKeyOf(digestKey: string): string {
  const parts = digestKey.split('|');
  return parts.slice(1, -1).join('|');
}
