import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { EventTransport } from '@concord/events';
import { type AppLogger, createApp, createLogger, HttpMetrics, type OpenApiInfo } from '@concord/platform';
import { type ProcessApiConfig } from './process-api.config';
import { ProcessApiModule } from './process-api.module';

export const PROCESS_API_OPENAPI: OpenApiInfo = {
  title: 'Concord Process API',
  description:
    'Business flows composed from the system APIs: patient-to-cash, charge capture, replenishment, procure-to-pay, ' +
    'hire-to-payroll and cost allocation. Errors are RFC 9457 problem+json.',
  version: '1.0.0',
  server: 'http://127.0.0.1:3002',
  tags: [
    { name: 'patients', description: 'Patients as the business sees them' },
    { name: 'events', description: 'Event backbone operations: catalog, subscribers, dead letters, replay (operators)' },
  ],
};

export interface AppStartOptions {
  /** Event transport shared with the other apps of this process (embedded profile); else NATS_URL or a private one. */
  eventTransport?: EventTransport;
}

export async function createProcessApi(
  config: ProcessApiConfig,
  logger?: AppLogger,
  options: AppStartOptions = {},
): Promise<NestFastifyApplication> {
  const appLogger = logger ?? createLogger({ app: 'process-api', level: config.LOG_LEVEL });
  config.resolveAuthDefaults();
  const metrics = new HttpMetrics('process-api');
  return createApp(ProcessApiModule.register(config, appLogger, metrics, options.eventTransport), {
    config,
    logger: appLogger,
    metrics,
    openApi: PROCESS_API_OPENAPI,
  });
}
