import { Injectable } from '@nestjs/common';
import { readInboundHl7 } from '@concord/connectors/hl7v2';
import { EventBackbone, EventCatalog } from '@concord/events';
import { TransactionRunner } from '@concord/platform';
import { type EntityManager, LessThan, type SelectQueryBuilder } from 'typeorm';
import { PatientIdentity } from '../identity/patient-identity.service';
import type {
  BulkReprocessResultDto,
  EhrMessageDto,
  EhrMessagePageDto,
  EhrMessageSummaryDto,
  ReprocessEhrMessagesDto,
  ReprocessResultDto,
  SearchEhrMessagesQuery,
} from './dto/ehr-message.dto';
import { EhrMessageEntity } from './ehr-message.entity';
import { EhrMessageException, EhrMessageExceptionCode } from './ehr-message.exception';
import { eventsForChange } from './hl7-change-events';
import { reasonOf } from './inbound-hl7-record';
import { catalogProblem } from './message-intake.service';

const DEFAULT_PAGE_SIZE = 50;

/**
 * The inbound HL7 v2 message store: search, read, reprocess (one or many) and the retention purge. Reprocessing
 * reads the stored text again with today's mappings; the events it announces have ids derived from the message, so
 * a message that was processed before is never announced twice.
 */
@Injectable()
export class MessageStore {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly backbone: EventBackbone,
    private readonly catalog: EventCatalog,
    private readonly identity: PatientIdentity,
  ) {}

  async search(query: SearchEhrMessagesQuery): Promise<EhrMessagePageDto> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = query.cursor ? decodeCursor(query.cursor) : undefined;
    const rows = await this.transactions.run((manager) => {
      const qb = this.filtered(manager, query);
      if (after) qb.andWhere('(m.received_at < :at OR (m.received_at = :at AND m.id < :id))', { at: after.receivedAt, id: after.id });
      return qb
        .orderBy('m.received_at', 'DESC')
        .addOrderBy('m.id', 'DESC')
        .take(limit + 1)
        .getMany();
    });
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map(summaryOf),
      ...(rows.length > limit && last ? { nextCursor: encodeCursor(last) } : {}),
    };
  }

  async get(id: string): Promise<EhrMessageDto> {
    const row = await this.transactions.run((manager) => manager.findOne(EhrMessageEntity, { where: { id } }));
    if (!row) throw notFound(id);
    return { ...summaryOf(row), raw: row.raw, ack: row.ack };
  }

  reprocess(id: string): Promise<ReprocessResultDto> {
    return this.transactions.run(async (manager) => {
      const row = await manager.findOne(EhrMessageEntity, { where: { id } });
      if (!row) throw notFound(id);
      return this.reprocessRow(manager, row);
    });
  }

  async reprocessMany(request: ReprocessEhrMessagesDto): Promise<BulkReprocessResultDto> {
    const ids = request.ids
      ? request.ids
      : await this.transactions.run(async (manager) =>
          (
            await this.filtered(manager, { ...request, status: request.status ?? 'failed' })
              .select(['m.id'])
              .orderBy('m.received_at', 'ASC')
              .take(request.limit ?? 100)
              .getMany()
          ).map((row) => row.id),
        );
    const results: ReprocessResultDto[] = [];
    // One transaction per message: a message that cannot be processed does not hold back the others.
    for (const id of ids) {
      const result = await this.transactions.run(async (manager) => {
        const row = await manager.findOne(EhrMessageEntity, { where: { id } });
        return row ? this.reprocessRow(manager, row) : undefined;
      });
      if (result) results.push(result);
    }
    return {
      matched: results.length,
      processed: results.filter((result) => result.status === 'processed').length,
      failed: results.filter((result) => result.status === 'failed').length,
      results,
    };
  }

  /** Deletes messages received before `cutoff`; returns how many. */
  purgeOlderThan(cutoff: Date): Promise<number> {
    return this.transactions.run(async (manager) => {
      const result = await manager.delete(EhrMessageEntity, { receivedAt: LessThan(cutoff.toISOString()) });
      return result.affected ?? 0;
    });
  }

  private async reprocessRow(manager: EntityManager, row: EhrMessageEntity): Promise<ReprocessResultDto> {
    const result = readInboundHl7(row.raw);
    const now = new Date().toISOString();
    row.attempts += 1;
    row.updatedAt = now;
    let reason: string | null = null;
    if (result.outcome === 'mapped' && result.change) {
      const events = eventsForChange(result.change, row.id);
      const problem = catalogProblem(this.catalog, events);
      if (problem) reason = `failed: ${problem}`;
      if (!reason) {
        await this.backbone.outbox.add(manager, events);
        await this.backbone.outbox.add(manager, await this.identity.apply(manager, result.change));
        row.status = 'processed';
        row.reason = null;
        row.eventCount = events.length;
        row.processedAt = now;
      }
    } else {
      reason = reasonOf(result);
    }
    if (reason) {
      row.status = 'failed';
      row.reason = reason.slice(0, 1000);
    }
    await manager.update(
      EhrMessageEntity,
      { id: row.id },
      {
        status: row.status,
        reason: row.reason,
        attempts: row.attempts,
        eventCount: row.eventCount,
        processedAt: row.processedAt,
        updatedAt: row.updatedAt,
      },
    );
    return {
      id: row.id,
      status: row.status,
      ...(row.reason ? { reason: row.reason } : {}),
      eventCount: row.eventCount,
      attempts: row.attempts,
    };
  }

  private filtered(
    manager: EntityManager,
    filter: Pick<SearchEhrMessagesQuery, 'controlId' | 'messageType' | 'patientIdentifier' | 'status' | 'receivedFrom' | 'receivedTo'>,
  ): SelectQueryBuilder<EhrMessageEntity> {
    const qb = manager.createQueryBuilder(EhrMessageEntity, 'm').where('1 = 1');
    if (filter.controlId) qb.andWhere('m.control_id = :controlId', { controlId: filter.controlId });
    if (filter.messageType) {
      if (filter.messageType.includes('^')) qb.andWhere('m.message_type = :messageType', { messageType: filter.messageType });
      else
        qb.andWhere('(m.message_type = :code OR m.message_type LIKE :prefix)', {
          code: filter.messageType,
          prefix: `${filter.messageType}^%`,
        });
    }
    if (filter.patientIdentifier) qb.andWhere('m.patient_identifiers LIKE :identifier', { identifier: `%|${filter.patientIdentifier}|%` });
    if (filter.status) qb.andWhere('m.status = :status', { status: filter.status });
    if (filter.receivedFrom) qb.andWhere('m.received_at >= :from', { from: new Date(filter.receivedFrom).toISOString() });
    if (filter.receivedTo) qb.andWhere('m.received_at < :to', { to: new Date(filter.receivedTo).toISOString() });
    return qb;
  }
}

