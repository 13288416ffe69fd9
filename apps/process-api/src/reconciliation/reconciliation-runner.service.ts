import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_LOGGER, type AppLogger } from '@concord/platform';
import { ProcessApiConfig } from '../process-api.config';
import type { ReconciliationRunEntity, RunTrigger } from './entities/reconciliation-run.entity';
import { ReconciliationException, ReconciliationExceptionCode as Code } from './reconciliation.exception';
import { ReconciliationStore } from './reconciliation-store';
import { RECONCILIATION_RULES, type ReconciliationRule, SourceUnavailable } from './rules/rule';

/**
 * Runs a rule once: takes the rule's lease (one run of a rule at a time across every process-api
 * instance), asks the rule what the systems say, and records the outcome. A system that cannot be
 * read makes the run incomplete, with the system and the reason, and changes no break: an outage
 * never shows up as false breaks nor closes real ones.
 */
@Injectable()
export class ReconciliationRunner {
  readonly owner = `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
  private readonly rules: Map<string, ReconciliationRule>;

  constructor(
    @Inject(RECONCILIATION_RULES) rules: ReconciliationRule[],
    private readonly store: ReconciliationStore,
    private readonly config: ProcessApiConfig,
    @Inject(APP_LOGGER) private readonly logger: AppLogger,
  ) {
    this.rules = new Map(rules.map((rule) => [rule.name, rule]));
  }

  list(): ReconciliationRule[] {
    return [...this.rules.values()];
  }

  rule(name: string): ReconciliationRule {
    const rule = this.rules.get(name);
    if (!rule)
      throw new ReconciliationException(Code.RULE_UNKNOWN, `No reconciliation rule ${name}; known: ${[...this.rules.keys()].join(', ')}`);
    return rule;
  }

  /** On demand: refused with RUN_IN_PROGRESS while another run of the rule holds its lease. */
  async runNow(name: string, requestedBy: string): Promise<ReconciliationRunEntity> {
    const rule = this.rule(name);
    if (!(await this.store.acquire(rule.name, this.owner, this.config.RECONCILIATION_LEASE_MS, false)))
      throw new ReconciliationException(Code.RUN_IN_PROGRESS, `A run of ${rule.name} is in progress; try again when it ends`);
    return this.execute(rule, 'manual', requestedBy);
  }

  /** On schedule: runs only if the rule is due and nobody holds its lease; undefined when it did not run. */
  async runIfDue(name: string, intervalMs: number): Promise<ReconciliationRunEntity | undefined> {
    const rule = this.rule(name);
    if (!(await this.store.acquire(rule.name, this.owner, this.config.RECONCILIATION_LEASE_MS, true))) return undefined;
    return this.execute(rule, 'schedule', null, intervalMs);
  }

  private async execute(
    rule: ReconciliationRule,
    trigger: RunTrigger,
    requestedBy: string | null,
    intervalMs?: number,
  ): Promise<ReconciliationRunEntity> {
    let run: ReconciliationRunEntity | undefined;
    try {
      run = await this.store.startRun(rule.name, trigger, requestedBy);
      let outcome: ReconciliationRunEntity;
      try {
        outcome = await this.store.recordRun(run, await rule.evaluate());
      } catch (error) {
        if (error instanceof SourceUnavailable) {
          this.logger.warn({ rule: rule.name, runId: run.id, system: error.system, code: error.code }, 'reconciliation run incomplete');
          outcome = await this.store.endRunWithout(run, 'incomplete', `${error.code}: ${error.message}`, error.system);
        } else {
          this.logger.error({ err: error, rule: rule.name, runId: run.id }, 'reconciliation run failed');
          outcome = await this.store.endRunWithout(
            run,
            'failed',
            error instanceof Error ? `${error.name}: ${error.message}` : String(error),
          );
        }
      }
      this.logger.info(
        {
          rule: rule.name,
          runId: outcome.id,
          status: outcome.status,
          found: outcome.breaksFound,
          fresh: outcome.breaksNew,
          closed: outcome.breaksClosed,
        },
        'reconciliation run ended',
      );
      return outcome;
    } finally {
      await this.store.release(rule.name, this.owner, run?.id ?? null, intervalMs ? new Date(Date.now() + intervalMs) : undefined);
    }
  }
}
