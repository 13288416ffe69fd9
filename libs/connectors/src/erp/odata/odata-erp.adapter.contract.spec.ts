import { describeErpPortContract } from '../erp-port.contract';
import { startS4ODataServer } from '../../../../../test/support/s4-odata/s4-odata.server';
import { ODataErpAdapter } from './odata-erp.adapter';

/**
 * The shared ErpPort contract, run by the OData adapter against the S/4-like SAP CAP server (real
 * OData v4 over HTTP, CSRF tokens, ETags, server-driven paging of 20) — a fresh server per group.
 */
describeErpPortContract('OData (S/4-style) adapter', async () => {
  const server = await startS4ODataServer({ pageSize: 20 });
  const port = new ODataErpAdapter({
    services: server.services,
    session: {
      timeoutMs: 10_000,
      limits: { ratePerSecond: 500, concurrency: 8, retries: 2, breakerThreshold: 20, halfOpenAfterMs: 5_000 },
    },
  });
  return { port, close: () => server.close() };
});
