import type { EventContract } from './event-contract';

/** Event types the ehr domain publishes (`ehr.<entity>.<fact>.v<major>`). */
export const EHR_EVENTS: EventContract[] = [];
