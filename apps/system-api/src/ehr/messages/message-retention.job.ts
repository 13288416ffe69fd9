import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { APP_LOGGER, type AppLogger } from '@concord/platform';
import { SystemApiConfig } from '../../system-api.config';
import { MessageStore } from './message-store.service';

const DAY_MS = 86_400_000;

/** Purges stored HL7 v2 messages past EHR_MESSAGE_RETENTION_DAYS every EHR_MESSAGE_PURGE_INTERVAL_MS (and at start). */
@Injectable()
export class MessageRetentionJob implements OnApplicationBootstrap, OnModuleDestroy {
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;

  constructor(
    private readonly config: SystemApiConfig,
    private readonly store: MessageStore,
    @Inject(APP_LOGGER) private readonly logger: AppLogger,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.EHR_MESSAGE_RETENTION_DAYS || !this.config.EHR_MESSAGE_PURGE_INTERVAL_MS) return;
    void this.runOnce();
    this.timer = setInterval(() => void this.runOnce(), this.config.EHR_MESSAGE_PURGE_INTERVAL_MS);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** One purge pass; resolves the number of messages deleted (0 when retention is off). */
  async runOnce(now = new Date()): Promise<number> {
    if (!this.config.EHR_MESSAGE_RETENTION_DAYS) return 0;
    this.running = this.store.purgeOlderThan(new Date(now.getTime() - this.config.EHR_MESSAGE_RETENTION_DAYS * DAY_MS));
    try {
      const purged = await this.running;
      if (purged)
        this.logger.info({ purged, retentionDays: this.config.EHR_MESSAGE_RETENTION_DAYS }, 'purged HL7 v2 messages past retention');
      return purged;
    } catch (error) {
      this.logger.error({ error: error instanceof Error ? error.name : 'error' }, 'HL7 v2 message purge failed');
      return 0;
    }
  }
}
