import type { CloudEvent } from '../cloud-event';
import { type DeliveryOrigin, type EventTransport, SubscriberOfflineError, type TransportSubscription } from './event-transport';

/**
 * The embedded profile's transport: the apps of one process hand events straight to each other's
 * inboxes. It keeps nothing itself: the producer's outbox holds an event until every subscriber of
 * its type has taken it. A subscriber known to this process but closed makes publishing its types
 * fail, so its events wait in the outbox instead of being lost; and nothing is published before
 * `open()`, once every app of the process has registered its subscribers.
 */
export class InProcessTransport implements EventTransport {
  readonly kind = 'in-process' as const;
  private readonly subscriptions = new Map<string, TransportSubscription>();
  private readonly offline = new Map<string, ReadonlySet<string>>();
  private opened!: () => void;
  private readonly ready = new Promise<void>((resolve) => (this.opened = resolve));

  /** Lets publishing begin. Call it once every app sharing this transport has started. */
  open(): this {
    this.opened();
    return this;
  }

  async publish(events: CloudEvent[]): Promise<void> {
    await this.ready;
    for (const [subscriber, types] of this.offline) {
      if (events.some((event) => types.has(event.type))) throw new SubscriberOfflineError(subscriber);
    }
    await Promise.all([...this.subscriptions.values()].map((subscription) => deliver(subscription, events, 'live')));
  }

  async replay(subscriber: string, events: CloudEvent[]): Promise<void> {
    const subscription = this.subscriptions.get(subscriber);
    if (!subscription) throw new SubscriberOfflineError(subscriber);
    await deliver(subscription, events, 'replay');
  }

  subscribe(subscription: TransportSubscription): Promise<void> {
    this.offline.delete(subscription.subscriber);
    this.subscriptions.set(subscription.subscriber, subscription);
    return Promise.resolve();
  }

  unsubscribe(subscriber: string): Promise<void> {
    const subscription = this.subscriptions.get(subscriber);
    if (subscription) this.offline.set(subscriber, subscription.types);
    this.subscriptions.delete(subscriber);
    return Promise.resolve();
  }

  backlog(): Promise<number> {
    return Promise.resolve(0);
  }

  close(): Promise<void> {
    this.subscriptions.clear();
    return Promise.resolve();
  }
}

async function deliver(subscription: TransportSubscription, events: CloudEvent[], origin: DeliveryOrigin): Promise<void> {
  const wanted = events.filter((event) => subscription.types.has(event.type));
  if (wanted.length) await subscription.accept(wanted, origin);
}
