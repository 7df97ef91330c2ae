import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';

/**
 * The audit log (who did what, when), and indexes that serve the station list page by page.
 *
 * Station lists filter by round and optionally district and stage, and page by id (the cursor):
 * `WHERE round_id = ? AND district_code = ? AND stage = ? AND id > ? ORDER BY id`. With `id` as
 * the indexes' last column a page is read in index order instead of sorting every matching row
 * (the city office's list of a round of 10,000 stations sorted them all for each page of 50; see
 * `npm run bench`, measure 7). (round_id, district_code, stage, id) replaces
 * ix_stations_round_district_stage, of which it is a superset (the stage counts per district use it).
 */
export class AuditLog1732350000000 implements MigrationInterface {
  name = 'AuditLog1732350000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'audit_log',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'created_at', type: 'varchar', length: '30' },
          { name: 'token_id', type: 'varchar', length: '36' },
          { name: 'actor', type: 'varchar', length: '200' },
          { name: 'role', type: 'varchar', length: '16' },
          { name: 'action', type: 'varchar', length: '60' },
          { name: 'target_type', type: 'varchar', length: '24' },
          { name: 'target_id', type: 'varchar', length: '100', isNullable: true },
          { name: 'from_stage', type: 'varchar', length: '24', isNullable: true },
          { name: 'to_stage', type: 'varchar', length: '24', isNullable: true },
          { name: 'details', type: 'text', isNullable: true },
        ],
        indices: [
          new TableIndex({ name: 'ix_audit_log_created_at', columnNames: ['created_at'] }),
          new TableIndex({ name: 'ix_audit_log_target', columnNames: ['target_id', 'id'] }),
          new TableIndex({ name: 'ix_audit_log_action', columnNames: ['action', 'id'] }),
        ],
      }),
    );
    await q.createIndex(
      'stations',
      new TableIndex({ name: 'ix_stations_round_district_stage_id', columnNames: ['round_id', 'district_code', 'stage', 'id'] }),
    );
    await q.createIndex('stations', new TableIndex({ name: 'ix_stations_round_id', columnNames: ['round_id', 'id'] }));
    await q.dropIndex('stations', 'ix_stations_round_district_stage');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.createIndex(
      'stations',
      new TableIndex({ name: 'ix_stations_round_district_stage', columnNames: ['round_id', 'district_code', 'stage'] }),
    );
    await q.dropIndex('stations', 'ix_stations_round_id');
    await q.dropIndex('stations', 'ix_stations_round_district_stage_id');
    await q.dropTable('audit_log');
  }
}
