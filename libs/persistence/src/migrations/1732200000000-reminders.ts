import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { CN_MAINLAND_WORK_CALENDAR } from '@app/domain';
import { WorkCalendarYearEntity } from '../entities/work-calendar-year.entity';

/**
 * Reminders (the idempotency log), the stations each listed, the embedded outbox, and the work
 * calendar, seeded with the years the project ships (2023–2026); admins add later years by API.
 */
export class Reminders1732200000000 implements MigrationInterface {
  name = 'Reminders1732200000000';

  async up(q: QueryRunner): Promise<void> {
    const instant = (name: string, nullable = false) => ({ name, type: 'varchar', length: '30', isNullable: nullable });
    await q.createTable(
      new Table({
        name: 'reminders',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'key', type: 'varchar', length: '300', isUnique: true },
          { name: 'round_id', type: 'varchar', length: '36' },
          { name: 'kind', type: 'varchar', length: '20' },
          { name: 'district_code', type: 'varchar', length: '12', isNullable: true },
          { name: 'deadline_key', type: 'varchar', length: '24' },
          instant('deadline'),
          { name: 'checkpoint', type: 'varchar', length: '40' },
          { name: 'checkpoint_key', type: 'varchar', length: '120' },
          { name: 'recipients', type: 'text' },
          { name: 'subject', type: 'varchar', length: '300' },
          { name: 'message_id', type: 'varchar', length: '200' },
          { name: 'mail', type: 'text' },
          { name: 'status', type: 'varchar', length: '12' },
          { name: 'attempts', type: 'integer', default: 0 },
          { name: 'last_error', type: 'text', isNullable: true },
          instant('created_at'),
          instant('sent_at', true),
        ],
        indices: [
          new TableIndex({ name: 'ix_reminders_round_checkpoint', columnNames: ['round_id', 'checkpoint_key'] }),
          new TableIndex({ name: 'ix_reminders_round_district', columnNames: ['round_id', 'district_code'] }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'reminder_stations',
        columns: [
          { name: 'reminder_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'station_id', type: 'varchar', length: '36', isPrimary: true },
        ],
        indices: [new TableIndex({ name: 'ix_reminder_stations_station', columnNames: ['station_id'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'outbox_messages',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'message_id', type: 'varchar', length: '200', isUnique: true },
          { name: 'mail', type: 'text' },
          instant('created_at'),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'work_calendar_years',
        columns: [
          { name: 'year', type: 'varchar', length: '4', isPrimary: true },
          { name: 'holidays', type: 'text' },
          { name: 'adjusted_workdays', type: 'text' },
          { name: 'source', type: 'varchar', length: '200', isNullable: true },
          instant('updated_at'),
          { name: 'updated_by', type: 'varchar', length: '200' },
        ],
      }),
    );
    const seededAt = new Date().toISOString();
    for (const [year, y] of Object.entries(CN_MAINLAND_WORK_CALENDAR.years)) {
      await q.manager.insert(WorkCalendarYearEntity, {
        year,
        holidays: [...y.holidays],
        adjustedWorkdays: [...y.adjustedWorkdays],
        source: '国务院办公厅放假安排通知',
        updatedAt: seededAt,
        updatedBy: 'system',
      });
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['work_calendar_years', 'outbox_messages', 'reminder_stations', 'reminders']) await q.dropTable(table);
  }
}
