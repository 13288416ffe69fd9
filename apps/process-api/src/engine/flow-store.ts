import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  type FlowEventData,
  type FlowExceptionEventData,
  PROCESS_FLOW_COMPLETED,
  PROCESS_FLOW_EXCEPTION_RAISED,
  PROCESS_FLOW_EXCEPTION_RESOLVED,
  PROCESS_FLOW_STARTED,
  PROCESS_FLOW_STEP_COMPLETED,
} from '@concord/contracts';
import { EventBackbone } from '@concord/events';
import { FlowExceptionEntity, type ExceptionKind, type ExceptionResolution } from './entities/flow-exception.entity';
import { FlowInstanceEntity, type FlowStatus } from './entities/flow-instance.entity';
import { FlowKeyEntity } from './entities/flow-key.entity';
import { FlowStepRecordEntity, type StepRecordKind } from './entities/flow-step-record.entity';
import type { FlowBusinessImpact, FlowDefinition, FlowStart } from './flow-definition';
import { EngineException, EngineExceptionCode } from './engine.exception';

export interface StepRecord {
  step: string;
  kind: StepRecordKind;
  attempt: number;
  input?: unknown;
  output?: unknown;
  error?: string;
  actor?: string;
  durationMs?: number;
}

export interface RaisedException {
  kind: ExceptionKind;
  step: string;
  code: string;
  reason: string;
  impact: FlowBusinessImpact;
}

/** Persistence of flow instances and everything around them; every write takes the caller's transaction. */
@Injectable()
export class FlowStore {
  constructor(private readonly backbone: EventBackbone) {}

  /** Starts an instance, once per (type, start key); returns it and whether it is new. */
  async start(
    manager: EntityManager,
    definition: FlowDefinition<object>,
    start: FlowStart<object>,
    origin: { correlationId?: string; causationId?: string; actor?: string },
  ): Promise<{ flow: FlowInstanceEntity; created: boolean }> {
    const existing = await manager.findOne(FlowInstanceEntity, { where: { type: definition.type, startKey: start.startKey } });
    if (existing) return { flow: existing, created: false };
    const now = new Date().toISOString();
    const flow: FlowInstanceEntity = {
      id: randomUUID(),
      type: definition.type,
      version: definition.version,
      startKey: start.startKey.slice(0, 200),
      status: 'running',
      currentStep: definition.steps[0].name,
      attempts: 0,
      replayRevision: 0,
      state: JSON.stringify(start.state),
      waiting: null,
      waitSubject: null,
      correlationId: (start.correlationId ?? origin.correlationId ?? randomUUID()).slice(0, 64),
      startedAt: now,
      updatedAt: now,
      completedAt: null,
      slaDueAt: definition.slaMs ? new Date(Date.now() + definition.slaMs).toISOString() : null,
      nextRunAt: now,
      leaseOwner: null,
      leaseUntil: null,
      lastError: null,
      revision: 0,
    };
    await manager.createQueryBuilder().insert().into(FlowInstanceEntity).values(flow).orIgnore().execute();
    // Another start with the same key may have won the race: that instance is the one.
    const stored = await manager.findOne(FlowInstanceEntity, { where: { type: definition.type, startKey: flow.startKey } });
    if (!stored || stored.id !== flow.id) return { flow: stored ?? flow, created: false };
    await this.addKeys(manager, flow.id, 'business', start.businessKeys, null);
    await this.record(manager, flow.id, { step: flow.currentStep!, kind: 'started', attempt: 0, input: start.state, actor: origin.actor });
    await this.announce(manager, PROCESS_FLOW_STARTED.type, flow, start.businessKeys, undefined, origin.causationId);
    return { flow, created: true };
  }

  async addKeys(
    manager: EntityManager,
    flowId: string,
    role: 'business' | 'link',
    keys: Record<string, string>,
    step: string | null,
  ): Promise<void> {
    const entries = Object.entries(keys).filter(([, value]) => value !== undefined && value !== '');
    if (!entries.length) return;
    const existing = await manager.find(FlowKeyEntity, { where: { flowId, role } });
    const known = new Set(existing.map((key) => `${key.name}|${key.value}`));
    const fresh = entries.filter(([name, value]) => !known.has(`${name}|${String(value)}`));
    if (!fresh.length) return;
    const at = new Date().toISOString();
    await manager.insert(
      FlowKeyEntity,
      fresh.map(([name, value]) => ({
        id: randomUUID(),
        flowId,
        role,
        name: name.slice(0, 60),
        value: String(value).slice(0, 200),
        step,
        at,
      })),
    );
  }

  async businessKeys(manager: EntityManager, flowId: string): Promise<Record<string, string>> {
    const keys = await manager.find(FlowKeyEntity, { where: { flowId, role: 'business' } });
    return Object.fromEntries(keys.map((key) => [key.name, key.value]));
  }

  async record(manager: EntityManager, flowId: string, entry: StepRecord): Promise<void> {
    const [{ next }] = await manager.query<{ next: number | string }[]>(
      manager.connection.options.type === 'postgres'
        ? 'SELECT COALESCE(MAX(seq), 0) + 1 AS next FROM flow_step_record WHERE flow_id = $1'
        : 'SELECT COALESCE(MAX(seq), 0) + 1 AS next FROM flow_step_record WHERE flow_id = ?',
      [flowId],
    );
    await manager.insert(FlowStepRecordEntity, {
      id: randomUUID(),
      flowId,
      seq: Number(next),
      step: entry.step,
      kind: entry.kind,
      attempt: entry.attempt,
      input: entry.input === undefined ? null : JSON.stringify(entry.input),
      output: entry.output === undefined ? null : JSON.stringify(entry.output),
      error: entry.error?.slice(0, 2000) ?? null,
      actor: entry.actor?.slice(0, 200) ?? null,
      at: new Date().toISOString(),
      durationMs: entry.durationMs ?? null,
    });
  }

