import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { APP_LOGGER, type AppLogger, TransactionRunner } from '@concord/platform';
import { FlowRegistry } from '../engine/flow-registry';
import { FlowRunner } from '../engine/flow-runner';
import { FlowStore } from '../engine/flow-store';
import { ProcessApiConfig } from '../process-api.config';
import { lastFireTime } from './cron-schedule';
import { type FlowSchedule, parseFlowSchedules } from './flow-schedules';

export interface ScheduledStart {
  flowType: string;
  firedAt: string;
  flowId: string;
  created: boolean;
}

/**
 * Starts time-triggered flows (FLOW_SCHEDULES, e.g. the month-end close). Every process-api instance
 * ticks, but a firing is a flow instance whose start key is the schedule and its fire time, and the
 * engine's table admits one instance per (type, start key): however many instances tick, and however
 * often, each firing starts one flow. The timer only decides when to look; the database decides what runs.
 */
@Injectable()
export class FlowScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly schedules: FlowSchedule[];
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly config: ProcessApiConfig,
    private readonly registry: FlowRegistry,
    private readonly store: FlowStore,
    private readonly runner: FlowRunner,
    private readonly transactions: TransactionRunner,
    @Inject(APP_LOGGER) private readonly logger: AppLogger,
  ) {
    this.schedules = parseFlowSchedules(config.FLOW_SCHEDULES);
    // A schedule for a flow this build does not run, or one that cannot start by itself, is a configuration error.
    for (const schedule of this.schedules) {
      if (!this.registry.current(schedule.flowType).manualStart)
        throw new RangeError(`FLOW_SCHEDULES: flow ${schedule.flowType} cannot be started by a schedule`);
    }
  }

  onApplicationBootstrap(): void {
    const interval = this.config.FLOW_SCHEDULER_INTERVAL_MS;
    if (interval <= 0 || !this.schedules.length) return;
    this.timer = setInterval(() => {
      this.tick().catch((error: unknown) => this.logger.warn({ err: error }, 'flow scheduler tick failed; it looks again next interval'));
    }, interval);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Starts the flow of each schedule that fired within the catch-up window before `now` (once per firing). */
  async tick(now = new Date()): Promise<ScheduledStart[]> {
    const started: ScheduledStart[] = [];
    for (const schedule of this.schedules) {
      const firedAt = lastFireTime(schedule.cron, now, this.config.FLOW_SCHEDULE_CATCH_UP_MS);
      if (!firedAt) continue;
      const definition = this.registry.current(schedule.flowType);
      const start = definition.manualStart!({ scheduledAt: firedAt.toISOString() });
      const { flow, created } = await this.transactions.run((manager) =>
        this.store.start(
          manager,
          definition,
          { ...start, startKey: `schedule:${schedule.cron.expression}:${firedAt.toISOString()}` },
          { actor: 'flow-scheduler' },
        ),
      );
      if (created) this.logger.info({ flowType: schedule.flowType, flowId: flow.id, firedAt }, 'scheduled flow started');
      started.push({ flowType: schedule.flowType, firedAt: firedAt.toISOString(), flowId: flow.id, created });
    }
    if (started.some((entry) => entry.created)) this.runner.nudge();
    return started;
  }
}
