import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export const RUN_STATUSES = ['running', 'completed', 'incomplete', 'failed'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
export const RUN_TRIGGERS = ['manual', 'schedule'] as const;
export type RunTrigger = (typeof RUN_TRIGGERS)[number];

/**
 * One run of a rule. `incomplete` means a system could not be read: the run reports no break and
 * closes none, and says which system and why.
 */
@Entity({ name: 'recon_run' })
@Index('ix_recon_run_rule', ['rule', 'startedAt'])
export class ReconciliationRunEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 60 })
  rule!: string;

  @Column({ type: 'varchar', length: 10 })
  trigger!: RunTrigger;

  @Column({ type: 'varchar', length: 12 })
  status!: RunStatus;

  @Column({ name: 'requested_by', type: 'varchar', length: 200, nullable: true })
  requestedBy!: string | null;

  @Column({ name: 'started_at', type: 'varchar', length: 30 })
  startedAt!: string;

  @Column({ name: 'finished_at', type: 'varchar', length: 30, nullable: true })
  finishedAt!: string | null;

  /** Business records compared. */
  @Column({ type: 'integer' })
  examined!: number;

  /** Breaks seen by this run (new and still open). */
  @Column({ name: 'breaks_found', type: 'integer' })
  breaksFound!: number;

  @Column({ name: 'breaks_new', type: 'integer' })
  breaksNew!: number;

  /** Breaks of earlier runs this run no longer sees, closed by it. */
  @Column({ name: 'breaks_closed', type: 'integer' })
  breaksClosed!: number;

  @Column({ name: 'amount_at_stake_cents', type: 'bigint' })
  amountAtStakeCents!: string;

  /** The system that could not be read (incomplete runs). */
  @Column({ name: 'unavailable_system', type: 'varchar', length: 20, nullable: true })
  unavailableSystem!: string | null;

  /** Why the run is incomplete or failed, without patient data. */
  @Column({ type: 'varchar', length: 2000, nullable: true })
  reason!: string | null;
}
