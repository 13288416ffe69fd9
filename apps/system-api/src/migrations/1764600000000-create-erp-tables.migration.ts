import { type MigrationInterface, type QueryRunner, Table, TableUnique } from 'typeorm';

export class CreateErpTables1764600000000 implements MigrationInterface {
  name = 'CreateErpTables1764600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'erp_sync_state',
        columns: [
          { name: 'name', type: 'varchar', length: '40', isPrimary: true },
          { name: 'watermark', type: 'varchar', length: '40', isNullable: true },
          { name: 'updated_at', type: 'varchar', length: '30' },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'erp_unknown_clinical_item',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'system', type: 'varchar', length: '200' },
          { name: 'value', type: 'varchar', length: '64' },
          { name: 'occurrences', type: 'integer' },
          { name: 'first_seen_at', type: 'varchar', length: '30' },
          { name: 'last_seen_at', type: 'varchar', length: '30' },
          { name: 'last_department', type: 'varchar', length: '10', isNullable: true },
        ],
        uniques: [new TableUnique({ name: 'uq_erp_unknown_clinical_item', columnNames: ['system', 'value'] })],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('erp_unknown_clinical_item');
    await queryRunner.dropTable('erp_sync_state');
  }
}
