import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * An event a flow may wait for, kept by its type and CloudEvents subject (`Claim/C-1`). A flow that
 * starts waiting after its event arrived still finds it here; `flow_signal_use` records which flow
 * consumed which signal, so none is used twice by one flow.
 */
@Entity({ name: 'flow_signal' })
@Index('ix_flow_signal_match', ['type', 'subject', 'receivedAt'])
export class FlowSignalEntity {
  /** The CloudEvents id. */
  @PrimaryColumn({ name: 'event_id', type: 'varchar', length: 36 })
  eventId!: string;

  @Column({ type: 'varchar', length: 120 })
  type!: string;

  @Column({ type: 'varchar', length: 200 })
  subject!: string;

  /** The CloudEvent, JSON. */
  @Column({ type: 'text' })
  payload!: string;

  @Column({ name: 'received_at', type: 'varchar', length: 30 })
  receivedAt!: string;
}

@Entity({ name: 'flow_signal_use' })
export class FlowSignalUseEntity {
  @PrimaryColumn({ name: 'flow_id', type: 'varchar', length: 36 })
  flowId!: string;

  @PrimaryColumn({ name: 'event_id', type: 'varchar', length: 36 })
  eventId!: string;

  @Column({ type: 'varchar', length: 60 })
  step!: string;

  @Column({ name: 'at', type: 'varchar', length: 30 })
  at!: string;
}
