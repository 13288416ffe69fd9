import { Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** pending: waiting or retrying · done: its effect is committed · dead: parked in the DLQ · skipped: an operator discarded it. */
export const INBOX_STATUSES = ['pending', 'done', 'dead', 'skipped'] as const;
export type InboxStatus = (typeof INBOX_STATUSES)[number];

/**
 * One event as received by one subscriber. The transport's delivery is acknowledged once this row
 * is committed; the handler's effect and the switch to `done` then commit together, so a redelivered
 * event (same subscriber, same event id) finds its row and has no second effect. `seq` is the
 * arrival order, which is the producer's order: it orders each key's events.
 */
@Entity({ name: 'event_inbox' })
@Unique('uq_event_inbox_delivery', ['subscriber', 'eventId'])
@Index('ix_event_inbox_status', ['subscriber', 'status', 'seq'])
@Index('ix_event_inbox_key', ['subscriber', 'partitionKey', 'status', 'seq'])
export class InboxEntryEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  seq!: number;

  @Column({ type: 'varchar', length: 100 })
  subscriber!: string;

  @Column({ name: 'event_id', type: 'varchar', length: 36 })
  eventId!: string;

  @Column({ type: 'varchar', length: 120 })
  type!: string;

  @Column({ name: 'partition_key', type: 'varchar', length: 200 })
  partitionKey!: string;

  @Column({ name: 'correlation_id', type: 'varchar', length: 64 })
  correlationId!: string;

  /** The CloudEvent as received (structured mode JSON); an approved edit replaces its `data`. */
  @Column({ type: 'text' })
  payload!: string;

  @Column({ type: 'varchar', length: 12 })
  status!: InboxStatus;

  @Column({ type: 'integer' })
  attempts!: number;

  /** ISO 8601; a pending row is not tried before this time. */
  @Column({ name: 'next_attempt_at', type: 'varchar', length: 30 })
  nextAttemptAt!: string;

  @Column({ name: 'last_error', type: 'varchar', length: 2000, nullable: true })
  lastError!: string | null;

  /** A dead row under the `hold` policy keeps its key's later events waiting. */
  @Column({ name: 'holds_key', type: 'boolean' })
  holdsKey!: boolean;

  @Column({ name: 'received_at', type: 'varchar', length: 30 })
  receivedAt!: string;

  @Column({ name: 'processed_at', type: 'varchar', length: 30, nullable: true })
  processedAt!: string | null;

  /** How the row arrived: live delivery or an operator's replay. */
  @Column({ type: 'varchar', length: 10 })
  origin!: 'live' | 'replay';
}
