import type { DataSource, EntityManager } from 'typeorm';
import type { DeadLetterKeyPolicy } from '@concord/contracts';
import type { AppLogger, TransactionRunner } from '@concord/platform';
import type { CloudEvent } from '../cloud-event';
import { EventDataInvalidError, UnknownEventTypeError, type EventCatalog } from '../catalog/event-catalog';
import { crashPoint } from '../crash-points';
import type { EventMetrics } from '../event-metrics';
import { SqlDialect } from '../sql-dialect';
import type { DeliveryOrigin, TransportSubscription } from '../transport/event-transport';
import { backoffMs, DEFAULT_RETRY, type EventSubscription, PoisonEventError, type RetryPolicy } from './event-subscription';

/** Most events of one key handled in one transaction. */
const KEY_BATCH = 50;
/** On SQLite (one writer) a pass handles many keys in one transaction, up to about this many events. */
const PASS_BUDGET = 500;
/** Rows per INSERT when taking deliveries in. */
const INSERT_CHUNK = 200;

const INBOX_COLUMNS = [
  'subscriber',
  'event_id',
  'type',
  'partition_key',
  'correlation_id',
  'payload',
  'status',
  'attempts',
  'next_attempt_at',
  'last_error',
  'holds_key',
  'received_at',
  'origin',
];

interface Head {
  seq: number;
  key: string;
}

interface PendingRow {
  seq: number;
  payload: string;
  attempts: number;
  next_attempt_at: string;
  origin: DeliveryOrigin;
}

interface KeyOutcome {
  handled: number[];
  failure?: { seq: number; error: unknown };
}

/**
 * Runs one subscriber: takes deliveries into the inbox (the transport's ack follows), then handles
 * each key's events in arrival order, keys in parallel, each effect committed together with its
 * row's `done`. Failures retry with backoff and end in the dead-letter queue after the policy's
 * attempts; a dead event holds its key's later events or lets them continue, per type.
 */
