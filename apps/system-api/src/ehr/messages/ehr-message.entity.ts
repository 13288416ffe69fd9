import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export const EHR_MESSAGE_STATUSES = ['received', 'processed', 'failed'] as const;
export type EhrMessageStatus = (typeof EHR_MESSAGE_STATUSES)[number];

/**
 * Every inbound HL7 v2 message, stored before its ACK is written: the raw text (PHI) with what it was read as,
 * its processing status and, for a failed one, why. `dedupe_key` is unique, so a
 * retransmission (same sender, control id and text) finds the first copy and is answered with the same ACK instead of being processed again.
 */
@Entity({ name: 'ehr_message' })
@Index('ix_ehr_message_received', ['receivedAt'])
@Index('ix_ehr_message_control', ['controlId'])
@Index('ix_ehr_message_status', ['status', 'receivedAt'])
export class EhrMessageEntity {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  id!: string;

  /** SHA-256 of MSH-3, MSH-10 and the text (see dedupeKeyOf); null without a readable control id. */
  @Column({ name: 'dedupe_key', type: 'varchar', length: 460, nullable: true, unique: true })
  dedupeKey!: string | null;

  /** MSH-10 ('' when unreadable). */
  @Column({ name: 'control_id', type: 'varchar', length: 200 })
  controlId!: string;

  @Column({ name: 'sending_application', type: 'varchar', length: 227, nullable: true })
  sendingApplication!: string | null;

  @Column({ name: 'sending_facility', type: 'varchar', length: 227, nullable: true })
  sendingFacility!: string | null;

  /** MSH-9 code^trigger, e.g. ADT^A01 ('' when unreadable). */
  @Column({ name: 'message_type', type: 'varchar', length: 20 })
  messageType!: string;

  /** PID-3 (and MRG-1) identifier values, each between bars (`|CG-100234|avery-quinn|`), for searching (PHI). */
  @Column({ name: 'patient_identifiers', type: 'varchar', length: 1000 })
  patientIdentifiers!: string;

  /** The message as received (PHI). */
  @Column({ type: 'text' })
  raw!: string;

  @Column({ type: 'varchar', length: 12 })
  status!: EhrMessageStatus;

  /** What went wrong (segment, field, reason; never values), for a failed message. */
  @Column({ type: 'varchar', length: 1000, nullable: true })
  reason!: string | null;

  /** The ACK that was sent (retransmissions get the same one). */
  @Column({ type: 'text' })
  ack!: string;

  /** MSA-1 of that ACK: AA, AE or AR. */
  @Column({ name: 'ack_code', type: 'varchar', length: 2 })
  ackCode!: string;

  /** Events written to the outbox for it (all attempts). */
  @Column({ name: 'event_count', type: 'integer' })
  eventCount!: number;

  @Column({ type: 'integer' })
  attempts!: number;

  /** Times of identical retransmissions acknowledged without processing. */
  @Column({ type: 'integer' })
  duplicates!: number;

  @Column({ name: 'remote_address', type: 'varchar', length: 64, nullable: true })
  remoteAddress!: string | null;

  @Column({ name: 'received_at', type: 'varchar', length: 30 })
  receivedAt!: string;

  @Column({ name: 'processed_at', type: 'varchar', length: 30, nullable: true })
  processedAt!: string | null;

  @Column({ name: 'updated_at', type: 'varchar', length: 30 })
  updatedAt!: string;
}
