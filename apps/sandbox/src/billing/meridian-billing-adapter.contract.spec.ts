import Fastify from 'fastify';
import { MeridianBillingAdapter } from '@concord/connectors/billing';
import { describeBillingPortContract } from '@concord/connectors/billing/billing-port.contract';
import { createLogger } from '@concord/platform';
import { BILLING_API_PATH, registerBillingSandbox } from './billing-sandbox';

/** The shared BillingPort contract, run by the Meridian adapter over real HTTP against a fresh sandbox billing platform. */
describeBillingPortContract('Meridian REST adapter against the sandbox', async () => {
  const app = Fastify();
  await registerBillingSandbox(app, createLogger({ app: 'sandbox', level: 'silent' }));
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const port = new MeridianBillingAdapter({
    baseUrl: `${address}${BILLING_API_PATH}`,
    timeoutMs: 5_000,
    limits: { ratePerSecond: 200, concurrency: 8, retries: 2, breakerThreshold: 10, halfOpenAfterMs: 5_000 },
  });
  return { port, close: () => app.close() };
});
