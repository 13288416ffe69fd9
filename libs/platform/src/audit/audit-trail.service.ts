import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type FindOptionsWhere, LessThanOrEqual, MoreThanOrEqual, And, type Repository } from 'typeorm';
import { RequestContextStore } from '../context/request-context';
import { TransactionRunner } from '../persistence/transaction-runner';
import { APP_NAME } from '../platform.tokens';
import { AuditEventEntity, type AuditAction, type AuditOutcome } from './audit-event.entity';

export interface AuditEntry {
  action: AuditAction;
  subtype: string;
  outcome: AuditOutcome;
  entityType: string;
  entityId?: string;
  patientId?: string;
  queryParameters?: string[];
  route: string;
  purposeOfUse?: string;
}

export interface AuditQuery {
  patientId?: string;
  agent?: string;
  from?: string;
  to?: string;
  limit: number;
}

export interface ChainVerification {
  intact: boolean;
  checked: number;
  /** The first record whose hash or link does not match, when the chain is broken. */
  firstBroken?: { seq: number; id: string; reason: string };
}

const GENESIS = '0'.repeat(64);
type Hashed = Omit<AuditEventEntity, 'hash'>;

/**
 * The append-only, hash-chained PHI access log; the only writer of the audit table. Appends are
 * serialised in the process and guarded by the unique `seq` across instances (a lost race retries).
 */
@Injectable()
export class AuditTrail {
  private tail: Promise<unknown> = Promise.resolve();
  private head?: { seq: number; hash: string };

  constructor(
    @InjectRepository(AuditEventEntity) private readonly events: Repository<AuditEventEntity>,
    @Inject(APP_NAME) private readonly app: string,
    private readonly transactions: TransactionRunner,
  ) {}

  record(entry: AuditEntry): Promise<AuditEventEntity> {
    const context = RequestContextStore.current();
    const principal = context?.principal;
    const base = {
      id: randomUUID(),
      recordedAt: new Date().toISOString(),
      sourceApp: this.app,
      action: entry.action,
      subtype: entry.subtype,
      outcome: entry.outcome,
      agent: principal?.clientId ?? 'anonymous',
      agentUser: principal?.userId ?? null,
      actors: principal?.actors.length ? principal.actors.join(',') : null,
      patientId: entry.patientId ?? principal?.patientId ?? null,
      purposeOfUse: entry.purposeOfUse ?? null,
      entityType: entry.entityType,
      entityId: entry.entityId ?? null,
      queryParameters: entry.queryParameters?.length ? [...entry.queryParameters].sort().join(',') : null,
      route: entry.route.slice(0, 200),
      requestId: context?.requestId ?? 'none',
      traceId: context?.traceId ?? '0'.repeat(32),
    };
    const next = this.tail.then(() => this.append(base));
    this.tail = next.catch(() => undefined);
    return next;
  }

  private async append(base: Omit<Hashed, 'seq' | 'prevHash'>, attempt = 1): Promise<AuditEventEntity> {
    // The chain's tail is cached; a lost race with another instance (unique seq) re-reads it.
    this.head ??= await this.readHead();
    const unhashed: Hashed = { ...base, seq: this.head.seq + 1, prevHash: this.head.hash };
    const event = this.events.create({ ...unhashed, hash: hashOf(unhashed) });
    try {
      // Through the runner: on SQLite a bare insert could otherwise land inside another request's open
      // transaction and vanish with its rollback, leaving a gap in the chain.
      await this.transactions.run((manager) => manager.insert(AuditEventEntity, event));
      this.head = { seq: event.seq, hash: event.hash };
      return event;
    } catch (error) {
      this.head = undefined;
      if (attempt < 5) return this.append(base, attempt + 1);
      throw error;
    }
  }

  private async readHead(): Promise<{ seq: number; hash: string }> {
    const [last] = await this.events.find({ order: { seq: 'DESC' }, take: 1, select: { seq: true, hash: true } });
    return { seq: last?.seq ?? 0, hash: last?.hash ?? GENESIS };
  }

  async search(query: AuditQuery): Promise<AuditEventEntity[]> {
    const where: FindOptionsWhere<AuditEventEntity> = {};
    if (query.patientId) where.patientId = query.patientId;
    if (query.agent) where.agent = query.agent;
    if (query.from && query.to) where.recordedAt = And(MoreThanOrEqual(query.from), LessThanOrEqual(query.to));
    else if (query.from) where.recordedAt = MoreThanOrEqual(query.from);
    else if (query.to) where.recordedAt = LessThanOrEqual(query.to);
    return this.events.find({ where, order: { seq: 'DESC' }, take: query.limit });
  }

  /** Recomputes every link from the first record; reports the first one that does not match. */
  async verify(): Promise<ChainVerification> {
    let previous = GENESIS;
    let expectedSeq = 1;
    let checked = 0;
    const pageSize = 1000;
    for (let offset = 0; ; offset += pageSize) {
      const page = await this.events.find({ order: { seq: 'ASC' }, skip: offset, take: pageSize });
      for (const event of page) {
        const { hash, ...unhashed } = event;
        const reason =
          event.seq !== expectedSeq
            ? `record ${expectedSeq} is missing`
            : event.prevHash !== previous
              ? 'link to the previous record does not match'
              : hashOf(unhashed) !== hash
                ? 'record content does not match its hash'
                : undefined;
        if (reason) return { intact: false, checked, firstBroken: { seq: event.seq, id: event.id, reason } };
        previous = hash;
        expectedSeq += 1;
        checked += 1;
      }
      if (page.length < pageSize) return { intact: true, checked };
    }
  }
}

/** SHA-256 over the previous hash and every field in a fixed order. */
export function hashOf(event: Hashed): string {
  const fields = [
    event.seq,
    event.id,
    event.recordedAt,
    event.sourceApp,
    event.action,
    event.subtype,
    event.outcome,
    event.agent,
    event.agentUser,
    event.actors,
    event.patientId,
    event.purposeOfUse,
    event.entityType,
    event.entityId,
    event.queryParameters,
    event.route,
    event.requestId,
    event.traceId,
    event.prevHash,
  ];
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex');
}
