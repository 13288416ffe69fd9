import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';

/** The event-fed record of discharges the discharges-claims rule reads. */
export class CreateReconciliationDischarge1764830000001 implements MigrationInterface {
  name = 'CreateReconciliationDischarge1764830000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'recon_discharge',
        columns: [
          { name: 'encounter_id', type: 'varchar', length: '64', isPrimary: true },
          { name: 'discharged_at', type: 'varchar', length: '30' },
          { name: 'event_id', type: 'varchar', length: '64' },
          { name: 'recorded_at', type: 'varchar', length: '30' },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('recon_discharge');
  }
}
