import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export const DEAD_LETTER_EDIT_STATUSES = ['proposed', 'approved', 'rejected'] as const;
export type DeadLetterEditStatus = (typeof DEAD_LETTER_EDIT_STATUSES)[number];

/**
 * An operator's proposed correction of a dead letter's data. It changes nothing until a second
 * operator approves it (four eyes); then the data is replaced and the event retried.
 */
@Entity({ name: 'event_dead_letter_edit' })
@Index('ix_event_dead_letter_edit_entry', ['inboxSeq'])
export class DeadLetterEditEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'inbox_seq', type: 'integer' })
  inboxSeq!: number;

  @Column({ name: 'proposed_data', type: 'text' })
  proposedData!: string;

  @Column({ name: 'previous_data', type: 'text' })
  previousData!: string;

  @Column({ type: 'varchar', length: 500 })
  reason!: string;

  @Column({ name: 'proposed_by', type: 'varchar', length: 200 })
  proposedBy!: string;

  @Column({ name: 'proposed_at', type: 'varchar', length: 30 })
  proposedAt!: string;

  @Column({ type: 'varchar', length: 10 })
  status!: DeadLetterEditStatus;

  @Column({ name: 'decided_by', type: 'varchar', length: 200, nullable: true })
  decidedBy!: string | null;

  @Column({ name: 'decided_at', type: 'varchar', length: 30, nullable: true })
  decidedAt!: string | null;

  @Column({ name: 'decision_comment', type: 'varchar', length: 500, nullable: true })
  decisionComment!: string | null;
}
