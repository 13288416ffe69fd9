import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** FHIR AuditEvent.action: C create, R read, U update, D delete, E execute (searches and operations). */
export type AuditAction = 'C' | 'R' | 'U' | 'D' | 'E';
/** FHIR AuditEvent.outcome: 0 success, 4 minor failure, 8 serious failure, 12 major failure. */
export type AuditOutcome = '0' | '4' | '8' | '12';

/**
 * One PHI access, shaped after FHIR AuditEvent (who, what, when, how it ended). Append-only:
 * nothing in the code base updates or deletes these rows.
 */
@Entity({ name: 'audit_event' })
@Index('ix_audit_event_entity', ['entityType', 'entityId'])
@Index('ix_audit_event_recorded', ['recordedAt'])
@Index('ix_audit_event_patient', ['patientId'])
@Index('ix_audit_event_agent', ['agent'])
export class AuditEventEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  /** Position in the hash chain: 1, 2, 3 ... with no gaps. */
  @Column({ type: 'integer', unique: true })
  seq!: number;

  /** ISO 8601 instant, stored as text so SQLite and PostgreSQL sort it the same way. */
  @Column({ name: 'recorded_at', type: 'varchar', length: 30 })
  recordedAt!: string;

  @Column({ name: 'source_app', type: 'varchar', length: 40 })
  sourceApp!: string;

  @Column({ type: 'varchar', length: 1 })
  action!: AuditAction;

  /** What was done in Concord terms: read, search, create ... */
  @Column({ type: 'varchar', length: 40 })
  subtype!: string;

  @Column({ type: 'varchar', length: 2 })
  outcome!: AuditOutcome;

  /** Client (or user) the access was made for. */
  @Column({ type: 'varchar', length: 200 })
  agent!: string;

  /** End user behind the agent, when the token named one. */
  @Column({ name: 'agent_user', type: 'varchar', length: 200, nullable: true })
  agentUser!: string | null;

  /** Services that acted for the agent, nearest first, comma-separated (RFC 8693 `act`). */
  @Column({ type: 'varchar', length: 500, nullable: true })
  actors!: string | null;

  /** Patient whose data was touched, when known. */
  @Column({ name: 'patient_id', type: 'varchar', length: 128, nullable: true })
  patientId!: string | null;

  /** From the X-Purpose-Of-Use header (e.g. TREAT, HPAYMT, HOPERAT), when given. */
  @Column({ name: 'purpose_of_use', type: 'varchar', length: 40, nullable: true })
  purposeOfUse!: string | null;

  @Column({ name: 'entity_type', type: 'varchar', length: 60 })
  entityType!: string;

  @Column({ name: 'entity_id', type: 'varchar', length: 128, nullable: true })
  entityId!: string | null;

  /** Names of the search parameters used (never their values, which are PHI). */
  @Column({ name: 'query_parameters', type: 'varchar', length: 500, nullable: true })
  queryParameters!: string | null;

  @Column({ type: 'varchar', length: 200 })
  route!: string;

  @Column({ name: 'request_id', type: 'varchar', length: 128 })
  requestId!: string;

  @Column({ name: 'trace_id', type: 'varchar', length: 32 })
  traceId!: string;

  /** Hash of the previous record (64 zeros for the first). */
  @Column({ name: 'prev_hash', type: 'varchar', length: 64 })
  prevHash!: string;

  /** SHA-256 over prevHash and this record's fields: editing any record breaks every later link. */
  @Column({ type: 'varchar', length: 64 })
  hash!: string;
}
