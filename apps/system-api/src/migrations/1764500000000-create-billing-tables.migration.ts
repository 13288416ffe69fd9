import { type MigrationInterface, type QueryRunner, Table, TableIndex, TableUnique } from 'typeorm';

const text = (name: string, nullable = false) => ({ name, type: 'text', isNullable: nullable });
const varchar = (name: string, length: number, nullable = false) => ({
  name,
  type: 'varchar',
  length: String(length),
  isNullable: nullable,
});
const cents = (name: string) => ({ name, type: 'bigint' });
const integer = (name: string) => ({ name, type: 'integer' });

export class CreateBillingTables1764500000000 implements MigrationInterface {
  name = 'CreateBillingTables1764500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'billing_claim',
        columns: [
          { ...varchar('id', 40), isPrimary: true },
          varchar('account_id', 64),
          varchar('encounter_id', 64, true),
          varchar('patient_id', 64, true),
          varchar('payer_id', 80),
          varchar('kind', 16),
          varchar('patient_class', 12),
          varchar('frequency_code', 1),
          { ...varchar('patient_control_number', 38), isUnique: true },
          varchar('replaces_claim_id', 40, true),
          varchar('replaced_by_claim_id', 40, true),
          varchar('payer_claim_control_number', 50, true),
          varchar('status', 20),
          cents('total_charge'),
          cents('expected_allowed'),
          cents('expected_patient_share'),
          cents('expected_payer_payment'),
          cents('expected_contractual'),
          integer('unpriced_lines'),
          varchar('service_date', 10),
          varchar('timely_filing_deadline', 10),
          text('claim_json'),
          text('departments_json'),
          varchar('interchange_id', 40, true),
          varchar('created_at', 30),
          varchar('updated_at', 30),
          varchar('submitted_at', 30, true),
        ],
      }),
    );
    await queryRunner.createIndices('billing_claim', [
      new TableIndex({ name: 'ix_billing_claim_account', columnNames: ['account_id'] }),
      new TableIndex({ name: 'ix_billing_claim_status', columnNames: ['status', 'updated_at'] }),
    ]);

    await queryRunner.createTable(
      new Table({
        name: 'billing_claim_status',
        columns: [
          { ...varchar('id', 40), isPrimary: true },
          varchar('claim_id', 40),
          integer('seq'),
          varchar('status', 20),
          varchar('at', 30),
          varchar('source', 10),
          varchar('reason', 512, true),
          varchar('reference', 80, true),
        ],
        uniques: [new TableUnique({ name: 'uq_billing_claim_status_seq', columnNames: ['claim_id', 'seq'] })],
      }),
    );
    await queryRunner.createIndex(
      'billing_claim_status',
      new TableIndex({ name: 'ix_billing_claim_status_claim', columnNames: ['claim_id'] }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'billing_x12_interchange',
        columns: [
          { ...varchar('id', 40), isPrimary: true },
          varchar('direction', 8),
          varchar('channel', 10),
          varchar('file_name', 200, true),
          varchar('content_sha256', 64),
          varchar('control_number', 9, true),
          varchar('group_control_number', 9, true),
          varchar('sender_id', 15, true),
          varchar('transaction_sets', 200),
          varchar('status', 12),
          integer('error_count'),
          text('issues_json'),
          text('acknowledgement', true),
          text('summary_json', true),
          text('content'),
          varchar('received_at', 30),
          varchar('processed_at', 30, true),
          integer('attempts'),
          varchar('last_error', 500, true),
        ],
        uniques: [new TableUnique({ name: 'uq_billing_x12_interchange_content', columnNames: ['direction', 'content_sha256'] })],
      }),
    );
    await queryRunner.createIndices('billing_x12_interchange', [
      new TableIndex({ name: 'ix_billing_x12_interchange_status', columnNames: ['direction', 'status', 'received_at'] }),
      new TableIndex({ name: 'ix_billing_x12_interchange_control', columnNames: ['direction', 'control_number'] }),
    ]);

    await queryRunner.createTable(
      new Table({
        name: 'billing_remittance',
        columns: [
          { ...varchar('id', 40), isPrimary: true },
          varchar('interchange_id', 40),
          varchar('payer_id', 80, true),
          varchar('payer_name', 60),
          varchar('payer_key', 80),
          varchar('trace_number', 50),
          cents('total_paid'),
          varchar('payment_method', 3),
          varchar('payment_date', 10, true),
          integer('claim_payment_count'),
          integer('matched_count'),
          integer('unmatched_count'),
          cents('provider_adjustment_total'),
          text('header_json'),
          varchar('received_at', 30),
        ],
        uniques: [new TableUnique({ name: 'uq_billing_remittance_payment', columnNames: ['payer_key', 'trace_number', 'total_paid'] })],
      }),
    );
    await queryRunner.createIndex(
      'billing_remittance',
      new TableIndex({ name: 'ix_billing_remittance_received', columnNames: ['received_at'] }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'billing_claim_payment',
        columns: [
          { ...varchar('id', 40), isPrimary: true },
          varchar('remittance_id', 40),
          integer('position'),
          varchar('claim_id', 40, true),
          varchar('account_id', 64, true),
          varchar('patient_control_number', 38),
          varchar('payer_claim_control_number', 50, true),
          varchar('status_code', 2),
          cents('charge'),
          cents('paid'),
          cents('patient_responsibility'),
          cents('contractual'),
          cents('other_adjustment'),
          text('payment_json'),
          varchar('posting_status', 10),
          integer('posting_attempts'),
          varchar('posting_error', 500, true),
          varchar('transaction_ids', 500, true),
          varchar('matched_by', 10, true),
          varchar('created_at', 30),
          varchar('posted_at', 30, true),
        ],
        uniques: [new TableUnique({ name: 'uq_billing_claim_payment_position', columnNames: ['remittance_id', 'position'] })],
      }),
    );
    await queryRunner.createIndices('billing_claim_payment', [
      new TableIndex({ name: 'ix_billing_claim_payment_claim', columnNames: ['claim_id'] }),
      new TableIndex({ name: 'ix_billing_claim_payment_posting', columnNames: ['posting_status', 'created_at'] }),
    ]);

    await queryRunner.createTable(
      new Table({
        name: 'billing_eligibility_inquiry',
        columns: [
          { ...varchar('id', 40), isPrimary: true },
          { ...varchar('trace_number', 50), isUnique: true },
          varchar('payer_id', 80),
          varchar('account_id', 64, true),
          varchar('status', 10),
          text('request_json'),
          text('response_json', true),
          varchar('outbound_interchange_id', 40, true),
          varchar('inbound_interchange_id', 40, true),
          varchar('created_at', 30),
          varchar('answered_at', 30, true),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({ name: 'billing_sequence', columns: [{ ...varchar('name', 40), isPrimary: true }, integer('value')] }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'billing_sequence',
      'billing_eligibility_inquiry',
      'billing_claim_payment',
      'billing_remittance',
      'billing_x12_interchange',
      'billing_claim_status',
      'billing_claim',
    ])
      await queryRunner.dropTable(table);
  }
}
