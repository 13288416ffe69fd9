import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export const EXCEPTION_STATUSES = ['open', 'resolved'] as const;
export type ExceptionStatus = (typeof EXCEPTION_STATUSES)[number];
export const EXCEPTION_KINDS = ['step-failed', 'sla-breached'] as const;
export type ExceptionKind = (typeof EXCEPTION_KINDS)[number];
export const EXCEPTION_RESOLUTIONS = ['retried', 'edited-and-replayed', 'skipped', 'compensated', 'cancelled', 'cleared'] as const;
export type ExceptionResolution = (typeof EXCEPTION_RESOLUTIONS)[number];

/**
 * A step that cannot succeed, or a deadline missed, waiting for a person, with its business impact
 * (money at risk, the deadline that matters) so the queue can be worked in order of what it costs.
 */
@Entity({ name: 'flow_exception' })
@Index('ix_flow_exception_open', ['status', 'amountAtRiskCents'])
@Index('ix_flow_exception_flow', ['flowId'])
export class FlowExceptionEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'flow_id', type: 'varchar', length: 36 })
  flowId!: string;

  @Column({ name: 'flow_type', type: 'varchar', length: 60 })
  flowType!: string;

  @Column({ type: 'varchar', length: 60 })
  step!: string;

  @Column({ type: 'varchar', length: 15 })
  kind!: ExceptionKind;

  @Column({ type: 'varchar', length: 10 })
  status!: ExceptionStatus;

  /** Machine-readable cause (the downstream problem code, or SLA_BREACHED). */
  @Column({ type: 'varchar', length: 80 })
  code!: string;

  /** What went wrong, in words, without patient data. */
  @Column({ type: 'varchar', length: 2000 })
  reason!: string;

  @Column({ name: 'amount_at_risk_cents', type: 'bigint', nullable: true })
  amountAtRiskCents!: string | null;

  /** The deadline that matters (timely filing, payroll date, stock-out), YYYY-MM-DD. */
  @Column({ name: 'due_date', type: 'varchar', length: 10, nullable: true })
  dueDate!: string | null;

  /** JSON: the rest of the impact (stock-out risk, items, payer ...). */
  @Column({ type: 'text' })
  impact!: string;

  @Column({ name: 'raised_at', type: 'varchar', length: 30 })
  raisedAt!: string;

  @Column({ name: 'resolved_at', type: 'varchar', length: 30, nullable: true })
  resolvedAt!: string | null;

  @Column({ type: 'varchar', length: 25, nullable: true })
  resolution!: ExceptionResolution | null;

  @Column({ name: 'resolved_by', type: 'varchar', length: 200, nullable: true })
  resolvedBy!: string | null;
}
