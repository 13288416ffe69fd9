import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export const APPROVAL_STATUSES = ['pending', 'approved', 'rejected', 'withdrawn'] as const;
export type ApprovalStatus = (typeof APPROVAL_STATUSES)[number];

/** A human decision a flow step waits for, assigned to a role (e.g. SupplyChainManager above 10,000.00). */
@Entity({ name: 'flow_approval' })
@Index('ix_flow_approval_pending', ['status', 'role', 'requestedAt'])
@Index('ix_flow_approval_flow', ['flowId'])
export class FlowApprovalEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'flow_id', type: 'varchar', length: 36 })
  flowId!: string;

  @Column({ name: 'flow_type', type: 'varchar', length: 60 })
  flowType!: string;

  @Column({ type: 'varchar', length: 60 })
  step!: string;

  /** Role that decides (CamelCase; the scope `approval/<Role>.u` grants it). */
  @Column({ type: 'varchar', length: 60 })
  role!: string;

  @Column({ type: 'varchar', length: 500 })
  summary!: string;

  @Column({ name: 'amount_cents', type: 'bigint', nullable: true })
  amountCents!: string | null;

  /** JSON: what the approver needs to see. */
  @Column({ type: 'text' })
  details!: string;

  @Column({ type: 'varchar', length: 10 })
  status!: ApprovalStatus;

  @Column({ name: 'requested_at', type: 'varchar', length: 30 })
  requestedAt!: string;

  @Column({ name: 'decided_by', type: 'varchar', length: 200, nullable: true })
  decidedBy!: string | null;

  @Column({ name: 'decided_at', type: 'varchar', length: 30, nullable: true })
  decidedAt!: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  comment!: string | null;
}
