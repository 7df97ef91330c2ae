import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';

/** The expert panel's projection: which experts each station has and where their reviews stand. */
export class ExpertPanel1733400000000 implements MigrationInterface {
  name = 'ExpertPanel1733400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'station_experts',
        columns: [
          { name: 'station_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'expert_id', type: 'varchar', length: '100', isPrimary: true },
          { name: 'round_id', type: 'varchar', length: '36' },
          { name: 'stage', type: 'varchar', length: '24' },
          { name: 'review_id', type: 'varchar', length: '140', isNullable: true },
          { name: 'review_revision', type: 'integer', default: 0 },
          { name: 'reviewed_at', type: 'varchar', length: '30', isNullable: true },
          { name: 'decided', type: 'boolean', default: false },
        ],
        indices: [
          new TableIndex({ name: 'ix_station_experts_expert', columnNames: ['expert_id', 'round_id'] }),
          new TableIndex({ name: 'ix_station_experts_round_stage', columnNames: ['round_id', 'stage'] }),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('station_experts');
  }
}
