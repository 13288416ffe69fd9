import { afterAll, describe, expect, it } from 'vitest';
import { InProcessTransport } from '@concord/events';
import { createLogger, loadConfig } from '@concord/platform';
import { TestDatabase } from '@concord/testing';
import { done, type FlowDefinition, waitUntil } from '../../apps/process-api/src/engine/flow-definition';
import { FlowCatalog } from '../../apps/process-api/src/flows/flow-catalog.service';
import { createProcessApi } from '../../apps/process-api/src/process-api.app';
import { ProcessApiConfig } from '../../apps/process-api/src/process-api.config';
import { eventually, NATS_TEST_URL, natsPrefixOf, removeTestStreams } from '../support/event-backbone-harness';

interface State {
  path: string[];
  holdUntil?: string;
}

const step = (name: string) => ({
  name,
  run: async (ctx: { state: Readonly<State> }) => done<State>({ state: { path: [...ctx.state.path, name] } }),
});
const hold = {
  name: 'hold',
  async run(ctx: { state: Readonly<State>; now(): Date }) {
    if (!ctx.state.holdUntil)
      return waitUntil<State>(new Date(ctx.now().getTime() + 1_500), { holdUntil: 'set', path: [...ctx.state.path, 'hold'] });
    return done<State>();
  },
};
const manualStart = (input: Record<string, unknown>) => ({
  startKey: String(input.key),
  businessKeys: { case: String(input.key) },
  state: { path: [] },
});
const V1: FlowDefinition<State> = {
  type: 'test-versioned',
  version: 1,
  title: 'v1',
  manualStart,
  steps: [step('a'), hold, step('finish-v1')],
};
const V2: FlowDefinition<State> = {
  type: 'test-versioned',
  version: 2,
  title: 'v2',
  manualStart,
  steps: [step('a'), step('b-new'), hold, step('finish-v2')],
};

/** A new flow version is deployed while an instance of the old one is half-way: each finishes on its own version. */
describe('flow versions', () => {
  const database = new TestDatabase();
  afterAll(async () => {
    await removeTestStreams(database);
    await database.dispose();
  });

  const app = async (flows: FlowDefinition<State>[]) => {
    const config = loadConfig(ProcessApiConfig, {
      ...database.envFor('process-api'),
      LOG_LEVEL: 'silent',
      SYSTEM_API_URL: 'http://127.0.0.1:9',
      ...(database.profile === 'scale' ? { NATS_URL: NATS_TEST_URL, NATS_STREAM_PREFIX: natsPrefixOf(database) } : {}),
    });
    const instance = await createProcessApi(config, createLogger({ app: 'process-api', level: 'silent' }), {
      extraFlows: flows,
      ...(database.profile === 'embedded' ? { eventTransport: new InProcessTransport().open() } : {}),
    });
    await instance.init();
    return instance;
  };
  const status = async (instance: Awaited<ReturnType<typeof app>>, id: string) => (await instance.get(FlowCatalog).timeline(id)).flow;

  it('keeps a running instance on the version it started on', async () => {
    const before = await app([V1]);
    const old = await before.get(FlowCatalog).start('test-versioned', { key: 'old' }, 'old');
    await eventually(async () => expect((await status(before, old.id)).status).toBe('waiting'));
    await before.close();

    const after = await app([V1, V2]);
    try {
      const fresh = await after.get(FlowCatalog).start('test-versioned', { key: 'new' }, 'new');
      const ended = await eventually(
        async () => {
          const [a, b] = [await status(after, old.id), await status(after, fresh.id)];
          expect([a.status, b.status]).toEqual(['completed', 'completed']);
          return [a, b];
        },
        30_000,
        100,
      );
      expect(ended[0].version).toBe(1);
      expect(JSON.parse(ended[0].state).path).toEqual(['a', 'hold', 'finish-v1']);
      expect(ended[1].version).toBe(2);
      expect(JSON.parse(ended[1].state).path).toEqual(['a', 'b-new', 'hold', 'finish-v2']);
    } finally {
      await after.close();
    }
  });
});
