import type { EventContract } from './event-contract';

/** Event types the erp domain publishes (`erp.<entity>.<fact>.v<major>`). */
export const ERP_EVENTS: EventContract[] = [];
