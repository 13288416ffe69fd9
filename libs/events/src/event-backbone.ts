import { In, LessThan, Not, IsNull, type DataSource } from 'typeorm';
import type { AppLogger, TransactionRunner } from '@concord/platform';
import type { EventCatalog } from './catalog/event-catalog';
import type { EventMetrics } from './event-metrics';
import { DeadLetters } from './inbox/dead-letters';
import type { EventSubscription } from './inbox/event-subscription';
import { InboxEntryEntity } from './inbox/inbox-entry.entity';
import { SubscriberWorker } from './inbox/subscriber-worker';
import type { LeaseKeeper } from './lease/lease';
import { Outbox } from './outbox/outbox';
import { OutboxEventEntity } from './outbox/outbox-event.entity';
import { OutboxRelay, type RelayOptions } from './outbox/outbox-relay';
import { EventReplayer } from './replay';
import type { EventTransport } from './transport/event-transport';
import { EventOperationsException, EventOperationsExceptionCode } from './operations/event-operations.exception';

export interface EventBackboneOptions {
  /** CloudEvents `source` of this app's events, e.g. `/system-api`. */
  source: string;
  /** Leases of this instance (the relay runs on one instance at a time). */
  leases: LeaseKeeper;
  dataSource: DataSource;
  transactions: TransactionRunner;
  catalog: EventCatalog;
  transport: EventTransport;
  logger: AppLogger;
  metrics: EventMetrics;
  relay?: Partial<RelayOptions>;
  /** How often idle loops look for work that no local commit announced. */
  pollIntervalMs?: number;
  /** Published outbox rows and handled inbox rows are kept this long (replay and dedupe window). */
  retentionDays?: number;
}

/**
 * One app's part of the event backbone: its outbox and relay, its subscribers' inboxes and
 * workers, the dead-letter queue and replay, over the configured transport.
 */
export class EventBackbone {
  readonly outbox: Outbox;
  readonly deadLetters: DeadLetters;
  readonly replayer: EventReplayer;
  private readonly relay: OutboxRelay;
  private readonly leases: LeaseKeeper;
  private readonly workers = new Map<string, SubscriberWorker>();
  private started = false;
  private janitor?: ReturnType<typeof setInterval>;

  constructor(private readonly options: EventBackboneOptions) {
    const { dataSource, transactions, catalog, transport, logger, metrics } = options;
    this.outbox = new Outbox(catalog, transactions, options.source);
    this.leases = options.leases;
    this.relay = new OutboxRelay(dataSource, transactions, this.outbox, transport, this.leases, logger, metrics, {
      batchSize: 500,
      pollIntervalMs: options.pollIntervalMs ?? 250,
      maxBackoffMs: 5_000,
      ...options.relay,
    });
    this.deadLetters = new DeadLetters(dataSource, transactions, catalog, (subscriber) => this.workers.get(subscriber)?.nudge());
    this.replayer = new EventReplayer(dataSource, transport);
    metrics.observeOutbox(() => this.relay.pendingCount());
    metrics.observeConsumers(
      () => this.lag(),
      () => this.deadLetters.countBySubscriber(),
    );
  }

  get catalog(): EventCatalog {
    return this.options.catalog;
  }

  get transport(): EventTransport {
    return this.options.transport;
  }

  /** Registers a subscriber; it starts receiving when the backbone starts. */
  subscribe(subscription: EventSubscription): SubscriberWorker {
    if (this.workers.has(subscription.subscriber)) throw new Error(`Subscriber ${subscription.subscriber} is registered twice`);
    const worker = new SubscriberWorker(
      subscription,
      this.options.dataSource,
      this.options.transactions,
      this.options.catalog,
      this.options.logger,
      this.options.metrics,
      this.options.pollIntervalMs ?? 250,
    );
    this.workers.set(subscription.subscriber, worker);
    if (this.started) void this.attach(worker);
    return worker;
  }

  subscribers(): string[] {
    return [...this.workers.keys()].sort();
  }

  worker(subscriber: string): SubscriberWorker {
    const worker = this.workers.get(subscriber);
    if (!worker)
      throw new EventOperationsException(EventOperationsExceptionCode.UNKNOWN_SUBSCRIBER, `No subscriber ${subscriber} in this app`);
    return worker;
  }

  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    for (const worker of this.workers.values()) await this.attach(worker);
    this.relay.start();
    this.janitor = setInterval(() => void this.sweep().catch(() => undefined), 10 * 60_000);
    this.janitor.unref();
  }

  async stop(): Promise<void> {
    if (!this.started) return;
    this.started = false;
    clearInterval(this.janitor);
    for (const worker of this.workers.values()) await this.options.transport.unsubscribe(worker.subscriber);
    await this.relay.stop();
    await Promise.all([...this.workers.values()].map((worker) => worker.stop()));
  }

  /** Publishes everything pending and handles everything runnable, until both are empty. */
  async drain(): Promise<void> {
    await this.relay.drain();
    for (const worker of this.workers.values()) await worker.drain();
  }

  /** Per subscriber: events in its inbox not yet handled plus those the transport still holds. */
  async lag(): Promise<Record<string, number>> {
    const rows = await this.options.dataSource
      .getRepository(InboxEntryEntity)
      .createQueryBuilder('i')
      .select('i.subscriber', 'subscriber')
      .addSelect('COUNT(*)', 'count')
      .where("i.status = 'pending'")
      .groupBy('i.subscriber')
      .getRawMany<{ subscriber: string; count: string | number }>();
    const pending = Object.fromEntries(rows.map((row) => [row.subscriber, Number(row.count)]));
    const lag: Record<string, number> = {};
    for (const subscriber of this.workers.keys()) {
      lag[subscriber] = (pending[subscriber] ?? 0) + (await this.options.transport.backlog(subscriber).catch(() => 0));
    }
    return lag;
  }

  private async attach(worker: SubscriberWorker): Promise<void> {
    await this.options.transport.subscribe(worker);
    worker.start();
  }

  /** Drops published outbox rows and handled inbox rows past the retention period. */
  async sweep(now = new Date()): Promise<void> {
    const cutoff = new Date(now.getTime() - (this.options.retentionDays ?? 30) * 86_400_000).toISOString();
    await this.options.transactions.run(async (manager) => {
      await manager.delete(OutboxEventEntity, { publishedAt: Not(IsNull()), occurredAt: LessThan(cutoff) });
      await manager.delete(InboxEntryEntity, { status: In(['done', 'skipped']), receivedAt: LessThan(cutoff) });
    });
  }
}
