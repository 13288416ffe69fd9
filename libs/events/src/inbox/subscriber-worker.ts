import type { DataSource, EntityManager } from 'typeorm';
import type { DeadLetterKeyPolicy } from '@concord/contracts';
import type { AppLogger, TransactionRunner } from '@concord/platform';
import type { CloudEvent } from '../cloud-event';
import { EventDataInvalidError, UnknownEventTypeError, type EventCatalog } from '../catalog/event-catalog';
import { crashPoint } from '../crash-points';
import type { EventMetrics } from '../event-metrics';
import type { DeliveryOrigin, TransportSubscription } from '../transport/event-transport';
import { backoffMs, DEFAULT_RETRY, type EventSubscription, PoisonEventError, type RetryPolicy } from './event-subscription';
import { InboxEntryEntity } from './inbox-entry.entity';

type Outcome = 'done' | 'busy' | 'gone' | 'blocked';

/**
 * Runs one subscriber: takes deliveries into the inbox (the transport's ack follows), then handles
 * each key's events in arrival order, keys in parallel, each effect committed together with the
 * row's `done`. Failures retry with backoff and end in the dead-letter queue after the policy's
 * attempts; a dead event holds its key's later events or lets them continue, per type.
 */
export class SubscriberWorker implements TransportSubscription {
  readonly subscriber: string;
  readonly types: ReadonlySet<string>;
  private readonly retry: RetryPolicy;
  private readonly concurrency: number;
  private running = false;
  private loop?: Promise<void>;
  private interrupt?: () => void;
  private woken = false;

  constructor(
    private readonly subscription: EventSubscription,
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
    private readonly catalog: EventCatalog,
    private readonly logger: AppLogger,
    private readonly metrics: EventMetrics,
    private readonly pollIntervalMs: number,
  ) {
    this.subscriber = subscription.subscriber;
    this.types = new Set(subscription.types);
    this.retry = { ...DEFAULT_RETRY, ...subscription.retry };
    this.concurrency = subscription.concurrency ?? 8;
    for (const type of subscription.types) catalog.get(type);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.interrupt?.();
    await this.loop;
  }

  /** The transport's delivery: into the inbox, once (a redelivered event id is ignored). */
  async accept(events: CloudEvent[], origin: DeliveryOrigin): Promise<void> {
    const now = new Date().toISOString();
    const rows = events.map((event) => this.inboxRow(event, origin, now));
    await this.transactions.run((manager) =>
      manager.createQueryBuilder().insert().into(InboxEntryEntity).values(rows).orIgnore().execute(),
    );
    crashPoint('inbox.after-accept');
    this.nudge();
  }

  /** Handles whatever is runnable now, until nothing is (tests and benchmarks). */
  async drain(): Promise<void> {
    while (await this.pass()) {
      /* keep going */
    }
  }

  nudge(): void {
    if (this.interrupt) this.interrupt();
    else this.woken = true;
  }

  private inboxRow(event: CloudEvent, origin: DeliveryOrigin, now: string): Partial<InboxEntryEntity> {
    const base = {
      subscriber: this.subscriber,
      eventId: String(event.id).slice(0, 36),
      type: String(event.type).slice(0, 120),
      partitionKey: String(event.partitionkey ?? event.subject ?? event.id).slice(0, 200),
      correlationId: String(event.correlationid ?? event.id).slice(0, 64),
      payload: JSON.stringify(event),
      attempts: 0,
      nextAttemptAt: now,
      receivedAt: now,
      processedAt: null,
      origin,
    };
    const problem = this.validationProblem(event);
    if (!problem) return { ...base, status: 'pending', lastError: null, holdsKey: false };
    // Poison on arrival: parked at once with what is wrong, never handed to the handler.
    this.metrics.handled.inc({ subscriber: this.subscriber, outcome: 'dead' });
    this.logger.warn({ subscriber: this.subscriber, eventId: event.id, type: event.type }, 'event failed validation; parked');
    return { ...base, status: 'dead', lastError: problem.slice(0, 2000), holdsKey: this.policyOf(event.type) === 'hold' };
  }

  private validationProblem(event: CloudEvent): string | undefined {
    try {
      this.catalog.validate(event.type, event.data);
      return undefined;
    } catch (error) {
      if (error instanceof EventDataInvalidError || error instanceof UnknownEventTypeError) return error.message;
      throw error;
    }
  }

  private policyOf(type: string): DeadLetterKeyPolicy {
    return this.subscription.deadLetterPolicy?.[type] ?? (this.catalog.has(type) ? this.catalog.get(type).deadLetterPolicy : 'hold');
  }

  private async run(): Promise<void> {
    while (this.running) {
      let worked = false;
      try {
        worked = await this.pass();
      } catch (error) {
        this.logger.error({ err: error, subscriber: this.subscriber }, 'event worker pass failed');
      }
      if (!worked && this.running) await this.pause();
    }
  }

