import type { OutgoingMail, ReminderRecord } from '@app/domain';
import { openDatabase } from '../data-source';
import { OutboxMessageEntity } from '../entities/outbox-message.entity';
import { ReminderEntity, ReminderStationEntity } from '../entities/reminder.entity';
import { createTestDatabase, TEST_DATABASE_KINDS } from '../testing/test-databases';
import { OutboxRepository } from './outbox.repository';
import { checkpointKeyOf, ReminderLogRepository } from './reminder-log.repository';
import { WorkCalendarRepository } from './work-calendar.repository';

const CHECKPOINT = 'recommendation|2024-12-08T15:59:59.000Z|before:P7D';
const mail = (n: string): OutgoingMail => ({
  messageId: `<${n}@x>`,
  to: [`${n}@example.org`],
  cc: [],
  subject: `提醒 ${n}`,
  text: 't',
  html: '<p>h</p>',
  ics: { filename: 'd.ics', content: 'BEGIN:VCALENDAR' },
});
const record = (recipient: string, stationIds: string[], subject = recipient): ReminderRecord => ({
  key: `r1|${CHECKPOINT}|${recipient}`,
  roundId: 'r1',
  kind: 'district',
  districtCode: '500103',
  deadlineKey: 'recommendation',
  deadline: '2024-12-08T15:59:59.000Z',
  checkpoint: 'before:P7D',
  stationIds,
  mail: mail(subject),
});

describe.each(TEST_DATABASE_KINDS)('reminder log on %s', (kind) => {
  it('stores each reminder once under its key, keeps the first version, and sends only what is pending', async () => {
    const db = await createTestDatabase(kind);
    const ds = await openDatabase(db.config, { migrate: true });
    try {
      const log = new ReminderLogRepository(ds);
      await log.record([record('district:500103', ['s1', 's2']), record('district:500105', ['s3'])]);
      // A retry composes again (maybe differently): nothing is duplicated, the stored one stands.
      await log.record([record('district:500103', ['s1', 's2', 's9'], 'changed')]);
      expect(await ds.getRepository(ReminderEntity).count()).toBe(2);
      const pending = await log.pending('r1', CHECKPOINT);
      expect(pending.map((r) => [r.key.split('|').pop(), r.mail.subject, r.checkpointKey])).toEqual([
        ['district:500103', '提醒 district:500103', CHECKPOINT],
        ['district:500105', '提醒 district:500105', CHECKPOINT],
      ]);
      expect(
        (await ds.getRepository(ReminderStationEntity).find({ where: { reminderId: pending[0].id } })).map((l) => l.stationId).sort(),
      ).toEqual(['s1', 's2', 's9']);

      await log.markAttemptFailed(pending[0].id, '451 try later');
      await log.markSent(pending[0].id, new Date('2024-12-01T01:00:00Z'));
      await log.markFailed(pending[1].id, '550 no such user', new Date('2024-12-01T01:00:01Z'));
      expect(await log.pending('r1', CHECKPOINT)).toEqual([]);
      const rows = await ds.getRepository(ReminderEntity).find({ order: { key: 'ASC' } });
      expect(rows.map((r) => [r.status, r.attempts, r.lastError])).toEqual([
        ['sent', 2, '451 try later'],
        ['failed', 1, '550 no such user'],
      ]);
      expect(checkpointKeyOf(rows[0].key)).toBe(CHECKPOINT);
    } finally {
      await ds.destroy();
      await db.drop();
    }
  });

  it('stores a checkpoint of more reminders than one statement holds, each with its stations, and a retry adds only stations', async () => {
    const db = await createTestDatabase(kind);
    const ds = await openDatabase(db.config, { migrate: true });
    try {
      const log = new ReminderLogRepository(ds);
      const districts = Array.from({ length: 230 }, (_, i) => `district:5${String(i).padStart(5, '0')}`);
      const stationsOf = (i: number) => Array.from({ length: 6 }, (_, j) => `s${i}-${j}`);
      // the same key twice in one call is one reminder
      await log.record([...districts.map((d, i) => record(d, stationsOf(i))), record(districts[7], ['s7-extra'])]);
      await log.record(districts.map((d, i) => record(d, [...stationsOf(i), `s${i}-late`], 'retry')));
      const pending = await log.pending('r1', CHECKPOINT);
      expect(pending.map((r) => r.key.split('|').pop())).toEqual([...districts].sort());
      expect(new Set(pending.map((r) => r.mail.subject)).size).toBe(districts.length); // the first version stands
      const links = await ds.getRepository(ReminderStationEntity).find();
      expect(links).toHaveLength(districts.length * 7 + 1);
      const seventh = pending.find((r) => r.key.endsWith(districts[7]))!;
      expect(
        links
          .filter((l) => l.reminderId === seventh.id)
          .map((l) => l.stationId)
          .sort(),
      ).toEqual([...stationsOf(7), 's7-extra', 's7-late'].sort());
    } finally {
      await ds.destroy();
      await db.drop();
    }
  });

  it('keeps one outbox copy per Message-ID and seeds the work calendar', async () => {
    const db = await createTestDatabase(kind);
    const ds = await openDatabase(db.config, { migrate: true });
    try {
      const outbox = new OutboxRepository(ds);
      await outbox.send(mail('a'));
      await outbox.send(mail('a'));
      expect(await ds.getRepository(OutboxMessageEntity).count()).toBe(1);

      const calendars = new WorkCalendarRepository(ds);
      const shipped = await calendars.workCalendar();
      expect(Object.keys(shipped.years)).toEqual(expect.arrayContaining(['2023', '2024', '2025', '2026']));
      expect(shipped.years['2024'].adjustedWorkdays).toContain('2024-10-12');
      await calendars.put({ years: { '2027': { holidays: ['2027-01-01'], adjustedWorkdays: [] } } }, '测试', 'admin');
      expect((await calendars.workCalendar()).years['2027']).toEqual({ holidays: ['2027-01-01'], adjustedWorkdays: [] });
    } finally {
      await ds.destroy();
      await db.drop();
    }
  });
});
