import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export const STEP_RECORD_KINDS = [
  'started',
  'completed',
  'waiting',
  'resumed',
  'retry-scheduled',
  'failed',
  'approval-requested',
  'approved',
  'rejected',
  'skipped',
  'compensated',
  'sla-breached',
  'cancelled',
  'edited',
] as const;
export type StepRecordKind = (typeof STEP_RECORD_KINDS)[number];

/** The flow's history, one row per thing that happened to a step, in order: the timeline operators read. */
@Entity({ name: 'flow_step_record' })
@Index('ix_flow_step_record_flow', ['flowId', 'seq'])
export class FlowStepRecordEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'flow_id', type: 'varchar', length: 36 })
  flowId!: string;

  @Column({ type: 'integer' })
  seq!: number;

  @Column({ type: 'varchar', length: 60 })
  step!: string;

  @Column({ type: 'varchar', length: 20 })
  kind!: StepRecordKind;

  @Column({ type: 'integer' })
  attempt!: number;

  /** JSON: what the step was given (ids, amounts), never whole patient records. */
  @Column({ type: 'text', nullable: true })
  input!: string | null;

  /** JSON: what the step produced. */
  @Column({ type: 'text', nullable: true })
  output!: string | null;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  error!: string | null;

  /** Who acted (approvals, operator actions); the engine itself otherwise. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  actor!: string | null;

  @Column({ name: 'at', type: 'varchar', length: 30 })
  at!: string;

  @Column({ name: 'duration_ms', type: 'integer', nullable: true })
  durationMs!: number | null;
}
