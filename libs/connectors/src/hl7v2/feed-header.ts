import { formatHl7Timestamp } from './hl7-datetime';
import type { Hl7HeaderValues } from './hl7-message-builder';

/** Who sends a generated message to whom, and its id and time; the version defaults to 2.5.1. */
export interface Hl7FeedHeader {
  sendingApplication: string;
  sendingFacility: string;
  receivingApplication: string;
  receivingFacility: string;
  controlId: string;
  /** MSH-7 (and EVN-2), ISO 8601 or a Date. */
  timestamp: string | Date;
  version?: string;
  processingId?: string;
}

export const DEFAULT_FEED_VERSION = '2.5.1';

export function headerValues(header: Hl7FeedHeader, messageType: Hl7HeaderValues['messageType']): Hl7HeaderValues {
  return {
    sendingApplication: header.sendingApplication,
    sendingFacility: header.sendingFacility,
    receivingApplication: header.receivingApplication,
    receivingFacility: header.receivingFacility,
    timestamp: formatHl7Timestamp(header.timestamp),
    messageType,
    controlId: header.controlId,
    processingId: header.processingId ?? 'P',
    version: header.version ?? DEFAULT_FEED_VERSION,
  };
}
