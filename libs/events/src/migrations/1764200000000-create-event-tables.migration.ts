import { type MigrationInterface, type QueryRunner, Table, TableIndex, TableUnique } from 'typeorm';

export class CreateEventTables1764200000000 implements MigrationInterface {
  name = 'CreateEventTables1764200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'event_outbox',
        columns: [
          { name: 'position', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'id', type: 'varchar', length: '36', isUnique: true },
          { name: 'aggregatetype', type: 'varchar', length: '60' },
          { name: 'aggregateid', type: 'varchar', length: '200' },
          { name: 'type', type: 'varchar', length: '120' },
          { name: 'payload', type: 'text' },
          { name: 'correlation_id', type: 'varchar', length: '64' },
          { name: 'occurred_at', type: 'varchar', length: '30' },
          { name: 'published_at', type: 'varchar', length: '30', isNullable: true },
          { name: 'publish_attempts', type: 'integer' },
          { name: 'last_error', type: 'varchar', length: '500', isNullable: true },
        ],
      }),
    );
    await queryRunner.createIndices('event_outbox', [
      new TableIndex({ name: 'ix_event_outbox_pending', columnNames: ['published_at', 'position'] }),
      new TableIndex({ name: 'ix_event_outbox_occurred', columnNames: ['occurred_at'] }),
      new TableIndex({ name: 'ix_event_outbox_correlation', columnNames: ['correlation_id'] }),
    ]);

    await queryRunner.createTable(
      new Table({
        name: 'event_inbox',
        columns: [
          { name: 'seq', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'subscriber', type: 'varchar', length: '100' },
          { name: 'event_id', type: 'varchar', length: '36' },
          { name: 'type', type: 'varchar', length: '120' },
          { name: 'partition_key', type: 'varchar', length: '200' },
          { name: 'correlation_id', type: 'varchar', length: '64' },
          { name: 'payload', type: 'text' },
          { name: 'status', type: 'varchar', length: '12' },
          { name: 'attempts', type: 'integer' },
          { name: 'next_attempt_at', type: 'varchar', length: '30' },
          { name: 'last_error', type: 'varchar', length: '2000', isNullable: true },
          { name: 'holds_key', type: 'boolean' },
          { name: 'received_at', type: 'varchar', length: '30' },
          { name: 'processed_at', type: 'varchar', length: '30', isNullable: true },
          { name: 'origin', type: 'varchar', length: '10' },
        ],
        uniques: [new TableUnique({ name: 'uq_event_inbox_delivery', columnNames: ['subscriber', 'event_id'] })],
      }),
    );
    await queryRunner.createIndices('event_inbox', [
      new TableIndex({ name: 'ix_event_inbox_status', columnNames: ['subscriber', 'status', 'seq'] }),
      new TableIndex({ name: 'ix_event_inbox_key', columnNames: ['subscriber', 'partition_key', 'status', 'seq'] }),
    ]);

    await queryRunner.createTable(
      new Table({
        name: 'event_dead_letter_edit',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'inbox_seq', type: 'integer' },
          { name: 'proposed_data', type: 'text' },
          { name: 'previous_data', type: 'text' },
          { name: 'reason', type: 'varchar', length: '500' },
          { name: 'proposed_by', type: 'varchar', length: '200' },
          { name: 'proposed_at', type: 'varchar', length: '30' },
          { name: 'status', type: 'varchar', length: '10' },
          { name: 'decided_by', type: 'varchar', length: '200', isNullable: true },
          { name: 'decided_at', type: 'varchar', length: '30', isNullable: true },
          { name: 'decision_comment', type: 'varchar', length: '500', isNullable: true },
        ],
      }),
    );
    await queryRunner.createIndex(
      'event_dead_letter_edit',
      new TableIndex({ name: 'ix_event_dead_letter_edit_entry', columnNames: ['inbox_seq'] }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'event_lease',
        columns: [
          { name: 'name', type: 'varchar', length: '150', isPrimary: true },
          { name: 'holder', type: 'varchar', length: '100' },
          { name: 'expires_at', type: 'varchar', length: '30' },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['event_lease', 'event_dead_letter_edit', 'event_inbox', 'event_outbox']) await queryRunner.dropTable(table);
  }
}
