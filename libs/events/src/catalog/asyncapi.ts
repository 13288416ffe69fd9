import type { EventContract } from '@concord/contracts';
import { eventDomainOf } from '@concord/contracts';
import { dtoJsonSchemas, type JsonSchema } from './dto-json-schema';

export interface AsyncApiInfo {
  title: string;
  version: string;
  description: string;
  /** Subject prefix on NATS (NATS_STREAM_PREFIX in lower case). */
  subjectPrefix: string;
}

/**
 * The event catalog as an AsyncAPI 3.0 document: one channel per event type (its JetStream subject),
 * one `send` operation per producing domain, each message a structured-mode CloudEvent whose `data`
 * schema is derived from the canonical DTO, exactly as it is validated at run time.
 */
export function asyncApiDocument(contracts: readonly EventContract[], info: AsyncApiInfo): Record<string, unknown> {
  const sorted = [...contracts].sort((a, b) => a.type.localeCompare(b.type));
  const schemas: Record<string, JsonSchema> = { CloudEventEnvelope: envelopeSchema() };
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  const messages: Record<string, unknown> = {};
  for (const contract of sorted) {
    dtoJsonSchemas(contract.dataClass, '#/components/schemas/', schemas);
    const name = messageName(contract.type);
    messages[name] = {
      name: contract.type,
      title: contract.type,
      summary: contract.summary,
      contentType: 'application/cloudevents+json',
      payload: {
        allOf: [
          { $ref: '#/components/schemas/CloudEventEnvelope' },
          {
            type: 'object',
            properties: { type: { const: contract.type }, data: { $ref: `#/components/schemas/${contract.dataClass.name}` } },
          },
        ],
      },
      'x-aggregate-type': contract.aggregateType,
      'x-contains-phi': contract.containsPhi,
      'x-dead-letter-policy': contract.deadLetterPolicy,
    };
    channels[name] = {
      address: `${info.subjectPrefix}.${contract.type}`,
      title: contract.type,
      messages: { [name]: { $ref: `#/components/messages/${name}` } },
    };
    operations[`publish${name}`] = {
      action: 'send',
      channel: { $ref: `#/channels/${name}` },
      summary: `${eventDomainOf(contract.type)} publishes ${contract.type}`,
      messages: [{ $ref: `#/channels/${name}/messages/${name}` }],
    };
  }
  return {
    asyncapi: '3.0.0',
    info: { title: info.title, version: info.version, description: info.description },
    defaultContentType: 'application/cloudevents+json',
    servers: {
      jetstream: {
        host: '127.0.0.1:4222',
        protocol: 'nats',
        description:
          'NATS JetStream (scale-out profile): one stream per domain, Nats-Msg-Id = CloudEvents id. The embedded profile delivers the same envelopes in process.',
      },
    },
    channels,
    operations,
    components: { schemas, messages },
  };
}

function messageName(type: string): string {
  return type
    .split(/[.-]/)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

function envelopeSchema(): JsonSchema {
  const text = { type: 'string' };
  return {
    type: 'object',
    title: 'CloudEvents 1.0 envelope with Concord extensions',
    required: ['specversion', 'id', 'source', 'type', 'time', 'datacontenttype', 'correlationid', 'data'],
    properties: {
      specversion: { const: '1.0' },
      id: { ...text, format: 'uuid', description: 'Event id; also the outbox row id and the JetStream Nats-Msg-Id' },
      source: { ...text, description: 'Producing app, e.g. /system-api' },
      type: { ...text, pattern: '^[a-z][a-z0-9-]*\\.[a-z][a-z0-9-]*\\.[a-z][a-z0-9-]*\\.v[1-9][0-9]*$' },
      time: { ...text, format: 'date-time' },
      subject: { ...text, description: 'What the event is about, e.g. Encounter/enc-aq-tka' },
      datacontenttype: { const: 'application/json' },
      dataschema: text,
      correlationid: { ...text, description: 'The business trace (one patient-to-cash journey, one PO ...)' },
      causationid: { ...text, description: 'The event or request that caused this one' },
      partitionkey: { ...text, description: 'Ordering key: events with the same key are handled in order' },
      traceparent: { ...text, description: 'W3C trace context of the request that produced the event' },
      data: { type: 'object' },
    },
  };
}
