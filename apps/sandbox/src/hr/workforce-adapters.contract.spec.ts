import Fastify from 'fastify';
import { ScimWorkforceAdapter, SandboxWorkforceAdapter } from '@concord/connectors/workforce';
import { describeWorkforcePortContract } from '@concord/connectors/workforce/workforce-port.contract';
import { createLogger } from '@concord/platform';
import { HR_API_PATH, registerHrSandbox, SCIM_BASE_PATH } from './hr-sandbox';

const SEED = new Date('2026-11-02T08:00:00Z');
const limits = { ratePerSecond: 100, concurrency: 4, retries: 2, breakerThreshold: 10, halfOpenAfterMs: 5_000 };

async function startHr(): Promise<{ address: string; close: () => Promise<void> }> {
  const app = Fastify();
  await registerHrSandbox(app, createLogger({ app: 'sandbox', level: 'silent' }), { clock: () => SEED });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return { address, close: () => app.close() };
}

describeWorkforcePortContract('sandbox HR REST adapter', async () => {
  const hr = await startHr();
  return {
    port: new SandboxWorkforceAdapter({ baseUrl: `${hr.address}${HR_API_PATH}`, timeoutMs: 5_000, limits, clock: () => SEED }),
    seedDate: '2026-11-02',
    close: hr.close,
  };
});

describeWorkforcePortContract('SCIM 2.0 adapter', async () => {
  const hr = await startHr();
  return {
    port: new ScimWorkforceAdapter({ baseUrl: `${hr.address}${SCIM_BASE_PATH}`, timeoutMs: 5_000, limits }),
    seedDate: '2026-11-02',
    close: hr.close,
  };
});
