/**
 * Event backbone throughput and delay, from outbox commit to handler effect.
 *
 *   node -r ./test/support/ts-register.cjs bench/events-throughput.ts [embedded|scale] [events] [keys]
 *
 * embedded: SQLite + the in-process transport, producer and consumer apps in one process (as `npm start`).
 * scale: PostgreSQL + NATS JetStream (services on 127.0.0.1), producer and consumer apps in one process.
 * Phase 1 commits `events` events (10 per transaction, as fast as possible) and measures events/s until
 * the last effect. Phase 2 commits at half that rate for 10 s and reports the p50/p99/max delay from
 * each commit to its effect.
 */
import { performance } from 'node:perf_hooks';
import { InProcessTransport, type EventTransport } from '@concord/events';
import { TestDatabase } from '@concord/testing';
import {
  natsPrefixOf,
  natsTransport,
  recordEffect,
  removeTestStreams,
  startBackboneNode,
  TEST_SIGNAL_RECORDED,
  type TestSignalData,
} from '../test/support/event-backbone-harness';

const profile = (process.argv[2] ?? 'embedded') as 'embedded' | 'scale';
const total = Number(process.argv[3] ?? 20_000);
const keys = Number(process.argv[4] ?? 200);
const PER_TRANSACTION = 10;

async function main(): Promise<void> {
  const database = new TestDatabase(profile);
  const shared = new InProcessTransport();
  const transport = (): EventTransport | ((leases: import('@concord/events').LeaseKeeper) => Promise<EventTransport>) =>
    profile === 'scale' ? (leases) => natsTransport(natsPrefixOf(database), (name) => leases.acquire(name)) : shared;
  const producer = await startBackboneNode({
    app: 'producer',
    env: database.envFor('producer'),
    transport: transport(),
    pollIntervalMs: 250,
  });
  const consumer = await startBackboneNode({
    app: 'consumer',
    env: database.envFor('consumer'),
    transport: transport(),
    pollIntervalMs: 250,
  });
  const committedAt = new Map<string, number>();
  const delays: number[] = [];
  let handled = 0;
  let done: () => void = () => undefined;
  let target = 0;
  consumer.backbone.subscribe({
    subscriber: 'bench.consumer',
    types: [TEST_SIGNAL_RECORDED.type],
    concurrency: 16,
    handle: async (event, context) => {
      await recordEffect(context.manager, 'bench.consumer', event.data as TestSignalData, event.id);
      const started = committedAt.get(event.id);
      if (started !== undefined) delays.push(performance.now() - started);
      handled += 1;
      if (handled >= target) done();
    },
  });
  await consumer.backbone.start();
  await producer.backbone.start();
  shared.open();

  let sequence = 0;
  const commitBatch = async (): Promise<void> => {
    const batch = Array.from({ length: PER_TRANSACTION }, () => {
      const i = sequence++;
      return { type: TEST_SIGNAL_RECORDED.type, data: { key: `k${i % keys}`, n: i } };
    });
    const events = await producer.transactions.run((manager) => producer.backbone.outbox.add(manager, batch));
    const now = performance.now();
    for (const event of events) committedAt.set(event.id, now);
  };

  // Phase 1: as fast as possible.
  target = total;
  let finished = new Promise<void>((resolve) => (done = resolve));
  const started = performance.now();
  for (let i = 0; i < total / PER_TRANSACTION; i++) await commitBatch();
  const committed = performance.now();
  await finished;
  const elapsed = (performance.now() - started) / 1000;
  const throughput = total / elapsed;
  const commitRate = total / ((committed - started) / 1000);

  // Phase 2: half that rate, paced per 10 ms tick, for 10 s.
  delays.length = 0;
  const rate = Math.floor(throughput / 2);
  const seconds = 10;
  const perTick = Math.max(PER_TRANSACTION, Math.round(rate / 100 / PER_TRANSACTION) * PER_TRANSACTION);
  target = handled + perTick * 100 * seconds;
  finished = new Promise<void>((resolve) => (done = resolve));
  const paced = performance.now();
  for (let tick = 0; tick < 100 * seconds; tick++) {
    for (let i = 0; i < perTick / PER_TRANSACTION; i++) await commitBatch();
    const wait = paced + (tick + 1) * 10 - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }
  await finished;
  delays.sort((a, b) => a - b);
  const percentile = (p: number) => delays[Math.min(delays.length - 1, Math.floor((p / 100) * delays.length))].toFixed(1);

  process.stdout.write(
    `${JSON.stringify({
      profile,
      events: total,
      keys,
      commitRatePerSecond: Math.round(commitRate),
      throughputPerSecond: Math.round(throughput),
      pacedRatePerSecond: perTick * 100,
      delayMs: { p50: percentile(50), p99: percentile(99), max: delays[delays.length - 1].toFixed(1), samples: delays.length },
    })}\n`,
  );
  await producer.close();
  await consumer.close();
  await removeTestStreams(database);
  await database.dispose();
  process.exit(0);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
