import type { FastifyInstance } from 'fastify';
import type { AppLogger } from '@concord/platform';
import { RequestMeter } from '../ehr/request-meter';
import type { SandboxBilling } from './domain/sandbox-billing';
import { BillingAvailability, registerBillingApi } from './http/billing-api';
import { openBillingStore } from './persistence/billing-store';

export { BILLING_API_PATH } from './http/billing-api';

export interface BillingSandboxOptions {
  /** Requests per second the billing API accepts before answering 429 (0: unlimited). */
  quotaPerSecond?: number;
  /** Folder for the billing platform's command log; in memory only when absent. */
  dataDir?: string;
  clock?: () => Date;
}

export interface BillingSandbox {
  billing: SandboxBilling;
  meter: RequestMeter;
  availability: BillingAvailability;
}

/** Opens the reference billing platform (replaying its log) and serves its vendor API on the sandbox app. */
export async function registerBillingSandbox(
  app: FastifyInstance,
  logger: AppLogger,
  options: BillingSandboxOptions = {},
): Promise<BillingSandbox> {
  const store = openBillingStore({ dataDir: options.dataDir, clock: options.clock, logger });
  app.addHook('onClose', (_instance, done) => {
    store.close();
    done();
  });
  const meter = new RequestMeter(options.quotaPerSecond ?? 0);
  const availability = new BillingAvailability();
  await registerBillingApi(app, store.billing, meter, availability);
  return { billing: store.billing, meter, availability };
}
