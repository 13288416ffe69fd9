import type { EventContract } from './event-contract';

/** Event types the billing domain publishes (`billing.<entity>.<fact>.v<major>`). */
export const BILLING_EVENTS: EventContract[] = [];