  /** One round over the runnable heads of the keys; true when something was handled. */
  private async pass(): Promise<boolean> {
    const heads = await this.runnableHeads(this.concurrency * 4);
    if (!heads.length) return false;
    let index = 0;
    let worked = false;
    const lane = async () => {
      while (index < heads.length) {
        const head = heads[index++]!;
        if ((await this.handle(head.seq, head.key)) === 'done') worked = true;
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.concurrency, heads.length) }, lane));
    return worked;
  }

  /** The earliest pending event of each key that nothing earlier holds back, oldest first. */
  private runnableHeads(limit: number): Promise<{ seq: number; key: string }[]> {
    const now = new Date().toISOString();
    return this.transactions.run(async (manager) => {
      const rows = await manager
        .createQueryBuilder(InboxEntryEntity, 'i')
        .select('i.seq', 'seq')
        .addSelect('i.partition_key', 'key')
        .where('i.subscriber = :subscriber', { subscriber: this.subscriber })
        .andWhere("i.status = 'pending'")
        .andWhere('i.next_attempt_at <= :now', { now })
        .andWhere(
          `NOT EXISTS (SELECT 1 FROM event_inbox e WHERE e.subscriber = i.subscriber AND e.partition_key = i.partition_key
             AND e.seq < i.seq AND (e.status = 'pending' OR (e.status = 'dead' AND e.holds_key = TRUE)))`,
        )
        .orderBy('i.seq', 'ASC')
        .limit(limit)
        .getRawMany<{ seq: number | string; key: string }>();
      return rows.map((row) => ({ seq: Number(row.seq), key: row.key }));
    });
  }

  private async handle(seq: number, key: string): Promise<Outcome> {
    let event: CloudEvent | undefined;
    let attempt = 0;
    try {
      const outcome = await this.transactions.run(async (manager): Promise<Outcome> => {
        // Key lock first, then the row (locked too): read before the lock, the row could be one that
        // another instance has handled and committed in the meantime.
        if (!(await this.lockKey(manager, key))) return 'busy';
        const row = await manager.findOne(InboxEntryEntity, {
          where: { seq },
          ...(this.transactions.isSerialised ? {} : { lock: { mode: 'pessimistic_write' as const } }),
        });
        if (!row || row.status !== 'pending') return 'gone';
        if (await this.heldBack(manager, row)) return 'blocked';
        event = JSON.parse(row.payload) as CloudEvent;
        attempt = row.attempts + 1;
        // Checked again on the way in: an approved edit must still match the schema.
        this.catalog.validate(event.type, event.data);
        await this.subscription.handle(event, { manager, attempt, origin: row.origin });
        crashPoint('consumer.after-effect');
        await manager.update(
          InboxEntryEntity,
          { seq },
          { status: 'done', attempts: attempt, processedAt: new Date().toISOString(), lastError: null },
        );
        return 'done';
      });
      if (outcome === 'done') {
        crashPoint('consumer.after-commit');
        this.metrics.handled.inc({ subscriber: this.subscriber, outcome: 'done' });
      }
      return outcome;
    } catch (error) {
      await this.recordFailure(seq, error);
      return 'done';
    }
  }

  /** Serialises a key across instances (PostgreSQL); on SQLite the runner already serialises everything. */
  private async lockKey(manager: EntityManager, key: string): Promise<boolean> {
    if (this.transactions.isSerialised) return true;
    const [row] = (await manager.query('SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked', [`${this.subscriber}|${key}`])) as {
      locked: boolean;
    }[];
    return row?.locked === true;
  }

  private async heldBack(manager: EntityManager, row: InboxEntryEntity): Promise<boolean> {
    const earlier = await manager
      .createQueryBuilder(InboxEntryEntity, 'e')
      .where('e.subscriber = :subscriber AND e.partition_key = :key AND e.seq < :seq', {
        subscriber: this.subscriber,
        key: row.partitionKey,
        seq: row.seq,
      })
      .andWhere("(e.status = 'pending' OR (e.status = 'dead' AND e.holds_key = TRUE))")
      .getCount();
    return earlier > 0;
  }

  private async recordFailure(seq: number, error: unknown): Promise<void> {
    const reason = describe(error);
    const parked = await this.transactions.run(async (manager) => {
      const row = await manager.findOne(InboxEntryEntity, { where: { seq } });
      if (!row || row.status !== 'pending') return false;
      const attempts = row.attempts + 1;
      const poison = error instanceof PoisonEventError || error instanceof EventDataInvalidError || error instanceof UnknownEventTypeError;
      if (poison || attempts >= this.retry.maxAttempts) {
        await manager.update(
          InboxEntryEntity,
          { seq },
          { status: 'dead', attempts, lastError: reason, holdsKey: this.policyOf(row.type) === 'hold' },
        );
        return true;
      }
      const next = new Date(Date.now() + backoffMs(this.retry, attempts)).toISOString();
      await manager.update(InboxEntryEntity, { seq }, { attempts, lastError: reason, nextAttemptAt: next });
      return false;
    });
    this.metrics.handled.inc({ subscriber: this.subscriber, outcome: parked ? 'dead' : 'retry' });
    // The reason may quote event data; logs get only its kind.
    this.logger.warn(
      { subscriber: this.subscriber, inboxSeq: seq, error: error instanceof Error ? error.name : 'unknown', parked },
      parked ? 'event handler failed for good; parked in the dead-letter queue' : 'event handler failed; will retry',
    );
  }

  private async pause(): Promise<void> {
    if (this.woken) {
      this.woken = false;
      return;
    }
    const due = await this.nextDueInMs();
    await new Promise<void>((resolve) => {
      const finish = (): void => {
        clearTimeout(timer);
        this.interrupt = undefined;
        resolve();
      };
      const timer = setTimeout(finish, Math.max(5, Math.min(due ?? this.pollIntervalMs, this.pollIntervalMs)));
      this.interrupt = finish;
    });
  }

  private async nextDueInMs(): Promise<number | undefined> {
    const row = await this.dataSource
      .getRepository(InboxEntryEntity)
      .createQueryBuilder('i')
      .select('MIN(i.next_attempt_at)', 'due')
      .where("i.subscriber = :subscriber AND i.status = 'pending'", { subscriber: this.subscriber })
      .getRawOne<{ due: string | null }>();
    return row?.due ? Date.parse(row.due) - Date.now() : undefined;
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`.slice(0, 2000);
  return String(error).slice(0, 2000);
}
