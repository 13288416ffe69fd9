import { type MigrationInterface, type QueryRunner, Table, TableIndex, TableUnique } from 'typeorm';

const text = (name: string, nullable = false) => ({ name, type: 'text', isNullable: nullable });
const str = (name: string, length: number, nullable = false) => ({ name, type: 'varchar', length: String(length), isNullable: nullable });
const int = (name: string, nullable = false) => ({ name, type: 'integer', isNullable: nullable });

export class CreateFlowTables1764400000000 implements MigrationInterface {
  name = 'CreateFlowTables1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'flow_instance',
        columns: [
          { ...str('id', 36), isPrimary: true },
          str('type', 60),
          int('version'),
          str('start_key', 200),
          str('status', 15),
          str('current_step', 60, true),
          int('attempts'),
          int('replay_revision'),
          text('state'),
          text('waiting', true),
          str('wait_subject', 200, true),
          str('correlation_id', 64),
          str('started_at', 30),
          str('updated_at', 30),
          str('completed_at', 30, true),
          str('sla_due_at', 30, true),
          str('next_run_at', 30, true),
          str('lease_owner', 100, true),
          str('lease_until', 30, true),
          str('last_error', 2000, true),
          int('revision'),
        ],
        uniques: [new TableUnique({ name: 'uq_flow_instance_start', columnNames: ['type', 'start_key'] })],
      }),
    );
    await queryRunner.createIndices('flow_instance', [
      new TableIndex({ name: 'ix_flow_instance_runnable', columnNames: ['status', 'next_run_at'] }),
      new TableIndex({ name: 'ix_flow_instance_type', columnNames: ['type', 'status', 'started_at'] }),
      new TableIndex({ name: 'ix_flow_instance_correlation', columnNames: ['correlation_id'] }),
      new TableIndex({ name: 'ix_flow_instance_wait', columnNames: ['wait_subject'] }),
    ]);

    await queryRunner.createTable(
      new Table({
        name: 'flow_step_record',
        columns: [
          { ...str('id', 36), isPrimary: true },
          str('flow_id', 36),
          int('seq'),
          str('step', 60),
          str('kind', 20),
          int('attempt'),
          text('input', true),
          text('output', true),
          str('error', 2000, true),
          str('actor', 200, true),
          str('at', 30),
          int('duration_ms', true),
        ],
      }),
    );
    await queryRunner.createIndex(
      'flow_step_record',
      new TableIndex({ name: 'ix_flow_step_record_flow', columnNames: ['flow_id', 'seq'] }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'flow_key',
        columns: [
          { ...str('id', 36), isPrimary: true },
          str('flow_id', 36),
          str('role', 10),
          str('name', 60),
          str('value', 200),
          str('step', 60, true),
          str('at', 30),
        ],
      }),
    );
    await queryRunner.createIndices('flow_key', [
      new TableIndex({ name: 'ix_flow_key_lookup', columnNames: ['name', 'value'] }),
      new TableIndex({ name: 'ix_flow_key_flow', columnNames: ['flow_id'] }),
    ]);

    await queryRunner.createTable(
      new Table({
        name: 'flow_approval',
        columns: [
          { ...str('id', 36), isPrimary: true },
          str('flow_id', 36),
          str('flow_type', 60),
          str('step', 60),
          str('role', 60),
          str('summary', 500),
          { name: 'amount_cents', type: 'bigint', isNullable: true },
          text('details'),
          str('status', 10),
          str('requested_at', 30),
          str('decided_by', 200, true),
          str('decided_at', 30, true),
          str('comment', 500, true),
        ],
      }),
    );
    await queryRunner.createIndices('flow_approval', [
      new TableIndex({ name: 'ix_flow_approval_pending', columnNames: ['status', 'role', 'requested_at'] }),
      new TableIndex({ name: 'ix_flow_approval_flow', columnNames: ['flow_id'] }),
    ]);

    await queryRunner.createTable(
      new Table({
        name: 'flow_exception',
        columns: [
          { ...str('id', 36), isPrimary: true },
          str('flow_id', 36),
          str('flow_type', 60),
          str('step', 60),
          str('kind', 15),
          str('status', 10),
          str('code', 80),
          str('reason', 2000),
          { name: 'amount_at_risk_cents', type: 'bigint', isNullable: true },
          str('due_date', 10, true),
          text('impact'),
          str('raised_at', 30),
          str('resolved_at', 30, true),
          str('resolution', 25, true),
          str('resolved_by', 200, true),
        ],
      }),
    );
    await queryRunner.createIndices('flow_exception', [
      new TableIndex({ name: 'ix_flow_exception_open', columnNames: ['status', 'amount_at_risk_cents'] }),
      new TableIndex({ name: 'ix_flow_exception_flow', columnNames: ['flow_id'] }),
    ]);

    await queryRunner.createTable(
      new Table({
        name: 'flow_exception_edit',
        columns: [
          { ...str('id', 36), isPrimary: true },
          str('exception_id', 36),
          text('patch'),
          text('previous'),
          str('reason', 500),
          str('proposed_by', 200),
          str('proposed_at', 30),
          str('status', 10),
          str('decided_by', 200, true),
          str('decided_at', 30, true),
          str('decision_comment', 500, true),
        ],
      }),
    );
    await queryRunner.createIndex(
      'flow_exception_edit',
      new TableIndex({ name: 'ix_flow_exception_edit_exception', columnNames: ['exception_id'] }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'flow_signal',
        columns: [
          { ...str('event_id', 36), isPrimary: true },
          str('type', 120),
          str('subject', 200),
          text('payload'),
          str('received_at', 30),
        ],
      }),
    );
    await queryRunner.createIndex(
      'flow_signal',
      new TableIndex({ name: 'ix_flow_signal_match', columnNames: ['type', 'subject', 'received_at'] }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'flow_signal_use',
        columns: [{ ...str('flow_id', 36), isPrimary: true }, { ...str('event_id', 36), isPrimary: true }, str('step', 60), str('at', 30)],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'flow_signal_use',
      'flow_signal',
      'flow_exception_edit',
      'flow_exception',
      'flow_approval',
      'flow_key',
      'flow_step_record',
      'flow_instance',
    ])
      await queryRunner.dropTable(table);
  }
}
