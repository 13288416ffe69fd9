import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { EventContract } from '@concord/contracts';
import type { EventTransport } from '@concord/events';
import { type AppLogger, createApp, createLogger, HttpMetrics, type OpenApiInfo } from '@concord/platform';
import { type ProcessApiConfig } from './process-api.config';
import type { FlowDefinition } from './engine/flow-definition';
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
    { name: 'flows', description: 'Durable business flows: instances, timelines, manual starts' },
    { name: 'exceptions', description: 'The exception work queue: retry, edit-and-replay (four eyes), skip, compensate, cancel' },
    { name: 'approvals', description: 'Human approval steps waiting for a decision' },
  ],
};

export interface AppStartOptions {
  /** Event transport shared with the other apps of this process (embedded profile); else NATS_URL or a private one. */
  eventTransport?: EventTransport;
  /** Event types beside the catalog's (tests). */
  extraEvents?: EventContract[];
  /** Flow definitions beside the built-in ones (tests and benchmarks). */
  extraFlows?: FlowDefinition<object>[];
}

export async function createProcessApi(
  config: ProcessApiConfig,
  logger?: AppLogger,
  options: AppStartOptions = {},
): Promise<NestFastifyApplication> {
  const appLogger = logger ?? createLogger({ app: 'process-api', level: config.LOG_LEVEL });
  config.resolveAuthDefaults();
  const metrics = new HttpMetrics('process-api');
  return createApp(ProcessApiModule.register(config, appLogger, metrics, options.eventTransport, options.extraFlows, options.extraEvents), {
    config,
    logger: appLogger,
    metrics,
    openApi: PROCESS_API_OPENAPI,
  });
}
