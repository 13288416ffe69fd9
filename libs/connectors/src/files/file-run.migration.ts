import { type MigrationInterface, type QueryRunner, Table, TableIndex, TableUnique } from 'typeorm';

/** The file_run table of the file connector (claims and runs); apps that ingest files add it to their migrations. */
export class CreateFileRuns1764700000000 implements MigrationInterface {
  name = 'CreateFileRuns1764700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'file_run',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'feed', type: 'varchar', length: '60' },
          { name: 'content_hash', type: 'varchar', length: '64' },
          { name: 'file_name', type: 'varchar', length: '200' },
          { name: 'size', type: 'integer' },
          { name: 'origin', type: 'varchar', length: '10' },
          { name: 'status', type: 'varchar', length: '12' },
          { name: 'attempts', type: 'integer' },
          { name: 'claimed_by', type: 'varchar', length: '64' },
          { name: 'claimed_at', type: 'varchar', length: '30' },
          { name: 'completed_at', type: 'varchar', length: '30', isNullable: true },
          { name: 'accepted', type: 'integer' },
          { name: 'rejected', type: 'integer' },
          { name: 'unchanged', type: 'integer' },
          { name: 'report', type: 'text', isNullable: true },
          { name: 'disposed_as', type: 'varchar', length: '220', isNullable: true },
        ],
        uniques: [new TableUnique({ name: 'uq_file_run_content', columnNames: ['feed', 'content_hash'] })],
      }),
    );
    await queryRunner.createIndex('file_run', new TableIndex({ name: 'ix_file_run_feed', columnNames: ['feed', 'claimed_at'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('file_run');
  }
}
