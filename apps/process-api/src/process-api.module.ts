import { type DynamicModule, Module } from '@nestjs/common';
import { EVENT_CATALOG } from '@concord/contracts';
import { EVENT_ENTITIES, EVENT_MIGRATIONS, EventsModule, type EventTransport } from '@concord/events';
import { type AppLogger, type HttpMetrics, PlatformModule } from '@concord/platform';
import { PatientsModule } from './patients/patients.module';
import { ProcessApiConfig } from './process-api.config';

@Module({})
export class ProcessApiModule {
  static register(config: ProcessApiConfig, logger: AppLogger, metrics: HttpMetrics, eventTransport?: EventTransport): DynamicModule {
    return {
      module: ProcessApiModule,
      imports: [
        PlatformModule.forApp({
          app: 'process-api',
          config,
          configClass: ProcessApiConfig,
          logger,
          metrics,
          entities: EVENT_ENTITIES,
          migrations: EVENT_MIGRATIONS,
          versions: [
            { api: 'patients', version: 'v1', status: 'current', basePath: '/v1/patients' },
            { api: 'audit', version: 'v1', status: 'current', basePath: '/audit/v1' },
            { api: 'events', version: 'v1', status: 'current', basePath: '/events/v1' },
          ],
          dependencies: [{ name: 'system-api', liveUrl: `${config.SYSTEM_API_URL}/health/live` }],
        }),
        EventsModule.forApp({ contracts: EVENT_CATALOG, transport: eventTransport }),
        PatientsModule,
      ],
    };
  }
}
