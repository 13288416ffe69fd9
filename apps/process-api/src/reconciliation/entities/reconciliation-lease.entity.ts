import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One row per rule: the lease that lets a single process-api instance run the rule at a time
 * (scheduled or on demand), and when its schedule is next due. Several instances firing the same
 * schedule race for the lease with a conditional update; only one wins.
 */
@Entity({ name: 'recon_lease' })
export class ReconciliationLeaseEntity {
  @PrimaryColumn({ type: 'varchar', length: 60 })
  rule!: string;

  @Column({ name: 'next_due_at', type: 'varchar', length: 30, nullable: true })
  nextDueAt!: string | null;

  @Column({ name: 'lease_owner', type: 'varchar', length: 100, nullable: true })
  leaseOwner!: string | null;

  @Column({ name: 'lease_until', type: 'varchar', length: 30, nullable: true })
  leaseUntil!: string | null;

  @Column({ name: 'last_run_id', type: 'varchar', length: 36, nullable: true })
  lastRunId!: string | null;
}
