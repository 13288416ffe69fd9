import { afterAll, describe, expect, it } from 'vitest';
import type { CrashPoint } from '@concord/events';
import { TestDatabase } from '@concord/testing';
import { startChildNode, type ChildNode } from '../support/child-node';
import { effects, eventually, natsPrefixOf, removeTestStreams, startBackboneNode } from '../support/event-backbone-harness';
import { InProcessTransport } from '@concord/events';

const TOTAL = 600;
const KEYS = 12;

/**
 * kill -9 at the moments that matter: a producer between commit and publish (and between publish
 * and stamping the outbox), a consumer between taking an event in and acknowledging it, between
 * its effect and the commit, and after the commit; then at a random moment mid-burst. After the
 * last restart every event has had its effect exactly once, in order per key. Effects are counted,
 * not deliveries.
 */
describe('event backbone under kill -9', () => {
  const database = new TestDatabase();
  const scale = database.profile === 'scale';
  const env = (role: string, instance: string, crash?: CrashPoint, pass = 1): Record<string, string> => ({
    CRASH_NODE_ROLE: role,
    CRASH_NODE_EVENTS: String(TOTAL),
    CRASH_NODE_KEYS: String(KEYS),
    CRASH_NODE_DB: JSON.stringify({ producer: database.envFor('producer'), consumer: database.envFor('consumer') }),
    CRASH_NODE_INSTANCE: instance,
    ...(scale ? { CRASH_NODE_NATS: natsPrefixOf(database) } : {}),
    ...(crash ? { CONCORD_CRASH_POINT: `${crash}@${pass}` } : {}),
  });
  const running: ChildNode[] = [];
  const start = (role: string, crash?: CrashPoint, pass?: number) => {
    const node = startChildNode('test/support/event-crash-node.ts', env(role, '1', crash, pass));
    running.push(node);
    return node;
  };

  afterAll(async () => {
    for (const node of running) if (node.child.exitCode === null && node.child.signalCode === null) node.child.kill('SIGKILL');
    await removeTestStreams(database);
    await database.dispose();
  });

  /** Runs a role through its crash points one after another; each run must end by SIGKILL at its point. */
  async function crashThrough(role: string, points: [CrashPoint, number][]): Promise<void> {
    for (const [point, pass] of points) {
      const node = start(role, point, pass);
      // Batch-level points (a relay pass, an accepted batch, a handling pass) are reached a few times only:
      // a point never reached would otherwise hang the test rather than fail it.
      const { signal } = await Promise.race([
        node.exited,
        new Promise<{ signal: string }>((resolve) => setTimeout(() => resolve({ signal: 'still running after 90 s' }), 90_000)),
      ]);
      expect(signal, `${role} should have been killed at ${point}; output:\n${node.output().slice(-1500)}`).toBe('SIGKILL');
    }
  }

  it('loses no committed event and applies none twice', async () => {
    if (scale) {
      // Producer and consumer are separate processes on JetStream. The producer dies twice, leaving
      // committed events unpublished and published ones unstamped; then the consumer dies three times
      // on what the stream holds; then both run while the consumer is killed once more mid-burst.
      await crashThrough('producer', [
        ['outbox.after-commit', 5],
        ['relay.after-publish', 3],
      ]);
      await crashThrough('consumer', [
        ['inbox.after-accept', 1],
        ['consumer.after-effect', 5],
        ['consumer.after-commit', 1],
      ]);
      const producer = start('producer');
      const consumer = start('consumer');
      await consumer.waitFor('ready');
      await new Promise((resolve) => setTimeout(resolve, 200 + Math.random() * 600));
      consumer.child.kill('SIGKILL');
      expect((await consumer.exited).signal).toBe('SIGKILL');
      start('consumer');
      await producer.waitFor('produced-all', 120_000);
    } else {
      await crashThrough('both', [
        ['outbox.after-commit', 5],
        ['relay.after-publish', 2],
        ['inbox.after-accept', 2],
        ['consumer.after-effect', 40],
        ['consumer.after-commit', 1],
      ]);
      const busy = start('both');
      await busy.waitFor('ready');
      await new Promise((resolve) => setTimeout(resolve, 200 + Math.random() * 600));
      busy.child.kill('SIGKILL');
      expect((await busy.exited).signal).toBe('SIGKILL');
      await start('both').waitFor('produced-all', 120_000);
    }

    const reader = await startBackboneNode({ app: 'consumer', env: database.envFor('consumer'), transport: new InProcessTransport() });
    try {
      const all = await eventually(
        async () => {
          const list = await effects(reader.dataSource, 'crash.consumer');
          expect(list.length).toBeGreaterThanOrEqual(TOTAL);
          return list;
        },
        120_000,
        250,
      );
      expect(new Set(all.map((effect) => effect.eventId)).size).toBe(all.length);
      expect(all).toHaveLength(TOTAL);
      for (let k = 0; k < KEYS; k++) {
        const ns = all.filter((effect) => effect.key === `k${k}`).map((effect) => effect.n);
        expect(ns).toEqual(Array.from({ length: TOTAL / KEYS }, (_, i) => i + 1));
      }
    } finally {
      await reader.dataSource.destroy();
    }
  }, 300_000);
});
