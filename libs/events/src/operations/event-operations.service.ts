import { Injectable } from '@nestjs/common';
import { AuditTrail, RequestContextStore, scopeSatisfied } from '@concord/platform';
import { EventBackbone } from '../event-backbone';
import type { DeadLetter } from '../inbox/dead-letters';
import type { DeadLetterEditEntity } from '../inbox/dead-letter-edit.entity';
import type {
  DeadLetterDto,
  DeadLetterEditDto,
  DeadLetterQueryDto,
  EventTypeDto,
  ReplayRequestDto,
  RetryDeadLettersDto,
  SubscriberStatusDto,
} from './event-operations.dto';

/** Who may see event data that carries PHI in operator views. */
export const EVENT_PHI_SCOPE = 'phi/Patient.r';
const MASKED = '[masked: needs phi/Patient.r]';

/**
 * Operator actions on the backbone: inspect and retry dead letters, correct them under four
 * eyes, replay ranges, watch lag. Every action that reads or changes event data is audited.
 */
@Injectable()
export class EventOperations {
  constructor(
    private readonly backbone: EventBackbone,
    private readonly audit: AuditTrail,
  ) {}

  catalog(): EventTypeDto[] {
    return this.backbone.catalog.all().map((contract) => ({
      type: contract.type,
      summary: contract.summary,
      aggregateType: contract.aggregateType,
      containsPhi: contract.containsPhi,
      deadLetterPolicy: contract.deadLetterPolicy,
    }));
  }

  async subscribers(): Promise<SubscriberStatusDto[]> {
    const [lag, dead] = await Promise.all([this.backbone.lag(), this.backbone.deadLetters.countBySubscriber()]);
    return this.backbone.subscribers().map((subscriber) => ({
      subscriber,
      types: [...this.backbone.worker(subscriber).types].sort(),
      lag: lag[subscriber] ?? 0,
      deadLetters: dead[subscriber] ?? 0,
    }));
  }

  async deadLetters(query: DeadLetterQueryDto): Promise<DeadLetterDto[]> {
    const letters = await this.backbone.deadLetters.list({ ...query, limit: query.limit ?? 50 });
    await this.auditRead(letters, 'search');
    return letters.map((letter) => this.toDto(letter));
  }

  async deadLetter(id: number): Promise<DeadLetterDto> {
    const letter = await this.backbone.deadLetters.get(id);
    await this.auditRead([letter], 'read');
    return this.toDto(letter);
  }

  async retry(id: number): Promise<{ retried: number }> {
    await this.backbone.deadLetters.get(id);
    const retried = await this.backbone.deadLetters.retry([id]);
    await this.record('U', 'dead-letter-retry', String(id));
    return { retried };
  }

  async retryMany(request: RetryDeadLettersDto): Promise<{ retried: number }> {
    const ids = request.ids?.length
      ? request.ids
      : await this.backbone.deadLetters.matching({ subscriber: request.subscriber, type: request.type, limit: 1000 });
    const retried = await this.backbone.deadLetters.retry(ids);
    await this.record('U', 'dead-letter-retry', ids.join(',').slice(0, 60));
    return { retried };
  }

  async skip(id: number, reason: string): Promise<DeadLetterDto> {
    await this.backbone.deadLetters.skip(id, reason);
    await this.record('U', 'dead-letter-skip', String(id));
    return this.deadLetter(id);
  }

  async proposeEdit(id: number, data: Record<string, unknown>, reason: string): Promise<DeadLetterEditDto> {
    const edit = await this.backbone.deadLetters.proposeEdit(id, data, reason, this.operator());
    await this.record('U', 'dead-letter-edit-proposed', String(id));
    return this.editDto(edit, (await this.backbone.deadLetters.get(id)).event.type);
  }

  async decideEdit(id: number, editId: string, decision: 'approved' | 'rejected', comment?: string): Promise<DeadLetterEditDto> {
    const { event } = await this.backbone.deadLetters.get(id);
    const edit = await this.backbone.deadLetters.decideEdit(id, editId, decision, this.operator(), comment);
    await this.record('U', `dead-letter-edit-${decision}`, String(id));
    return this.editDto(edit, event.type);
  }

  async replay(request: ReplayRequestDto): Promise<{ delivered: number }> {
    const delivered = await this.backbone.replayer.replay(request);
    await this.record('E', 'event-replay', request.subscriber);
    return { delivered };
  }

  private operator(): string {
    const principal = RequestContextStore.current()?.principal;
    return principal?.userId ?? principal?.clientId ?? 'anonymous';
  }

  private seesPhi(): boolean {
    const principal = RequestContextStore.current()?.principal;
    return principal !== undefined && scopeSatisfied(principal.scopes, EVENT_PHI_SCOPE);
  }

  private carriesPhi(type: string): boolean {
    return !this.backbone.catalog.has(type) || this.backbone.catalog.get(type).containsPhi;
  }

  private toDto(letter: DeadLetter): DeadLetterDto {
    const { entry, event } = letter;
    const masked = this.carriesPhi(event.type) && !this.seesPhi();
    return {
      id: entry.seq,
      subscriber: entry.subscriber,
      eventId: entry.eventId,
      type: entry.type,
      key: entry.partitionKey,
      correlationId: entry.correlationId,
      status: entry.status,
      attempts: entry.attempts,
      ...(entry.lastError ? { lastError: masked ? MASKED : entry.lastError } : {}),
      holdsKey: entry.holdsKey,
      receivedAt: entry.receivedAt,
      event: { ...event, data: masked ? MASKED : event.data },
      edits: letter.edits.map((edit) => this.editDto(edit, event.type)),
    };
  }

  private editDto(edit: DeadLetterEditEntity, type: string): DeadLetterEditDto {
    const masked = this.carriesPhi(type) && !this.seesPhi();
    return {
      id: edit.id,
      proposedData: masked ? MASKED : (JSON.parse(edit.proposedData) as unknown),
      previousData: masked ? MASKED : (JSON.parse(edit.previousData) as unknown),
      reason: edit.reason,
      proposedBy: edit.proposedBy,
      proposedAt: edit.proposedAt,
      status: edit.status,
      ...(edit.decidedBy ? { decidedBy: edit.decidedBy } : {}),
      ...(edit.decidedAt ? { decidedAt: edit.decidedAt } : {}),
      ...(edit.decisionComment ? { decisionComment: edit.decisionComment } : {}),
    };
  }

  private async auditRead(letters: DeadLetter[], subtype: 'read' | 'search'): Promise<void> {
    const withPhi = letters.filter((letter) => this.carriesPhi(letter.event.type));
    if (!withPhi.length && subtype === 'read') return;
    await this.record(
      subtype === 'read' ? 'R' : 'E',
      `dead-letter-${subtype}`,
      subtype === 'read' ? String(letters[0]?.entry.seq) : undefined,
    );
  }

  private async record(action: 'R' | 'E' | 'U', subtype: string, entityId?: string): Promise<void> {
    await this.audit.record({ action, subtype, outcome: '0', entityType: 'DeadLetter', entityId, route: `events/${subtype}` });
  }
}
