import Fastify from 'fastify';
import { SandboxErpAdapter } from '@concord/connectors/erp';
import { describeErpPortContract } from '@concord/connectors/erp/erp-port.contract';
import { createLogger } from '@concord/platform';
import { ERP_API_PATH, registerErpSandbox } from './erp-sandbox';

/** The shared ErpPort contract, run by the sandbox adapter over real HTTP against a fresh sandbox ERP per group. */
describeErpPortContract('sandbox REST adapter', async () => {
  const app = Fastify();
  await registerErpSandbox(app, createLogger({ app: 'sandbox', level: 'silent' }));
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const port = new SandboxErpAdapter({
    baseUrl: `${address}${ERP_API_PATH}`,
    timeoutMs: 5_000,
    limits: { ratePerSecond: 200, concurrency: 8, retries: 2, breakerThreshold: 10, halfOpenAfterMs: 5_000 },
  });
  return { port, close: () => app.close() };
});
