import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';

/**
 * Tokens, districts, rounds, the station projection and station history.
 * Written with TypeORM's schema builder so the same migration runs on SQLite and PostgreSQL.
 */
export class InitialSchema1732100000000 implements MigrationInterface {
  name = 'InitialSchema1732100000000';

  async up(q: QueryRunner): Promise<void> {
    const instant = (name: string, nullable = false) => ({ name, type: 'varchar', length: '30', isNullable: nullable });
    await q.createTable(
      new Table({
        name: 'api_tokens',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'token_hash', type: 'varchar', length: '64', isUnique: true },
          { name: 'role', type: 'varchar', length: '16' },
          { name: 'district_code', type: 'varchar', length: '12', isNullable: true },
          { name: 'station_id', type: 'varchar', length: '36', isNullable: true },
          { name: 'label', type: 'varchar', length: '200' },
          instant('created_at'),
          instant('revoked_at', true),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'districts',
        columns: [
          { name: 'code', type: 'varchar', length: '12', isPrimary: true },
          { name: 'name', type: 'varchar', length: '100' },
          { name: 'contacts', type: 'text' },
          instant('created_at'),
          instant('updated_at'),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'rounds',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'code', type: 'varchar', length: '64', isUnique: true },
          { name: 'name', type: 'varchar', length: '200' },
          { name: 'programme', type: 'varchar', length: '32' },
          { name: 'deadlines', type: 'text' },
          { name: 'service_cutoff', type: 'varchar', length: '10' },
          { name: 'reminders', type: 'text' },
          { name: 'city_contacts', type: 'text' },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'workflow_id', type: 'varchar', length: '100' },
          { name: 'version', type: 'integer', default: 0 },
          { name: 'state', type: 'text' },
          instant('created_at'),
          instant('updated_at'),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'stations',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'round_id', type: 'varchar', length: '36' },
          { name: 'district_code', type: 'varchar', length: '12' },
          { name: 'name', type: 'varchar', length: '200' },
          { name: 'stage', type: 'varchar', length: '24' },
          { name: 'outcome', type: 'varchar', length: '24', isNullable: true },
          { name: 'level', type: 'varchar', length: '16', isNullable: true },
          { name: 'overdue', type: 'boolean', default: false },
          instant('next_deadline', true),
          { name: 'application', type: 'text' },
          { name: 'state', type: 'text' },
          { name: 'version', type: 'integer' },
          { name: 'workflow_id', type: 'varchar', length: '100' },
          instant('created_at'),
          instant('updated_at'),
        ],
      }),
    );
    // Station lists filter by round, then district / stage / overdue, and page by id (cursor).
    await q.createIndex(
      'stations',
      new TableIndex({ name: 'ix_stations_round_district_stage', columnNames: ['round_id', 'district_code', 'stage'] }),
    );
    await q.createIndex('stations', new TableIndex({ name: 'ix_stations_round_stage', columnNames: ['round_id', 'stage'] }));
    await q.createIndex('stations', new TableIndex({ name: 'ix_stations_round_overdue', columnNames: ['round_id', 'overdue'] }));
    await q.createTable(
      new Table({
        name: 'station_events',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'station_id', type: 'varchar', length: '36' },
          { name: 'seq', type: 'integer' },
          { name: 'action', type: 'varchar', length: '40' },
          { name: 'actor', type: 'varchar', length: '200' },
          { name: 'role', type: 'varchar', length: '16' },
          instant('at'),
          { name: 'from_stage', type: 'varchar', length: '24', isNullable: true },
          { name: 'to_stage', type: 'varchar', length: '24' },
          { name: 'note', type: 'text', isNullable: true },
        ],
      }),
    );
    await q.createIndex(
      'station_events',
      new TableIndex({ name: 'ux_station_events_station_seq', columnNames: ['station_id', 'seq'], isUnique: true }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('station_events');
    await q.dropTable('stations');
    await q.dropTable('rounds');
    await q.dropTable('districts');
    await q.dropTable('api_tokens');
  }
}
