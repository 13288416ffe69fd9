import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, In } from 'typeorm';
import { AuditTrail, RequestContextStore, TransactionRunner } from '@concord/platform';
import { FlowExceptionEditEntity } from '../engine/entities/flow-exception-edit.entity';
import { FlowExceptionEntity, type ExceptionResolution } from '../engine/entities/flow-exception.entity';
import { FlowInstanceEntity } from '../engine/entities/flow-instance.entity';
import { EngineException, EngineExceptionCode as Code } from '../engine/engine.exception';
import { FlowRegistry } from '../engine/flow-registry';
import { FlowRunner } from '../engine/flow-runner';
import { FlowStore } from '../engine/flow-store';

export type ExceptionAction = 'retry' | 'skip' | 'compensate' | 'cancel';

export interface ExceptionFilter {
  status?: 'open' | 'resolved';
  flowType?: string;
  flowId?: string;
  limit: number;
  offset: number;
}

/**
 * The exception work queue: failed steps and missed deadlines, worked in order of business impact,
 * with the actions retry, edit-and-replay (four eyes), skip, compensate and cancel. Every action is
 * recorded in the flow's timeline and in the audit trail.
 */
@Injectable()
export class ExceptionQueue {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
    private readonly store: FlowStore,
    private readonly registry: FlowRegistry,
    private readonly runner: FlowRunner,
    private readonly audit: AuditTrail,
  ) {}

  /** Open ones first, then by money at risk (largest first), then by the nearest deadline. */
  async list(filter: ExceptionFilter): Promise<{ items: FlowExceptionEntity[]; total: number }> {
    const query = this.dataSource.getRepository(FlowExceptionEntity).createQueryBuilder('x');
    if (filter.status) query.andWhere('x.status = :status', { status: filter.status });
    if (filter.flowType) query.andWhere('x.flow_type = :flowType', { flowType: filter.flowType });
    if (filter.flowId) query.andWhere('x.flow_id = :flowId', { flowId: filter.flowId });
    const total = await query.getCount();
    const items = await query
      .orderBy("CASE WHEN x.status = 'open' THEN 0 ELSE 1 END", 'ASC')
      .addOrderBy('COALESCE(x.amount_at_risk_cents, 0)', 'DESC')
      .addOrderBy("COALESCE(x.due_date, '9999-12-31')", 'ASC')
      .addOrderBy('x.raised_at', 'ASC')
      .offset(filter.offset)
      .limit(filter.limit)
      .getMany();
    return { items, total };
  }

  async get(id: string): Promise<{ exception: FlowExceptionEntity; edits: FlowExceptionEditEntity[] }> {
    const exception = await this.dataSource.getRepository(FlowExceptionEntity).findOneBy({ id });
    if (!exception) throw new EngineException(Code.EXCEPTION_NOT_FOUND, `No exception ${id}`);
    const edits = await this.dataSource
      .getRepository(FlowExceptionEditEntity)
      .find({ where: { exceptionId: id }, order: { proposedAt: 'ASC' } });
    return { exception, edits };
  }

  async act(id: string, action: ExceptionAction, comment?: string): Promise<FlowExceptionEntity> {
    const by = operator();
    await this.transactions.run(async (manager) => {
      const { exception, flow } = await this.openException(manager, id);
      if (exception.kind === 'sla-breached' && (action === 'retry' || action === 'compensate')) {
        throw new EngineException(
          Code.ACTION_NOT_ALLOWED,
          `A missed deadline cannot be ${action === 'retry' ? 'retried' : 'compensated'}; skip the step or cancel the flow`,
        );
      }
      const definition = this.registry.get(flow.type, flow.version);
      const resolution: Record<ExceptionAction, ExceptionResolution> = {
        retry: 'retried',
        skip: 'skipped',
        compensate: 'compensated',
        cancel: 'cancelled',
      };
      const now = new Date().toISOString();
      let changes: Partial<FlowInstanceEntity>;
      switch (action) {
        case 'retry':
          changes = { status: 'running', attempts: 0, nextRunAt: now, lastError: null };
          break;
        case 'skip': {
          const next = this.registry.following(definition, exception.step);
          changes = next
            ? { status: 'running', currentStep: next, attempts: 0, waiting: null, waitSubject: null, nextRunAt: now }
            : { status: 'completed', waiting: null, waitSubject: null, nextRunAt: null, completedAt: now };
          break;
        }
        case 'compensate':
          changes = { status: 'compensating', waiting: null, waitSubject: null, nextRunAt: now };
          break;
        case 'cancel':
          changes = { status: 'cancelled', waiting: null, waitSubject: null, nextRunAt: null, completedAt: now };
          break;
      }
      await this.store.record(manager, flow.id, {
        step: exception.step,
        kind: action === 'skip' ? 'skipped' : action === 'cancel' ? 'cancelled' : action === 'retry' ? 'retry-scheduled' : 'compensated',
        attempt: flow.attempts,
        actor: by,
        ...(comment ? { output: { comment } } : {}),
      });
      const updated = await this.store.update(manager, flow, { ...changes, leaseOwner: null, leaseUntil: null });
      await this.store.resolve(manager, updated, exception, resolution[action], by);
      // Other open exceptions of a flow that ends here go with it.
      if (updated.status === 'cancelled' || updated.status === 'completed') {
        const others = await manager.find(FlowExceptionEntity, { where: { flowId: flow.id, status: 'open' } });
        for (const other of others) await this.store.resolve(manager, updated, other, resolution[action], by);
        await this.store.announceEnd(manager, updated);
      }
    });
    await this.audit.record({
      action: 'U',
      subtype: `flow-exception-${action}`,
      outcome: '0',
      entityType: 'FlowException',
      entityId: id,
      route: `v1/exceptions/${action}`,
    });
    this.runner.nudge();
    return (await this.get(id)).exception;
  }

  /** Proposes corrected flow data; nothing changes until another operator approves it. */
  async proposeEdit(id: string, patch: Record<string, unknown>, reason: string): Promise<FlowExceptionEditEntity> {
    const by = operator();
    const edit = await this.transactions.run(async (manager) => {
      const { exception, flow } = await this.openException(manager, id);
      if (exception.kind !== 'step-failed')
        throw new EngineException(Code.ACTION_NOT_ALLOWED, 'Only a failed step can be edited and replayed');
      const state = JSON.parse(flow.state) as Record<string, unknown>;
      const unknown = Object.keys(patch).filter((key) => !(key in state));
      if (unknown.length) {
        throw new EngineException(
          Code.EDIT_INVALID,
          'The edit names fields the flow does not have',
          unknown.map((key) => ({
            in: 'body' as const,
            name: `patch.${key}`,
            pointer: `/patch/${key}`,
            detail: 'not a field of this flow',
          })),
        );
      }
      const entity: FlowExceptionEditEntity = {
        id: randomUUID(),
        exceptionId: id,
        patch: JSON.stringify(patch),
        previous: JSON.stringify(Object.fromEntries(Object.keys(patch).map((key) => [key, state[key]]))),
        reason: reason.slice(0, 500),
        proposedBy: by,
        proposedAt: new Date().toISOString(),
        status: 'proposed',
        decidedBy: null,
        decidedAt: null,
        decisionComment: null,
      };
      await manager.insert(FlowExceptionEditEntity, entity);
      await this.store.record(manager, flow.id, {
        step: exception.step,
        kind: 'edited',
        attempt: flow.attempts,
        actor: by,
        output: { editId: entity.id, fields: Object.keys(patch), status: 'proposed' },
      });
      return entity;
    });
    await this.audit.record({
      action: 'U',
      subtype: 'flow-exception-edit-proposed',
      outcome: '0',
      entityType: 'FlowException',
      entityId: id,
      route: 'v1/exceptions/edits',
    });
    return edit;
  }

  /** A second operator decides an edit; approved, the data is merged and the step replayed under a new revision. */
  async decideEdit(id: string, editId: string, decision: 'approved' | 'rejected', comment?: string): Promise<FlowExceptionEditEntity> {
    const by = operator();
    const edit = await this.transactions.run(async (manager) => {
      const edit = await manager.findOne(FlowExceptionEditEntity, { where: { id: editId, exceptionId: id } });
      if (!edit) throw new EngineException(Code.EDIT_NOT_FOUND, `No edit ${editId} of exception ${id}`);
      if (edit.status !== 'proposed') throw new EngineException(Code.EDIT_ALREADY_DECIDED, `Edit ${editId} was already ${edit.status}`);
      if (edit.proposedBy === by)
        throw new EngineException(Code.FOUR_EYES_REQUIRED, 'An edit must be approved or rejected by another operator than its author');
      const { exception, flow } = await this.openException(manager, id);
      const decided = {
        status: decision,
        decidedBy: by,
        decidedAt: new Date().toISOString(),
        decisionComment: comment?.slice(0, 500) ?? null,
      };
      await manager.update(FlowExceptionEditEntity, { id: editId }, decided);
      await this.store.record(manager, flow.id, {
        step: exception.step,
        kind: 'edited',
        attempt: flow.attempts,
        actor: by,
        output: { editId, status: decision },
      });
      if (decision === 'approved') {
        const state = { ...(JSON.parse(flow.state) as object), ...(JSON.parse(edit.patch) as object) };
        const updated = await this.store.update(manager, flow, {
          state: JSON.stringify(state),
          replayRevision: flow.replayRevision + 1,
          status: 'running',
          attempts: 0,
          nextRunAt: new Date().toISOString(),
          lastError: null,
          leaseOwner: null,
          leaseUntil: null,
        });
        await this.store.resolve(manager, updated, exception, 'edited-and-replayed', by);
      }
      return { ...edit, ...decided };
    });
    await this.audit.record({
      action: 'U',
      subtype: `flow-exception-edit-${decision}`,
      outcome: '0',
      entityType: 'FlowException',
      entityId: id,
      route: 'v1/exceptions/edits',
    });
    this.runner.nudge();
    return edit;
  }

  async openCount(flowIds: string[]): Promise<Map<string, number>> {
    if (!flowIds.length) return new Map();
    const rows = await this.dataSource.getRepository(FlowExceptionEntity).find({ where: { flowId: In(flowIds), status: 'open' } });
    const counts = new Map<string, number>();
    for (const row of rows) counts.set(row.flowId, (counts.get(row.flowId) ?? 0) + 1);
    return counts;
  }

  private async openException(manager: EntityManager, id: string): Promise<{ exception: FlowExceptionEntity; flow: FlowInstanceEntity }> {
    const exception = await manager.findOne(FlowExceptionEntity, { where: { id } });
    if (!exception) throw new EngineException(Code.EXCEPTION_NOT_FOUND, `No exception ${id}`);
    if (exception.status !== 'open')
      throw new EngineException(Code.EXCEPTION_NOT_OPEN, `Exception ${id} is already resolved (${exception.resolution})`);
    const flow = await manager.findOne(FlowInstanceEntity, { where: { id: exception.flowId } });
    if (!flow) throw new EngineException(Code.FLOW_NOT_FOUND, `No flow ${exception.flowId}`);
    return { exception, flow };
  }
}

/** Who is acting: the end user when the token names one, else the client. */
export function operator(): string {
  const principal = RequestContextStore.current()?.principal;
  return principal?.userId ?? principal?.clientId ?? 'anonymous';
}
