import { Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';

export const FLOW_STATUSES = ['running', 'waiting', 'completed', 'failed', 'compensating', 'compensated', 'cancelled'] as const;
export type FlowStatus = (typeof FLOW_STATUSES)[number];

/**
 * One durable flow instance: where it stands (`current_step`), what it knows (`state`), when it may
 * run next, and which instance of process-api is running it (`lease_*`). `revision` guards every
 * update, so two instances can never both record a step.
 */
@Entity({ name: 'flow_instance' })
@Unique('uq_flow_instance_start', ['type', 'startKey'])
@Index('ix_flow_instance_runnable', ['status', 'nextRunAt'])
@Index('ix_flow_instance_type', ['type', 'status', 'startedAt'])
@Index('ix_flow_instance_correlation', ['correlationId'])
@Index('ix_flow_instance_wait', ['waitSubject'])
export class FlowInstanceEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 60 })
  type!: string;

  /** Definition version the instance started on; it finishes on that version. */
  @Column({ type: 'integer' })
  version!: number;

  /** What started it (trigger event id, or a manual start's idempotency key): an instance per start. */
  @Column({ name: 'start_key', type: 'varchar', length: 200 })
  startKey!: string;

  @Column({ type: 'varchar', length: 15 })
  status!: FlowStatus;

  @Column({ name: 'current_step', type: 'varchar', length: 60, nullable: true })
  currentStep!: string | null;

  /** Attempts of the current step so far. */
  @Column({ type: 'integer' })
  attempts!: number;

  /** Increased by every edit-and-replay: part of the idempotency keys, so corrected requests are new ones. */
  @Column({ name: 'replay_revision', type: 'integer' })
  replayRevision!: number;

  /** JSON: the flow's working data. */
  @Column({ type: 'text' })
  state!: string;

  /** JSON: what the current step waits for ({ types, subject, since, slaAt }), when it waits. */
  @Column({ type: 'text', nullable: true })
  waiting!: string | null;

  /** The CloudEvents subject the current step waits for, so an arriving event finds its waiters at once. */
  @Column({ name: 'wait_subject', type: 'varchar', length: 200, nullable: true })
  waitSubject!: string | null;

  @Column({ name: 'correlation_id', type: 'varchar', length: 64 })
  correlationId!: string;

  @Column({ name: 'started_at', type: 'varchar', length: 30 })
  startedAt!: string;

  @Column({ name: 'updated_at', type: 'varchar', length: 30 })
  updatedAt!: string;

  @Column({ name: 'completed_at', type: 'varchar', length: 30, nullable: true })
  completedAt!: string | null;

  /** The whole flow's SLA. */
  @Column({ name: 'sla_due_at', type: 'varchar', length: 30, nullable: true })
  slaDueAt!: string | null;

  /** When the runner should look at it next (retry backoff, timer, wait poll); null when nothing to do. */
  @Column({ name: 'next_run_at', type: 'varchar', length: 30, nullable: true })
  nextRunAt!: string | null;

  @Column({ name: 'lease_owner', type: 'varchar', length: 100, nullable: true })
  leaseOwner!: string | null;

  @Column({ name: 'lease_until', type: 'varchar', length: 30, nullable: true })
  leaseUntil!: string | null;

  @Column({ name: 'last_error', type: 'varchar', length: 2000, nullable: true })
  lastError!: string | null;

  /** Optimistic concurrency: every update must name the revision it read. */
  @Column({ type: 'integer' })
  revision!: number;
}
