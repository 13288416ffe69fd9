import { Injectable } from '@nestjs/common';
import { AuditTrail } from '@concord/platform';
import { decodeOffset, encodeOffset } from '../engine/flow-presenter';
import { ExceptionQueue, operator } from '../exceptions/exception-queue.service';
import { ProcessApiConfig } from '../process-api.config';
import type {
  BreakQueryDto,
  ReconciliationBreakDto,
  ReconciliationBreakPageDto,
  ReconciliationRuleDto,
  ReconciliationRunDto,
  ReconciliationRunPageDto,
  RunQueryDto,
} from './dto/reconciliation.dto';
import type { ReconciliationBreakEntity } from './entities/reconciliation-break.entity';
import type { RunBreakOutcome } from './entities/reconciliation-run-break.entity';
import type { ReconciliationRunEntity } from './entities/reconciliation-run.entity';
import { ReconciliationException, ReconciliationExceptionCode as Code } from './reconciliation.exception';
import { ReconciliationRunner } from './reconciliation-runner.service';
import { parseSchedule } from './reconciliation-scheduler';
import { ReconciliationStore } from './reconciliation-store';
import type { BreakRecord, HealAction } from './rules/rule';

const usd = (amount: number) => ({ amount, currency: 'USD' as const });

/** Reconciliation use cases behind the REST routes: run a rule, read runs and breaks, heal a break. */
@Injectable()
export class Reconciliations {
  constructor(
    private readonly runner: ReconciliationRunner,
    private readonly store: ReconciliationStore,
    private readonly queue: ExceptionQueue,
    private readonly audit: AuditTrail,
    private readonly config: ProcessApiConfig,
  ) {}

  rules(): ReconciliationRuleDto[] {
    const schedule = new Map(parseSchedule(this.config.RECONCILIATION_SCHEDULE).map((entry) => [entry.rule, entry.intervalMs]));
    return this.runner.list().map((rule) => ({
      name: rule.name,
      title: rule.title,
      systems: rule.systems,
      ...(schedule.has(rule.name) ? { scheduleIntervalMs: schedule.get(rule.name) } : {}),
    }));
  }

  async run(rule: string): Promise<ReconciliationRunDto> {
    return this.presentRun(await this.runner.runNow(rule, operator()));
  }

  async list(query: RunQueryDto): Promise<ReconciliationRunPageDto> {
    const limit = query.limit ?? 50;
    const offset = decodeOffset(query.cursor);
    const { items, total } = await this.store.listRuns({ rule: query.rule, status: query.status, limit, offset });
    return {
      items: items.map((run) => this.presentRun(run)),
      total,
      ...(offset + items.length < total ? { nextCursor: encodeOffset(offset + items.length) } : {}),
    };
  }

  async getRun(runId: string): Promise<ReconciliationRunDto> {
    const run = await this.store.run(runId);
    if (!run) throw new ReconciliationException(Code.RUN_NOT_FOUND, `No reconciliation run ${runId}`);
    return this.presentRun(run);
  }

  async breaks(runId: string, query: BreakQueryDto): Promise<ReconciliationBreakPageDto> {
    await this.getRun(runId);
    const limit = query.limit ?? 50;
    const offset = decodeOffset(query.cursor);
    const { items, total } = await this.store.runBreaks(runId, limit, offset);
    return {
      items: await Promise.all(items.map(({ link, entry }) => this.presentBreak(entry, link.outcome))),
      total,
      ...(offset + items.length < total ? { nextCursor: encodeOffset(offset + items.length) } : {}),
    };
  }

  async getBreak(breakId: string): Promise<ReconciliationBreakDto> {
    return this.presentBreak(await this.breakOrThrow(breakId));
  }

