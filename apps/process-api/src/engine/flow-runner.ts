import { hostname } from 'node:os';
import { randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource, type EntityManager, In } from 'typeorm';
import { DownstreamException } from '@concord/clients';
import { type CloudEvent, crashPoint } from '@concord/events';
import { APP_LOGGER, type AppLogger, TransactionRunner } from '@concord/platform';
import { SYSTEM_API, type SystemApiClient } from '../system-api.provider';
import { FlowApprovalEntity } from './entities/flow-approval.entity';
import { FlowInstanceEntity } from './entities/flow-instance.entity';
import { FlowSignalEntity, FlowSignalUseEntity } from './entities/flow-signal.entity';
import { FlowStepRecordEntity } from './entities/flow-step-record.entity';
import {
  type ApprovalDecision,
  DEFAULT_STEP_RETRY,
  type FlowDefinition,
  type FlowRetryPolicy,
  type FlowStep,
  type StepContext,
  StepFailure,
  type StepOutcome,
} from './flow-definition';
import { FlowRegistry } from './flow-registry';
import { FlowStore } from './flow-store';

/** What a waiting step waits for (the instance's `waiting` column). */
export type Waiting =
  | { kind: 'event'; types: string[]; subject: string; since: string; slaAt?: string; slaRaised?: boolean }
  | { kind: 'until'; until: string }
  | { kind: 'approval'; approvalId: string; since: string; slaAt?: string; slaRaised?: boolean };

export interface RunnerOptions {
  /** Flows run at once by this instance (their steps mostly wait on HTTP). */
  concurrency: number;
  /** How long a claimed instance stays this instance's if it dies. */
  leaseMs: number;
  /** How often an idle runner looks for due work nobody announced. */
  pollIntervalMs: number;
  /** How often a waiting step re-checks for its event, as a safety net behind the wake-ups. */
  waitPollMs: number;
}

export const FLOW_RUNNER_OPTIONS = Symbol('concord:flow-runner-options');

/**
 * Runs due flow instances: claims each with a lease (several process-api instances never run one
 * instance at once), runs its current step outside any transaction (steps call system-api with
 * idempotency keys derived from instance and step), then records the outcome, the next step and
 * the events that announce it in one transaction guarded by the instance's revision. A crash
 * between a step's call and its record re-runs the step after the lease expires: the same
 * idempotency key makes the repeated call a replay downstream, never a second posting.
 */
