import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';

const text = (name: string, nullable = false) => ({ name, type: 'text', isNullable: nullable });
const str = (name: string, length: number, nullable = false) => ({ name, type: 'varchar', length: String(length), isNullable: nullable });
const int = (name: string) => ({ name, type: 'integer', isNullable: false });
const big = (name: string) => ({ name, type: 'bigint', isNullable: false });

/** Reconciliation runs, their breaks, what each run did with each break, and the per-rule leases. */
export class CreateReconciliationTables1764830000000 implements MigrationInterface {
  name = 'CreateReconciliationTables1764830000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'recon_run',
        columns: [
          { ...str('id', 36), isPrimary: true },
          str('rule', 60),
          str('trigger', 10),
          str('status', 12),
          str('requested_by', 200, true),
          str('started_at', 30),
          str('finished_at', 30, true),
          int('examined'),
          int('breaks_found'),
          int('breaks_new'),
          int('breaks_closed'),
          big('amount_at_stake_cents'),
          str('unavailable_system', 20, true),
          str('reason', 2000, true),
        ],
      }),
    );
    await queryRunner.createIndex('recon_run', new TableIndex({ name: 'ix_recon_run_rule', columnNames: ['rule', 'started_at'] }));

    await queryRunner.createTable(
      new Table({
        name: 'recon_break',
        columns: [
          { ...str('id', 36), isPrimary: true },
          str('rule', 60),
          str('break_key', 200),
          str('status', 10),
          str('cause', 60),
          str('summary', 500),
          big('amount_cents'),
          text('records'),
          text('heal', true),
          str('first_run_id', 36),
          str('last_run_id', 36),
          str('closed_run_id', 36, true),
          str('first_seen_at', 30),
          str('last_seen_at', 30),
          str('closed_at', 30, true),
          str('flow_id', 36),
          str('exception_id', 36),
          str('heal_requested_at', 30, true),
          str('heal_requested_by', 200, true),
        ],
      }),
    );
    await queryRunner.createIndices('recon_break', [
      new TableIndex({ name: 'ix_recon_break_key', columnNames: ['rule', 'break_key', 'status'] }),
      new TableIndex({ name: 'ix_recon_break_open', columnNames: ['status', 'amount_cents'] }),
    ]);

    await queryRunner.createTable(
      new Table({
        name: 'recon_run_break',
        columns: [
          { ...str('run_id', 36), isPrimary: true },
          { ...str('break_id', 36), isPrimary: true },
          str('outcome', 12),
          big('amount_cents'),
        ],
      }),
    );
    await queryRunner.createIndex('recon_run_break', new TableIndex({ name: 'ix_recon_run_break_break', columnNames: ['break_id'] }));

    await queryRunner.createTable(
      new Table({
        name: 'recon_lease',
        columns: [
          { ...str('rule', 60), isPrimary: true },
          str('next_due_at', 30, true),
          str('lease_owner', 100, true),
          str('lease_until', 30, true),
          str('last_run_id', 36, true),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['recon_lease', 'recon_run_break', 'recon_break', 'recon_run']) await queryRunner.dropTable(table);
  }
}
