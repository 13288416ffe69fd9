import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';

export class CreateAuditEvent1764000000000 implements MigrationInterface {
  name = 'CreateAuditEvent1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'audit_event',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'seq', type: 'integer', isUnique: true },
          { name: 'recorded_at', type: 'varchar', length: '30' },
          { name: 'source_app', type: 'varchar', length: '40' },
          { name: 'action', type: 'varchar', length: '1' },
          { name: 'subtype', type: 'varchar', length: '40' },
          { name: 'outcome', type: 'varchar', length: '2' },
          { name: 'agent', type: 'varchar', length: '200' },
          { name: 'agent_user', type: 'varchar', length: '200', isNullable: true },
          { name: 'actors', type: 'varchar', length: '500', isNullable: true },
          { name: 'patient_id', type: 'varchar', length: '128', isNullable: true },
          { name: 'purpose_of_use', type: 'varchar', length: '40', isNullable: true },
          { name: 'entity_type', type: 'varchar', length: '60' },
          { name: 'entity_id', type: 'varchar', length: '128', isNullable: true },
          { name: 'query_parameters', type: 'varchar', length: '500', isNullable: true },
          { name: 'route', type: 'varchar', length: '200' },
          { name: 'request_id', type: 'varchar', length: '128' },
          { name: 'trace_id', type: 'varchar', length: '32' },
          { name: 'prev_hash', type: 'varchar', length: '64' },
          { name: 'hash', type: 'varchar', length: '64' },
        ],
      }),
    );
    await queryRunner.createIndex(
      'audit_event',
      new TableIndex({ name: 'ix_audit_event_entity', columnNames: ['entity_type', 'entity_id'] }),
    );
    await queryRunner.createIndex('audit_event', new TableIndex({ name: 'ix_audit_event_recorded', columnNames: ['recorded_at'] }));
    await queryRunner.createIndex('audit_event', new TableIndex({ name: 'ix_audit_event_patient', columnNames: ['patient_id'] }));
    await queryRunner.createIndex('audit_event', new TableIndex({ name: 'ix_audit_event_agent', columnNames: ['agent'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('audit_event');
  }
}
