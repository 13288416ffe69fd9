import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { AuditTrail, RequestContextStore, TransactionRunner } from '@concord/platform';
import { FlowApprovalEntity } from '../engine/entities/flow-approval.entity';
import { FlowExceptionEntity } from '../engine/entities/flow-exception.entity';
import { FlowInstanceEntity, type FlowStatus } from '../engine/entities/flow-instance.entity';
import { FlowKeyEntity } from '../engine/entities/flow-key.entity';
import { FlowStepRecordEntity } from '../engine/entities/flow-step-record.entity';
import { EngineException, EngineExceptionCode as Code } from '../engine/engine.exception';
import { FlowRegistry } from '../engine/flow-registry';
import { FlowRunner } from '../engine/flow-runner';
import { FlowStore } from '../engine/flow-store';

export interface FlowFilter {
  type?: string;
  status?: FlowStatus;
  key?: { name: string; value: string };
  from?: string;
  to?: string;
  limit: number;
  offset: number;
}

export interface FlowTimeline {
  flow: FlowInstanceEntity;
  keys: FlowKeyEntity[];
  steps: FlowStepRecordEntity[];
  approvals: FlowApprovalEntity[];
  exceptions: FlowExceptionEntity[];
}

/** Flows as operators see them: lists with filters, one instance's timeline, and starting one by hand. */
@Injectable()
export class FlowCatalog {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
    private readonly registry: FlowRegistry,
    private readonly store: FlowStore,
    private readonly runner: FlowRunner,
    private readonly audit: AuditTrail,
  ) {}

  async list(filter: FlowFilter): Promise<{ items: FlowInstanceEntity[]; keys: Map<string, FlowKeyEntity[]>; total: number }> {
    const query = this.dataSource.getRepository(FlowInstanceEntity).createQueryBuilder('f');
    if (filter.type) query.andWhere('f.type = :type', { type: filter.type });
    if (filter.status) query.andWhere('f.status = :status', { status: filter.status });
    if (filter.from) query.andWhere('f.started_at >= :from', { from: filter.from });
    if (filter.to) query.andWhere('f.started_at < :to', { to: filter.to });
    if (filter.key) {
      query.andWhere('f.id IN (SELECT k.flow_id FROM flow_key k WHERE k.name = :keyName AND k.value = :keyValue)', {
        keyName: filter.key.name,
        keyValue: filter.key.value,
      });
    }
    const total = await query.getCount();
    const items = await query.orderBy('f.started_at', 'DESC').addOrderBy('f.id', 'ASC').offset(filter.offset).limit(filter.limit).getMany();
    return { items, keys: await this.keysOf(items.map((flow) => flow.id)), total };
  }

  async timeline(id: string): Promise<FlowTimeline> {
    const flow = await this.dataSource.getRepository(FlowInstanceEntity).findOneBy({ id });
    if (!flow) throw new EngineException(Code.FLOW_NOT_FOUND, `No flow ${id}`);
    const [keys, steps, approvals, exceptions] = await Promise.all([
      this.dataSource.getRepository(FlowKeyEntity).find({ where: { flowId: id }, order: { at: 'ASC' } }),
      this.dataSource.getRepository(FlowStepRecordEntity).find({ where: { flowId: id }, order: { seq: 'ASC' } }),
      this.dataSource.getRepository(FlowApprovalEntity).find({ where: { flowId: id }, order: { requestedAt: 'ASC' } }),
      this.dataSource.getRepository(FlowExceptionEntity).find({ where: { flowId: id }, order: { raisedAt: 'ASC' } }),
    ]);
    return { flow, keys, steps, approvals, exceptions };
  }

  /** Starts an instance by hand; the same Idempotency-Key starts it once. */
  async start(type: string, input: Record<string, unknown>, idempotencyKey: string): Promise<FlowInstanceEntity> {
    const definition = this.registry.current(type);
    if (!definition.manualStart) throw new EngineException(Code.FLOW_NOT_STARTABLE, `Flow ${type} starts only from its events`);
    let start;
    try {
      start = definition.manualStart(input);
    } catch (error) {
      throw new EngineException(Code.START_INPUT_INVALID, error instanceof Error ? error.message : 'The input cannot start this flow');
    }
    const principal = RequestContextStore.current()?.principal;
    const actor = principal?.userId ?? principal?.clientId ?? 'anonymous';
    const { flow } = await this.transactions.run((manager) =>
      this.store.start(manager, definition, { ...start, startKey: `manual:${actor}:${idempotencyKey}` }, { actor }),
    );
    await this.audit.record({
      action: 'C',
      subtype: 'flow-start',
      outcome: '0',
      entityType: 'Flow',
      entityId: flow.id,
      route: `v1/flows/${type}/start`,
    });
    this.runner.nudge();
    return flow;
  }

  /** Every flow about a patient (by EHR id or MRN), with the ids each met: the journey across systems. */
  async journey(
    patient: string,
  ): Promise<{ flows: FlowInstanceEntity[]; keys: Map<string, FlowKeyEntity[]>; steps: Map<string, FlowStepRecordEntity[]> }> {
    const owners = await this.dataSource
      .getRepository(FlowKeyEntity)
      .find({ where: { role: 'business', name: In(['patient', 'mrn']), value: patient }, take: 500 });
    const ids = [...new Set(owners.map((key) => key.flowId))];
    if (!ids.length) return { flows: [], keys: new Map(), steps: new Map() };
    const flows = await this.dataSource.getRepository(FlowInstanceEntity).find({ where: { id: In(ids) }, order: { startedAt: 'ASC' } });
    const records = await this.dataSource.getRepository(FlowStepRecordEntity).find({ where: { flowId: In(ids) }, order: { seq: 'ASC' } });
    const steps = new Map<string, FlowStepRecordEntity[]>();
    for (const record of records) steps.set(record.flowId, [...(steps.get(record.flowId) ?? []), record]);
    return { flows, keys: await this.keysOf(ids), steps };
  }

  private async keysOf(ids: string[]): Promise<Map<string, FlowKeyEntity[]>> {
    const map = new Map<string, FlowKeyEntity[]>();
    if (!ids.length) return map;
    for (const key of await this.dataSource.getRepository(FlowKeyEntity).find({ where: { flowId: In(ids) }, order: { at: 'ASC' } })) {
      map.set(key.flowId, [...(map.get(key.flowId) ?? []), key]);
    }
    return map;
  }
}
