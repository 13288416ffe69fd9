import type { EntityManager } from 'typeorm';
import type { DeadLetterKeyPolicy } from '@concord/contracts';
import type { CloudEvent } from '../cloud-event';
import type { DeliveryOrigin } from '../transport/event-transport';

export interface EventHandlerContext {
  /** The transaction the effect must be written in; the inbox row is marked done in it too. */
  manager: EntityManager;
  /** 1 on the first try. */
  attempt: number;
  origin: DeliveryOrigin;
}

export type EventHandler = (event: CloudEvent, context: EventHandlerContext) => Promise<void>;

export interface RetryPolicy {
  /** Attempts before the event is parked in the dead-letter queue. */
  maxAttempts: number;
  initialBackoffMs: number;
  maxBackoffMs: number;
}

/** A named consumer of some event types. Names are unique across the deployment. */
export interface EventSubscription {
  subscriber: string;
  types: string[];
  handle: EventHandler;
  retry?: Partial<RetryPolicy>;
  /** Keys handled in parallel by one instance. */
  concurrency?: number;
  /** Per-type override of the catalog's dead-letter key policy. */
  deadLetterPolicy?: Record<string, DeadLetterKeyPolicy>;
}

/** Thrown by a handler for an event it can never handle (retrying would not help): parked at once. */
export class PoisonEventError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'PoisonEventError';
  }
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 5, initialBackoffMs: 500, maxBackoffMs: 60_000 };

/** Exponential backoff with jitter (half fixed, half random), so retries of many keys spread out. */
export function backoffMs(policy: RetryPolicy, attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxBackoffMs, policy.initialBackoffMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
