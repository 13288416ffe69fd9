import { type MigrationInterface, type QueryRunner, Table, TableUnique } from 'typeorm';

export class CreateFileDepositMatch1764700000001 implements MigrationInterface {
  name = 'CreateFileDepositMatch1764700000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'file_deposit_match',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'run_id', type: 'varchar', length: '36' },
          { name: 'line', type: 'integer' },
          { name: 'remittance_id', type: 'varchar', length: '40' },
          { name: 'trace_number', type: 'varchar', length: '50' },
          { name: 'amount', type: 'integer' },
          { name: 'deposit_date', type: 'varchar', length: '10' },
          { name: 'matched_at', type: 'varchar', length: '30' },
        ],
        uniques: [new TableUnique({ name: 'uq_file_deposit_match_remittance', columnNames: ['remittance_id'] })],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('file_deposit_match');
  }
}
