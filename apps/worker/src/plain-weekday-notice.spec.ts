import { MockActivityEnvironment } from '@temporalio/testing';
import type { DataSource } from 'typeorm';
import type { OutgoingMail } from '@app/domain';
import { ReminderRenderer } from '@app/mail';
import { openDatabase, ReminderEntity, ReminderLogRepository } from '@app/persistence';
import { createTestDatabase, TestDatabase } from '@app/persistence/testing';
import { createActivities, type PlainWeekdayYearReport } from '@app/activities';

/** A mailer that keeps what it was given. */
class RecordingMailer {
  readonly sent: OutgoingMail[] = [];
  async send(mail: OutgoingMail): Promise<void> {
    this.sent.push(mail);
  }
}

const report = (year: string): PlainWeekdayYearReport => ({
  year,
  deadlineKey: 'publication',
  deadline: `${year}-02-10T15:59:59.000Z`,
  checkpoint: 'on-the-day',
  sendAt: `${year}-02-10T01:00:00.000Z`,
});
const round = (roundId: string, cityEmail = 'city@cq.example.org') => ({
  roundId,
  name: `${roundId} 培育批次`,
  cityContacts: [{ name: '市三方办', email: cityEmail }],
});

/**
 * The notice to admins of a year missing from the work calendar (DOMAIN.md decision): one mail per
 * year, not per round or checkpoint, exactly once across restarts (the log's key is the year's).
 */
describe('the notice of a year missing from the work calendar', () => {
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

  /** The activities as a (re)started worker builds them, over the same database. */
  const worker = (mailer: RecordingMailer, adminEmails: string[] = []) =>
    createActivities({
      reminderLog: new ReminderLogRepository(ds),
      renderer: new ReminderRenderer('站点培育 <no-reply@stations.example.org>'),
      mailer,
      adminEmails,
    } as Partial<Parameters<typeof createActivities>[0]> as Parameters<typeof createActivities>[0]);
  const run = <T>(fn: () => Promise<T>) => new MockActivityEnvironment().run(fn);

  it('mails the admins once per year, whichever rounds find it and however often the worker restarts', async () => {
    const mailer = new RecordingMailer();
    const admins = ['it@cq.example.org', 'ops@cq.example.org'];
    expect(await run(() => worker(mailer, admins).noticePlainWeekdayYears(round('r1'), [report('2027')]))).toBe(1);
    // The same round again (a retry, continue-as-new), another round, a restarted worker: nothing more.
    expect(await run(() => worker(mailer, admins).noticePlainWeekdayYears(round('r1'), [report('2027')]))).toBe(0);
    expect(await run(() => worker(new RecordingMailer(), admins).noticePlainWeekdayYears(round('r2'), [report('2027')]))).toBe(0);
    expect(mailer.sent).toHaveLength(1);
    expect(mailer.sent[0].to).toEqual(admins);
    expect(mailer.sent[0].subject).toContain('2027 年节假日安排尚未录入');
    expect(mailer.sent[0].text).toContain('r1 培育批次');
    expect(mailer.sent[0].text).toContain('PUT /api/work-calendar/2027');
    // A second missing year is a second notice.
    expect(await run(() => worker(mailer, admins).noticePlainWeekdayYears(round('r2'), [report('2027'), report('2028')]))).toBe(1);
    expect(mailer.sent.map((m) => m.subject.match(/\d{4}/)?.[0])).toEqual(['2027', '2028']);
    const rows = await ds.getRepository(ReminderEntity).find({ where: { kind: 'calendar_notice' }, order: { key: 'ASC' } });
    expect(rows.map((r) => [r.roundId, r.status])).toEqual([
      ['r1', 'sent'],
      ['r2', 'sent'],
    ]);
  });

  it("tells the round's city contacts when ADMIN_EMAILS is not set", async () => {
    const mailer = new RecordingMailer();
    await run(() => worker(mailer).noticePlainWeekdayYears(round('r1', 'sanfangban@cq.example.org'), [report('2027')]));
    expect(mailer.sent.map((m) => m.to)).toEqual([['sanfangban@cq.example.org']]);
  });

  it('resumes a notice stored but not sent when the worker crashed', async () => {
    const crashing = {
      send: async () => {
        throw new Error('connection reset');
      },
    };
    await expect(
      run(() => worker(crashing as unknown as RecordingMailer).noticePlainWeekdayYears(round('r1'), [report('2027')])),
    ).rejects.toThrow('connection reset');
    const mailer = new RecordingMailer();
    expect(await run(() => worker(mailer).noticePlainWeekdayYears(round('r1'), [report('2027')]))).toBe(1);
    expect(mailer.sent).toHaveLength(1);
  });
});
