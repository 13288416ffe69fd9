import type { CloudEvent } from './cloud-event';

export type EventHandler = (event: CloudEvent) => Promise<void>;

export interface HandlerFailure {
  subscriber: string;
  event: CloudEvent;
  error: unknown;
}

/**
 * The embedded profile's transport: delivers each published event to every subscriber of its type,
 * one subscriber's failure never blocking another's. Durability (outbox, inbox, retries, DLQ) sits
 * around this port, not in it; NATS JetStream replaces it at scale.
 */
export class InProcessEventBus {
  private readonly subscriptions = new Map<string, { subscriber: string; handler: EventHandler }[]>();

  subscribe(type: string, subscriber: string, handler: EventHandler): () => void {
    const list = this.subscriptions.get(type) ?? [];
    const entry = { subscriber, handler };
    list.push(entry);
    this.subscriptions.set(type, list);
    return () => {
      const current = this.subscriptions.get(type) ?? [];
      this.subscriptions.set(
        type,
        current.filter((e) => e !== entry),
      );
    };
  }

  /** Resolves when every subscriber has handled the event; returns the failures, if any. */
  async publish(event: CloudEvent): Promise<HandlerFailure[]> {
    const list = this.subscriptions.get(event.type) ?? [];
    const results = await Promise.allSettled(list.map(({ handler }) => handler(event)));
    return results.flatMap((result, index) =>
      result.status === 'rejected' ? [{ subscriber: list[index].subscriber, event, error: result.reason as unknown }] : [],
    );
  }
}
