import { randomUUID } from 'node:crypto';
import { EVENT_TYPE_PATTERN } from '@concord/contracts';

export { EVENT_TYPE_PATTERN };

/** A CloudEvents 1.0 envelope with Concord's `correlationid` and `causationid` extensions. */
export interface CloudEvent<T = unknown> {
  specversion: '1.0';
  id: string;
  source: string;
  type: string;
  time: string;
  subject?: string;
  datacontenttype: 'application/json';
  dataschema?: string;
  /** The business trace the event belongs to (one patient-to-cash journey, one PO ...). */
  correlationid: string;
  /** Id of the event or request that caused this one. */
  causationid?: string;
  /** CloudEvents partitioning extension: events with the same key are handled in order. */
  partitionkey?: string;
  /** W3C traceparent of the request that produced the event (CloudEvents distributed tracing extension). */
  traceparent?: string;
  data: T;
}

export interface NewCloudEvent<T> {
  type: string;
  source: string;
  data: T;
  subject?: string;
  correlationId?: string;
  causationId?: string;
  dataschema?: string;
  partitionKey?: string;
  traceparent?: string;
  id?: string;
  time?: Date;
}

export class InvalidEventTypeError extends Error {
  constructor(readonly eventType: string) {
    super(`Event type "${eventType}" does not follow <domain>.<entity>.<fact>.v<major>`);
    this.name = 'InvalidEventTypeError';
  }
}

/** Builds an envelope; a new event starts its own correlation unless it continues one. */
export function cloudEvent<T>(event: NewCloudEvent<T>): CloudEvent<T> {
  if (!EVENT_TYPE_PATTERN.test(event.type)) throw new InvalidEventTypeError(event.type);
  const id = event.id ?? randomUUID();
  return {
    specversion: '1.0',
    id,
    source: event.source,
    type: event.type,
    time: (event.time ?? new Date()).toISOString(),
    ...(event.subject ? { subject: event.subject } : {}),
    datacontenttype: 'application/json',
    ...(event.dataschema ? { dataschema: event.dataschema } : {}),
    correlationid: event.correlationId ?? id,
    ...(event.causationId ? { causationid: event.causationId } : {}),
    ...(event.partitionKey ? { partitionkey: event.partitionKey } : {}),
    ...(event.traceparent ? { traceparent: event.traceparent } : {}),
    data: event.data,
  };
}
