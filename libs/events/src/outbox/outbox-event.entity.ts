import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * An event written in the same transaction as the state change that caused it. The relay
 * publishes rows in `position` order and stamps `published_at`. Column names `id`, `aggregatetype`,
 * `aggregateid`, `type` and `payload` are those Debezium's outbox event router expects, so change
 * data capture can replace the relay without a migration; `payload` is the whole CloudEvent
 * (structured mode), `aggregateid` its ordering key.
 */
@Entity({ name: 'event_outbox' })
@Index('ix_event_outbox_pending', ['publishedAt', 'position'])
@Index('ix_event_outbox_occurred', ['occurredAt'])
@Index('ix_event_outbox_correlation', ['correlationId'])
export class OutboxEventEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  position!: number;

  /** The CloudEvents `id`, and the JetStream `Nats-Msg-Id`. */
  @Column({ type: 'varchar', length: 36, unique: true })
  id!: string;

  @Column({ type: 'varchar', length: 60 })
  aggregatetype!: string;

  @Column({ type: 'varchar', length: 200 })
  aggregateid!: string;

  @Column({ type: 'varchar', length: 120 })
  type!: string;

  @Column({ type: 'text' })
  payload!: string;

  @Column({ name: 'correlation_id', type: 'varchar', length: 64 })
  correlationId!: string;

  /** ISO 8601, the CloudEvents `time`. */
  @Column({ name: 'occurred_at', type: 'varchar', length: 30 })
  occurredAt!: string;

  @Column({ name: 'published_at', type: 'varchar', length: 30, nullable: true })
  publishedAt!: string | null;

  @Column({ name: 'publish_attempts', type: 'integer' })
  publishAttempts!: number;

  @Column({ name: 'last_error', type: 'varchar', length: 500, nullable: true })
  lastError!: string | null;
}
