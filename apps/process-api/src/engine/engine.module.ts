import { type DynamicModule, Module, type Provider } from '@nestjs/common';
import { ApprovalsController } from '../approvals/approvals.controller';
import { Approvals } from '../approvals/approvals.service';
import { ExceptionActions } from '../exceptions/exception-actions.service';
import { ExceptionQueue } from '../exceptions/exception-queue.service';
import { ExceptionsController } from '../exceptions/exceptions.controller';
import { FlowCatalog } from '../flows/flow-catalog.service';
import { FlowQueries } from '../flows/flow-queries.service';
import { FlowsController } from '../flows/flows.controller';
import { JourneyController } from '../flows/journey.controller';
import { ProcessApiConfig } from '../process-api.config';
import { systemApiClientProvider } from '../system-api.provider';
import { FlowApprovalEntity } from './entities/flow-approval.entity';
import { FlowExceptionEditEntity } from './entities/flow-exception-edit.entity';
import { FlowExceptionEntity } from './entities/flow-exception.entity';
import { FlowInstanceEntity } from './entities/flow-instance.entity';
import { FlowKeyEntity } from './entities/flow-key.entity';
import { FlowSignalEntity, FlowSignalUseEntity } from './entities/flow-signal.entity';
import { FlowStepRecordEntity } from './entities/flow-step-record.entity';
import { FlowEventListener } from './flow-event-listener';
import { FlowPresenter } from './flow-presenter';
import { FlowRegistry } from './flow-registry';
import { FLOW_RUNNER_OPTIONS, FlowRunner, type RunnerOptions } from './flow-runner';
import { FlowStore } from './flow-store';
import { CreateFlowTables1764400000000 } from './migrations/1764400000000-create-flow-tables.migration';

export const FLOW_ENTITIES = [
  FlowInstanceEntity,
  FlowStepRecordEntity,
  FlowKeyEntity,
  FlowApprovalEntity,
  FlowExceptionEntity,
  FlowExceptionEditEntity,
  FlowSignalEntity,
  FlowSignalUseEntity,
];
export const FLOW_MIGRATIONS = [CreateFlowTables1764400000000];

/**
 * The durable flow runtime and its operator surface: flows, exceptions, approvals, journeys.
 * Flow definitions come from the flow modules through the FLOW_DEFINITIONS multi-provider.
 */
@Module({})
export class EngineModule {
  static register(definitionProviders: Provider[]): DynamicModule {
    return {
      module: EngineModule,
      global: true,
      controllers: [FlowsController, ExceptionsController, ApprovalsController, JourneyController],
      providers: [
        ...definitionProviders,
        systemApiClientProvider,
        {
          provide: FLOW_RUNNER_OPTIONS,
          inject: [ProcessApiConfig],
          useFactory: (config: ProcessApiConfig): RunnerOptions => ({
            concurrency: config.FLOW_CONCURRENCY,
            leaseMs: config.FLOW_LEASE_MS,
            pollIntervalMs: config.FLOW_POLL_INTERVAL_MS,
            waitPollMs: config.FLOW_WAIT_POLL_MS,
          }),
        },
        FlowRegistry,
        FlowStore,
        FlowRunner,
        FlowEventListener,
        FlowPresenter,
        FlowCatalog,
        FlowQueries,
        ExceptionQueue,
        ExceptionActions,
        Approvals,
      ],
      exports: [FlowRegistry, FlowRunner, FlowStore, FlowCatalog, systemApiClientProvider, ExceptionQueue],
    };
  }
}
