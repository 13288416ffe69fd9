import { type MigrationInterface, type QueryRunner, Table, TableIndex, TableUnique } from 'typeorm';

export class CreateXrefLink1764300000000 implements MigrationInterface {
  name = 'CreateXrefLink1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'xref_link',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'entity_type', type: 'varchar', length: '40' },
          { name: 'concord_id', type: 'varchar', length: '36' },
          { name: 'system', type: 'varchar', length: '200' },
          { name: 'value', type: 'varchar', length: '200' },
          { name: 'created_at', type: 'varchar', length: '30' },
          { name: 'merged_from', type: 'varchar', length: '36', isNullable: true },
        ],
        uniques: [new TableUnique({ name: 'uq_xref_link_identifier', columnNames: ['entity_type', 'system', 'value'] })],
      }),
    );
    await queryRunner.createIndex('xref_link', new TableIndex({ name: 'ix_xref_link_entity', columnNames: ['entity_type', 'concord_id'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('xref_link');
  }
}
