import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A proposed correction of a failed flow's data (edit-and-replay); applied only once another operator approves it. */
@Entity({ name: 'flow_exception_edit' })
@Index('ix_flow_exception_edit_exception', ['exceptionId'])
export class FlowExceptionEditEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'exception_id', type: 'varchar', length: 36 })
  exceptionId!: string;

  /** JSON object merged over the flow's state when approved. */
  @Column({ type: 'text' })
  patch!: string;

  /** JSON: the values the patch replaces, for the audit trail and the diff. */
  @Column({ type: 'text' })
  previous!: string;

  @Column({ type: 'varchar', length: 500 })
  reason!: string;

  @Column({ name: 'proposed_by', type: 'varchar', length: 200 })
  proposedBy!: string;

  @Column({ name: 'proposed_at', type: 'varchar', length: 30 })
  proposedAt!: string;

  @Column({ type: 'varchar', length: 10 })
  status!: 'proposed' | 'approved' | 'rejected';

  @Column({ name: 'decided_by', type: 'varchar', length: 200, nullable: true })
  decidedBy!: string | null;

  @Column({ name: 'decided_at', type: 'varchar', length: 30, nullable: true })
  decidedAt!: string | null;

  @Column({ name: 'decision_comment', type: 'varchar', length: 500, nullable: true })
  decisionComment!: string | null;
}
