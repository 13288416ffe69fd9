import { randomUUID } from 'node:crypto';
import { In, type DataSource, type FindOptionsWhere, LessThan } from 'typeorm';
import type { TransactionRunner } from '@concord/platform';
import type { CloudEvent } from '../cloud-event';
import { EventDataInvalidError, type EventCatalog } from '../catalog/event-catalog';
import { DeadLetterEditEntity } from './dead-letter-edit.entity';
import { InboxEntryEntity } from './inbox-entry.entity';
import { EventOperationsException, EventOperationsExceptionCode as Code } from '../operations/event-operations.exception';

export interface DeadLetterFilter {
  subscriber?: string;
  type?: string;
  correlationId?: string;
  /** Entries parked before this inbox sequence number (paging backwards). */
  before?: number;
  limit: number;
}

export interface DeadLetter {
  entry: InboxEntryEntity;
  event: CloudEvent;
  edits: DeadLetterEditEntity[];
}

/**
 * The dead-letter queue: events a subscriber could not handle, kept with their last error. An
 * operator retries them as they are, or proposes corrected data that a second operator must approve
 * before it is applied (four eyes); both are recorded.
 */
export class DeadLetters {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
    private readonly catalog: EventCatalog,
    private readonly nudge: (subscriber: string) => void,
  ) {}

  async list(filter: DeadLetterFilter): Promise<DeadLetter[]> {
    const where: FindOptionsWhere<InboxEntryEntity> = { status: 'dead' };
    if (filter.subscriber) where.subscriber = filter.subscriber;
    if (filter.type) where.type = filter.type;
    if (filter.correlationId) where.correlationId = filter.correlationId;
    if (filter.before) where.seq = LessThan(filter.before);
    const entries = await this.dataSource.getRepository(InboxEntryEntity).find({ where, order: { seq: 'DESC' }, take: filter.limit });
    const edits = entries.length
      ? await this.dataSource.getRepository(DeadLetterEditEntity).find({
          where: { inboxSeq: In(entries.map((e) => e.seq)) },
          order: { proposedAt: 'ASC' },
        })
      : [];
    return entries.map((entry) => ({
      entry,
      event: JSON.parse(entry.payload) as CloudEvent,
      edits: edits.filter((edit) => edit.inboxSeq === entry.seq),
    }));
  }

  async get(seq: number): Promise<DeadLetter> {
    const entry = await this.dataSource.getRepository(InboxEntryEntity).findOne({ where: { seq } });
    if (!entry || (entry.status !== 'dead' && entry.status !== 'skipped')) {
      throw new EventOperationsException(Code.DEAD_LETTER_NOT_FOUND, `No dead letter ${seq}`);
    }
    const edits = await this.dataSource
      .getRepository(DeadLetterEditEntity)
      .find({ where: { inboxSeq: seq }, order: { proposedAt: 'ASC' } });
    return { entry, event: JSON.parse(entry.payload) as CloudEvent, edits };
  }

  /** Puts dead letters back in line for their subscriber, as they are. Returns how many. */
  async retry(seqs: number[]): Promise<number> {
    const entries = await this.transactions.run(async (manager) => {
      const dead = await manager.find(InboxEntryEntity, { where: { seq: In(seqs), status: 'dead' } });
      if (dead.length) {
        await manager.update(
          InboxEntryEntity,
          { seq: In(dead.map((entry) => entry.seq)) },
          { status: 'pending', attempts: 0, holdsKey: false, nextAttemptAt: new Date().toISOString() },
        );
      }
      return dead;
    });
    for (const subscriber of new Set(entries.map((entry) => entry.subscriber))) this.nudge(subscriber);
    return entries.length;
  }

  /** Seqs of the dead letters matching a filter (bulk retry). */
  async matching(filter: Omit<DeadLetterFilter, 'before'>): Promise<number[]> {
    return (await this.list(filter)).map((letter) => letter.entry.seq);
  }

  async skip(seq: number, reason: string): Promise<void> {
    await this.transactions.run(async (manager) => {
      const entry = await manager.findOne(InboxEntryEntity, { where: { seq, status: 'dead' } });
      if (!entry) throw new EventOperationsException(Code.DEAD_LETTER_NOT_FOUND, `No dead letter ${seq}`);
      await manager.update(
        InboxEntryEntity,
        { seq },
        { status: 'skipped', holdsKey: false, lastError: `skipped: ${reason}`.slice(0, 2000) },
      );
    });
    const entry = await this.dataSource.getRepository(InboxEntryEntity).findOneByOrFail({ seq });
    this.nudge(entry.subscriber);
  }

  /** Records corrected data for a dead letter; nothing changes until another operator approves it. */
  async proposeEdit(seq: number, data: unknown, reason: string, proposedBy: string): Promise<DeadLetterEditEntity> {
    const letter = await this.get(seq);
    if (letter.entry.status !== 'dead') throw new EventOperationsException(Code.DEAD_LETTER_NOT_FOUND, `No dead letter ${seq}`);
    try {
      this.catalog.validate(letter.event.type, data);
    } catch (error) {
      if (error instanceof EventDataInvalidError) {
        throw new EventOperationsException(
          Code.EDIT_INVALID,
          'The corrected data does not match the event type',
          error.problems.map((problem) => ({
            in: 'body' as const,
            name: `data${problem.pointer.replace(/\//g, '.')}`,
            pointer: `/data${problem.pointer}`,
            detail: problem.detail,
          })),
        );
      }
      throw error;
    }
    const edit: DeadLetterEditEntity = {
      id: randomUUID(),
      inboxSeq: seq,
      proposedData: JSON.stringify(data),
      previousData: JSON.stringify(letter.event.data),
      reason,
      proposedBy,
      proposedAt: new Date().toISOString(),
      status: 'proposed',
      decidedBy: null,
      decidedAt: null,
      decisionComment: null,
    };
    await this.transactions.run((manager) => manager.insert(DeadLetterEditEntity, edit));
    return edit;
  }

  /** A second operator approves an edit: the event's data is replaced and it is retried. */
  async decideEdit(
    seq: number,
    editId: string,
    decision: 'approved' | 'rejected',
    decidedBy: string,
    comment?: string,
  ): Promise<DeadLetterEditEntity> {
    const decided = await this.transactions.run(async (manager) => {
      const edit = await manager.findOne(DeadLetterEditEntity, { where: { id: editId, inboxSeq: seq } });
      if (!edit) throw new EventOperationsException(Code.EDIT_NOT_FOUND, `No edit ${editId} of dead letter ${seq}`);
      if (edit.status !== 'proposed')
        throw new EventOperationsException(Code.EDIT_ALREADY_DECIDED, `Edit ${editId} was already ${edit.status}`);
      if (edit.proposedBy === decidedBy) {
        throw new EventOperationsException(
          Code.FOUR_EYES_REQUIRED,
          'An edit must be approved or rejected by another operator than its author',
        );
      }
      const entry = await manager.findOne(InboxEntryEntity, { where: { seq, status: 'dead' } });
      if (!entry) throw new EventOperationsException(Code.DEAD_LETTER_NOT_FOUND, `No dead letter ${seq}`);
      const update = { status: decision, decidedBy, decidedAt: new Date().toISOString(), decisionComment: comment?.slice(0, 500) ?? null };
      await manager.update(DeadLetterEditEntity, { id: editId }, update);
      if (decision === 'approved') {
        const event = JSON.parse(entry.payload) as CloudEvent;
        const corrected = { ...event, data: JSON.parse(edit.proposedData) as unknown };
        await manager.update(
          InboxEntryEntity,
          { seq },
          { payload: JSON.stringify(corrected), status: 'pending', attempts: 0, holdsKey: false, nextAttemptAt: new Date().toISOString() },
        );
      }
      return { ...edit, ...update, subscriber: entry.subscriber };
    });
    if (decision === 'approved') this.nudge(decided.subscriber);
    const { subscriber: _subscriber, ...edit } = decided;
    return edit;
  }

  async countBySubscriber(): Promise<Record<string, number>> {
    const rows = await this.dataSource
      .getRepository(InboxEntryEntity)
      .createQueryBuilder('i')
      .select('i.subscriber', 'subscriber')
      .addSelect('COUNT(*)', 'count')
      .where("i.status = 'dead'")
      .groupBy('i.subscriber')
      .getRawMany<{ subscriber: string; count: string | number }>();
    return Object.fromEntries(rows.map((row) => [row.subscriber, Number(row.count)]));
  }
}
