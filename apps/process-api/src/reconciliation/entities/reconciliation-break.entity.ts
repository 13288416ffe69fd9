import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export const BREAK_STATUSES = ['open', 'closed'] as const;
export type BreakStatus = (typeof BREAK_STATUSES)[number];

/**
 * A discrepancy between systems, kept across runs by its stable key: found again, it is the same
 * break; no longer found, it closes. Its exception lives on the reconciliation-heal flow instance.
 */
@Entity({ name: 'recon_break' })
@Index('ix_recon_break_key', ['rule', 'breakKey', 'status'])
@Index('ix_recon_break_open', ['status', 'amountCents'])
export class ReconciliationBreakEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 60 })
  rule!: string;

  @Column({ name: 'break_key', type: 'varchar', length: 200 })
  breakKey!: string;

  @Column({ type: 'varchar', length: 10 })
  status!: BreakStatus;

  @Column({ type: 'varchar', length: 60 })
  cause!: string;

  @Column({ type: 'varchar', length: 500 })
  summary!: string;

  @Column({ name: 'amount_cents', type: 'bigint' })
  amountCents!: string;

  /** JSON: the records involved ({ system, type, id }[]). */
  @Column({ type: 'text' })
  records!: string;

  /** JSON: the healing action offered, when the cause is known. */
  @Column({ type: 'text', nullable: true })
  heal!: string | null;

  @Column({ name: 'first_run_id', type: 'varchar', length: 36 })
  firstRunId!: string;

  @Column({ name: 'last_run_id', type: 'varchar', length: 36 })
  lastRunId!: string;

  @Column({ name: 'closed_run_id', type: 'varchar', length: 36, nullable: true })
  closedRunId!: string | null;

  @Column({ name: 'first_seen_at', type: 'varchar', length: 30 })
  firstSeenAt!: string;

  @Column({ name: 'last_seen_at', type: 'varchar', length: 30 })
  lastSeenAt!: string;

  @Column({ name: 'closed_at', type: 'varchar', length: 30, nullable: true })
  closedAt!: string | null;

  /** The reconciliation-heal flow instance that carries the break's exception and its healing. */
  @Column({ name: 'flow_id', type: 'varchar', length: 36 })
  flowId!: string;

  @Column({ name: 'exception_id', type: 'varchar', length: 36 })
  exceptionId!: string;

  @Column({ name: 'heal_requested_at', type: 'varchar', length: 30, nullable: true })
  healRequestedAt!: string | null;

  @Column({ name: 'heal_requested_by', type: 'varchar', length: 200, nullable: true })
  healRequestedBy!: string | null;
}
