import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';

const varchar = (name: string, length: number, nullable = false) => ({
  name,
  type: 'varchar',
  length: String(length),
  isNullable: nullable,
});
const integer = (name: string) => ({ name, type: 'integer' });

export class CreateEhrMessage1764450000000 implements MigrationInterface {
  name = 'CreateEhrMessage1764450000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'ehr_message',
        columns: [
          { ...varchar('id', 40), isPrimary: true },
          { ...varchar('dedupe_key', 460, true), isUnique: true },
          varchar('control_id', 200),
          varchar('sending_application', 227, true),
          varchar('sending_facility', 227, true),
          varchar('message_type', 20),
          varchar('patient_identifiers', 1000),
          { name: 'raw', type: 'text' },
          varchar('status', 12),
          varchar('reason', 1000, true),
          { name: 'ack', type: 'text' },
          varchar('ack_code', 2),
          integer('event_count'),
          integer('attempts'),
          integer('duplicates'),
          varchar('remote_address', 64, true),
          varchar('received_at', 30),
          varchar('processed_at', 30, true),
          varchar('updated_at', 30),
        ],
      }),
    );
    await queryRunner.createIndices('ehr_message', [
      new TableIndex({ name: 'ix_ehr_message_received', columnNames: ['received_at'] }),
      new TableIndex({ name: 'ix_ehr_message_control', columnNames: ['control_id'] }),
      new TableIndex({ name: 'ix_ehr_message_status', columnNames: ['status', 'received_at'] }),
    ]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('ehr_message');
  }
}
