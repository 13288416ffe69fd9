import {
  AckPolicy,
  type Consumer,
  type ConsumerMessages,
  DeliverPolicy,
  type JetStreamClient,
  type JetStreamManager,
  type JsMsg,
  jetstream,
  jetstreamManager,
  JetStreamApiError,
  RetentionPolicy,
  StorageType,
} from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { eventDomainOf } from '@concord/contracts';
import type { CloudEvent } from '../cloud-event';
import type { DeliveryOrigin, EventTransport, TransportSubscription } from './event-transport';

export interface NatsTransportOptions {
  url: string;
  /** Names every stream and subject, so several deployments (or test runs) can share one server. */
  prefix: string;
  /** Takes or renews a lease in the app's database; a subscriber's stream is fetched by one instance at a time. */
  lease?: (name: string) => Promise<boolean>;
  /** How long a message may stay unacknowledged before JetStream redelivers it. */
  ackWaitMs?: number;
  /** How long published events stay in a stream. */
  maxAgeMs?: number;
  logger?: { warn(object: object, message: string): void };
}

const NANOS_PER_MS = 1_000_000;
const FLUSH_BATCH = 500;
const MAX_ACK_PENDING = 2_000;
const PUBLISH_WINDOW = 512;

interface Fetcher {
  stopped: boolean;
  messages?: ConsumerMessages;
  renew?: ReturnType<typeof setInterval>;
  loop: Promise<void>;
}

/**
 * The scale-out transport on NATS JetStream. One stream per domain (`<PREFIX>_EHR` holds
 * `<prefix>.ehr.>`), `Nats-Msg-Id` = event id so a republished event is dropped inside the
 * duplicate window, and one durable pull consumer per subscriber and domain with explicit acks.
 *
 * Per-key order across instances: only the holder of the subscriber's lease fetches, and it
 * acknowledges a batch only once the batch is in the inbox, whose arrival order then orders each
 * key. A new holder first lets the previous holder's unacknowledged messages come back (JetStream
 * redelivers them before newer ones) so a crash cannot reorder a key. The handler work itself is
 * shared by every instance through the inbox.
 */
export class NatsJetStreamTransport implements EventTransport {
  readonly kind = 'nats-jetstream' as const;
  private readonly streams = new Map<string, Promise<void>>();
  private readonly fetchers = new Map<string, Fetcher[]>();
  private readonly subject: string;
  private readonly ackWaitMs: number;

  private constructor(
    private readonly connection: NatsConnection,
    private readonly manager: JetStreamManager,
    private readonly client: JetStreamClient,
    private readonly options: NatsTransportOptions,
  ) {
    this.subject = options.prefix.toLowerCase();
    this.ackWaitMs = options.ackWaitMs ?? 10_000;
  }

  static async connect(options: NatsTransportOptions): Promise<NatsJetStreamTransport> {
    const connection = await connect({ servers: options.url, name: `concord-${options.prefix}`, maxReconnectAttempts: -1 });
    const manager = await jetstreamManager(connection);
    return new NatsJetStreamTransport(connection, manager, jetstream(connection), options);
  }

  async publish(events: CloudEvent[]): Promise<void> {
    for (const domain of new Set(events.map((event) => eventDomainOf(event.type)))) await this.ensureStream(domain);
    // Sent in order on one connection; a window of acks in flight keeps throughput without reordering.
    for (let start = 0; start < events.length; start += PUBLISH_WINDOW) {
      await Promise.all(
        events
          .slice(start, start + PUBLISH_WINDOW)
          .map((event) => this.client.publish(`${this.subject}.${event.type}`, JSON.stringify(event), { msgID: event.id })),
      );
    }
  }

  async replay(subscriber: string, events: CloudEvent[]): Promise<void> {
    await this.ensureStream('replay');
    const nonce = Date.now().toString(36);
    for (const event of events) {
      await this.client.publish(`${this.subject}-replay.${subscriber}`, JSON.stringify(event), { msgID: `${event.id}:replay:${nonce}` });
    }
  }

  async subscribe(subscription: TransportSubscription): Promise<void> {
    const domains = [...new Set([...subscription.types].map(eventDomainOf))];
    const fetchers: Fetcher[] = [];
    for (const domain of domains) {
      await this.ensureStream(domain);
      const consumer = await this.durableConsumer(domain, subscription.subscriber, `${this.subject}.${domain}.>`);
      fetchers.push(this.startFetcher(subscription, consumer, `${subscription.subscriber}:${domain}`, 'live'));
    }
    await this.ensureStream('replay');
    const replays = await this.durableConsumer('replay', subscription.subscriber, `${this.subject}-replay.${subscription.subscriber}`);
    fetchers.push(this.startFetcher(subscription, replays, `${subscription.subscriber}:replay`, 'replay'));
    this.fetchers.set(subscription.subscriber, fetchers);
  }

  async unsubscribe(subscriber: string): Promise<void> {
    const fetchers = this.fetchers.get(subscriber) ?? [];
    this.fetchers.delete(subscriber);
    await Promise.all(fetchers.map((fetcher) => this.stopFetcher(fetcher)));
  }

  async backlog(subscriber: string): Promise<number> {
    let total = 0;
    for (const stream of this.streams.keys()) {
      try {
        const info = await this.manager.consumers.info(this.streamName(stream), consumerName(subscriber));
        total += info.num_pending + info.num_ack_pending;
      } catch (error) {
        if (!(error instanceof JetStreamApiError)) throw error;
      }
    }
    return total;
  }

  async close(): Promise<void> {
    for (const subscriber of [...this.fetchers.keys()]) await this.unsubscribe(subscriber);
    await this.connection.drain();
  }

