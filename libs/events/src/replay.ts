import { In, type DataSource, type FindOptionsWhere, IsNull, Not, And, MoreThanOrEqual, LessThan } from 'typeorm';
import type { CloudEvent } from './cloud-event';
import { OutboxEventEntity } from './outbox/outbox-event.entity';
import type { EventTransport } from './transport/event-transport';
import { EventOperationsException, EventOperationsExceptionCode as Code } from './operations/event-operations.exception';

export interface ReplayRequest {
  subscriber: string;
  /** ISO 8601, inclusive. */
  from?: string;
  /** ISO 8601, exclusive. */
  to?: string;
  types?: string[];
  correlationId?: string;
}

export const MAX_REPLAY = 50_000;
const PAGE = 500;

/**
 * Re-delivers published events from this app's outbox (the record of truth, kept for the
 * retention period) to one subscriber. The subscriber's inbox ignores events it already handled,
 * so a replay only fills gaps: it never repeats an effect.
 */
export class EventReplayer {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transport: EventTransport,
  ) {}

  async replay(request: ReplayRequest): Promise<number> {
    const where = this.criteria(request);
    const total = await this.dataSource.getRepository(OutboxEventEntity).countBy(where);
    if (total > MAX_REPLAY) {
      throw new EventOperationsException(Code.REPLAY_TOO_LARGE, `The range holds ${total} events; replay at most ${MAX_REPLAY} at once`);
    }
    let delivered = 0;
    let after = 0;
    for (;;) {
      const rows = await this.dataSource.getRepository(OutboxEventEntity).find({
        where: { ...where, position: And(MoreThanOrEqual(after + 1)) },
        order: { position: 'ASC' },
        take: PAGE,
      });
      if (!rows.length) return delivered;
      await this.transport.replay(
        request.subscriber,
        rows.map((row) => JSON.parse(row.payload) as CloudEvent),
      );
      delivered += rows.length;
      after = rows[rows.length - 1].position;
    }
  }

  private criteria(request: ReplayRequest): FindOptionsWhere<OutboxEventEntity> {
    const where: FindOptionsWhere<OutboxEventEntity> = { publishedAt: Not(IsNull()) };
    if (request.types?.length) where.type = In(request.types);
    if (request.correlationId) where.correlationId = request.correlationId;
    if (request.from && request.to) where.occurredAt = And(MoreThanOrEqual(request.from), LessThan(request.to));
    else if (request.from) where.occurredAt = MoreThanOrEqual(request.from);
    else if (request.to) where.occurredAt = LessThan(request.to);
    return where;
  }
}
