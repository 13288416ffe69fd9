import { type DynamicModule, Module } from '@nestjs/common';
import { type AppLogger, type HttpMetrics, PlatformModule } from '@concord/platform';
import { AUTH_SERVER_ENTITIES, AuthServerModule } from './auth/auth-server.module';
import { EhrModule } from './ehr/ehr.module';
import { CreateAuthTables1764100000000 } from './migrations/1764100000000-create-auth-tables.migration';
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
          entities: AUTH_SERVER_ENTITIES,
          migrations: [CreateAuthTables1764100000000],
          dependencies: [{ name: 'ehr-fhir', liveUrl: `${config.EHR_FHIR_BASE_URL}/metadata` }],
        }),
        AuthServerModule,
        EhrModule,
      ],
    };
  }
}
