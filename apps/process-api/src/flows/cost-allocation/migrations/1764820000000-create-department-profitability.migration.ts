import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';

const str = (name: string, length: number, nullable = false) => ({ name, type: 'varchar', length: String(length), isNullable: nullable });
const cents = (name: string) => ({ name, type: 'bigint', isNullable: false });

export class CreateDepartmentProfitability1764820000000 implements MigrationInterface {
  name = 'CreateDepartmentProfitability1764820000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'department_profitability',
        columns: [
          { ...str('department_code', 10), isPrimary: true },
          { ...str('period', 7), isPrimary: true },
          str('currency', 3),
          cents('gross_revenue_cents'),
          cents('contractual_allowances_cents'),
          cents('net_revenue_cents'),
          cents('supply_cost_cents'),
          cents('labour_cost_cents'),
          cents('direct_margin_cents'),
          cents('allocated_shared_cost_cents'),
          cents('margin_after_allocation_cents'),
          { name: 'revenue_share_ppm', type: 'integer', isNullable: false },
          str('allocation_journal_id', 64, true),
          str('flow_id', 36),
          str('computed_at', 30),
          str('closed_at', 30, true),
        ],
      }),
    );
    await queryRunner.createIndex(
      'department_profitability',
      new TableIndex({ name: 'ix_department_profitability_period', columnNames: ['period'] }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('department_profitability');
  }
}
