import { type DynamicModule, Module } from '@nestjs/common';
import { type AppLogger, type HttpMetrics, PlatformModule } from '@concord/platform';
import { EhrModule } from './ehr/ehr.module';
import { SystemApiConfig } from './system-api.config';

@Module({})
export class SystemApiModule {
  static register(config: SystemApiConfig, logger: AppLogger, metrics: HttpMetrics): DynamicModule {
    return {
      module: SystemApiModule,
      imports: [
        PlatformModule.forApp({
          app: 'system-api',
          config,
          configClass: SystemApiConfig,
          logger,
          metrics,
          dependencies: [{ name: 'ehr-fhir', liveUrl: `${config.EHR_FHIR_BASE_URL}/metadata` }],
        }),
        EhrModule,
      ],
    };
  }
}
