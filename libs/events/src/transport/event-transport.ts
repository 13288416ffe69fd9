import type { CloudEvent } from '../cloud-event';

export type DeliveryOrigin = 'live' | 'replay';

/** A subscriber as the transport sees it: which types it wants and how it takes them in durably. */
export interface TransportSubscription {
  subscriber: string;
  types: ReadonlySet<string>;
  /**
   * Records a batch in the subscriber's inbox. The transport acknowledges the batch only after this
   * resolves, so an event is either in the inbox or will be delivered again.
   */
  accept(events: CloudEvent[], origin: DeliveryOrigin): Promise<void>;
}

/** The event backbone's transport: in-process for the embedded profile, NATS JetStream at scale. */
export interface EventTransport {
  readonly kind: 'in-process' | 'nats-jetstream';
  /**
   * Resolves once every event is durable beyond the producer: accepted by JetStream (PubAck), or
   * in the inbox of every subscriber of its type (in-process). Rejects otherwise; the relay retries.
   */
  publish(events: CloudEvent[]): Promise<void>;
  /** Delivers events to one subscriber only (an operator's replay). */
  replay(subscriber: string, events: CloudEvent[]): Promise<void>;
  /** Starts delivering to a subscriber. */
  subscribe(subscription: TransportSubscription): Promise<void>;
  /** Stops delivering to a subscriber (its app is closing); events for it wait in the producer's outbox or the stream. */
  unsubscribe(subscriber: string): Promise<void>;
  /** Events the transport holds for a subscriber that its inbox has not taken yet. */
  backlog(subscriber: string): Promise<number>;
  close(): Promise<void>;
}

export class SubscriberOfflineError extends Error {
  constructor(readonly subscriber: string) {
    super(`Subscriber ${subscriber} is not running; its events stay in the outbox until it is`);
    this.name = 'SubscriberOfflineError';
  }
}