  /** Removes every stream of this prefix (tests clean up their run's streams with it). */
  async deleteStreams(): Promise<void> {
    for await (const stream of this.manager.streams.list()) {
      if (stream.config.name.startsWith(`${this.options.prefix}_`)) await this.manager.streams.delete(stream.config.name);
    }
  }

  private streamName(domain: string): string {
    return `${this.options.prefix}_${domain.toUpperCase().replace(/[^A-Z0-9_-]/g, '_')}`;
  }

  private ensureStream(domain: string): Promise<void> {
    let ready = this.streams.get(domain);
    if (!ready) {
      const subjects = domain === 'replay' ? [`${this.subject}-replay.>`] : [`${this.subject}.${domain}.>`];
      ready = this.createStream(this.streamName(domain), subjects);
      this.streams.set(domain, ready);
      ready.catch(() => this.streams.delete(domain));
    }
    return ready;
  }

  private async createStream(name: string, subjects: string[]): Promise<void> {
    const config = {
      name,
      subjects,
      storage: StorageType.File,
      retention: RetentionPolicy.Limits,
      max_age: (this.options.maxAgeMs ?? 7 * 24 * 3_600_000) * NANOS_PER_MS,
      duplicate_window: 120_000 * NANOS_PER_MS,
    };
    try {
      await this.manager.streams.info(name);
    } catch (error) {
      if (!(error instanceof JetStreamApiError)) throw error;
      try {
        await this.manager.streams.add(config);
      } catch (raced) {
        // Another instance created it in the meantime.
        if (!(raced instanceof JetStreamApiError)) throw raced;
        await this.manager.streams.info(name);
      }
    }
  }

  private async durableConsumer(domain: string, subscriber: string, filter: string): Promise<Consumer> {
    const stream = this.streamName(domain);
    const name = consumerName(subscriber);
    try {
      await this.manager.consumers.info(stream, name);
    } catch (error) {
      if (!(error instanceof JetStreamApiError)) throw error;
      await this.manager.consumers.add(stream, {
        durable_name: name,
        ack_policy: AckPolicy.Explicit,
        deliver_policy: DeliverPolicy.All,
        filter_subject: filter,
        ack_wait: this.ackWaitMs * NANOS_PER_MS,
        max_ack_pending: MAX_ACK_PENDING,
      });
    }
    return this.client.consumers.get(stream, name);
  }

  private startFetcher(subscription: TransportSubscription, consumer: Consumer, leaseName: string, origin: DeliveryOrigin): Fetcher {
    const fetcher: Fetcher = { stopped: false, loop: Promise.resolve() };
    fetcher.loop = this.fetchLoop(fetcher, subscription, consumer, `fetch:${leaseName}`, origin);
    return fetcher;
  }

  private async fetchLoop(
    fetcher: Fetcher,
    subscription: TransportSubscription,
    consumer: Consumer,
    leaseName: string,
    origin: DeliveryOrigin,
  ): Promise<void> {
    const lease = this.options.lease ?? (() => Promise.resolve(true));
    while (!fetcher.stopped) {
      try {
        if (!(await lease(leaseName))) {
          await sleep(1_000);
          continue;
        }
        // A previous holder may have died holding unacknowledged messages: let them come back first.
        const info = await consumer.info();
        if (info.num_ack_pending > 0) await sleep(this.ackWaitMs + 250);
        await this.consumeWhileLeased(fetcher, subscription, consumer, leaseName, origin, lease);
      } catch (error) {
        if (fetcher.stopped) return;
        this.options.logger?.warn({ err: error, subscriber: subscription.subscriber }, 'event fetcher failed; retrying');
        await sleep(1_000);
      }
    }
  }

  private async consumeWhileLeased(
    fetcher: Fetcher,
    subscription: TransportSubscription,
    consumer: Consumer,
    leaseName: string,
    origin: DeliveryOrigin,
    lease: (name: string) => Promise<boolean>,
  ): Promise<void> {
    const buffer: JsMsg[] = [];
    let flushing: Promise<void> | undefined;
    let failure: unknown;
    const flush = async (): Promise<void> => {
      while (buffer.length && !failure) {
        const batch = buffer.splice(0, FLUSH_BATCH);
        const events = batch.map((message) => message.json<CloudEvent>());
        const wanted = events.filter((event) => subscription.types.has(event.type));
        if (wanted.length) await subscription.accept(wanted, origin);
        for (const message of batch) message.ack();
      }
    };
    const messages = await consumer.consume({
      max_messages: FLUSH_BATCH * 2,
      callback: (message) => {
        buffer.push(message);
        flushing ??= flush()
          .catch((error: unknown) => {
            failure = error;
            fetcher.messages?.stop();
          })
          .finally(() => (flushing = undefined));
      },
    });
    fetcher.messages = messages;
    fetcher.renew = setInterval(() => {
      lease(leaseName)
        .then((held) => {
          if (!held) messages.stop();
        })
        .catch(() => messages.stop());
    }, this.ackWaitMs / 3);
    await messages.closed();
    clearInterval(fetcher.renew);
    await flushing;
    if (failure) throw failure instanceof Error ? failure : new Error('event delivery into the inbox failed', { cause: failure });
  }

  private async stopFetcher(fetcher: Fetcher): Promise<void> {
    fetcher.stopped = true;
    clearInterval(fetcher.renew);
    fetcher.messages?.stop();
    await fetcher.loop;
  }
}

function consumerName(subscriber: string): string {
  return subscriber.replace(/[^A-Za-z0-9_-]/g, '_');
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
