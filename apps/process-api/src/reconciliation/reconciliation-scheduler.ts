import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_LOGGER, type AppLogger } from '@concord/platform';
import { ProcessApiConfig } from '../process-api.config';
import { ReconciliationRunner } from './reconciliation-runner.service';

/** `rule=intervalMs` pairs, comma-separated (RECONCILIATION_SCHEDULE). */
export function parseSchedule(text: string): { rule: string; intervalMs: number }[] {
  return text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const [rule, interval] = part.split('=').map((piece) => piece.trim());
      const intervalMs = Number(interval);
      if (!rule || !Number.isInteger(intervalMs) || intervalMs < 1_000)
        throw new Error(`RECONCILIATION_SCHEDULE entry "${part}" must be <rule>=<interval in ms, at least 1000>`);
      return { rule, intervalMs };
    });
}

/**
 * Fires the configured schedules. Every process-api instance ticks; the rule's lease and its
 * next-due time in the database decide which one runs it, so a schedule fires once however many
 * instances there are, and survives restarts.
 */
@Injectable()
export class ReconciliationScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private ticking?: Promise<void>;
  private readonly schedule: { rule: string; intervalMs: number }[];

  constructor(
    private readonly runner: ReconciliationRunner,
    config: ProcessApiConfig,
    @Inject(APP_LOGGER) private readonly logger: AppLogger,
  ) {
    this.schedule = parseSchedule(config.RECONCILIATION_SCHEDULE);
    this.tickMs = config.RECONCILIATION_TICK_MS;
  }

  private readonly tickMs: number;

  onApplicationBootstrap(): void {
    for (const entry of this.schedule) this.runner.rule(entry.rule);
    if (!this.schedule.length) return;
    this.timer = setInterval(() => {
      this.ticking ??= this.tick().finally(() => {
        this.ticking = undefined;
      });
    }, this.tickMs);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.ticking;
  }

  /** One pass over the schedule: runs each due rule this instance wins the lease of. */
  async tick(): Promise<void> {
    for (const entry of this.schedule) {
      try {
        await this.runner.runIfDue(entry.rule, entry.intervalMs);
      } catch (error) {
        this.logger.error({ err: error, rule: entry.rule }, 'scheduled reconciliation failed');
      }
    }
  }
}
