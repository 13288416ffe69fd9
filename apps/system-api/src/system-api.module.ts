import { type DynamicModule, Module } from '@nestjs/common';
import { EVENT_CATALOG, type EventContract } from '@concord/contracts';
import { EVENT_ENTITIES, EVENT_MIGRATIONS, EventsModule, type EventTransport } from '@concord/events';
import { type AppLogger, type HttpMetrics, PlatformModule } from '@concord/platform';
import { AUTH_SERVER_ENTITIES, AuthServerModule } from './auth/auth-server.module';
import { BillingModule } from './billing/billing.module';
import { BILLING_ENTITIES } from './billing/entities';
import { CreateBillingTables1764500000000 } from './migrations/1764500000000-create-billing-tables.migration';
import { EhrModule } from './ehr/ehr.module';
import { ErpModule } from './erp/erp.module';
import { ErpSyncStateEntity } from './erp/master-data/erp-sync-state.entity';
import { UnknownClinicalItemEntity } from './erp/master-data/unknown-clinical-item.entity';
import { CreateErpTables1764600000000 } from './migrations/1764600000000-create-erp-tables.migration';
import { WorkforceModule } from './workforce/workforce.module';
import { EhrMessageEntity } from './ehr/messages/ehr-message.entity';
import { CreateEhrMessage1764450000000 } from './migrations/1764450000000-create-ehr-message.migration';
import { CreateXrefLink1764300000000 } from './migrations/1764300000000-create-xref-link.migration';
import { XrefLinkEntity } from './xref/xref-link.entity';
import { XrefModule } from './xref/xref.module';
import { CreateAuthTables1764100000000 } from './migrations/1764100000000-create-auth-tables.migration';
import { CreateFileRuns1764700000000, FileRunEntity } from '@concord/connectors/files';
import { FilesModule } from './files/files.module';
import { DepositMatchEntity } from './files/lockbox/deposit-match.entity';
import { CreateFileDepositMatch1764700000001 } from './migrations/1764700000001-create-file-deposit-match.migration';
import { SystemApiConfig } from './system-api.config';

@Module({})
export class SystemApiModule {
  static register(
    config: SystemApiConfig,
    logger: AppLogger,
    metrics: HttpMetrics,
    eventTransport?: EventTransport,
    extraEvents: EventContract[] = [],
  ): DynamicModule {
    return {
      module: SystemApiModule,
      imports: [
        PlatformModule.forApp({
          app: 'system-api',
          config,
          configClass: SystemApiConfig,
          logger,
          metrics,
          entities: [
            ...AUTH_SERVER_ENTITIES,
            ...EVENT_ENTITIES,
            XrefLinkEntity,
            ErpSyncStateEntity,
            UnknownClinicalItemEntity,
            ...BILLING_ENTITIES,
            EhrMessageEntity,
            FileRunEntity,
            DepositMatchEntity,
          ],
          migrations: [
            CreateAuthTables1764100000000,
            ...EVENT_MIGRATIONS,
            CreateXrefLink1764300000000,
            CreateBillingTables1764500000000,
            CreateErpTables1764600000000,
            CreateEhrMessage1764450000000,
            CreateFileRuns1764700000000,
            CreateFileDepositMatch1764700000001,
          ],
          versions: [
            {
              api: 'ehr/patients',
              version: 'v1',
              status: 'deprecated',
              basePath: '/ehr/v1/patients',
              sunset: '2027-06-30',
              successor: 'v2',
            },
            { api: 'ehr/patients', version: 'v2', status: 'current', basePath: '/ehr/v2/patients' },
            { api: 'admin', version: 'v1', status: 'current', basePath: '/admin/v1' },
            { api: 'audit', version: 'v1', status: 'current', basePath: '/audit/v1' },
            { api: 'events', version: 'v1', status: 'current', basePath: '/events/v1' },
            { api: 'erp', version: 'v1', status: 'current', basePath: '/erp/v1' },
            { api: 'workforce', version: 'v1', status: 'current', basePath: '/workforce/v1' },
            { api: 'billing', version: 'v1', status: 'current', basePath: '/billing/v1' },
            { api: 'ehr/messages', version: 'v1', status: 'current', basePath: '/ehr/v1/messages' },
            { api: 'ehr/encounters', version: 'v1', status: 'current', basePath: '/ehr/v1/encounters' },
            { api: 'ehr/charges', version: 'v1', status: 'current', basePath: '/ehr/v1/charges' },
            { api: 'files', version: 'v1', status: 'current', basePath: '/files/v1' },
          ],
          dependencies: [{ name: 'ehr-fhir', liveUrl: `${config.EHR_FHIR_BASE_URL}/metadata` }],
        }),
        EventsModule.forApp({ contracts: [...EVENT_CATALOG, ...extraEvents], transport: eventTransport }),
        XrefModule,
        AuthServerModule,
        EhrModule,
        ErpModule,
        WorkforceModule,
        BillingModule,
        FilesModule,
      ],
    };
  }
}
