import type { EventContract } from './event-contract';

/** Event types the workforce domain publishes (`workforce.<entity>.<fact>.v<major>`). */
export const WORKFORCE_EVENTS: EventContract[] = [];
