import { Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';
import { CENTS } from './column-types';

/**
 * An 835 received: one payment (check or EFT) and the claims it pays. A payment counts once: the
 * same payer, trace number and amount is the same remittance sent again.
 */
@Entity({ name: 'billing_remittance' })
@Unique('uq_billing_remittance_payment', ['payerKey', 'traceNumber', 'totalPaid'])
@Index('ix_billing_remittance_received', ['receivedAt'])
export class RemittanceEntity {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  id!: string;

  @Column({ name: 'interchange_id', type: 'varchar', length: 40 })
  interchangeId!: string;

  @Column({ name: 'payer_id', type: 'varchar', length: 80, nullable: true })
  payerId!: string | null;

  @Column({ name: 'payer_name', type: 'varchar', length: 60 })
  payerName!: string;

  /** Who issued the trace number: TRN03, else the payer id, else its name. */
  @Column({ name: 'payer_key', type: 'varchar', length: 80 })
  payerKey!: string;

  @Column({ name: 'trace_number', type: 'varchar', length: 50 })
  traceNumber!: string;

  @Column({ name: 'total_paid', type: 'bigint', transformer: CENTS })
  totalPaid!: number;

  @Column({ name: 'payment_method', type: 'varchar', length: 3 })
  paymentMethod!: string;

  @Column({ name: 'payment_date', type: 'varchar', length: 10, nullable: true })
  paymentDate!: string | null;

  @Column({ name: 'claim_payment_count', type: 'integer' })
  claimPaymentCount!: number;

  @Column({ name: 'matched_count', type: 'integer' })
  matchedCount!: number;

  @Column({ name: 'unmatched_count', type: 'integer' })
  unmatchedCount!: number;

  @Column({ name: 'provider_adjustment_total', type: 'bigint', transformer: CENTS })
  providerAdjustmentTotal!: number;

  /** The remittance header and provider adjustments (no claim payments, no PHI). */
  @Column({ name: 'header_json', type: 'text' })
  headerJson!: string;

  @Column({ name: 'received_at', type: 'varchar', length: 30 })
  receivedAt!: string;
}
