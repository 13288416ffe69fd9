import type { FastifyInstance } from 'fastify';
import type { AppLogger } from '@concord/platform';
import { RequestMeter } from '../ehr/request-meter';
import type { ErpSettings, SandboxErp } from './domain/sandbox-erp';
import { ErpAvailability, registerErpApi } from './http/erp-api';
import { openErpStore } from './persistence/erp-store';

export { ERP_API_PATH } from './http/erp-api';

export interface ErpSandboxOptions {
  /** Requests per second the ERP API accepts before answering 429 (0: unlimited). */
  quotaPerSecond?: number;
  /** Folder for the ERP's command log; in memory only when absent. */
  dataDir?: string;
  settings?: ErpSettings;
  clock?: () => Date;
}

export interface ErpSandbox {
  erp: SandboxErp;
  meter: RequestMeter;
  availability: ErpAvailability;
}

/** Opens the reference ERP (replaying its log) and serves its vendor API on the sandbox app. */
export async function registerErpSandbox(app: FastifyInstance, logger: AppLogger, options: ErpSandboxOptions = {}): Promise<ErpSandbox> {
  const store = openErpStore({ dataDir: options.dataDir, settings: options.settings, clock: options.clock, logger });
  app.addHook('onClose', (_instance, done) => {
    store.close();
    done();
  });
  const meter = new RequestMeter(options.quotaPerSecond ?? 0);
  const availability = new ErpAvailability();
  await registerErpApi(app, store.erp, meter, availability);
  return { erp: store.erp, meter, availability };
}
