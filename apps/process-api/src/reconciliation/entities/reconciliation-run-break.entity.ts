import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export const RUN_BREAK_OUTCOMES = ['new', 'persisting', 'closed'] as const;
export type RunBreakOutcome = (typeof RUN_BREAK_OUTCOMES)[number];

/** What a run did with a break: found it first, found it again, or closed it. */
@Entity({ name: 'recon_run_break' })
@Index('ix_recon_run_break_break', ['breakId'])
export class ReconciliationRunBreakEntity {
  @PrimaryColumn({ name: 'run_id', type: 'varchar', length: 36 })
  runId!: string;

  @PrimaryColumn({ name: 'break_id', type: 'varchar', length: 36 })
  breakId!: string;

  @Column({ type: 'varchar', length: 12 })
  outcome!: RunBreakOutcome;

  /** Amount at stake as this run saw it, in cents. */
  @Column({ name: 'amount_cents', type: 'bigint' })
  amountCents!: string;
}
