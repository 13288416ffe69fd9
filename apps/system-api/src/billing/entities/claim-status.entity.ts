import { Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';

/** One step in a claim's life, in order: the status history GET /claims/{id} shows. */
@Entity({ name: 'billing_claim_status' })
@Unique('uq_billing_claim_status_seq', ['claimId', 'seq'])
@Index('ix_billing_claim_status_claim', ['claimId'])
export class ClaimStatusEntity {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  id!: string;

  @Column({ name: 'claim_id', type: 'varchar', length: 40 })
  claimId!: string;

  @Column({ type: 'integer' })
  seq!: number;

  @Column({ type: 'varchar', length: 20 })
  status!: string;

  @Column({ type: 'varchar', length: 30 })
  at!: string;

  /** user | edit | 999 | 277CA | 835 | system */
  @Column({ type: 'varchar', length: 10 })
  source!: string;

  @Column({ type: 'varchar', length: 512, nullable: true })
  reason!: string | null;

  /** The interchange or acknowledgement that caused the change. */
  @Column({ type: 'varchar', length: 80, nullable: true })
  reference!: string | null;
}
