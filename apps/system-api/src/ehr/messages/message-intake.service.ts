import { Injectable } from '@nestjs/common';
import { buildAck, type Hl7ClinicalChange, Hl7ErrorCode, readInboundHl7 } from '@concord/connectors/hl7v2';
import { EventBackbone, EventCatalog, type NewEvent } from '@concord/events';
import { TransactionRunner } from '@concord/platform';
import { In, type EntityManager } from 'typeorm';
import { PatientIdentity } from '../identity/patient-identity.service';
import { EhrMessageEntity } from './ehr-message.entity';
import { eventsForChange } from './hl7-change-events';
import { messageRecordOf, type NewEhrMessage } from './inbound-hl7-record';

interface Pending {
  record: NewEhrMessage;
  change?: Hl7ClinicalChange;
  events: NewEvent[];
  resolve: (ack: string) => void;
  reject: (error: unknown) => void;
}

/** Most messages committed in one transaction. */
const MAX_BATCH = 256;

/**
 * Takes inbound HL7 v2 frames from the MLLP listener: reads each one, stores it (with its ehr.* events in the outbox
 * and its cross-reference changes) and only then returns the ACK to write. Frames that arrive while a transaction
 * is committing wait for the next one together (group commit): one transaction per burst rather than per message,
 * so persisting before acknowledging stays fast with many senders. A retransmission (same sending application and
 * MSH-10 as a stored message) is answered with the stored ACK and changes nothing.
 */
@Injectable()
export class MessageIntake {
  private queue: Pending[] = [];
  private flushing = false;

  constructor(
    private readonly transactions: TransactionRunner,
    private readonly backbone: EventBackbone,
    private readonly catalog: EventCatalog,
    private readonly identity: PatientIdentity,
  ) {}

  /** Stores one frame; resolves the ACK once the message is committed (rejects when it could not be stored). */
  receive(frame: Buffer | string, receivedAt = new Date(), remoteAddress?: string): Promise<string> {
    const result = readInboundHl7(frame);
    const record = messageRecordOf(frame, result, receivedAt, remoteAddress);
    let events: NewEvent[] = [];
    let change = result.outcome === 'mapped' ? result.change : undefined;
    if (change && result.message) {
      events = eventsForChange(change, record.id);
      const problem = catalogProblem(this.catalog, events);
      if (problem) {
        // Kept as failed for reprocessing once the mapping is fixed; the sender is told with AE that it was not applied.
        Object.assign(record, {
          status: 'failed',
          reason: `failed: ${problem}`.slice(0, 1000),
          ack: buildAck(result.message, {
            code: 'AE',
            errors: [{ code: Hl7ErrorCode.APPLICATION_INTERNAL_ERROR, text: 'the message could not be turned into events' }],
          }),
          ackCode: 'AE',
        });
        events = [];
        change = undefined;
      }
    }
    return new Promise<string>((resolve, reject) => {
      this.queue.push({ record, change, events, resolve, reject });
      if (!this.flushing) {
        this.flushing = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    while (this.queue.length) {
      const batch = this.queue.splice(0, MAX_BATCH);
      try {
        const acks = await this.transactions.run((manager) => this.store(manager, batch));
        batch.forEach((item, index) => item.resolve(acks[index]));
      } catch (error) {
        for (const item of batch) item.reject(error);
      }
    }
    this.flushing = false;
  }

  private async store(manager: EntityManager, batch: Pending[]): Promise<string[]> {
    const keys = batch.map((item) => item.record.dedupeKey).filter((key): key is string => key !== null);
    const stored = new Map<string, EhrMessageEntity>();
    for (let i = 0; i < keys.length; i += 500) {
      const found = await manager.find(EhrMessageEntity, {
        where: { dedupeKey: In([...new Set(keys.slice(i, i + 500))]) },
        select: { id: true, dedupeKey: true, ack: true },
      });
      for (const row of found) stored.set(row.dedupeKey!, row);
    }
    const acks: string[] = [];
    const fresh: EhrMessageEntity[] = [];
    const duplicates = new Map<string, number>();
    const events: NewEvent[] = [];
    for (const item of batch) {
      const key = item.record.dedupeKey;
      const earlier = key ? stored.get(key) : undefined;
      if (earlier) {
        acks.push(earlier.ack);
        duplicates.set(earlier.id, (duplicates.get(earlier.id) ?? 0) + 1);
        continue;
      }
      const row = Object.assign(new EhrMessageEntity(), item.record, {
        eventCount: item.events.length,
        attempts: 1,
        duplicates: 0,
        processedAt: item.record.status === 'processed' ? item.record.receivedAt : null,
        updatedAt: item.record.receivedAt,
      });
      if (key) stored.set(key, row);
      fresh.push(row);
      events.push(...item.events);
      acks.push(item.record.ack);
      if (item.change) events.push(...(await this.identity.apply(manager, item.change)));
    }
    for (let i = 0; i < fresh.length; i += 50) await manager.insert(EhrMessageEntity, fresh.slice(i, i + 50));
    for (const [id, count] of duplicates) {
      await manager.increment(EhrMessageEntity, { id }, 'duplicates', count);
    }
    for (let i = 0; i < events.length; i += 500) await this.backbone.outbox.add(manager, events.slice(i, i + 500));
    return acks;
  }
}

/** Why the events do not match the catalog (JSON pointers and rules, never values), or undefined when they do. */
export function catalogProblem(catalog: EventCatalog, events: NewEvent[]): string | undefined {
  for (const event of events) {
    try {
      catalog.validate(event.type, event.data);
    } catch (error) {
      return error instanceof Error ? error.message : 'the events do not match the catalog';
    }
  }
  return undefined;
}
