import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';

/** The paperwork of a round: attachments' metadata (the bytes are in the file store) and comment threads. */
export class Paperwork1733300000000 implements MigrationInterface {
  name = 'Paperwork1733300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'attachments',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'station_id', type: 'varchar', length: '36' },
          { name: 'name', type: 'varchar', length: '200' },
          { name: 'size', type: 'integer' },
          { name: 'sha256', type: 'varchar', length: '64' },
          { name: 'content_type', type: 'varchar', length: '100' },
          { name: 'purpose', type: 'varchar', length: '24' },
          { name: 'have', type: 'varchar', length: '24', isNullable: true },
          { name: 'note', type: 'varchar', length: '500', isNullable: true },
          { name: 'stage', type: 'varchar', length: '24' },
          { name: 'uploaded_by', type: 'varchar', length: '200' },
          { name: 'uploader_id', type: 'varchar', length: '36' },
          { name: 'uploader_role', type: 'varchar', length: '16' },
          { name: 'uploaded_at', type: 'varchar', length: '30' },
        ],
        indices: [
          new TableIndex({ name: 'ix_attachments_station', columnNames: ['station_id', 'uploaded_at'] }),
          new TableIndex({ name: 'ix_attachments_sha256', columnNames: ['sha256'] }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'station_comments',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'station_id', type: 'varchar', length: '36' },
          { name: 'author', type: 'varchar', length: '200' },
          { name: 'author_id', type: 'varchar', length: '36' },
          { name: 'author_role', type: 'varchar', length: '16' },
          { name: 'text', type: 'text' },
          { name: 'created_at', type: 'varchar', length: '30' },
        ],
        indices: [new TableIndex({ name: 'ix_station_comments_station', columnNames: ['station_id', 'id'] })],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('station_comments');
    await q.dropTable('attachments');
  }
}
