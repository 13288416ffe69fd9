import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, In, IsNull } from 'typeorm';
import { PROCESS_RECONCILIATION_BREAK_FOUND, type ReconciliationBreakFoundData } from '@concord/contracts';
import { EventBackbone } from '@concord/events';
import { TransactionRunner } from '@concord/platform';
import { FlowExceptionEntity } from '../engine/entities/flow-exception.entity';
import { FlowInstanceEntity } from '../engine/entities/flow-instance.entity';
import { FlowStore } from '../engine/flow-store';
import { ReconciliationBreakEntity } from './entities/reconciliation-break.entity';
import { ReconciliationLeaseEntity } from './entities/reconciliation-lease.entity';
import { ReconciliationRunBreakEntity, type RunBreakOutcome } from './entities/reconciliation-run-break.entity';
import { ReconciliationRunEntity, type RunStatus, type RunTrigger } from './entities/reconciliation-run.entity';
import { HEAL_STEP, reconciliationHealFlow, type ReconciliationHealState } from './reconciliation-heal.flow';
import type { FoundBreak, RuleResult } from './rules/rule';

export interface RunFilter {
  rule?: string;
  status?: RunStatus;
  limit: number;
  offset: number;
}

const CLOSED_BY = 'reconciliation';

/** Persistence of runs, breaks and leases; a run's outcome is recorded in one transaction. */
@Injectable()
export class ReconciliationStore {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
    private readonly flows: FlowStore,
    private readonly backbone: EventBackbone,
  ) {}

  /**
   * Takes the rule's lease if nobody holds it (and, for a schedule, if it is due): a conditional
   * update, so of several instances racing for it exactly one wins.
   */
  async acquire(rule: string, owner: string, leaseMs: number, dueOnly: boolean): Promise<boolean> {
    const now = new Date();
    return this.transactions.run(async (manager) => {
      await manager
        .createQueryBuilder()
        .insert()
        .into(ReconciliationLeaseEntity)
        .values({ rule, nextDueAt: now.toISOString(), leaseOwner: null, leaseUntil: null, lastRunId: null })
        .orIgnore()
        .execute();
      const query = manager
        .createQueryBuilder()
        .update(ReconciliationLeaseEntity)
        .set({ leaseOwner: owner, leaseUntil: new Date(now.getTime() + leaseMs).toISOString() })
        .where('rule = :rule', { rule })
        .andWhere('(lease_until IS NULL OR lease_until < :now)', { now: now.toISOString() });
      if (dueOnly) query.andWhere('next_due_at IS NOT NULL AND next_due_at <= :now', { now: now.toISOString() });
      const result = await query.execute();
      return (result.affected ?? 0) > 0;
    });
  }

  /** Gives the lease back; `nextDueAt` moves the rule's schedule on. */
  async release(rule: string, owner: string, runId: string | null, nextDueAt?: Date): Promise<void> {
    await this.transactions.run((manager) =>
      manager.update(
        ReconciliationLeaseEntity,
        { rule, leaseOwner: owner },
        {
          leaseOwner: null,
          leaseUntil: null,
          ...(runId ? { lastRunId: runId } : {}),
          ...(nextDueAt ? { nextDueAt: nextDueAt.toISOString() } : {}),
        },
      ),
    );
  }

  async startRun(rule: string, trigger: RunTrigger, requestedBy: string | null): Promise<ReconciliationRunEntity> {
    const run: ReconciliationRunEntity = {
      id: randomUUID(),
      rule,
      trigger,
      status: 'running',
      requestedBy: requestedBy?.slice(0, 200) ?? null,
      startedAt: new Date().toISOString(),
      finishedAt: null,
      examined: 0,
      breaksFound: 0,
      breaksNew: 0,
      breaksClosed: 0,
      amountAtStakeCents: '0',
      unavailableSystem: null,
      reason: null,
    };
    await this.transactions.run((manager) => manager.insert(ReconciliationRunEntity, run));
    return run;
  }

  /** A run that could not see everything (or broke): it records why and leaves every break as it was. */
  async endRunWithout(
    run: ReconciliationRunEntity,
    status: 'incomplete' | 'failed',
    reason: string,
    system?: string,
  ): Promise<ReconciliationRunEntity> {
    const ended = { status, reason: reason.slice(0, 2000), unavailableSystem: system ?? null, finishedAt: new Date().toISOString() };
    await this.transactions.run((manager) => manager.update(ReconciliationRunEntity, { id: run.id }, ended));
    return { ...run, ...ended };
  }

  /**
   * Records a complete run: a break seen before is the same break (updated), a new one gets its
   * reconciliation-heal flow with an exception in the queue and a break-found event, and an open
   * break this run no longer sees is closed, its exception cleared.
   */
  async recordRun(run: ReconciliationRunEntity, result: RuleResult): Promise<ReconciliationRunEntity> {
    return this.transactions.run(async (manager) => {
      const now = new Date().toISOString();
      const open = await manager.find(ReconciliationBreakEntity, { where: { rule: run.rule, status: 'open' } });
      const openByKey = new Map(open.map((entry) => [entry.breakKey, entry]));
      const found = dedupe(result.breaks);
      let created = 0;
      for (const item of found) {
        const existing = openByKey.get(item.key);
        if (existing) {
          await manager.update(
            ReconciliationBreakEntity,
            { id: existing.id },
            {
              cause: item.cause.slice(0, 60),
              summary: item.summary.slice(0, 500),
              amountCents: String(item.amountCents),
              records: JSON.stringify(item.records),
              heal: item.heal ? JSON.stringify(item.heal) : null,
              lastRunId: run.id,
              lastSeenAt: now,
            },
          );
          await this.link(manager, run.id, existing.id, 'persisting', item.amountCents);
          openByKey.delete(item.key);
        } else {
          await this.open(manager, run, item, now);
          created += 1;
        }
      }
      for (const gone of openByKey.values()) {
        await this.close(manager, run, gone, now);
      }
      const ended = {
        status: 'completed' as const,
        finishedAt: now,
        examined: result.examined,
        breaksFound: found.length,
        breaksNew: created,
        breaksClosed: openByKey.size,
        amountAtStakeCents: String(found.reduce((sum, item) => sum + item.amountCents, 0)),
      };
      await manager.update(ReconciliationRunEntity, { id: run.id }, ended);
      return { ...run, ...ended };
    });
  }

  private async open(manager: EntityManager, run: ReconciliationRunEntity, item: FoundBreak, now: string): Promise<void> {
    const breakId = randomUUID();
    const state: ReconciliationHealState = {
      breakId,
      rule: run.rule,
      breakKey: item.key,
      cause: item.cause,
      amountCents: item.amountCents,
      ...(item.heal ? { heal: item.heal } : {}),
    };
    const { flow } = await this.flows.start(
      manager,
      reconciliationHealFlow,
      { startKey: `break:${breakId}`, businessKeys: { reconciliationRule: run.rule, breakKey: item.key.slice(0, 200) }, state },
      { actor: CLOSED_BY },
    );
    // The heal waits for an operator: the instance is parked on its step with the break as its
    // exception, so "retry" in the queue (or POST .../heal) is what runs the remedy.
    const reason = `${item.summary}${item.heal ? ` — offered: ${item.heal.kind}` : ''}`;
    await this.flows.record(manager, flow.id, { step: HEAL_STEP, kind: 'failed', attempt: 0, error: `${item.cause}: ${reason}` });
    const parked = await this.flows.update(manager, flow, {
      status: 'failed',
      nextRunAt: null,
      lastError: `${item.cause}: ${reason}`.slice(0, 2000),
    });
    const exception = await this.flows.raise(manager, parked, {
      kind: 'step-failed',
      step: HEAL_STEP,
      code: `RECONCILIATION_${item.cause.toUpperCase().replaceAll('-', '_')}`,
      reason,
      impact: reconciliationHealFlow.impact!(state, HEAL_STEP),
    });
    await manager.insert(ReconciliationBreakEntity, {
      id: breakId,
      rule: run.rule,
      breakKey: item.key.slice(0, 200),
      status: 'open',
      cause: item.cause.slice(0, 60),
      summary: item.summary.slice(0, 500),
      amountCents: String(item.amountCents),
      records: JSON.stringify(item.records),
      heal: item.heal ? JSON.stringify(item.heal) : null,
      firstRunId: run.id,
      lastRunId: run.id,
      closedRunId: null,
      firstSeenAt: now,
      lastSeenAt: now,
      closedAt: null,
      flowId: flow.id,
      exceptionId: exception.id,
      healRequestedAt: null,
      healRequestedBy: null,
    });
    await this.link(manager, run.id, breakId, 'new', item.amountCents);
    const data: ReconciliationBreakFoundData = {
      breakId,
      runId: run.id,
      rule: run.rule,
      breakKey: item.key,
      cause: item.cause,
      summary: item.summary,
      amountAtStakeCents: item.amountCents,
      records: item.records,
      ...(item.heal ? { healAction: item.heal.kind } : {}),
      flowId: flow.id,
      exceptionId: exception.id,
    };
    await this.backbone.outbox.add(manager, {
      type: PROCESS_RECONCILIATION_BREAK_FOUND.type,
      data,
      subject: `ReconciliationBreak/${breakId}`,
      correlationId: flow.correlationId,
    });
  }

  private async close(manager: EntityManager, run: ReconciliationRunEntity, gone: ReconciliationBreakEntity, now: string): Promise<void> {
    await manager.update(ReconciliationBreakEntity, { id: gone.id }, { status: 'closed', closedRunId: run.id, closedAt: now });
    await this.link(manager, run.id, gone.id, 'closed', 0);
    const flow = await manager.findOne(FlowInstanceEntity, { where: { id: gone.flowId } });
    if (!flow) return;
    // Every open exception of the break's flow (its first, or one a failed heal raised later) is cleared.
    for (const exception of await manager.find(FlowExceptionEntity, { where: { flowId: flow.id, status: 'open' } }))
      await this.flows.resolve(manager, flow, exception, 'cleared', CLOSED_BY);
    // Healed elsewhere (or by its own flow, already completed): the parked instance has nothing left to do.
    if (flow.status === 'failed') {
      await this.flows.record(manager, flow.id, {
        step: HEAL_STEP,
        kind: 'skipped',
        attempt: flow.attempts,
        actor: CLOSED_BY,
        output: { closedByRun: run.id },
      });
      const ended = await this.flows.update(manager, flow, {
        status: 'completed',
        nextRunAt: null,
        completedAt: now,
        leaseOwner: null,
        leaseUntil: null,
      });
      await this.flows.announceEnd(manager, ended);
    }
  }

  private async link(manager: EntityManager, runId: string, breakId: string, outcome: RunBreakOutcome, amountCents: number): Promise<void> {
    await manager.insert(ReconciliationRunBreakEntity, { runId, breakId, outcome, amountCents: String(amountCents) });
  }

  async listRuns(filter: RunFilter): Promise<{ items: ReconciliationRunEntity[]; total: number }> {
    const query = this.dataSource.getRepository(ReconciliationRunEntity).createQueryBuilder('r');
    if (filter.rule) query.andWhere('r.rule = :rule', { rule: filter.rule });
    if (filter.status) query.andWhere('r.status = :status', { status: filter.status });
    const total = await query.getCount();
    const items = await query.orderBy('r.started_at', 'DESC').addOrderBy('r.id', 'ASC').offset(filter.offset).limit(filter.limit).getMany();
    return { items, total };
  }

  async run(id: string): Promise<ReconciliationRunEntity | null> {
    return this.dataSource.getRepository(ReconciliationRunEntity).findOneBy({ id });
  }

  /** The breaks a run found or closed, largest amount first. */
  async runBreaks(
    runId: string,
    limit: number,
    offset: number,
  ): Promise<{ items: { link: ReconciliationRunBreakEntity; entry: ReconciliationBreakEntity }[]; total: number }> {
    const links = this.dataSource.getRepository(ReconciliationRunBreakEntity);
    const total = await links.countBy({ runId });
    const page = await links
      .createQueryBuilder('l')
      .where('l.run_id = :runId', { runId })
      .orderBy('l.amount_cents', 'DESC')
      .addOrderBy('l.break_id', 'ASC')
      .offset(offset)
      .limit(limit)
      .getMany();
    const entries = page.length
      ? await this.dataSource.getRepository(ReconciliationBreakEntity).findBy({ id: In(page.map((l) => l.breakId)) })
      : [];
    const byId = new Map(entries.map((entry) => [entry.id, entry]));
    return { items: page.map((link) => ({ link, entry: byId.get(link.breakId)! })), total };
  }

  async breakById(id: string): Promise<ReconciliationBreakEntity | null> {
    return this.dataSource.getRepository(ReconciliationBreakEntity).findOneBy({ id });
  }

  async markHealRequested(id: string, by: string): Promise<void> {
    await this.transactions.run((manager) =>
      manager.update(
        ReconciliationBreakEntity,
        { id, healRequestedAt: IsNull() },
        { healRequestedAt: new Date().toISOString(), healRequestedBy: by.slice(0, 200) },
      ),
    );
  }

  async flowOf(entry: ReconciliationBreakEntity): Promise<FlowInstanceEntity | null> {
    return this.dataSource.getRepository(FlowInstanceEntity).findOneBy({ id: entry.flowId });
  }

  async exceptionOf(entry: ReconciliationBreakEntity): Promise<FlowExceptionEntity | null> {
    return this.dataSource.getRepository(FlowExceptionEntity).findOneBy({ id: entry.exceptionId });
  }
}

/** A rule that reports one key twice reports one break (the larger amount wins). */
function dedupe(breaks: FoundBreak[]): FoundBreak[] {
  const byKey = new Map<string, FoundBreak>();
  for (const item of breaks) {
    const existing = byKey.get(item.key);
    if (!existing || item.amountCents > existing.amountCents) byKey.set(item.key, item);
  }
  return [...byKey.values()];
}
