/**
 * A process of the crash tests: produces a numbered burst of test events through the outbox and/or
 * consumes them into the `test_effect` table. The test kills it with SIGKILL (from outside, or at
 * a CONCORD_CRASH_POINT) and starts it again; the producer resumes where its outbox stops.
 *
 *   CRASH_NODE_ROLE      producer | consumer | both (one process, in-process transport)
 *   CRASH_NODE_EVENTS    how many events the producer must have committed in the end
 *   CRASH_NODE_KEYS      keys the events are spread over (order is checked per key)
 *   CRASH_NODE_DB        JSON { producer: env, consumer: env } from TestDatabase.envFor
 *   CRASH_NODE_NATS      NATS stream prefix (scale profile); absent for in-process
 *   CRASH_NODE_INSTANCE  instance name (leases)
 */
import { InProcessTransport, type EventTransport } from '@concord/events';
import {
  type BackboneNode,
  natsTransport,
  recordEffect,
  startBackboneNode,
  TEST_SIGNAL_RECORDED,
  type TestSignalData,
} from './event-backbone-harness';

const role = process.env.CRASH_NODE_ROLE ?? 'both';
const total = Number(process.env.CRASH_NODE_EVENTS ?? 500);
const batchSize = Number(process.env.CRASH_NODE_BATCH ?? 10);
const keys = Number(process.env.CRASH_NODE_KEYS ?? 10);
const databases = JSON.parse(process.env.CRASH_NODE_DB ?? '{}') as Record<'producer' | 'consumer', Record<string, string>>;
const natsPrefix = process.env.CRASH_NODE_NATS;
const instance = process.env.CRASH_NODE_INSTANCE ?? '1';

async function main(): Promise<void> {
  const inProcess = new InProcessTransport();
  const transport = (): EventTransport | ((leases: import('@concord/events').LeaseKeeper) => Promise<EventTransport>) =>
    natsPrefix ? (leases) => natsTransport(natsPrefix, (name) => leases.acquire(name)) : inProcess;
  const nodes: BackboneNode[] = [];
  let producer: BackboneNode | undefined;
  if (role === 'consumer' || role === 'both') {
    const consumer = await startBackboneNode({
      app: 'consumer',
      env: databases.consumer,
      transport: transport(),
      instanceId: `consumer-${instance}`,
    });
    consumer.backbone.subscribe({
      subscriber: 'crash.consumer',
      types: [TEST_SIGNAL_RECORDED.type],
      handle: async (event, context) => recordEffect(context.manager, 'crash.consumer', event.data as TestSignalData, event.id, instance),
      concurrency: 4,
    });
    nodes.push(consumer);
  }
  if (role === 'producer' || role === 'both') {
    producer = await startBackboneNode({
      app: 'producer',
      env: databases.producer,
      transport: transport(),
      instanceId: `producer-${instance}`,
    });
    nodes.push(producer);
  }
  for (const node of nodes) await node.backbone.start();
  inProcess.open();
  process.on('SIGTERM', () => {
    void Promise.all(nodes.map((node) => node.close())).then(() => process.exit(0));
  });
  process.stdout.write('ready\n');

  if (producer) {
    const [{ count }] = await producer.dataSource.query<{ count: string | number }[]>('SELECT COUNT(*) AS count FROM event_outbox');
    for (let next = Number(count); next < total; next += batchSize) {
      const batch: TestSignalData[] = [];
      for (let i = next; i < Math.min(total, next + batchSize); i++) batch.push({ key: `k${i % keys}`, n: Math.floor(i / keys) + 1 });
      await producer.transactions.run((manager) =>
        producer.backbone.outbox.add(
          manager,
          batch.map((data) => ({ type: TEST_SIGNAL_RECORDED.type, data })),
        ),
      );
      process.stdout.write(`produced ${Math.min(total, next + batchSize)}\n`);
    }
    process.stdout.write('produced-all\n');
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