  /**
   * Runs the break's remedy through its reconciliation-heal flow: the queue's retry of its open
   * exception. Asked again while the flow runs (or after it ran), nothing new happens: one flow per
   * break, one idempotency key per step, so the remedy is applied once.
   */
  async heal(breakId: string, comment?: string): Promise<ReconciliationBreakDto> {
    const entry = await this.breakOrThrow(breakId);
    if (entry.status === 'closed')
      throw new ReconciliationException(Code.BREAK_CLOSED, `Break ${breakId} was closed by run ${entry.closedRunId}; nothing to heal`);
    if (!entry.heal)
      throw new ReconciliationException(Code.NO_HEAL_ACTION, `Break ${breakId} (${entry.cause}) has no known remedy; it needs a person`);
    const open = (await this.queue.list({ flowId: entry.flowId, status: 'open', limit: 1, offset: 0 })).items[0];
    if (open) {
      await this.queue.act(open.id, 'retry', comment ?? `heal: ${(JSON.parse(entry.heal) as HealAction).kind}`);
      await this.store.markHealRequested(entry.id, operator());
      await this.audit.record({
        action: 'E',
        subtype: 'reconciliation-heal',
        outcome: '0',
        entityType: 'ReconciliationBreak',
        entityId: entry.id,
        route: 'v1/reconciliation-breaks/heal',
      });
    }
    return this.getBreak(breakId);
  }

  private async breakOrThrow(breakId: string): Promise<ReconciliationBreakEntity> {
    const entry = await this.store.breakById(breakId);
    if (!entry) throw new ReconciliationException(Code.BREAK_NOT_FOUND, `No reconciliation break ${breakId}`);
    return entry;
  }

  private presentRun(run: ReconciliationRunEntity): ReconciliationRunDto {
    return {
      id: run.id,
      rule: run.rule,
      trigger: run.trigger,
      status: run.status,
      ...(run.requestedBy ? { requestedBy: run.requestedBy } : {}),
      startedAt: run.startedAt,
      ...(run.finishedAt ? { finishedAt: run.finishedAt } : {}),
      examined: run.examined,
      breaksFound: run.breaksFound,
      breaksNew: run.breaksNew,
      breaksClosed: run.breaksClosed,
      amountAtStake: usd(Number(run.amountAtStakeCents)),
      ...(run.unavailableSystem ? { unavailableSystem: run.unavailableSystem } : {}),
      ...(run.reason ? { reason: run.reason } : {}),
    };
  }

  private async presentBreak(entry: ReconciliationBreakEntity, outcome?: RunBreakOutcome): Promise<ReconciliationBreakDto> {
    const flow = await this.store.flowOf(entry);
    const open = (await this.queue.list({ flowId: entry.flowId, status: 'open', limit: 1, offset: 0 })).items[0];
    const heal = entry.heal ? (JSON.parse(entry.heal) as HealAction) : undefined;
    return {
      id: entry.id,
      rule: entry.rule,
      breakKey: entry.breakKey,
      status: entry.status,
      cause: entry.cause,
      summary: entry.summary,
      amountAtStake: usd(Number(entry.amountCents)),
      records: JSON.parse(entry.records) as BreakRecord[],
      ...(heal ? { healAction: { kind: heal.kind, description: describe(heal) } } : {}),
      ...(outcome ? { outcome } : {}),
      firstRunId: entry.firstRunId,
      lastRunId: entry.lastRunId,
      ...(entry.closedRunId ? { closedRunId: entry.closedRunId } : {}),
      firstSeenAt: entry.firstSeenAt,
      lastSeenAt: entry.lastSeenAt,
      ...(entry.closedAt ? { closedAt: entry.closedAt } : {}),
      flowId: entry.flowId,
      flowStatus: flow?.status ?? 'unknown',
      ...(open ? { openExceptionId: open.id } : {}),
      ...(entry.healRequestedAt ? { healRequestedAt: entry.healRequestedAt } : {}),
      ...(entry.healRequestedBy ? { healRequestedBy: entry.healRequestedBy } : {}),
    };
  }
}

function describe(heal: HealAction): string {
  switch (heal.kind) {
    case 'post-journal': {
      const lines = heal.lines.map(
        (line) => `${line.side === 'debit' ? 'DR' : 'CR'} ${line.account} ${(line.amountCents / 100).toFixed(2)}`,
      );
      return `Post journal ${lines.join(' / ')} citing ${heal.sourceDocument.type} ${heal.sourceDocument.id}`;
    }
    case 'sync-payroll-employee':
      return `Sync ERP payroll record of employee ${heal.employeeNumber} from HR`;
  }
}
