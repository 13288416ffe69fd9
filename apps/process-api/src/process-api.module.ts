import { type DynamicModule, Module } from '@nestjs/common';
import { EVENT_CATALOG, type EventContract } from '@concord/contracts';
import { EVENT_ENTITIES, EVENT_MIGRATIONS, EventsModule, type EventTransport } from '@concord/events';
import { type AppLogger, type HttpMetrics, PlatformModule } from '@concord/platform';
import { EngineModule, FLOW_ENTITIES, FLOW_MIGRATIONS } from './engine/engine.module';
import type { FlowDefinition } from './engine/flow-definition';
import { flowDefinitionProviders } from './flows/flow-definitions';
import { SUPPLY_REPLENISHMENT_ENTITIES, SUPPLY_REPLENISHMENT_MIGRATIONS } from './flows/supply-replenishment/reorder-claims.repository';
import { PatientsModule } from './patients/patients.module';
import { COST_ALLOCATION_ENTITIES, COST_ALLOCATION_MIGRATIONS, CostAllocationModule } from './flows/cost-allocation/cost-allocation.module';
import { SchedulerModule } from './scheduler/scheduler.module';
import { ProcessApiConfig } from './process-api.config';
import { RECONCILIATION_ENTITIES, RECONCILIATION_MIGRATIONS, ReconciliationModule } from './reconciliation/reconciliation.module';

@Module({})
export class ProcessApiModule {
  static register(
    config: ProcessApiConfig,
    logger: AppLogger,
    metrics: HttpMetrics,
    eventTransport?: EventTransport,
    extraFlows: FlowDefinition<object>[] = [],
    extraEvents: EventContract[] = [],
  ): DynamicModule {
    return {
      module: ProcessApiModule,
      imports: [
        PlatformModule.forApp({
          app: 'process-api',
          config,
          configClass: ProcessApiConfig,
          logger,
          metrics,
          entities: [
            ...EVENT_ENTITIES,
            ...FLOW_ENTITIES,
            ...SUPPLY_REPLENISHMENT_ENTITIES,
            ...COST_ALLOCATION_ENTITIES,
            ...RECONCILIATION_ENTITIES,
          ],
          migrations: [
            ...EVENT_MIGRATIONS,
            ...FLOW_MIGRATIONS,
            ...SUPPLY_REPLENISHMENT_MIGRATIONS,
            ...COST_ALLOCATION_MIGRATIONS,
            ...RECONCILIATION_MIGRATIONS,
          ],
          versions: [
            { api: 'patients', version: 'v1', status: 'current', basePath: '/v1/patients' },
            { api: 'flows', version: 'v1', status: 'current', basePath: '/v1/flows' },
            { api: 'exceptions', version: 'v1', status: 'current', basePath: '/v1/exceptions' },
            { api: 'approvals', version: 'v1', status: 'current', basePath: '/v1/approvals' },
            { api: 'audit', version: 'v1', status: 'current', basePath: '/audit/v1' },
            { api: 'events', version: 'v1', status: 'current', basePath: '/events/v1' },
            { api: 'departments', version: 'v1', status: 'current', basePath: '/v1/departments' },
            { api: 'reconciliations', version: 'v1', status: 'current', basePath: '/v1/reconciliations' },
          ],
          dependencies: [{ name: 'system-api', liveUrl: `${config.SYSTEM_API_URL}/health/live` }],
        }),
        EventsModule.forApp({ contracts: [...EVENT_CATALOG, ...extraEvents], transport: eventTransport }),
        EngineModule.register(flowDefinitionProviders(extraFlows)),
        PatientsModule,
        CostAllocationModule,
        SchedulerModule,
        ReconciliationModule,
      ],
    };
  }
}
