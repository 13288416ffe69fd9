import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import {
  type BeforeApplicationShutdown,
  type DynamicModule,
  Global,
  Inject,
  Injectable,
  Module,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { EventContract } from '@concord/contracts';
import { APP_LOGGER, APP_NAME, type AppLogger, BaseConfig, HttpMetrics, TransactionRunner } from '@concord/platform';
import { EventCatalog } from './catalog/event-catalog';
import { EventBackbone } from './event-backbone';
import { EventMetrics } from './event-metrics';
import { DeadLetterEditEntity } from './inbox/dead-letter-edit.entity';
import { InboxEntryEntity } from './inbox/inbox-entry.entity';
import { LeaseEntity } from './lease/lease.entity';
import { LeaseKeeper } from './lease/lease';
import { CreateEventTables1764200000000 } from './migrations/1764200000000-create-event-tables.migration';
import { EventOperationsController } from './operations/event-operations.controller';
import { EventOperations } from './operations/event-operations.service';
import { OutboxEventEntity } from './outbox/outbox-event.entity';
import type { EventTransport } from './transport/event-transport';
import { InProcessTransport } from './transport/in-process.transport';
import { NatsJetStreamTransport } from './transport/nats-jetstream.transport';

export const EVENT_ENTITIES = [OutboxEventEntity, InboxEntryEntity, DeadLetterEditEntity, LeaseEntity];
export const EVENT_MIGRATIONS = [CreateEventTables1764200000000];

/** The transport an app runs on; given by whoever starts several apps in one process, else built from config. */
export const EVENT_TRANSPORT = Symbol('concord:event-transport');
const TRANSPORT_OWNED = Symbol('concord:event-transport-owned');

export interface EventsModuleOptions {
  contracts: readonly EventContract[];
  /** A transport shared with other apps of this process (embedded profile, tests); else NATS_URL or a private in-process one. */
  transport?: EventTransport;
}

@Injectable()
class EventsLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(
    private readonly backbone: EventBackbone,
    @Inject(EVENT_TRANSPORT) private readonly transport: EventTransport,
    @Inject(TRANSPORT_OWNED) private readonly owned: boolean,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.backbone.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.backbone.stop();
    if (this.owned) await this.transport.close();
  }
}

/** An app's part of the event backbone: outbox, relay, subscribers, dead letters, replay and their operator routes. */
@Global()
@Module({})
export class EventsModule {
  static forApp(options: EventsModuleOptions): DynamicModule {
    return {
      module: EventsModule,
      controllers: [EventOperationsController],
      providers: [
        { provide: EventCatalog, useValue: new EventCatalog(options.contracts) },
        { provide: TRANSPORT_OWNED, useValue: options.transport === undefined },
        {
          provide: LeaseKeeper,
          inject: [TransactionRunner, BaseConfig, APP_NAME],
          useFactory: (transactions: TransactionRunner, config: BaseConfig, app: string) =>
            new LeaseKeeper(
              transactions,
              config.INSTANCE_ID ?? `${app}-${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`,
              5_000,
            ),
        },
        {
          provide: EVENT_TRANSPORT,
          inject: [BaseConfig, LeaseKeeper, APP_LOGGER],
          useFactory: async (config: BaseConfig, leases: LeaseKeeper, logger: AppLogger): Promise<EventTransport> => {
            if (options.transport) return options.transport;
            if (config.NATS_URL) {
              return NatsJetStreamTransport.connect({
                url: config.NATS_URL,
                prefix: config.NATS_STREAM_PREFIX,
                lease: (name) => leases.acquire(name),
                maxAgeMs: config.EVENT_RETENTION_DAYS * 86_400_000,
                logger,
              });
            }
            return new InProcessTransport().open();
          },
        },
        {
          provide: EventBackbone,
          inject: [
            DataSource,
            TransactionRunner,
            EventCatalog,
            EVENT_TRANSPORT,
            LeaseKeeper,
            APP_LOGGER,
            HttpMetrics,
            BaseConfig,
            APP_NAME,
          ],
          useFactory: (
            dataSource: DataSource,
            transactions: TransactionRunner,
            catalog: EventCatalog,
            transport: EventTransport,
            leases: LeaseKeeper,
            logger: AppLogger,
            metrics: HttpMetrics,
            config: BaseConfig,
            app: string,
          ) =>
            new EventBackbone({
              source: `/${app}`,
              leases,
              dataSource,
              transactions,
              catalog,
              transport,
              logger,
              metrics: new EventMetrics(metrics.registry),
              retentionDays: config.EVENT_RETENTION_DAYS,
            }),
        },
        EventOperations,
        EventsLifecycle,
      ],
      exports: [EventBackbone, EventCatalog, EVENT_TRANSPORT],
    };
  }
}
