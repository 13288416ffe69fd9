import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CloudEvent, eventIdFor, type EventTransport } from '@concord/events';
import { TestDatabase } from '@concord/testing';
import {
  type BackboneNode,
  effects,
  eventually,
  recordEffect,
  removeTestStreams,
  startBackboneNode,
  TEST_SIGNAL_NOTED,
  TEST_SIGNAL_RECORDED,
  type TestSignalData,
  testTransport,
} from '../support/event-backbone-harness';

/**
 * The backbone on the suite's profile: SQLite + in-process transport (`npm test`) or PostgreSQL +
 * NATS JetStream (`npm run test:scale`). A producer app and a consumer app, each with its own
 * database, as system-api and process-api are.
 */
describe('event backbone', () => {
  const database = new TestDatabase();
  let transport: EventTransport;
  let producer: BackboneNode;
  let consumer: BackboneNode;
  const failing = new Set<string>();
  const seen: string[] = [];
  let inFlight = 0;
  let maxInFlight = 0;

  beforeAll(async () => {
    transport = await testTransport(database);
    producer = await startBackboneNode({ app: 'producer', env: database.envFor('producer'), transport });
    consumer = await startBackboneNode({ app: 'consumer', env: database.envFor('consumer'), transport });
    const handle = (subscriber: string) => async (event: CloudEvent, context: { manager: import('typeorm').EntityManager }) => {
      const data = event.data as TestSignalData;
      seen.push(`${subscriber}:${data.key}:${data.n}`);
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      // Random pauses so that keys really interleave under parallel handling.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 3)).finally(() => (inFlight -= 1));
      if (data.fail || failing.has(`${data.key}:${data.n}`)) throw new Error(`signal ${data.key}/${data.n} refused`);
      await recordEffect(context.manager, subscriber, data, event.id);
    };
    consumer.backbone.subscribe({
      subscriber: 'consumer.recorder',
      types: [TEST_SIGNAL_RECORDED.type, TEST_SIGNAL_NOTED.type],
      handle: handle('consumer.recorder'),
      retry: { maxAttempts: 3, initialBackoffMs: 20, maxBackoffMs: 50 },
      concurrency: 8,
    });
    await consumer.backbone.start();
    await producer.backbone.start();
  });

  afterAll(async () => {
    await producer?.close();
    await consumer?.close();
    await transport?.close();
    await removeTestStreams(database);
    await database.dispose();
  });

  const publish = (type: string, data: TestSignalData[]) =>
    producer.transactions.run((manager) =>
      producer.backbone.outbox.add(
        manager,
        data.map((d) => ({ type, data: d })),
      ),
    );

  it('delivers committed events once, and nothing of a rolled-back transaction', async () => {
    await publish(TEST_SIGNAL_RECORDED.type, [{ key: 'a', n: 1 }]);
    await expect(
      producer.transactions.run(async (manager) => {
        await producer.backbone.outbox.add(manager, { type: TEST_SIGNAL_RECORDED.type, data: { key: 'rolled-back', n: 1 } });
        throw new Error('the state change failed');
      }),
    ).rejects.toThrow('the state change failed');
    await publish(TEST_SIGNAL_RECORDED.type, [{ key: 'a', n: 2 }]);
    const done = await eventually(async () => {
      const list = (await effects(consumer.dataSource)).filter((e) => e.key === 'a');
      expect(list.map((e) => e.n)).toEqual([1, 2]);
      return list;
    });
    expect(done).toHaveLength(2);
    expect((await effects(consumer.dataSource)).some((e) => e.key === 'rolled-back')).toBe(false);
  });

  it('refuses to publish data that does not match the type’s schema, and writes nothing', async () => {
    await expect(publish(TEST_SIGNAL_RECORDED.type, [{ key: 'bad', n: 'one' } as never])).rejects.toThrow(/\/n must be integer/);
    const rows = await producer.dataSource.query("SELECT COUNT(*) AS c FROM event_outbox WHERE aggregateid = 'bad'");
    expect(Number(rows[0].c)).toBe(0);
  });

  it('adds an event with a derived id once, however often the change that caused it is retried', async () => {
    const id = eventIdFor('idempotency-key-1', TEST_SIGNAL_RECORDED.type);
    expect(eventIdFor('idempotency-key-1', TEST_SIGNAL_RECORDED.type)).toBe(id);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    for (let attempt = 0; attempt < 2; attempt++) {
      await producer.transactions.run((manager) =>
        producer.backbone.outbox.add(manager, { id, type: TEST_SIGNAL_RECORDED.type, data: { key: 'derived', n: 1 } }),
      );
    }
    const rows = await producer.dataSource.query(`SELECT COUNT(*) AS c FROM event_outbox WHERE id = '${id}'`);
    expect(Number(rows[0].c)).toBe(1);
    await eventually(async () => expect((await effects(consumer.dataSource)).filter((e) => e.key === 'derived')).toHaveLength(1));
  });

  it('gives a redelivered event no second effect', async () => {
    const [event] = await publish(TEST_SIGNAL_RECORDED.type, [{ key: 'dup', n: 1 }]);
    await eventually(async () => expect((await effects(consumer.dataSource)).filter((e) => e.key === 'dup')).toHaveLength(1));
    // The transport delivers it again (as JetStream does after a lost ack, or the relay after a crash).
    await consumer.backbone.worker('consumer.recorder').accept([event], 'live');
    await consumer.backbone.worker('consumer.recorder').drain();
    expect((await effects(consumer.dataSource)).filter((e) => e.key === 'dup')).toHaveLength(1);
  });

  it('keeps each key in order while keys are handled in parallel', async () => {
    const keys = Array.from({ length: 12 }, (_, i) => `order-${i}`);
    const batch: TestSignalData[] = [];
    for (let n = 1; n <= 25; n++) for (const key of keys) batch.push({ key, n });
    await publish(TEST_SIGNAL_RECORDED.type, batch);
    const all = await eventually(async () => {
      const list = (await effects(consumer.dataSource)).filter((e) => e.key.startsWith('order-'));
      expect(list).toHaveLength(keys.length * 25);
      return list;
    });
    for (const key of keys) {
      expect(all.filter((e) => e.key === key).map((e) => e.n)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    }
    // PostgreSQL runs several keys' transactions at once; SQLite has one writer, so one at a time.
    if (database.profile === 'scale') expect(maxInFlight).toBeGreaterThan(1);
    else expect(maxInFlight).toBe(1);
  });

  it('retries a failing event, parks it with its error, holds its key, and after an approved edit handles it and the key’s later events', async () => {
    await publish(TEST_SIGNAL_RECORDED.type, [
      { key: 'poison', n: 1, fail: true },
      { key: 'poison', n: 2 },
    ]);
    const worker = consumer.backbone.worker('consumer.recorder');
    const [letter] = await eventually(async () => {
      const letters = await consumer.backbone.deadLetters.list({ subscriber: 'consumer.recorder', limit: 10 });
      expect(letters).toHaveLength(1);
      return letters;
    });
    expect(letter.entry.attempts).toBe(3);
    expect(letter.entry.lastError).toContain('signal poison/1 refused');
    expect(letter.entry.holdsKey).toBe(true);
    await worker.drain();
    // Held: n=2 waits behind the dead n=1.
    expect((await effects(consumer.dataSource)).filter((e) => e.key === 'poison')).toEqual([]);

    const edit = await consumer.backbone.deadLetters.proposeEdit(
      letter.entry.seq,
      { key: 'poison', n: 1, fail: false },
      'flag set by mistake',
      'operator-a',
    );
    await expect(consumer.backbone.deadLetters.decideEdit(letter.entry.seq, edit.id, 'approved', 'operator-a')).rejects.toMatchObject({
      code: 'FOUR_EYES_REQUIRED',
    });
    await expect(
      consumer.backbone.deadLetters.proposeEdit(letter.entry.seq, { key: 'poison', n: 'x' }, 'bad edit', 'operator-a'),
    ).rejects.toMatchObject({ code: 'EDIT_INVALID' });
    await consumer.backbone.deadLetters.decideEdit(letter.entry.seq, edit.id, 'approved', 'operator-b', 'checked');
    await eventually(async () =>
      expect((await effects(consumer.dataSource)).filter((e) => e.key === 'poison').map((e) => e.n)).toEqual([1, 2]),
    );
    const [edited] = await consumer.dataSource.query(`SELECT status, payload FROM event_inbox WHERE seq = ${letter.entry.seq}`);
    expect(edited.status).toBe('done');
    expect(JSON.parse(edited.payload).data.fail).toBe(false);
  });

  it('lets a key’s later events continue past a dead one when the type says so, and a plain retry succeeds once the cause is gone', async () => {
    failing.add('flow:1');
    await publish(TEST_SIGNAL_NOTED.type, [
      { key: 'flow', n: 1 },
      { key: 'flow', n: 2 },
    ]);
    await eventually(async () => expect((await effects(consumer.dataSource)).filter((e) => e.key === 'flow').map((e) => e.n)).toEqual([2]));
    const [letter] = await eventually(async () => {
      const letters = await consumer.backbone.deadLetters.list({ type: TEST_SIGNAL_NOTED.type, limit: 10 });
      expect(letters).toHaveLength(1);
      return letters;
    });
    expect(letter.entry.holdsKey).toBe(false);
    failing.delete('flow:1');
    expect(await consumer.backbone.deadLetters.retry([letter.entry.seq])).toBe(1);
    await eventually(async () =>
      expect((await effects(consumer.dataSource)).filter((e) => e.key === 'flow').map((e) => e.n)).toEqual([2, 1]),
    );
  });

  it('parks an event whose data breaks the schema on arrival, without calling the handler', async () => {
    const before = seen.length;
    const forged = {
      specversion: '1.0',
      id: '00000000-0000-4000-8000-000000000001',
      source: '/elsewhere',
      type: TEST_SIGNAL_RECORDED.type,
      time: new Date().toISOString(),
      datacontenttype: 'application/json',
      correlationid: 'c',
      partitionkey: 'forged',
      data: { key: 'forged' },
    } as CloudEvent;
    await consumer.backbone.worker('consumer.recorder').accept([forged], 'live');
    const letters = await consumer.backbone.deadLetters.list({ correlationId: 'c', limit: 5 });
    expect(letters[0].entry.lastError).toMatch(/\/n.*required|must have required property 'n'/);
    expect(seen.slice(before).some((s) => s.includes('forged'))).toBe(false);
  });

  it('replays a range to one subscriber: missing events are handled, handled ones have no second effect', async () => {
    const correlationId = `replay-${database.runId}`;
    await producer.transactions.run((manager) =>
      producer.backbone.outbox.add(manager, [
        { type: TEST_SIGNAL_RECORDED.type, data: { key: 'replay', n: 1 }, correlationId },
        { type: TEST_SIGNAL_RECORDED.type, data: { key: 'replay', n: 2 }, correlationId },
      ]),
    );
    await eventually(async () => expect((await effects(consumer.dataSource)).filter((e) => e.key === 'replay')).toHaveLength(2));
    // The consumer loses the record of event 2 and its effect (a restore from an older backup, say).
    await consumer.dataSource.query("DELETE FROM test_effect WHERE event_key = 'replay' AND n = 2");
    await consumer.dataSource.query(
      `DELETE FROM event_inbox WHERE subscriber = 'consumer.recorder' AND correlation_id = '${correlationId}' AND payload LIKE '%"n":2%'`,
    );
    expect(await producer.backbone.replayer.replay({ subscriber: 'consumer.recorder', correlationId })).toBe(2);
    await eventually(async () =>
      expect(
        (await effects(consumer.dataSource))
          .filter((e) => e.key === 'replay')
          .map((e) => e.n)
          .sort(),
      ).toEqual([1, 2]),
    );
  });

  it('reports lag and dead letters per subscriber', async () => {
    const lag = await consumer.backbone.lag();
    expect(lag).toHaveProperty(['consumer.recorder']);
    expect(await consumer.backbone.deadLetters.countBySubscriber()).toMatchObject({ 'consumer.recorder': expect.any(Number) });
  });
});
