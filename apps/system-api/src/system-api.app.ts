import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { EventContract } from '@concord/contracts';
import type { EventTransport } from '@concord/events';
import { type AppLogger, createApp, createLogger, HttpMetrics, type OpenApiInfo } from '@concord/platform';
import { type SystemApiConfig } from './system-api.config';
import { SystemApiModule } from './system-api.module';

export const SYSTEM_API_OPENAPI: OpenApiInfo = {
  title: 'Concord System API',
  description:
    'Governed REST access to the hospital core systems (EHR, billing, ERP, workforce) in the canonical model. ' +
    'Errors are RFC 9457 problem+json; every PHI access is audited.',
  version: '1.0.0',
  server: 'http://127.0.0.1:3001',
  tokenUrl: '/oauth2/token',
  tags: [
    { name: 'auth', description: 'OAuth 2.0 authorization server: token endpoint and discovery documents' },
    { name: 'admin', description: 'Client registry and signing keys (operators)' },
    { name: 'ehr', description: 'Electronic health record: patients' },
    { name: 'erp', description: 'ERP: suppliers, items, stock, procurement, payables, general ledger, cost centres' },
    { name: 'workforce', description: 'HR system of record: employees, positions, credentials; ERP payroll' },
    {
      name: 'billing',
      description:
        'Billing: accounts, charges, chargemaster, payers, claims (837), acknowledgements (999/277CA), remittances (835), eligibility (270/271)',
    },
    { name: 'events', description: 'Event backbone operations: catalog, subscribers, dead letters, replay (operators)' },
  ],
};

export interface AppStartOptions {
  /** Event transport shared with the other apps of this process (embedded profile); else NATS_URL or a private one. */
  eventTransport?: EventTransport;
  /** Event types beside the catalog's (tests). */
  extraEvents?: EventContract[];
}

export async function createSystemApi(
  config: SystemApiConfig,
  logger?: AppLogger,
  options: AppStartOptions = {},
): Promise<NestFastifyApplication> {
  const appLogger = logger ?? createLogger({ app: 'system-api', level: config.LOG_LEVEL });
  const metrics = new HttpMetrics('system-api');
  return createApp(SystemApiModule.register(config, appLogger, metrics, options.eventTransport, options.extraEvents), {
    config,
    logger: appLogger,
    metrics,
    openApi: SYSTEM_API_OPENAPI,
  });
}