function summaryOf(row: EhrMessageEntity): EhrMessageSummaryDto {
  return {
    id: row.id,
    controlId: row.controlId,
    ...(row.sendingApplication ? { sendingApplication: row.sendingApplication } : {}),
    ...(row.sendingFacility ? { sendingFacility: row.sendingFacility } : {}),
    messageType: row.messageType,
    patientIdentifiers: row.patientIdentifiers.split('|').filter(Boolean),
    status: row.status,
    ...(row.reason ? { reason: row.reason } : {}),
    ackCode: row.ackCode,
    eventCount: row.eventCount,
    attempts: row.attempts,
    duplicates: row.duplicates,
    receivedAt: row.receivedAt,
    ...(row.processedAt ? { processedAt: row.processedAt } : {}),
    updatedAt: row.updatedAt,
  };
}

function encodeCursor(row: EhrMessageEntity): string {
  return Buffer.from(`${row.receivedAt}|${row.id}`, 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): { receivedAt: string; id: string } {
  const [receivedAt, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (!receivedAt || !id || Number.isNaN(Date.parse(receivedAt))) {
    throw new EhrMessageException(EhrMessageExceptionCode.INVALID_CURSOR, 'cursor is not one this API issued', [
      { in: 'query', name: 'cursor', detail: 'cursor is not one this API issued' },
    ]);
  }
  return { receivedAt, id };
}

function notFound(id: string): EhrMessageException {
  return new EhrMessageException(EhrMessageExceptionCode.MESSAGE_NOT_FOUND, `No stored HL7 v2 message with id "${id}"`);
}
