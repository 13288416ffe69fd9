import { afterAll, describe, expect, it } from 'vitest';
import { DataSource } from 'typeorm';
import { BaseConfig, databaseOptions, loadConfig } from '@concord/platform';
import { TestDatabase } from '@concord/testing';
import { startChildNode, type ChildNode } from '../support/child-node';
import { eventually, natsPrefixOf, removeTestStreams } from '../support/event-backbone-harness';
import { LedgerServer } from '../support/ledger-server';

const FLOWS = 200;

/**
 * kill -9 of process-api at random moments (and right after a step's call, before its record)
 * over 200 flows of two postings each: after restarts every flow completes, every step is recorded
 * completed once, and the ledger holds exactly one posting per step, none with a second key. On the
 * scale profile two instances run the flows side by side and one of them is killed.
 */
describe('flows under kill -9', () => {
  const database = new TestDatabase();
  const scale = database.profile === 'scale';
  const ledger = new LedgerServer();
  const running: ChildNode[] = [];
  const start = (instance: string, crash?: string) => {
    const node = startChildNode('test/support/flow-crash-node.ts', {
      FLOW_NODE_COUNT: String(FLOWS),
      FLOW_NODE_LEDGER: ledger.url,
      FLOW_NODE_DB: JSON.stringify(database.envFor('process-api')),
      FLOW_NODE_INSTANCE: instance,
      ...(scale ? { FLOW_NODE_NATS: natsPrefixOf(database) } : {}),
      ...(crash ? { CONCORD_CRASH_POINT: crash } : {}),
    });
    running.push(node);
    return node;
  };

  afterAll(async () => {
    for (const node of running) if (node.child.exitCode === null && node.child.signalCode === null) node.child.kill('SIGKILL');
    await ledger.close();
    await removeTestStreams(database);
    await database.dispose();
  });

  it('completes every flow with no step applied twice', async () => {
    await ledger.start();
    // Killed right after a step's call succeeded, before the engine recorded it.
    const first = start('a', 'flow.after-step-call@25');
    expect((await first.exited).signal).toBe('SIGKILL');
    // Then at random moments, while flows are starting and running.
    for (let kill = 0; kill < 3; kill++) {
      const node = start('a');
      await node.waitFor('ready');
      await new Promise((resolve) => setTimeout(resolve, 300 + Math.random() * 1500));
      node.child.kill('SIGKILL');
      expect((await node.exited).signal).toBe('SIGKILL');
    }
    start('a');
    if (scale) {
      // A second instance shares the work; the first dies once more mid-way.
      const second = start('b');
      await second.waitFor('ready');
      await new Promise((resolve) => setTimeout(resolve, 500));
      running[running.length - 2].child.kill('SIGKILL');
      start('c');
    }

    const config = loadConfig(BaseConfig, { ...database.envFor('process-api'), LOG_LEVEL: 'silent' });
    const dataSource = await new DataSource({
      ...databaseOptions(config, { app: 'process-api', entities: [], migrations: [] }),
      migrationsRun: false,
    }).initialize();
    try {
      await eventually(
        async () => {
          const [row] = await dataSource.query(
            "SELECT COUNT(*) AS c FROM flow_instance WHERE type = 'test-posting' AND status = 'completed'",
          );
          expect(Number(row.c)).toBe(FLOWS);
        },
        240_000,
        500,
      );
      const [flows] = await dataSource.query("SELECT COUNT(*) AS c FROM flow_instance WHERE type = 'test-posting'");
      expect(Number(flows.c)).toBe(FLOWS);
      const completions = await dataSource.query(
        "SELECT flow_id, step, COUNT(*) AS c FROM flow_step_record WHERE kind = 'completed' GROUP BY flow_id, step HAVING COUNT(*) > 1",
      );
      expect(completions).toEqual([]);
      const keys = [...ledger.postings.keys()];
      expect(keys).toHaveLength(FLOWS * 2);
      expect(keys.every((key) => /^flow:[0-9a-f-]{36}:(first|second):r0$/.test(key))).toBe(true);
      // Retried calls reached the ledger and were answered as replays, not applied again.
      expect(ledger.calls).toBeGreaterThan(FLOWS * 2);
    } finally {
      await dataSource.destroy();
    }
  }, 400_000);
});
