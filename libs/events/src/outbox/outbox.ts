import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { TransactionRunner } from '@concord/platform';
import { RequestContextStore } from '@concord/platform';
import { type CloudEvent, cloudEvent } from '../cloud-event';
import type { EventCatalog } from '../catalog/event-catalog';
import { crashPoint } from '../crash-points';
import { SqlDialect } from '../sql-dialect';

export interface NewEvent<T extends object = object> {
  type: string;
  data: T;
  /** What the event is about, e.g. `Encounter/enc-aq-tka` (CloudEvents `subject`). */
  subject?: string;
  /** The business trace to continue; a new one starts when absent. */
  correlationId?: string;
  /** The event or request that caused this one. */
  causationId?: string;
  /**
   * A fixed id (see `eventIdFor`) for an event announcing a change made in a core system: a retried
   * call (same idempotency key) then adds the same event again, which the outbox ignores.
   */
  id?: string;
}

/** A stable UUID (v5 layout, SHA-1) for an event derived from what caused it, e.g. an idempotency key. */
export function eventIdFor(...parts: string[]): string {
  const hash = createHash('sha1').update(parts.join('\u001f')).digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/**
 * Writes events into the outbox table inside the caller's transaction, so an event exists exactly
 * when the state change that caused it was committed. The data is validated against the catalog
 * first: an event that does not match its schema is never written.
 */
export class Outbox {
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly catalog: EventCatalog,
    private readonly transactions: TransactionRunner,
    private readonly source: string,
  ) {}

  /** Adds events within `manager`'s transaction; the relay is woken once it commits. */
  async add(manager: EntityManager, events: NewEvent | NewEvent[]): Promise<CloudEvent[]> {
    const list = Array.isArray(events) ? events : [events];
    const context = RequestContextStore.current();
    const built = list.map((event) => {
      this.catalog.validate(event.type, event.data);
      return cloudEvent({
        id: event.id,
        type: event.type,
        source: this.source,
        data: event.data,
        subject: event.subject,
        correlationId: event.correlationId,
        causationId: event.causationId ?? context?.requestId,
        partitionKey: this.catalog.orderingKeyOf(event.type, event.data),
        traceparent: context ? `00-${context.traceId}-${context.spanId}-${context.traceFlags}` : undefined,
      });
    });
    if (!built.length) return built;
    const sql = new SqlDialect(!this.transactions.isSerialised);
    await manager.query(
      sql.text(
        `INSERT INTO event_outbox (id, aggregatetype, aggregateid, type, payload, correlation_id, occurred_at, publish_attempts)
         VALUES ${sql.rows(built.length, 8)} ON CONFLICT (id) DO NOTHING`,
      ),
      built.flatMap((event) => [
        event.id,
        this.catalog.get(event.type).aggregateType,
        event.partitionkey,
        event.type,
        JSON.stringify(event),
        event.correlationid,
        event.time,
        0,
      ]),
    );
    this.transactions.afterCommit(manager, () => {
      crashPoint('outbox.after-commit');
      for (const listener of this.listeners) listener();
    });
    return built;
  }

  /** Runs `work` and publishes the events it returns, all in one transaction. */
  async commit<T>(work: (manager: EntityManager) => Promise<{ result: T; events: NewEvent[] }>): Promise<T> {
    return this.transactions.run(async (manager) => {
      const { result, events } = await work(manager);
      await this.add(manager, events);
      return result;
    });
  }

  /** Called after a commit that added events (the relay listens). */
  onCommitted(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
