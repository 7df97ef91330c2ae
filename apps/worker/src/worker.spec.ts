import { MockActivityEnvironment } from '@temporalio/testing';
import { Worker, type WorkerOptions } from '@temporalio/worker';
import type { Client } from '@temporalio/client';
import type { NativeConnection } from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import { loadConfig } from '@app/config';
import type { OutgoingMail } from '@app/domain';
import { openDatabase, OutboxMessageEntity } from '@app/persistence';
import { createTestDatabase, TestDatabase } from '@app/persistence/testing';
import { createWorker } from './worker';

/** The worker's activities as createWorker hands them to Temporal (Worker.create is stubbed). */
async function activitiesOf(parts: Parameters<typeof createWorker>[0]): Promise<Record<string, (...args: never[]) => Promise<unknown>>> {
  let options: WorkerOptions | undefined;
  const create = jest.spyOn(Worker, 'create').mockImplementation(async (o) => {
    options = o;
    return {} as Worker;
  });
  try {
    await createWorker(parts);
  } finally {
    create.mockRestore();
  }
  return options!.activities as Record<string, (...args: never[]) => Promise<unknown>>;
}

describe('createWorker', () => {
  let db: TestDatabase;
  let ds: DataSource;
  beforeEach(async () => {
    db = await createTestDatabase('sqlite');
    ds = await openDatabase(db.config, { migrate: true });
  });
  afterEach(async () => {
    await ds.destroy();
    await db.drop();
  });

  it('mails the admins of the mail settings it is given (WorkerParts.mail), not those of the configuration', async () => {
    const config = loadConfig({ MAIL_FROM: 'config@stations.example.org', ADMIN_EMAILS: 'config-admin@stations.example.org' }, '/tmp');
    const activities = await activitiesOf({
      config,
      dataSource: ds,
      client: {} as Client,
      connection: {} as NativeConnection,
      // no SMTP server: the mail lands in the outbox, where the spec reads it
      mail: { from: 'given@stations.example.org', adminEmails: ['given-admin@stations.example.org'] },
    });
    const notice = activities.noticePlainWeekdayYears as (round: unknown, years: unknown[]) => Promise<number>;
    const round = { roundId: 'r1', name: 'r1 培育批次', cityContacts: [{ name: '市三方办', email: 'city@cq.example.org' }] };
    const year = {
      year: '2027',
      deadlineKey: 'publication',
      deadline: '2027-02-10T15:59:59.000Z',
      checkpoint: 'on-the-day',
      sendAt: '2027-02-10T01:00:00.000Z',
    };
    expect(await new MockActivityEnvironment().run(() => notice(round, [year]))).toBe(1);

    const sent = (await ds.getRepository(OutboxMessageEntity).find()).map((m) => m.mail as OutgoingMail);
    expect(sent.map((m) => m.to)).toEqual([['given-admin@stations.example.org']]);
  });
});
