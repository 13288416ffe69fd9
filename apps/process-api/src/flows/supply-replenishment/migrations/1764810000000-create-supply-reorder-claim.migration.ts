import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';

const str = (name: string, length: number) => ({ name, type: 'varchar', length: String(length), isNullable: false });

export class CreateSupplyReorderClaim1764810000000 implements MigrationInterface {
  name = 'CreateSupplyReorderClaim1764810000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'supply_reorder_claim',
        columns: [
          { ...str('item_id', 40), isPrimary: true },
          { ...str('location_id', 40), isPrimary: true },
          str('flow_id', 36),
          str('claimed_at', 30),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('supply_reorder_claim');
  }
}