@Injectable()
export class FlowRunner implements OnApplicationBootstrap, BeforeApplicationShutdown {
  readonly owner = `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
  private running = false;
  private loop?: Promise<void>;
  private interrupt?: () => void;
  private woken = false;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
    private readonly registry: FlowRegistry,
    private readonly store: FlowStore,
    @Inject(SYSTEM_API) private readonly systemApi: SystemApiClient,
    @Inject(APP_LOGGER) private readonly logger: AppLogger,
    @Inject(FLOW_RUNNER_OPTIONS) private readonly options: RunnerOptions,
  ) {}

  onApplicationBootstrap(): void {
    this.running = true;
    this.loop = this.run();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.running = false;
    this.interrupt?.();
    await this.loop;
    await Promise.allSettled([...this.inFlight]);
  }

  /** Something became due (a start, a signal, an operator's action): look now. */
  nudge(): void {
    if (this.interrupt) this.interrupt();
    else this.woken = true;
  }

  /** Runs everything due until nothing is (tests and benchmarks). */
  async drain(maxRounds = 1_000): Promise<void> {
    for (let round = 0; round < maxRounds; round++) {
      const due = await this.dueFlows(this.options.concurrency);
      if (!due.length) return;
      await Promise.all(due.map((flow) => this.claimAndRun(flow)));
    }
  }

  private async run(): Promise<void> {
    while (this.running) {
      let started = 0;
      try {
        const free = this.options.concurrency - this.inFlight.size;
        if (free > 0) {
          for (const flow of await this.dueFlows(free)) {
            const work = this.claimAndRun(flow).finally(() => {
              this.inFlight.delete(work);
              this.nudge();
            });
            this.inFlight.add(work);
            started += 1;
          }
        }
      } catch (error) {
        this.logger.error({ err: error }, 'flow runner pass failed');
      }
      if (!started && this.running) await this.pause();
    }
  }

  private async pause(): Promise<void> {
    if (this.woken) {
      this.woken = false;
      return;
    }
    await new Promise<void>((resolve) => {
      const finish = (): void => {
        clearTimeout(timer);
        this.interrupt = undefined;
        resolve();
      };
      const timer = setTimeout(finish, this.options.pollIntervalMs);
      this.interrupt = finish;
    });
  }

  private async dueFlows(limit: number): Promise<FlowInstanceEntity[]> {
    const now = new Date().toISOString();
    const busy = [...this.claimed];
    return this.transactions.run((manager) =>
      manager
        .createQueryBuilder(FlowInstanceEntity, 'f')
        .where("f.status IN ('running', 'waiting', 'compensating')")
        .andWhere('f.next_run_at <= :now', { now })
        .andWhere('(f.lease_until IS NULL OR f.lease_until < :now)', { now })
        .andWhere(busy.length ? 'f.id NOT IN (:...busy)' : '1 = 1', { busy })
        .orderBy('f.next_run_at', 'ASC')
        .limit(limit)
        .getMany(),
    );
  }

  private readonly claimed = new Set<string>();

  private async claimAndRun(candidate: FlowInstanceEntity): Promise<void> {
    if (this.claimed.has(candidate.id)) return;
    this.claimed.add(candidate.id);
    try {
      let flow: FlowInstanceEntity;
      try {
        flow = await this.transactions.run((manager) =>
          this.store.update(manager, candidate, {
            leaseOwner: this.owner,
            leaseUntil: new Date(Date.now() + this.options.leaseMs).toISOString(),
          }),
        );
      } catch {
        return; // another instance claimed it first
      }
      await this.advance(flow);
    } catch (error) {
      this.logger.error({ err: error, flowId: candidate.id, flowType: candidate.type }, 'flow step could not be recorded');
    } finally {
      this.claimed.delete(candidate.id);
    }
  }

  /** One move of a claimed instance: a step run, a wait checked, or a compensation. */
  private async advance(flow: FlowInstanceEntity): Promise<void> {
    const definition = this.registry.get(flow.type, flow.version);
    if (flow.status === 'compensating') return this.compensateNext(definition, flow);
    const step = this.registry.step(definition, flow.currentStep!);
    const waiting = flow.waiting ? (JSON.parse(flow.waiting) as Waiting) : undefined;
    let signal: { event: CloudEvent; eventId: string } | undefined;
    let approval: ApprovalDecision | undefined;

    if (waiting?.kind === 'event') {
      signal = await this.findSignal(flow.id, waiting);
      if (!signal) return this.keepWaiting(definition, flow, step, waiting);
    } else if (waiting?.kind === 'until') {
      if (new Date(waiting.until) > new Date()) return this.release(flow, { nextRunAt: waiting.until });
    } else if (waiting?.kind === 'approval') {
      const row = await this.dataSource.getRepository(FlowApprovalEntity).findOneBy({ id: waiting.approvalId });
      if (!row || row.status === 'pending') return this.keepWaiting(definition, flow, step, waiting);
      approval = {
        decision: row.status === 'approved' ? 'approved' : 'rejected',
        by: row.decidedBy ?? 'unknown',
        comment: row.comment ?? undefined,
      };
    }

    const links: Record<string, string> = {};
    const keys = await this.transactions.run((manager) => this.store.businessKeys(manager, flow.id));
    const context = this.context(flow, step, signal?.event, approval, links, keys);
    if (!approval && step.approval) {
      const request = step.approval(context);
      if (request) return this.requestApproval(flow, step, request);
    }
    const began = Date.now();
    let outcome: StepOutcome<object>;
    try {
      outcome = await step.run(context);
    } catch (error) {
      return this.failed(definition, flow, step, error, Date.now() - began);
    }
    crashPoint('flow.after-step-call');
    await this.transactions.run(async (manager) => {
      if (signal)
        await manager.insert(FlowSignalUseEntity, {
          flowId: flow.id,
          eventId: signal.eventId,
          step: step.name,
          at: new Date().toISOString(),
        });
      if (Object.keys(links).length) await this.store.addKeys(manager, flow.id, 'link', links, step.name);
      const state = outcome.state ? JSON.stringify({ ...(JSON.parse(flow.state) as object), ...outcome.state }) : flow.state;
      if (outcome.kind === 'done')
        return this.completeStep(manager, definition, flow, step, state, outcome, Date.now() - began, signal?.event);
      if (outcome.kind === 'wait-until') {
        await this.store.record(manager, flow.id, {
          step: step.name,
          kind: 'waiting',
          attempt: flow.attempts + 1,
          output: { until: outcome.until.toISOString() },
        });
        await this.store.update(manager, flow, {
          state,
          status: 'waiting',
          waiting: JSON.stringify({ kind: 'until', until: outcome.until.toISOString() } satisfies Waiting),
          waitSubject: null,
          nextRunAt: outcome.until.toISOString(),
          leaseOwner: null,
          leaseUntil: null,
        });
        return;
      }
      const now = new Date();
      const wait: Waiting = {
        kind: 'event',
        types: outcome.eventTypes,
        subject: outcome.subject,
        since: now.toISOString(),
        ...(step.slaMs ? { slaAt: new Date(now.getTime() + step.slaMs).toISOString() } : {}),
      };
      await this.store.record(manager, flow.id, {
        step: step.name,
        kind: 'waiting',
        attempt: flow.attempts + 1,
        output: {
          ...(outcome.output === undefined ? {} : { result: outcome.output }),
          waitsFor: outcome.eventTypes,
          subject: outcome.subject,
        },
        durationMs: Date.now() - began,
      });
      // Due at once: the event may already be here.
      await this.store.update(manager, flow, {
        state,
        status: 'waiting',
        waiting: JSON.stringify(wait),
        waitSubject: outcome.subject.slice(0, 200),
        nextRunAt: now.toISOString(),
        leaseOwner: null,
        leaseUntil: null,
        attempts: 0,
      });
    });
    crashPoint('flow.after-step-record');
    this.nudge();
  }

  private context(
    flow: FlowInstanceEntity,
    step: FlowStep<object>,
    signal: CloudEvent | undefined,
    approval: ApprovalDecision | undefined,
    links: Record<string, string>,
    businessKeys: Record<string, string> = {},
  ): StepContext<object> {
    return {
      flowId: flow.id,
      flowType: flow.type,
      correlationId: flow.correlationId,
      businessKeys,
      state: JSON.parse(flow.state) as object,
      attempt: flow.attempts + 1,
      idempotencyKey: (suffix?: string) => `flow:${flow.id}:${step.name}:r${flow.replayRevision}${suffix ? `:${suffix}` : ''}`,
      systemApi: this.systemApi,
      link: (name, value) => {
        links[name] = String(value);
      },
      ...(signal ? { signal } : {}),
      ...(approval ? { approval } : {}),
      now: () => new Date(),
    };
  }

  private async completeStep(
    manager: EntityManager,
    definition: FlowDefinition<object>,
    flow: FlowInstanceEntity,
    step: FlowStep<object>,
    state: string,
    outcome: Extract<StepOutcome<object>, { kind: 'done' }>,
    durationMs: number,
    signal: CloudEvent | undefined,
  ): Promise<void> {
    await this.store.record(manager, flow.id, {
      step: step.name,
      kind: 'completed',
      attempt: flow.attempts + 1,
      ...(signal ? { input: { signal: { type: signal.type, id: signal.id } } } : {}),
      ...(outcome.output === undefined ? {} : { output: outcome.output }),
      durationMs,
    });
    await this.store.clearSlaExceptions(manager, flow, step.name);
    const next = outcome.next === 'end' ? undefined : (outcome.next ?? this.registry.following(definition, step.name));
    if (next) this.registry.step(definition, next);
    const updated = await this.store.update(manager, flow, {
      state,
      status: next ? 'running' : 'completed',
      currentStep: next ?? step.name,
      attempts: 0,
      waiting: null,
      waitSubject: null,
      lastError: null,
      nextRunAt: next ? new Date().toISOString() : null,
      completedAt: next ? null : new Date().toISOString(),
      leaseOwner: null,
      leaseUntil: null,
    });
    await this.store.announceStepCompleted(manager, updated, step.name);
    if (!next) await this.store.announceEnd(manager, updated);
  }

  private async failed(
    definition: FlowDefinition<object>,
    flow: FlowInstanceEntity,
    step: FlowStep<object>,
    error: unknown,
    durationMs: number,
  ): Promise<void> {
    const policy: FlowRetryPolicy = { ...DEFAULT_STEP_RETRY, ...step.retry };
    const { code, reason, retryable } = classify(error);
    const attempt = flow.attempts + 1;
    await this.transactions.run(async (manager) => {
      if (retryable && attempt < policy.maxAttempts) {
        const delay = backoff(policy, attempt);
        await this.store.record(manager, flow.id, {
          step: step.name,
          kind: 'retry-scheduled',
          attempt,
          error: `${code}: ${reason}`,
          durationMs,
        });
        await this.store.update(manager, flow, {
          attempts: attempt,
          lastError: `${code}: ${reason}`.slice(0, 2000),
          nextRunAt: new Date(Date.now() + delay).toISOString(),
          leaseOwner: null,
          leaseUntil: null,
        });
        return;
      }
      await this.store.record(manager, flow.id, { step: step.name, kind: 'failed', attempt, error: `${code}: ${reason}`, durationMs });
      const failed = await this.store.update(manager, flow, {
        attempts: attempt,
        status: 'failed',
        lastError: `${code}: ${reason}`.slice(0, 2000),
        nextRunAt: null,
        leaseOwner: null,
        leaseUntil: null,
      });
      await this.store.raise(manager, failed, {
        kind: 'step-failed',
        step: step.name,
        code,
        reason,
        impact: definition.impact?.(JSON.parse(flow.state) as object, step.name) ?? {},
      });
    });
    this.logger.warn({ flowId: flow.id, flowType: flow.type, step: step.name, code, attempt, retryable }, 'flow step failed');
  }

  private async findSignal(
    flowId: string,
    waiting: Extract<Waiting, { kind: 'event' }>,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<{ event: CloudEvent; eventId: string } | undefined> {
    const candidates = await manager.getRepository(FlowSignalEntity).find({
      where: { subject: waiting.subject, type: In(waiting.types) },
      order: { receivedAt: 'ASC' },
      take: 20,
    });
    if (!candidates.length) return undefined;
    const used = await manager
      .getRepository(FlowSignalUseEntity)
      .find({ where: { flowId, eventId: In(candidates.map((c) => c.eventId)) } });
    const usedIds = new Set(used.map((use) => use.eventId));
    const fresh = candidates.find((candidate) => !usedIds.has(candidate.eventId));
    return fresh ? { event: JSON.parse(fresh.payload) as CloudEvent, eventId: fresh.eventId } : undefined;
  }

  /** Nothing yet: look again later; past its SLA, raise the breach once (the step goes on waiting). */
  private async keepWaiting(
    definition: FlowDefinition<object>,
    flow: FlowInstanceEntity,
    step: FlowStep<object>,
    waiting: Extract<Waiting, { kind: 'event' | 'approval' }>,
  ): Promise<void> {
    const now = Date.now();
    const breached = waiting.slaAt !== undefined && !waiting.slaRaised && Date.parse(waiting.slaAt) <= now;
    const slaCheck = waiting.slaAt && !waiting.slaRaised && !breached ? Date.parse(waiting.slaAt) : undefined;
    const pollCheck = waiting.kind === 'event' ? now + this.options.waitPollMs : undefined;
    const checks = [slaCheck, pollCheck].filter((at): at is number => at !== undefined);
    const nextCheck = checks.length ? Math.min(...checks) : undefined;
    await this.transactions.run(async (manager) => {
      if (waiting.kind === 'event') {
        // Lock the instance, then look again: an event committed since the first look has either woken
        // it already (its update waits for this lock and comes after) or is visible now.
        if (!this.transactions.isSerialised) {
          await manager.query('SELECT id FROM flow_instance WHERE id = $1 FOR UPDATE', [flow.id]);
        }
        if (await this.findSignal(flow.id, waiting, manager)) {
          await this.store.update(manager, flow, { nextRunAt: new Date().toISOString(), leaseOwner: null, leaseUntil: null });
          return;
        }
      }
      const updated = await this.store.update(manager, flow, {
        ...(breached ? { waiting: JSON.stringify({ ...waiting, slaRaised: true }) } : {}),
        nextRunAt: breached && waiting.kind === 'approval' ? null : nextCheck ? new Date(Math.max(nextCheck, now)).toISOString() : null,
        leaseOwner: null,
        leaseUntil: null,
      });
      if (!breached) return;
      await this.store.record(manager, flow.id, {
        step: step.name,
        kind: 'sla-breached',
        attempt: flow.attempts,
        output: { since: waiting.since, slaAt: waiting.slaAt },
      });
      await this.store.raise(manager, updated, {
        kind: 'sla-breached',
        step: step.name,
        code: 'SLA_BREACHED',
        reason: `Step ${step.name} has waited since ${waiting.since}, beyond its SLA (${waiting.slaAt})`,
        impact: definition.impact?.(JSON.parse(flow.state) as object, step.name) ?? {},
      });
    });
  }

  private async requestApproval(
    flow: FlowInstanceEntity,
    step: FlowStep<object>,
    request: NonNullable<ReturnType<NonNullable<FlowStep<object>['approval']>>>,
  ): Promise<void> {
    await this.transactions.run(async (manager) => {
      const approval: FlowApprovalEntity = {
        id: randomUUID(),
        flowId: flow.id,
        flowType: flow.type,
        step: step.name,
        role: request.role,
        summary: request.summary.slice(0, 500),
        amountCents: request.amountCents === undefined ? null : String(request.amountCents),
        details: JSON.stringify(request.details ?? {}),
        status: 'pending',
        requestedAt: new Date().toISOString(),
        decidedBy: null,
        decidedAt: null,
        comment: null,
      };
      await manager.insert(FlowApprovalEntity, approval);
      await this.store.record(manager, flow.id, {
        step: step.name,
        kind: 'approval-requested',
        attempt: flow.attempts + 1,
        output: { approvalId: approval.id, role: request.role, summary: request.summary },
      });
      const since = new Date();
      const waiting: Waiting = {
        kind: 'approval',
        approvalId: approval.id,
        since: since.toISOString(),
        ...(step.slaMs ? { slaAt: new Date(since.getTime() + step.slaMs).toISOString() } : {}),
      };
      await this.store.update(manager, flow, {
        status: 'waiting',
        waiting: JSON.stringify(waiting),
        waitSubject: null,
        nextRunAt: waiting.slaAt ?? null,
        leaseOwner: null,
        leaseUntil: null,
      });
    });
  }

  /** Undoes completed steps in reverse order, one per move; then the instance ends as compensated. */
  private async compensateNext(definition: FlowDefinition<object>, flow: FlowInstanceEntity): Promise<void> {
    const history = await this.dataSource.getRepository(FlowStepRecordEntity).find({ where: { flowId: flow.id }, order: { seq: 'ASC' } });
    const compensated = new Set(history.filter((r) => r.kind === 'compensated').map((r) => r.step));
    const completed = [...new Set(history.filter((r) => r.kind === 'completed').map((r) => r.step))].reverse();
    const next = completed
      .map((name) => definition.steps.find((s) => s.name === name))
      .find((s) => s?.compensate && !compensated.has(s.name));
    if (!next) {
      await this.transactions.run(async (manager) => {
        const ended = await this.store.update(manager, flow, {
          status: 'compensated',
          nextRunAt: null,
          completedAt: new Date().toISOString(),
          leaseOwner: null,
          leaseUntil: null,
        });
        await this.store.announceEnd(manager, ended);
      });
      return;
    }
    const began = Date.now();
    try {
      await next.compensate!(this.context(flow, next, undefined, undefined, {}));
    } catch (error) {
      const { code, reason } = classify(error);
      await this.transactions.run(async (manager) => {
        await this.store.record(manager, flow.id, {
          step: next.name,
          kind: 'failed',
          attempt: flow.attempts + 1,
          error: `compensation ${code}: ${reason}`,
        });
        const failed = await this.store.update(manager, flow, {
          status: 'failed',
          nextRunAt: null,
          leaseOwner: null,
          leaseUntil: null,
          lastError: `${code}: ${reason}`,
        });
        await this.store.raise(manager, failed, {
          kind: 'step-failed',
          step: next.name,
          code,
          reason: `Compensation failed: ${reason}`,
          impact: definition.impact?.(JSON.parse(flow.state) as object, next.name) ?? {},
        });
      });
      return;
    }
    await this.transactions.run(async (manager) => {
      await this.store.record(manager, flow.id, { step: next.name, kind: 'compensated', attempt: 1, durationMs: Date.now() - began });
      await this.store.update(manager, flow, { nextRunAt: new Date().toISOString(), leaseOwner: null, leaseUntil: null });
    });
    this.nudge();
  }

  private async release(flow: FlowInstanceEntity, changes: Partial<FlowInstanceEntity>): Promise<void> {
    await this.transactions.run((manager) => this.store.update(manager, flow, { ...changes, leaseOwner: null, leaseUntil: null }));
  }
}

/** Which failures are worth retrying: the lower layers' unavailability and throttling, not their refusals. */
export function classify(error: unknown): { code: string; reason: string; retryable: boolean } {
  if (error instanceof StepFailure) return { code: error.code, reason: error.message, retryable: error.retryable };
  if (error instanceof DownstreamException) {
    const retryable = error.status >= 500 || error.status === 429 || error.status === 408 || error.status === 409;
    return { code: error.code, reason: error.message, retryable };
  }
  if (error instanceof Error) return { code: 'STEP_ERROR', reason: `${error.name}: ${error.message}`, retryable: true };
  return { code: 'STEP_ERROR', reason: String(error), retryable: true };
}

/** Exponential backoff with jitter. */
export function backoff(policy: FlowRetryPolicy, attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxBackoffMs, policy.initialBackoffMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
