import { Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';

/**
 * Every X12 interchange Concord sent or received, kept for inspection: outbound 837s and 270s with
 * their delivery state, inbound 999s, 277CAs, 835s and 271s (from the clearinghouse folder or REST)
 * with what validation found and what was applied. Identical inbound content is stored once.
 */
@Entity({ name: 'billing_x12_interchange' })
@Unique('uq_billing_x12_interchange_content', ['direction', 'contentSha256'])
@Index('ix_billing_x12_interchange_status', ['direction', 'status', 'receivedAt'])
@Index('ix_billing_x12_interchange_control', ['direction', 'controlNumber'])
export class X12InterchangeEntity {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  id!: string;

  /** outbound | inbound */
  @Column({ type: 'varchar', length: 8 })
  direction!: string;

  /** folder | rest | realtime */
  @Column({ type: 'varchar', length: 10 })
  channel!: string;

  @Column({ name: 'file_name', type: 'varchar', length: 200, nullable: true })
  fileName!: string | null;

  @Column({ name: 'content_sha256', type: 'varchar', length: 64 })
  contentSha256!: string;

  /** ISA13 of the (first) interchange. */
  @Column({ name: 'control_number', type: 'varchar', length: 9, nullable: true })
  controlNumber!: string | null;

  /** GS06 of the first functional group. */
  @Column({ name: 'group_control_number', type: 'varchar', length: 9, nullable: true })
  groupControlNumber!: string | null;

  @Column({ name: 'sender_id', type: 'varchar', length: 15, nullable: true })
  senderId!: string | null;

  /** What the transaction sets were read as, comma-separated (837P, 999, 277CA, 835, 270, 271, or the ST01). */
  @Column({ name: 'transaction_sets', type: 'varchar', length: 200 })
  transactionSets!: string;

  /** outbound: pending | delivered | failed; inbound: accepted | rejected | not-x12 */
  @Column({ type: 'varchar', length: 12 })
  status!: string;

  @Column({ name: 'error_count', type: 'integer' })
  errorCount!: number;

  /** Validation issues (codes, SNIP levels, positions, messages without patient data). */
  @Column({ name: 'issues_json', type: 'text' })
  issuesJson!: string;

  /** The 999 (and TA1) answering an inbound interchange. */
  @Column({ type: 'text', nullable: true })
  acknowledgement!: string | null;

  /** What was applied: claims moved, remittances and eligibility answers recorded. */
  @Column({ name: 'summary_json', type: 'text', nullable: true })
  summaryJson!: string | null;

  /** The interchange itself (PHI). */
  @Column({ type: 'text' })
  content!: string;

  @Column({ name: 'received_at', type: 'varchar', length: 30 })
  receivedAt!: string;

  @Column({ name: 'processed_at', type: 'varchar', length: 30, nullable: true })
  processedAt!: string | null;

  @Column({ type: 'integer' })
  attempts!: number;

  @Column({ name: 'last_error', type: 'varchar', length: 500, nullable: true })
  lastError!: string | null;
}
