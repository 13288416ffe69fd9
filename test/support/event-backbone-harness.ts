import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { type DataSource, type EntityManager } from 'typeorm';
import { defineEvent, type EventContract } from '@concord/contracts';
import {
  EVENT_ENTITIES,
  EVENT_MIGRATIONS,
  EventBackbone,
  EventCatalog,
  EventMetrics,
  type EventTransport,
  InProcessTransport,
  LeaseKeeper,
  NatsJetStreamTransport,
} from '@concord/events';
import { BaseConfig, createLogger, databaseOptions, loadConfig, openDataSource, TransactionRunner } from '@concord/platform';
import { LogCapture, TestDatabase } from '@concord/testing';
import { Registry } from 'prom-client';

/** Data of the test event types: a key, a number that orders it within the key, and switches for failure paths. */
export class TestSignalData {
  @ApiProperty({ example: 'key-1' })
  key!: string;

  @ApiProperty({ type: 'integer', example: 1 })
  n!: number;

  @ApiPropertyOptional({ description: 'The handler throws while this is true' })
  fail?: boolean;
}

export const TEST_SIGNAL_RECORDED = defineEvent({
  type: 'test.signal.recorded.v1',
  dataClass: TestSignalData,
  aggregateType: 'signal',
  orderingKey: (data) => data.key,
  summary: 'A test signal (ordered per key; later ones wait while one is dead)',
  containsPhi: false,
  deadLetterPolicy: 'hold',
});

export const TEST_SIGNAL_NOTED = defineEvent({
  type: 'test.signal.noted.v1',
  dataClass: TestSignalData,
  aggregateType: 'signal',
  orderingKey: (data) => data.key,
  summary: 'A test signal whose later events continue past a dead one',
  containsPhi: false,
  deadLetterPolicy: 'continue',
});

export const TEST_CONTRACTS: EventContract[] = [TEST_SIGNAL_RECORDED, TEST_SIGNAL_NOTED];

export const NATS_TEST_URL = process.env.TEST_NATS_URL ?? 'nats://127.0.0.1:4222';

export interface BackboneNode {
  backbone: EventBackbone;
  dataSource: DataSource;
  transactions: TransactionRunner;
  logs: LogCapture;
  close(): Promise<void>;
}

export interface BackboneNodeOptions {
  app: string;
  /** Database settings of the app (TestDatabase.envFor). */
  env: Record<string, string>;
  /** The transport, or how to open one with this node's leases (NATS fetchers take a lease each). */
  transport: EventTransport | ((leases: LeaseKeeper) => Promise<EventTransport>);
  instanceId?: string;
  pollIntervalMs?: number;
}

/** One app's backbone on the suite's profile (SQLite or PostgreSQL), with an `effect` table for handlers to write to. */
export async function startBackboneNode(options: BackboneNodeOptions): Promise<BackboneNode> {
  const config = loadConfig(BaseConfig, { ...options.env, LOG_LEVEL: 'silent' });
  const dataSource = await openDataSource(
    databaseOptions(config, { app: options.app, entities: EVENT_ENTITIES, migrations: EVENT_MIGRATIONS }),
  );
  await dataSource.query(
    'CREATE TABLE IF NOT EXISTS test_effect (id integer PRIMARY KEY, subscriber varchar(100), event_key varchar(100), n integer, event_id varchar(36), instance varchar(20))'.replace(
      'integer PRIMARY KEY',
      dataSource.options.type === 'postgres' ? 'serial PRIMARY KEY' : 'integer PRIMARY KEY AUTOINCREMENT',
    ),
  );
  const transactions = new TransactionRunner(dataSource);
  const logs = new LogCapture();
  const logger = createLogger({ app: options.app, level: 'warn', destination: logs });
  const leases = new LeaseKeeper(transactions, options.instanceId ?? `${options.app}-${process.pid}`, 3_000);
  const transport = typeof options.transport === 'function' ? await options.transport(leases) : options.transport;
  const backbone = new EventBackbone({
    source: `/${options.app}`,
    leases,
    dataSource,
    transactions,
    catalog: new EventCatalog(TEST_CONTRACTS),
    transport,
    logger,
    metrics: new EventMetrics(new Registry()),
    pollIntervalMs: options.pollIntervalMs ?? 50,
  });
  return {
    backbone,
    dataSource,
    transactions,
    logs,
    async close() {
      await backbone.stop();
      if (typeof options.transport === 'function') await transport.close();
      await dataSource.destroy();
    },
  };
}

/** The handler effect the tests count: one row per handled event, written in the handler's transaction. */
export async function recordEffect(
  manager: EntityManager,
  subscriber: string,
  data: TestSignalData,
  eventId: string,
  instance = 'test',
): Promise<void> {
  await manager
    .createQueryBuilder()
    .insert()
    .into('test_effect', ['subscriber', 'event_key', 'n', 'event_id', 'instance'])
    .values({ subscriber, event_key: data.key, n: data.n, event_id: eventId, instance })
    .execute();
}

export async function effects(
  dataSource: DataSource,
  subscriber?: string,
): Promise<{ key: string; n: number; eventId: string; instance: string }[]> {
  const rows = await dataSource
    .createQueryBuilder()
    .select(['event_key AS key', 'n AS n', 'event_id AS "eventId"', 'instance AS instance'])
    .from('test_effect', 'e')
    .where(subscriber ? 'subscriber = :subscriber' : '1 = 1', { subscriber })
    .orderBy('id', 'ASC')
    .getRawMany<{ key: string; n: number | string; eventId: string; instance: string }>();
  return rows.map((row) => ({ key: row.key, n: Number(row.n), eventId: row.eventId, instance: row.instance }));
}

/** The transport of the suite's profile: in-process (embedded) or NATS JetStream with streams private to this run (scale). */
export async function testTransport(database: TestDatabase, lease?: (name: string) => Promise<boolean>): Promise<EventTransport> {
  if (database.profile === 'embedded') return new InProcessTransport().open();
  return natsTransport(natsPrefixOf(database), lease);
}

export function natsPrefixOf(database: TestDatabase): string {
  return `T${database.runId.toUpperCase()}`;
}

export function natsTransport(prefix: string, lease?: (name: string) => Promise<boolean>): Promise<NatsJetStreamTransport> {
  return NatsJetStreamTransport.connect({ url: NATS_TEST_URL, prefix, lease, ackWaitMs: 2_000 });
}

export async function removeTestStreams(database: TestDatabase): Promise<void> {
  if (database.profile === 'embedded') return;
  const transport = await natsTransport(natsPrefixOf(database));
  await transport.deleteStreams();
  await transport.close();
}

/** Polls until `check` holds (or throws its last failure after the time limit). */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 30_000, intervalMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }
}
