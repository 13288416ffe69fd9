import { Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';
import { CENTS } from './column-types';

/**
 * One claim payment of an 835 (a CLP): matched to its claim by CLP01, or listed for work; then
 * posted to the billing platform (payment, adjustments, transfers) with an idempotency key of its
 * own, so a retried posting never posts twice.
 */
@Entity({ name: 'billing_claim_payment' })
@Unique('uq_billing_claim_payment_position', ['remittanceId', 'position'])
@Index('ix_billing_claim_payment_claim', ['claimId'])
@Index('ix_billing_claim_payment_posting', ['postingStatus', 'createdAt'])
export class ClaimPaymentEntity {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  id!: string;

  @Column({ name: 'remittance_id', type: 'varchar', length: 40 })
  remittanceId!: string;

  /** Position of the CLP in the 835, 1-based. */
  @Column({ type: 'integer' })
  position!: number;

  @Column({ name: 'claim_id', type: 'varchar', length: 40, nullable: true })
  claimId!: string | null;

  @Column({ name: 'account_id', type: 'varchar', length: 64, nullable: true })
  accountId!: string | null;

  @Column({ name: 'patient_control_number', type: 'varchar', length: 38 })
  patientControlNumber!: string;

  @Column({ name: 'payer_claim_control_number', type: 'varchar', length: 50, nullable: true })
  payerClaimControlNumber!: string | null;

  @Column({ name: 'status_code', type: 'varchar', length: 2 })
  statusCode!: string;

  @Column({ type: 'bigint', transformer: CENTS })
  charge!: number;

  @Column({ type: 'bigint', transformer: CENTS })
  paid!: number;

  @Column({ name: 'patient_responsibility', type: 'bigint', transformer: CENTS })
  patientResponsibility!: number;

  @Column({ type: 'bigint', transformer: CENTS })
  contractual!: number;

  @Column({ name: 'other_adjustment', type: 'bigint', transformer: CENTS })
  otherAdjustment!: number;

  /** The canonical ClaimPaymentDto (PHI: patient name and member id). */
  @Column({ name: 'payment_json', type: 'text' })
  paymentJson!: string;

  /** pending | posted | unmatched | failed | nothing (no amounts) | denied (kept in A/R for work, not posted) */
  @Column({ name: 'posting_status', type: 'varchar', length: 10 })
  postingStatus!: string;

  @Column({ name: 'posting_attempts', type: 'integer' })
  postingAttempts!: number;

  @Column({ name: 'posting_error', type: 'varchar', length: 500, nullable: true })
  postingError!: string | null;

  /** Transaction ids the billing platform gave the posting. */
  @Column({ name: 'transaction_ids', type: 'varchar', length: 500, nullable: true })
  transactionIds!: string | null;

  /** clp01 | operator */
  @Column({ name: 'matched_by', type: 'varchar', length: 10, nullable: true })
  matchedBy!: string | null;

  @Column({ name: 'created_at', type: 'varchar', length: 30 })
  createdAt!: string;

  @Column({ name: 'posted_at', type: 'varchar', length: 30, nullable: true })
  postedAt!: string | null;
}
