import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';

/**
 * People's accounts (issue #13): users, their sessions, the one-time links of invitations and
 * password resets, and the person an audit line names (`audit_log.user_id`; null for a token).
 */
export class Accounts1733000000000 implements MigrationInterface {
  name = 'Accounts1733000000000';

  async up(q: QueryRunner): Promise<void> {
    const instant = (name: string, nullable = false) => ({ name, type: 'varchar', length: '30', isNullable: nullable });
    await q.createTable(
      new Table({
        name: 'users',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'username', type: 'varchar', length: '64', isUnique: true },
          { name: 'display_name', type: 'varchar', length: '100' },
          { name: 'email', type: 'varchar', length: '254' },
          { name: 'role', type: 'varchar', length: '16' },
          { name: 'district_code', type: 'varchar', length: '12', isNullable: true },
          { name: 'station_id', type: 'varchar', length: '36', isNullable: true },
          { name: 'disabled', type: 'boolean', default: false },
          { name: 'password_hash', type: 'varchar', length: '200', isNullable: true },
          { name: 'totp_secret', type: 'varchar', length: '64', isNullable: true },
          { name: 'totp_enrolled', type: 'boolean', default: false },
          { name: 'totp_last_step', type: 'integer', isNullable: true },
          { name: 'recovery_codes', type: 'text', isNullable: true },
          { name: 'created_by', type: 'varchar', length: '36' },
          { name: 'created_by_role', type: 'varchar', length: '16' },
          instant('created_at'),
          instant('updated_at'),
          instant('password_changed_at', true),
        ],
        indices: [new TableIndex({ name: 'ix_users_email', columnNames: ['email'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'sessions',
        columns: [
          { name: 'id', type: 'varchar', length: '64', isPrimary: true },
          { name: 'user_id', type: 'varchar', length: '36' },
          { name: 'csrf_token', type: 'varchar', length: '64' },
          { name: 'method', type: 'varchar', length: '24' },
          { name: 'user_agent', type: 'varchar', length: '300', isNullable: true },
          { name: 'ip', type: 'varchar', length: '64', isNullable: true },
          instant('created_at'),
          instant('last_seen_at'),
          instant('expires_at'),
        ],
        indices: [new TableIndex({ name: 'ix_sessions_user', columnNames: ['user_id'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'one_time_tokens',
        columns: [
          { name: 'id', type: 'varchar', length: '64', isPrimary: true },
          { name: 'user_id', type: 'varchar', length: '36' },
          { name: 'purpose', type: 'varchar', length: '20' },
          instant('created_at'),
          instant('expires_at'),
          instant('used_at', true),
        ],
        indices: [new TableIndex({ name: 'ix_one_time_tokens_user', columnNames: ['user_id', 'purpose'] })],
      }),
    );
    await q.addColumn('audit_log', new TableColumn({ name: 'user_id', type: 'varchar', length: '36', isNullable: true }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('audit_log', 'user_id');
    await q.dropTable('one_time_tokens');
    await q.dropTable('sessions');
    await q.dropTable('users');
  }
}
