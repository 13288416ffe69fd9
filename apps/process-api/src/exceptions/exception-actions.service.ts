import { Injectable } from '@nestjs/common';
import type { ExceptionEditDto, ExceptionPageDto, ExceptionQueryDto, FlowExceptionDto } from '../engine/dto/flow.dto';
import { decodeOffset, encodeOffset, FlowPresenter } from '../engine/flow-presenter';
import { type ExceptionAction, ExceptionQueue } from './exception-queue.service';

/** Maps the exception queue between the REST DTOs and the queue. */
@Injectable()
export class ExceptionActions {
  constructor(
    private readonly queue: ExceptionQueue,
    private readonly present: FlowPresenter,
  ) {}

  async list(query: ExceptionQueryDto): Promise<ExceptionPageDto> {
    const limit = query.limit ?? 50;
    const offset = decodeOffset(query.cursor);
    const { items, total } = await this.queue.list({ status: query.status, flowType: query.flowType, flowId: query.flowId, limit, offset });
    return {
      items: items.map((item) => this.present.exception(item)),
      total,
      ...(offset + items.length < total ? { nextCursor: encodeOffset(offset + items.length) } : {}),
    };
  }

  async get(id: string): Promise<FlowExceptionDto> {
    const { exception, edits } = await this.queue.get(id);
    return this.present.exception(exception, edits);
  }

  async act(id: string, action: ExceptionAction, comment?: string): Promise<FlowExceptionDto> {
    await this.queue.act(id, action, comment);
    return this.get(id);
  }

  async proposeEdit(id: string, patch: Record<string, unknown>, reason: string): Promise<ExceptionEditDto> {
    return this.present.edit(await this.queue.proposeEdit(id, patch, reason));
  }

  async decideEdit(id: string, editId: string, decision: 'approved' | 'rejected', comment?: string): Promise<ExceptionEditDto> {
    return this.present.edit(await this.queue.decideEdit(id, editId, decision, comment));
  }
}
