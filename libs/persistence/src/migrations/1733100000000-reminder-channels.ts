import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/**
 * Reminders on the group robots' channels: each stored delivery says its channel (the rows
 * before were all mail) and, for a robot, the message and the webhook it is posted to.
 */
export class ReminderChannels1733100000000 implements MigrationInterface {
  name = 'ReminderChannels1733100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns('reminders', [
      new TableColumn({ name: 'channel', type: 'varchar', length: '12', default: "'mail'" }),
      new TableColumn({ name: 'robot', type: 'text', isNullable: true }),
    ]);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('reminders', 'robot');
    await q.dropColumn('reminders', 'channel');
  }
}