  /**
   * Writes `changes` to an instance if it is still at `revision` (it always bumps the revision);
   * throws CONCURRENT_CHANGE when another writer got there first.
   */
  async update(manager: EntityManager, flow: FlowInstanceEntity, changes: Partial<FlowInstanceEntity>): Promise<FlowInstanceEntity> {
    const next = { ...changes, updatedAt: new Date().toISOString(), revision: flow.revision + 1 };
    const result = await manager
      .createQueryBuilder()
      .update(FlowInstanceEntity)
      .set(next)
      .where('id = :id AND revision = :revision', { id: flow.id, revision: flow.revision })
      .execute();
    if (!result.affected) throw new EngineException(EngineExceptionCode.CONCURRENT_CHANGE, `Flow ${flow.id} changed meanwhile`);
    return { ...flow, ...next };
  }

  async raise(manager: EntityManager, flow: FlowInstanceEntity, raised: RaisedException): Promise<FlowExceptionEntity> {
    const exception: FlowExceptionEntity = {
      id: randomUUID(),
      flowId: flow.id,
      flowType: flow.type,
      step: raised.step,
      kind: raised.kind,
      status: 'open',
      code: raised.code.slice(0, 80),
      reason: raised.reason.slice(0, 2000),
      amountAtRiskCents: raised.impact.amountAtRiskCents === undefined ? null : String(raised.impact.amountAtRiskCents),
      dueDate: raised.impact.dueDate ?? null,
      impact: JSON.stringify(raised.impact.details ?? {}),
      raisedAt: new Date().toISOString(),
      resolvedAt: null,
      resolution: null,
      resolvedBy: null,
    };
    await manager.insert(FlowExceptionEntity, exception);
    await this.announce(
      manager,
      PROCESS_FLOW_EXCEPTION_RAISED.type,
      flow,
      await this.businessKeys(manager, flow.id),
      raised.step,
      undefined,
      exception,
    );
    return exception;
  }

  async resolve(
    manager: EntityManager,
    flow: FlowInstanceEntity,
    exception: FlowExceptionEntity,
    resolution: ExceptionResolution,
    by: string,
  ): Promise<void> {
    const resolved = { status: 'resolved' as const, resolution, resolvedBy: by.slice(0, 200), resolvedAt: new Date().toISOString() };
    const result = await manager.update(FlowExceptionEntity, { id: exception.id, status: 'open' }, resolved);
    if (!result.affected) throw new EngineException(EngineExceptionCode.EXCEPTION_NOT_OPEN, `Exception ${exception.id} is not open`);
    await this.announce(
      manager,
      PROCESS_FLOW_EXCEPTION_RESOLVED.type,
      flow,
      await this.businessKeys(manager, flow.id),
      exception.step,
      undefined,
      { ...exception, ...resolved },
    );
  }

  /** Clears the open SLA exceptions of a step that has now moved on. */
  async clearSlaExceptions(manager: EntityManager, flow: FlowInstanceEntity, step: string): Promise<void> {
    const open = await manager.find(FlowExceptionEntity, { where: { flowId: flow.id, step, kind: 'sla-breached', status: 'open' } });
    for (const exception of open) await this.resolve(manager, flow, exception, 'cleared', 'engine');
  }

  async announceStepCompleted(manager: EntityManager, flow: FlowInstanceEntity, step: string): Promise<void> {
    await this.announce(manager, PROCESS_FLOW_STEP_COMPLETED.type, flow, await this.businessKeys(manager, flow.id), step);
  }

  async announceEnd(manager: EntityManager, flow: FlowInstanceEntity): Promise<void> {
    await this.announce(manager, PROCESS_FLOW_COMPLETED.type, flow, await this.businessKeys(manager, flow.id));
  }

  private async announce(
    manager: EntityManager,
    type: string,
    flow: FlowInstanceEntity,
    keys: Record<string, string>,
    step?: string,
    causationId?: string,
    exception?: FlowExceptionEntity,
  ): Promise<void> {
    const base: FlowEventData = {
      flowId: flow.id,
      flowType: flow.type,
      flowVersion: flow.version,
      businessKeys: Object.entries(keys).map(([name, value]) => ({ name, value })),
      status: publicStatus(flow.status),
      ...(step ? { step } : {}),
    };
    const data: FlowEventData | FlowExceptionEventData = exception
      ? {
          ...base,
          exceptionId: exception.id,
          kind: exception.kind,
          reason: exception.reason,
          ...(exception.amountAtRiskCents !== null ? { amountAtRiskCents: Number(exception.amountAtRiskCents) } : {}),
          ...(exception.dueDate ? { dueDate: exception.dueDate } : {}),
          ...(exception.resolution ? { resolution: exception.resolution } : {}),
        }
      : base;
    await this.backbone.outbox.add(manager, { type, data, subject: `Flow/${flow.id}`, correlationId: flow.correlationId, causationId });
  }
}

/** Statuses as the published events name them (compensating is still running, from outside). */
export function publicStatus(status: FlowStatus): FlowEventData['status'] {
  return status === 'compensating' ? 'running' : status;
}
