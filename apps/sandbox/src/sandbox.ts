import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import type { AppLogger } from '@concord/platform';
import { type EhrAuthOptions, FHIR_BASE_PATH, registerFhirServer } from './ehr/fhir-server';
import { RequestMeter } from './ehr/request-meter';
import { ERP_API_PATH, registerErpSandbox } from './erp/erp-sandbox';
import { HR_API_PATH, registerHrSandbox, SCIM_BASE_PATH } from './hr/hr-sandbox';
import { BILLING_API_PATH, registerBillingSandbox } from './billing/billing-sandbox';
import {
  CLEARINGHOUSE_API_PATH,
  type ClearinghouseSandboxOptions,
  registerClearinghouseSandbox,
} from './clearinghouse/clearinghouse-sandbox';

/**
 * Reference core systems for the embedded profile and the tests. They speak the hospital
 * systems' real protocols (FHIR R4 today; HL7 v2, X12 and ERP APIs as those issues land) so the
 * same connectors run against the sandbox and against production endpoints.
 */
export interface SandboxOptions {
  /** Requests per second the sandbox EHR accepts before answering 429 (0: unlimited). */
  fhirQuotaPerSecond?: number;
  /** Requests per second the sandbox ERP API accepts before answering 429 (0: unlimited). */
  erpQuotaPerSecond?: number;
  /** Requests per second the sandbox HR APIs (REST and SCIM) accept before answering 429 (0: unlimited). */
  hrQuotaPerSecond?: number;
  /** Requests per second the sandbox billing API accepts before answering 429 (0: unlimited). */
  billingQuotaPerSecond?: number;
  /** The sandbox clearinghouse, when given its exchange folder (its state lives under dataDir). */
  clearinghouse?: Omit<ClearinghouseSandboxOptions, 'dataDir'>;
  /** Folder for the sandbox's files (the EHR's store and demo SMART client key, the ERP and HR command logs); memory only when absent. */
  dataDir?: string;
  /** SMART Backend Services settings of the sandbox EHR (bearer tokens optional by default). */
  ehrAuth?: EhrAuthOptions;
}

export async function createSandbox(logger: AppLogger, options: SandboxOptions = {}): Promise<FastifyInstance> {
  // Widened so Fastify infers its default logger type (its plugins are typed against that).
  const fastifyLogger: FastifyBaseLogger = logger;
  const app = Fastify({ loggerInstance: fastifyLogger, logController: new LogController({ disableRequestLogging: true }) });
  app.get('/health/live', () => Promise.resolve({ status: 'up', app: 'sandbox', checks: [] }));
  const fhirMeter = new RequestMeter(options.fhirQuotaPerSecond ?? 0);
  await registerFhirServer(app, fhirMeter, { dataDir: options.dataDir, auth: options.ehrAuth });
  const erp = await registerErpSandbox(app, logger, { quotaPerSecond: options.erpQuotaPerSecond, dataDir: options.dataDir });
  const hr = await registerHrSandbox(app, logger, { quotaPerSecond: options.hrQuotaPerSecond, dataDir: options.dataDir });
  const billing = await registerBillingSandbox(app, logger, { quotaPerSecond: options.billingQuotaPerSecond, dataDir: options.dataDir });
  if (options.clearinghouse) registerClearinghouseSandbox(app, logger, { ...options.clearinghouse, dataDir: options.dataDir });
  // What each core system has seen, per second: lets tests prove that connectors keep to the quota.
  app.get('/sandbox/v1/stats', () =>
    Promise.resolve({ fhir: fhirMeter.stats(), erp: erp.meter.stats(), hr: hr.meter.stats(), billing: billing.meter.stats() }),
  );
  app.post('/sandbox/v1/stats/reset', () => {
    fhirMeter.reset();
    erp.meter.reset();
    hr.meter.reset();
    billing.meter.reset();
    return Promise.resolve({ reset: true });
  });
  await app.ready();
  return app;
}

export const SANDBOX_PATHS = {
  fhir: FHIR_BASE_PATH,
  erp: ERP_API_PATH,
  hr: HR_API_PATH,
  scim: SCIM_BASE_PATH,
  billing: BILLING_API_PATH,
  clearinghouse: CLEARINGHOUSE_API_PATH,
};
