/**
 * A process-api instance for the flow crash tests: it starts FLOW_NODE_COUNT `test-posting` flows
 * (once each: their start keys are fixed) and runs them against the ledger at FLOW_NODE_LEDGER.
 * The test kills it with SIGKILL and starts it again, or runs two of them at once (scale profile).
 *
 *   FLOW_NODE_DB        JSON: process-api's database env (TestDatabase.envFor)
 *   FLOW_NODE_NATS      NATS stream prefix (scale profile); absent for in-process events
 *   FLOW_NODE_INSTANCE  instance name
 */
import 'reflect-metadata';
import { InProcessTransport } from '@concord/events';
import { createLogger, loadConfig } from '@concord/platform';
import { createProcessApi } from '../../apps/process-api/src/process-api.app';
import { ProcessApiConfig } from '../../apps/process-api/src/process-api.config';
import { FlowCatalog } from '../../apps/process-api/src/flows/flow-catalog.service';
import { NATS_TEST_URL, TEST_CONTRACTS } from './event-backbone-harness';
import { testFlows } from './test-flows';

async function main(): Promise<void> {
  const count = Number(process.env.FLOW_NODE_COUNT ?? 200);
  const ledger = process.env.FLOW_NODE_LEDGER!;
  const nats = process.env.FLOW_NODE_NATS;
  const config = loadConfig(ProcessApiConfig, {
    ...(JSON.parse(process.env.FLOW_NODE_DB ?? '{}') as Record<string, string>),
    LOG_LEVEL: 'warn',
    SYSTEM_API_URL: 'http://127.0.0.1:9',
    FLOW_LEASE_MS: '3000',
    FLOW_CONCURRENCY: '16',
    INSTANCE_ID: `flow-node-${process.env.FLOW_NODE_INSTANCE ?? '1'}`,
    ...(nats ? { NATS_URL: NATS_TEST_URL, NATS_STREAM_PREFIX: nats } : {}),
  });
  const transport = nats ? undefined : new InProcessTransport().open();
  const app = await createProcessApi(config, createLogger({ app: 'process-api', level: 'warn' }), {
    extraFlows: testFlows(),
    extraEvents: TEST_CONTRACTS,
    eventTransport: transport,
  });
  await app.init();
  process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
  process.stdout.write('ready\n');
  const catalog = app.get(FlowCatalog);
  for (let i = 0; i < count; i++) {
    await catalog.start('test-posting', { ledger, amountCents: 100 + i, patient: `crash-${i}` }, `crash-${i}`);
  }
  process.stdout.write('started-all\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
