import type { EventContract } from './event-contract';

/** Event types the process domain publishes (`process.<entity>.<fact>.v<major>`). */
export const PROCESS_EVENTS: EventContract[] = [];