export class SubscriberWorker implements TransportSubscription {
  readonly subscriber: string;
  readonly types: ReadonlySet<string>;
  private readonly retry: RetryPolicy;
  private readonly concurrency: number;
  private readonly sql: SqlDialect;
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
    this.sql = new SqlDialect(!transactions.isSerialised);
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
    await this.transactions.run(async (manager) => {
      for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
        const chunk = rows.slice(start, start + INSERT_CHUNK);
        await manager.query(
          this.sql.text(
            `INSERT INTO event_inbox (${INBOX_COLUMNS.join(', ')}) VALUES ${this.sql.rows(chunk.length, INBOX_COLUMNS.length)}
             ON CONFLICT (subscriber, event_id) DO NOTHING`,
          ),
          chunk.flat(),
        );
      }
    });
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

  private inboxRow(event: CloudEvent, origin: DeliveryOrigin, now: string): unknown[] {
    const problem = this.validationProblem(event);
    if (problem) {
      // Poison on arrival: parked at once with what is wrong, never handed to the handler.
      this.metrics.handled.inc({ subscriber: this.subscriber, outcome: 'dead' });
      this.logger.warn({ subscriber: this.subscriber, eventId: event.id, type: event.type }, 'event failed validation; parked');
    }
    return [
      this.subscriber,
      String(event.id).slice(0, 36),
      String(event.type).slice(0, 120),
      String(event.partitionkey ?? event.subject ?? event.id).slice(0, 200),
      String(event.correlationid ?? event.id).slice(0, 64),
      JSON.stringify(event),
      problem ? 'dead' : 'pending',
      0,
      now,
      problem ? problem.slice(0, 2000) : null,
      this.sql.bool(problem !== undefined && this.policyOf(event.type) === 'hold'),
      now,
      origin,
    ];
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

  /** One round over the runnable heads of the keys; true when something was handled or failed. */
  private async pass(): Promise<boolean> {
    const heads = await this.runnableHeads(this.concurrency * 8);
    if (!heads.length) return false;
    const outcomes: KeyOutcome[] = [];
    if (this.transactions.isSerialised) {
      // One writer: all keys of the pass in one transaction, each event in its own savepoint.
      outcomes.push(...(await this.handleInOneTransaction(heads)));
    } else {
      let index = 0;
      const lane = async () => {
        while (index < heads.length) {
          const head = heads[index++];
          outcomes.push(await this.handleKeyInTransaction(head));
        }
      };
      await Promise.all(Array.from({ length: Math.min(this.concurrency, heads.length) }, lane));
    }
    const handled = outcomes.reduce((sum, outcome) => sum + outcome.handled.length, 0);
    if (handled) {
      crashPoint('consumer.after-commit');
      this.metrics.handled.inc({ subscriber: this.subscriber, outcome: 'done' }, handled);
    }
    for (const { failure } of outcomes) if (failure) await this.recordFailure(failure.seq, failure.error);
    return outcomes.some((outcome) => outcome.handled.length > 0 || outcome.failure !== undefined);
  }

  /** The earliest pending event of each key that nothing earlier holds back, oldest first. */
  private async runnableHeads(limit: number): Promise<Head[]> {
    const rows = await this.transactions.run((manager) =>
      manager.query<{ seq: number | string; key: string }[]>(
        this.sql.text(
          // Two probes of the (subscriber, key, status, seq) index rather than one OR that would scan the key's history.
          `SELECT i.seq AS seq, i.partition_key AS key FROM event_inbox i
           WHERE i.subscriber = ? AND i.status = 'pending' AND i.next_attempt_at <= ?
             AND NOT EXISTS (SELECT 1 FROM event_inbox e WHERE e.subscriber = i.subscriber AND e.partition_key = i.partition_key
                             AND e.status = 'pending' AND e.seq < i.seq)
             AND NOT EXISTS (SELECT 1 FROM event_inbox d WHERE d.subscriber = i.subscriber AND d.partition_key = i.partition_key
                             AND d.status = 'dead' AND d.holds_key = ? AND d.seq < i.seq)
           ORDER BY i.seq LIMIT ${Math.floor(limit)}`,
        ),
        [this.subscriber, new Date().toISOString(), this.sql.bool(true)],
      ),
    );
    return rows.map((row) => ({ seq: Number(row.seq), key: row.key }));
  }

  private async handleInOneTransaction(heads: Head[]): Promise<KeyOutcome[]> {
    const outcomes: KeyOutcome[] = [];
    try {
      await this.transactions.run(async (manager) => {
        let budget = PASS_BUDGET;
        for (const head of heads) {
          if (budget <= 0) break;
          const outcome = await this.handleKey(manager, head, Math.min(KEY_BATCH, budget));
          budget -= outcome.handled.length + (outcome.failure ? 1 : 0);
          outcomes.push(outcome);
        }
        await this.markDone(
          manager,
          outcomes.flatMap((outcome) => outcome.handled),
        );
      });
      return outcomes;
    } catch (error) {
      // The transaction itself failed (the database, not a handler): the first head is retried like a failure.
      return [{ handled: [], failure: { seq: heads[0].seq, error } }];
    }
  }

  private async handleKeyInTransaction(head: Head): Promise<KeyOutcome> {
    try {
      return await this.transactions.run(async (manager) => {
        // Key lock first, then the rows: rows read before the lock could be ones that another
        // instance has handled and committed in the meantime.
        if (!(await this.lockKey(manager, head.key))) return { handled: [] };
        const outcome = await this.handleKey(manager, head, KEY_BATCH);
        await this.markDone(manager, outcome.handled);
        return outcome;
      });
    } catch (error) {
      return { handled: [], failure: { seq: head.seq, error } };
    }
  }

  /**
   * A key's due events in order, each in a savepoint: a failing one is rolled back alone and stops
   * the key (its successors must wait for it), while those before it stay.
   */
  private async handleKey(manager: EntityManager, head: Head, limit: number): Promise<KeyOutcome> {
    const rows = await manager.query<PendingRow[]>(
      this.sql.text(
        `SELECT seq, payload, attempts, next_attempt_at, origin FROM event_inbox
         WHERE subscriber = ? AND partition_key = ? AND status = 'pending' ORDER BY seq LIMIT ${Math.floor(limit)}${this.sql.postgres ? ' FOR UPDATE' : ''}`,
      ),
      [this.subscriber, head.key],
    );
    if (!rows.length || Number(rows[0].seq) !== head.seq || (await this.heldBack(manager, head))) return { handled: [] };
    const now = new Date().toISOString();
    const handled: number[] = [];
    for (const row of rows) {
      if (row.next_attempt_at > now) break;
      const seq = Number(row.seq);
      await manager.query('SAVEPOINT concord_event');
      try {
        const event = JSON.parse(row.payload) as CloudEvent;
        // Checked again on the way in: an approved edit must still match the schema.
        this.catalog.validate(event.type, event.data);
        await this.subscription.handle(event, { manager, attempt: Number(row.attempts) + 1, origin: row.origin });
        crashPoint('consumer.after-effect');
        await manager.query('RELEASE SAVEPOINT concord_event');
        handled.push(seq);
      } catch (error) {
        await manager.query('ROLLBACK TO SAVEPOINT concord_event');
        return { handled, failure: { seq, error } };
      }
    }
    return { handled };
  }

  private async markDone(manager: EntityManager, seqs: number[]): Promise<void> {
    if (!seqs.length) return;
    await manager.query(
      this.sql.text(
        `UPDATE event_inbox SET status = 'done', attempts = attempts + 1, processed_at = ?, last_error = NULL
         WHERE seq IN (${this.sql.list(seqs.length)})`,
      ),
      [new Date().toISOString(), ...seqs],
    );
  }

  /** Serialises a key across instances (PostgreSQL); on SQLite the runner already serialises everything. */
  private async lockKey(manager: EntityManager, key: string): Promise<boolean> {
    if (this.transactions.isSerialised) return true;
    const [row] = await manager.query<{ locked: boolean }[]>('SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked', [
      `${this.subscriber}|${key}`,
    ]);
    return row?.locked === true;
  }

  private async heldBack(manager: EntityManager, head: Head): Promise<boolean> {
    const rows = await manager.query<unknown[]>(
      this.sql.text(
        `SELECT 1 FROM event_inbox WHERE subscriber = ? AND partition_key = ? AND seq < ?
           AND (status = 'pending' OR (status = 'dead' AND holds_key = ?)) LIMIT 1`,
      ),
      [this.subscriber, head.key, head.seq, this.sql.bool(true)],
    );
    return rows.length > 0;
  }

  private async recordFailure(seq: number, error: unknown): Promise<void> {
    const reason = describe(error);
    const parked = await this.transactions.run(async (manager) => {
      const [row] = await manager.query<{ type: string; attempts: number | string; status: string }[]>(
        this.sql.text('SELECT type, attempts, status FROM event_inbox WHERE seq = ?'),
        [seq],
      );
      if (!row || row.status !== 'pending') return false;
      const attempts = Number(row.attempts) + 1;
      const poison = error instanceof PoisonEventError || error instanceof EventDataInvalidError || error instanceof UnknownEventTypeError;
      if (poison || attempts >= this.retry.maxAttempts) {
        await manager.query(
          this.sql.text("UPDATE event_inbox SET status = 'dead', attempts = ?, last_error = ?, holds_key = ? WHERE seq = ?"),
          [attempts, reason, this.sql.bool(this.policyOf(row.type) === 'hold'), seq],
        );
        return true;
      }
      const next = new Date(Date.now() + backoffMs(this.retry, attempts)).toISOString();
      await manager.query(this.sql.text('UPDATE event_inbox SET attempts = ?, last_error = ?, next_attempt_at = ? WHERE seq = ?'), [
        attempts,
        reason,
        next,
        seq,
      ]);
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
    const [row] = await this.dataSource.query<{ due: string | null }[]>(
      this.sql.text("SELECT MIN(next_attempt_at) AS due FROM event_inbox WHERE subscriber = ? AND status = 'pending'"),
      [this.subscriber],
    );
    return row?.due ? Date.parse(row.due) - Date.now() : undefined;
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`.slice(0, 2000);
  return String(error).slice(0, 2000);
}
