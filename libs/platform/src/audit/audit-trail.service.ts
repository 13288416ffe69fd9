import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { RequestContextStore } from '../context/request-context';
import { APP_NAME } from '../platform.tokens';
import { AuditEventEntity, type AuditAction, type AuditOutcome } from './audit-event.entity';

export interface AuditEntry {
  action: AuditAction;
  subtype: string;
  outcome: AuditOutcome;
  agent: string;
  entityType: string;
  entityId?: string;
  queryParameters?: string[];
  route: string;
}

/** Appends PHI access records; the only writer of the audit table. */
@Injectable()
export class AuditTrail {
  constructor(
    @InjectRepository(AuditEventEntity) private readonly events: Repository<AuditEventEntity>,
    @Inject(APP_NAME) private readonly app: string,
  ) {}

  async record(entry: AuditEntry): Promise<AuditEventEntity> {
    const context = RequestContextStore.current();
    const event = this.events.create({
      id: randomUUID(),
      recordedAt: new Date().toISOString(),
      sourceApp: this.app,
      action: entry.action,
      subtype: entry.subtype,
      outcome: entry.outcome,
      agent: entry.agent,
      entityType: entry.entityType,
      entityId: entry.entityId ?? null,
      queryParameters: entry.queryParameters?.length ? entry.queryParameters.sort().join(',') : null,
      route: entry.route.slice(0, 200),
      requestId: context?.requestId ?? 'none',
      traceId: context?.traceId ?? '0'.repeat(32),
    });
    // insert, not save: save() would SELECT first to choose between INSERT and UPDATE, and audit rows are never updated.
    await this.events.insert(event);
    return event;
  }

  /** Newest first; for operators and tests. */
  async recent(limit = 50): Promise<AuditEventEntity[]> {
    return this.events.find({ order: { recordedAt: 'DESC' }, take: limit });
  }
}
