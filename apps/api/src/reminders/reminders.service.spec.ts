import type { OutgoingMail } from '@app/domain';
import { openDatabase, ReminderLogRepository, StationEntity } from '@app/persistence';
import { createTestDatabase } from '@app/persistence/testing';
import type { Principal } from '../auth/principal';
import { RemindersService } from './reminders.service';

const DISTRICT = '500103';
const station = (id: string, email: string): StationEntity => ({
  id,
  roundId: 'r1',
  districtCode: DISTRICT,
  name: `站点${id}`,
  stage: 'self_assessment',
  outcome: null,
  level: null,
  overdue: false,
  nextDeadline: null,
  application: { contact: { name: '联系人', email } },
  state: {},
  version: 1,
  workflowId: `station-${id}`,
  createdAt: '2024-09-01T00:00:00.000Z',
  updatedAt: '2024-09-01T00:00:00.000Z',
});
const mail: OutgoingMail = {
  messageId: '<d@x>',
  to: ['district@example.org'],
  cc: ['a@station.example', 'b@station.example'],
  subject: '自评提醒',
  text: 't',
  html: '<p>h</p>',
  ics: { filename: 'd.ics', content: 'BEGIN:VCALENDAR' },
};
const who = (role: Principal['role'], stationId: string | null = null): Principal => ({
  tokenId: 't',
  role,
  label: role,
  districtCode: role === 'district' ? DISTRICT : null,
  stationId,
  userId: null,
  kind: 'token',
});

describe('reminders as a station sees them', () => {
  it("lists the digests of its station with its own id alone and without another station's contact", async () => {
    const db = await createTestDatabase('sqlite');
    const ds = await openDatabase(db.config, { migrate: true });
    try {
      await ds
        .getRepository(StationEntity)
        .save([station('a', 'a@station.example'), station('b', 'B@station.example'), station('c', 'c@station.example')]);
      const checkpoint = {
        roundId: 'r1',
        kind: 'district' as const,
        districtCode: DISTRICT,
        deadlineKey: 'selfAssessment' as const,
        deadline: '2024-09-30T15:59:59.000Z',
        checkpoint: 'before:P7D',
      };
      await new ReminderLogRepository(ds).record([
        { ...checkpoint, key: 'r1|ab', stationIds: ['a', 'b'], mail },
        { ...checkpoint, key: 'r1|c', stationIds: ['c'], mail: { ...mail, messageId: '<c@x>', cc: ['c@station.example'] } },
      ]);
      const service = new RemindersService(ds);

      const district = (await service.list({}, who('district'))).items;
      expect(district.map((r) => [...r.stationIds].sort())).toEqual(expect.arrayContaining([['a', 'b'], ['c']]));
      expect(district.find((r) => r.stationIds.length === 2)?.recipients).toEqual([
        'district@example.org',
        'a@station.example',
        'b@station.example',
      ]);

      const own = (await service.list({}, who('station', 'a'))).items;
      expect(own.map((r) => ({ stationIds: r.stationIds, recipients: r.recipients, recipient: r.recipient }))).toEqual([
        {
          stationIds: ['a'],
          recipients: ['district@example.org', 'a@station.example'],
          recipient: 'district@example.org, a@station.example',
        },
      ]);
      // a station token without a station sees nothing rather than its district's digests
      expect((await service.list({}, who('station', null))).items).toEqual([]);
    } finally {
      await ds.destroy();
      await db.drop();
    }
  });
});
