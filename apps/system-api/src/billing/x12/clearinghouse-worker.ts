import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ClearinghousePort, type InboundFile, type PickUpOutcome, type PickUpResult } from '@concord/connectors/clearinghouse';
import { APP_LOGGER, type AppLogger } from '@concord/platform';
import { SystemApiConfig } from '../../system-api.config';
import { translateConnectorError } from '../billing.exception';
import { ClaimService } from '../claims/claim.service';
import { RemittanceService } from '../remittances/remittance.service';
import { InboundX12Service } from './inbound-x12.service';

/**
 * The clearinghouse exchange in the background: takes what the clearinghouse sent back from the
 * inbound folder (each file once, through the same path as POST /billing/v1/inbound/x12), hands over
 * outbound files a failed delivery left behind, and retries postings the billing platform could not
 * take. One pass at a time; every BILLING_CLEARINGHOUSE_POLL_MS.
 */
@Injectable()
export class ClearinghouseWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: ReturnType<typeof setTimeout>;
  private stopped = false;
  private running: Promise<PickUpResult> = Promise.resolve({ processed: [], failed: [] });

  constructor(
    private readonly clearinghouse: ClearinghousePort,
    private readonly inbound: InboundX12Service,
    private readonly claims: ClaimService,
    private readonly remittances: RemittanceService,
    private readonly config: SystemApiConfig,
    @Inject(APP_LOGGER) private readonly logger: AppLogger,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.BILLING_CLEARINGHOUSE_POLL_MS > 0) this.schedule();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running.catch(() => undefined);
  }

  /** One pass now (after the pass in flight): inbound files, then deliveries and postings still owed. */
  runOnce(): Promise<PickUpResult> {
    this.running = this.running
      .catch(() => ({ processed: [], failed: [] }))
      .then(async () => {
        try {
          return await this.clearinghouse.collect((file) => this.handle(file));
        } catch (error) {
          throw translateConnectorError(error);
        } finally {
          await this.claims.deliverPending().catch((error: unknown) => this.logger.warn({ err: error }, 'outbound delivery pass failed'));
          await this.remittances.postPending().catch((error: unknown) => this.logger.warn({ err: error }, 'posting pass failed'));
        }
      });
    return this.running;
  }

  private async handle(file: InboundFile): Promise<PickUpOutcome> {
    const receipt = await this.inbound.receive(file.content.toString('utf8'), 'folder', file.name);
    return receipt.status === 'applied' || receipt.status === 'ignored' ? 'processed' : 'failed';
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.runOnce()
        .catch((error: unknown) => this.logger.warn({ err: error }, 'clearinghouse pass failed'))
        .finally(() => this.schedule());
    }, this.config.BILLING_CLEARINGHOUSE_POLL_MS);
    this.timer.unref();
  }
}
