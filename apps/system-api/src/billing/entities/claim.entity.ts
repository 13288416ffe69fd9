import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { CENTS } from './column-types';

/**
 * A claim Concord built from a billing account and owns through its life (ARCHITECTURE §5): the
 * canonical claim (PHI, kept only here), its place in the lifecycle, what the contract leads to
 * expect, and the charges by department the ledger posts revenue by.
 */
@Entity({ name: 'billing_claim' })
@Index('ix_billing_claim_account', ['accountId'])
@Index('ix_billing_claim_status', ['status', 'updatedAt'])
export class ClaimEntity {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  id!: string;

  @Column({ name: 'account_id', type: 'varchar', length: 64 })
  accountId!: string;

  @Column({ name: 'encounter_id', type: 'varchar', length: 64, nullable: true })
  encounterId!: string | null;

  @Column({ name: 'patient_id', type: 'varchar', length: 64, nullable: true })
  patientId!: string | null;

  @Column({ name: 'payer_id', type: 'varchar', length: 80 })
  payerId!: string;

  /** professional | institutional */
  @Column({ type: 'varchar', length: 16 })
  kind!: string;

  /** inpatient | outpatient */
  @Column({ name: 'patient_class', type: 'varchar', length: 12 })
  patientClass!: string;

  @Column({ name: 'frequency_code', type: 'varchar', length: 1 })
  frequencyCode!: string;

  /** CLM01: how 277CA and 835 answers find the claim. */
  @Column({ name: 'patient_control_number', type: 'varchar', length: 38, unique: true })
  patientControlNumber!: string;

  @Column({ name: 'replaces_claim_id', type: 'varchar', length: 40, nullable: true })
  replacesClaimId!: string | null;

  @Column({ name: 'replaced_by_claim_id', type: 'varchar', length: 40, nullable: true })
  replacedByClaimId!: string | null;

  @Column({ name: 'payer_claim_control_number', type: 'varchar', length: 50, nullable: true })
  payerClaimControlNumber!: string | null;

  @Column({ type: 'varchar', length: 20 })
  status!: string;

  @Column({ name: 'total_charge', type: 'bigint', transformer: CENTS })
  totalCharge!: number;

  @Column({ name: 'expected_allowed', type: 'bigint', transformer: CENTS })
  expectedAllowed!: number;

  @Column({ name: 'expected_patient_share', type: 'bigint', transformer: CENTS })
  expectedPatientShare!: number;

  @Column({ name: 'expected_payer_payment', type: 'bigint', transformer: CENTS })
  expectedPayerPayment!: number;

  @Column({ name: 'expected_contractual', type: 'bigint', transformer: CENTS })
  expectedContractual!: number;

  @Column({ name: 'unpriced_lines', type: 'integer' })
  unpricedLines!: number;

  /** Earliest date of service (YYYY-MM-DD). */
  @Column({ name: 'service_date', type: 'varchar', length: 10 })
  serviceDate!: string;

  @Column({ name: 'timely_filing_deadline', type: 'varchar', length: 10 })
  timelyFilingDeadline!: string;

  /** The canonical ClaimDto without status and history (PHI). */
  @Column({ name: 'claim_json', type: 'text' })
  claimJson!: string;

  /** [{ departmentCode, chargeCents }] */
  @Column({ name: 'departments_json', type: 'text' })
  departmentsJson!: string;

  /** The 837 that last carried the claim. */
  @Column({ name: 'interchange_id', type: 'varchar', length: 40, nullable: true })
  interchangeId!: string | null;

  @Column({ name: 'created_at', type: 'varchar', length: 30 })
  createdAt!: string;

  @Column({ name: 'updated_at', type: 'varchar', length: 30 })
  updatedAt!: string;

  @Column({ name: 'submitted_at', type: 'varchar', length: 30, nullable: true })
  submittedAt!: string | null;
}
