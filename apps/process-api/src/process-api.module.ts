import { type DynamicModule, Module } from '@nestjs/common';
import { type AppLogger, type HttpMetrics, PlatformModule } from '@concord/platform';
import { PatientsModule } from './patients/patients.module';
import { ProcessApiConfig } from './process-api.config';

@Module({})
export class ProcessApiModule {
  static register(config: ProcessApiConfig, logger: AppLogger, metrics: HttpMetrics): DynamicModule {
    return {
      module: ProcessApiModule,
      imports: [
        PlatformModule.forApp({
          app: 'process-api',
          config,
          configClass: ProcessApiConfig,
          logger,
          metrics,
          versions: [
            { api: 'patients', version: 'v1', status: 'current', basePath: '/v1/patients' },
            { api: 'audit', version: 'v1', status: 'current', basePath: '/audit/v1' },
          ],
          dependencies: [{ name: 'system-api', liveUrl: `${config.SYSTEM_API_URL}/health/live` }],
        }),
        PatientsModule,
      ],
    };
  }
}
