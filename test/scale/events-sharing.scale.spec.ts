import { afterAll, describe, expect, it } from 'vitest';
import { InProcessTransport } from '@concord/events';
import { TestDatabase } from '@concord/testing';
import { startChildNode, type ChildNode } from '../support/child-node';
import { effects, eventually, natsPrefixOf, removeTestStreams, startBackboneNode } from '../support/event-backbone-harness';

const TOTAL = 10_000;
const KEYS = 100;

/**
 * Scale-out only (PostgreSQL + NATS JetStream): two instances of one subscriber share a burst of
 * 10,000 events. One of them is killed half-way; the other takes its work over. Every event has
 * its effect once, each key in order, and both instances did part of the work.
 */
describe('two consumer instances on JetStream', () => {
  const database = new TestDatabase('scale');
  const running: ChildNode[] = [];
  const env = (role: string, instance: string) => ({
    CRASH_NODE_ROLE: role,
    CRASH_NODE_EVENTS: String(TOTAL),
    CRASH_NODE_KEYS: String(KEYS),
    CRASH_NODE_BATCH: '100',
    CRASH_NODE_DB: JSON.stringify({ producer: database.envFor('producer'), consumer: database.envFor('consumer') }),
    CRASH_NODE_INSTANCE: instance,
    CRASH_NODE_NATS: natsPrefixOf(database),
  });
  const start = (role: string, instance: string) => {
    const node = startChildNode('test/support/event-crash-node.ts', env(role, instance));
    running.push(node);
    return node;
  };

  afterAll(async () => {
    for (const node of running) if (node.child.exitCode === null && node.child.signalCode === null) node.child.kill('SIGKILL');
    await removeTestStreams(database);
    await database.dispose();
  });

  it('share 10,000 events with no loss and no duplicate effect, in order per key, surviving the loss of one', async () => {
    const first = start('consumer', 'a');
    const second = start('consumer', 'b');
    await Promise.all([first.waitFor('ready'), second.waitFor('ready')]);
    const producer = start('producer', 'p');
    const reader = await startBackboneNode({ app: 'consumer', env: database.envFor('consumer'), transport: new InProcessTransport() });
    try {
      await eventually(async () => expect((await effects(reader.dataSource)).length).toBeGreaterThan(TOTAL / 3), 120_000, 200);
      first.child.kill('SIGKILL');
      expect((await first.exited).signal).toBe('SIGKILL');
      await producer.waitFor('produced-all', 120_000);
      const all = await eventually(
        async () => {
          const list = await effects(reader.dataSource, 'crash.consumer');
          expect(list.length).toBeGreaterThanOrEqual(TOTAL);
          return list;
        },
        180_000,
        500,
      );
      expect(all).toHaveLength(TOTAL);
      expect(new Set(all.map((effect) => effect.eventId)).size).toBe(TOTAL);
      for (let k = 0; k < KEYS; k++) {
        expect(all.filter((effect) => effect.key === `k${k}`).map((effect) => effect.n)).toEqual(
          Array.from({ length: TOTAL / KEYS }, (_, i) => i + 1),
        );
      }
      const byInstance = new Map<string, number>();
      for (const effect of all) byInstance.set(effect.instance, (byInstance.get(effect.instance) ?? 0) + 1);
      expect(byInstance.get('a')).toBeGreaterThan(0);
      expect(byInstance.get('b')).toBeGreaterThan(0);
    } finally {
      await reader.dataSource.destroy();
    }
  }, 400_000);
});
