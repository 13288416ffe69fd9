import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { BaseConfig } from '../config/base.config';
import type { AppLogger } from '../logging/logger';
import { APP_LOGGER, APP_NAME } from '../platform.tokens';
import { MemoryRateCounterStore, type RateCounterStore, RedisRateCounterStore } from './rate-counter.store';
import { DEFAULT_SLA_TIERS, parseSlaTiers, type RateWindow } from './sla-tiers';

export interface RateDecision {
  allowed: boolean;
  windows: RateWindow[];
  /** The window closest to exhaustion (the exhausted one when refused). */
  tightest: { window: RateWindow; remaining: number; resetSeconds: number };
}

/** Charges a client's calls against its SLA tier; counters in Redis when REDIS_URL is set. */
@Injectable()
export class RateLimiter implements OnApplicationShutdown {
  private readonly store: RateCounterStore;
  private readonly tiers: Record<string, RateWindow[]>;

  constructor(
    config: BaseConfig,
    @Inject(APP_NAME) private readonly app: string,
    @Inject(APP_LOGGER) private readonly logger: AppLogger,
  ) {
    this.store = config.REDIS_URL
      ? new RedisRateCounterStore(
          new Redis(config.REDIS_URL, { maxRetriesPerRequest: 1, connectTimeout: 2_000 }),
          `${config.REDIS_KEY_PREFIX}rl:`,
        )
      : new MemoryRateCounterStore();
    this.tiers = { ...DEFAULT_SLA_TIERS, ...(config.THROTTLE_TIERS ? parseSlaTiers(config.THROTTLE_TIERS) : {}) };
  }

  windowsFor(tier: string): RateWindow[] {
    return this.tiers[tier] ?? this.tiers.bronze ?? DEFAULT_SLA_TIERS.bronze;
  }

  async charge(clientId: string, tier: string, cost: number): Promise<RateDecision | undefined> {
    const windows = this.windowsFor(tier);
    let counts;
    try {
      counts = await Promise.all(windows.map((w) => this.store.add(`${this.app}:${clientId}:${w.name}`, w.windowSeconds, cost)));
    } catch (error) {
      // Counters unavailable: serve rather than refuse everyone, and say so.
      this.logger.warn({ err: error }, 'rate-limit counters unavailable; request not limited');
      return undefined;
    }
    const states = windows.map((window, i) => ({
      window,
      remaining: window.quota - counts[i].used,
      resetSeconds: counts[i].resetSeconds,
    }));
    const exhausted = states.filter((s) => s.remaining < 0).sort((a, b) => b.resetSeconds - a.resetSeconds)[0];
    const tightest = exhausted ?? [...states].sort((a, b) => a.remaining / a.window.quota - b.remaining / b.window.quota)[0];
    return { allowed: !exhausted, windows, tightest };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
