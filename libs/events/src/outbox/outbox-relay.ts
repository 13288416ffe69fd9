import { IsNull, type DataSource } from 'typeorm';
import { SqlDialect } from '../sql-dialect';
import type { AppLogger, TransactionRunner } from '@concord/platform';
import type { CloudEvent } from '../cloud-event';
import { crashPoint } from '../crash-points';
import type { LeaseKeeper } from '../lease/lease';
import type { EventTransport } from '../transport/event-transport';
import type { EventMetrics } from '../event-metrics';
import type { Outbox } from './outbox';
import { OutboxEventEntity } from './outbox-event.entity';

export interface RelayOptions {
  batchSize: number;
  /** How often the relay looks for rows when nobody woke it (rows of other instances, restarts). */
  pollIntervalMs: number;
  /** Longest pause after failures to publish. */
  maxBackoffMs: number;
}

const LEASE = 'outbox-relay';

/**
 * Publishes committed outbox rows in `position` order and stamps them, on one instance at a time
 * (lease). Whatever was committed but not stamped, because the process died or the transport was
 * down, is published on the next pass: delivery is at least once, and consumers' inboxes make it
 * effectively once.
 */
export class OutboxRelay {
  private running = false;
  private loop?: Promise<void>;
  /** Ends the current pause early; commits may end only a normal pause, stop() any. */
  private interrupt?: () => void;
  private wakeable = false;
  private woken = false;
  private failures = 0;
  private unsubscribe?: () => void;
  private readonly sql: SqlDialect;

  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
    private readonly outbox: Outbox,
    private readonly transport: EventTransport,
    private readonly leases: LeaseKeeper,
    private readonly logger: AppLogger,
    private readonly metrics: EventMetrics,
    private readonly options: RelayOptions,
  ) {
    this.sql = new SqlDialect(!transactions.isSerialised);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.unsubscribe = this.outbox.onCommitted(() => this.nudge());
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.unsubscribe?.();
    this.interrupt?.();
    await this.loop;
  }

  /** Publishes whatever is pending now; resolves when none is left (tests and benchmarks). */
  async drain(): Promise<void> {
    while ((await this.pendingCount()) > 0) await this.publishBatch();
  }

  pendingCount(): Promise<number> {
    return this.dataSource.getRepository(OutboxEventEntity).countBy({ publishedAt: IsNull() });
  }

  private nudge(): void {
    if (this.wakeable && this.interrupt) this.interrupt();
    else this.woken = true;
  }

  private async run(): Promise<void> {
    while (this.running) {
      let published = 0;
      try {
        if (await this.leases.acquire(LEASE)) published = await this.publishBatch();
        this.failures = 0;
      } catch (error) {
        this.failures += 1;
        this.metrics.publishFailures.inc();
        this.logger.warn({ err: error, failures: this.failures }, 'outbox relay could not publish; will retry');
      }
      if (!this.running) break;
      if (published === this.options.batchSize && !this.failures) continue;
      const delay = this.failures
        ? Math.min(this.options.maxBackoffMs, 100 * 2 ** Math.min(this.failures, 10))
        : this.options.pollIntervalMs;
      await this.sleep(delay, this.failures === 0);
    }
    await this.leases.release(LEASE).catch(() => undefined);
  }

  private async publishBatch(): Promise<number> {
    // Read through the runner: on SQLite a plain read would see rows of a transaction not yet committed.
    const rows = await this.transactions.run((manager) =>
      manager.query<{ position: number | string; payload: string }[]>(
        `SELECT position, payload FROM event_outbox WHERE published_at IS NULL ORDER BY position LIMIT ${Math.floor(this.options.batchSize)}`,
      ),
    );
    if (!rows.length) return 0;
    const positions = rows.map((row) => Number(row.position));
    const events = rows.map((row) => JSON.parse(row.payload) as CloudEvent);
    try {
      await this.transport.publish(events);
    } catch (error) {
      const message = error instanceof Error ? error.message.slice(0, 500) : 'publish failed';
      await this.transactions.run((manager) =>
        manager.query(
          this.sql.text(
            `UPDATE event_outbox SET publish_attempts = publish_attempts + 1, last_error = ? WHERE position IN (${this.sql.list(positions.length)})`,
          ),
          [message, ...positions],
        ),
      );
      throw error;
    }
    crashPoint('relay.after-publish');
    const publishedAt = new Date().toISOString();
    await this.transactions.run((manager) =>
      manager.query(
        this.sql.text(`UPDATE event_outbox SET published_at = ?, last_error = NULL WHERE position IN (${this.sql.list(positions.length)})`),
        [publishedAt, ...positions],
      ),
    );
    this.metrics.published.inc(rows.length);
    return rows.length;
  }

  private sleep(ms: number, wakeable: boolean): Promise<void> {
    if (wakeable && this.woken) {
      this.woken = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const finish = (): void => {
        clearTimeout(timer);
        this.interrupt = undefined;
        this.wakeable = false;
        resolve();
      };
      const timer = setTimeout(finish, ms);
      this.interrupt = finish;
      this.wakeable = wakeable;
    });
  }
}
