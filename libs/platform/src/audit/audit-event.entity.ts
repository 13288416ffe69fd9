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
export class AuditEventEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

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

  /** Client (or user) that asked; "anonymous" until authentication is configured. */
  @Column({ type: 'varchar', length: 200 })
  agent!: string;

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
}
