import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from '../support/stack';

/**
 * Quota-aware outbound to the ERP through /erp/v1: the configured rate and concurrency hold at the
 * sandbox ERP (its /sandbox/v1/stats counts what it received per second), a quota below it is met
 * with Retry-After-honouring retries that lose no call, and an ERP that keeps failing opens the circuit.
 */
interface ErpStats {
  quotaPerSecond: number;
  maxPerSecond: number;
  perSecond: Record<string, number>;
}

async function erpStats(stack: Stack): Promise<ErpStats> {
  return ((await (await fetch(`${stack.urls.sandbox}/sandbox/v1/stats`)).json()) as { erp: ErpStats }).erp;
}

const total = (stats: ErpStats) => Object.values(stats.perSecond).reduce((sum, count) => sum + count, 0);

async function burst(stack: Stack, count: number): Promise<number[]> {
  // process-api is the caller of these routes in production, on the platinum tier: the inbound limit is not what is measured.
  const headers = await stack.auth('process-api');
  await fetch(`${stack.urls.sandbox}/sandbox/v1/stats/reset`, { method: 'POST' });
  return Promise.all(
    Array.from({ length: count }, async () => (await fetch(`${stack.urls.systemApi}/erp/v1/items/KNEE-TOT-CR`, { headers })).status),
  );
}

const quiet = { ERP_MASTER_DATA_SYNC_INTERVAL_MS: '0', WORKFORCE_EXPIRY_CHECK_INTERVAL_MS: '0' };

describe('a burst through /erp/v1 within the configured rate', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ env: { ...quiet, ERP_RATE_PER_SECOND: '10', ERP_CONCURRENCY: '4', ERP_RETRIES: '1' } });
  });
  afterAll(async () => stack?.close());
  afterEach(async () => {
    await fetch(`${stack.urls.sandbox}/sandbox/v1/erp/outage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"down":false}',
    });
  });

  it('never exceeds ERP_RATE_PER_SECOND at the ERP, and loses no call', async () => {
    const statuses = await burst(stack, 45);
    expect(statuses.every((status) => status === 200)).toBe(true);
    const stats = await erpStats(stack);
    expect(total(stats)).toBe(45);
    expect(stats.maxPerSecond).toBeLessThanOrEqual(10);
    // Spread over the seconds it needs at 10 a second, not sent at once.
    expect(Object.keys(stats.perSecond).length).toBeGreaterThanOrEqual(5);
  });

  it('answers 503 with Retry-After while the ERP is down, then stops calling it once the circuit opens', async () => {
    await fetch(`${stack.urls.sandbox}/sandbox/v1/erp/outage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"down":true}',
    });
    const headers = await stack.auth('process-api');
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const response = await fetch(`${stack.urls.systemApi}/erp/v1/suppliers`, { headers });
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBeTruthy();
      expect(await response.json()).toMatchObject({ code: 'ERP_UNAVAILABLE', detail: 'The ERP is unavailable; try again later' });
    }
    await fetch(`${stack.urls.sandbox}/sandbox/v1/stats/reset`, { method: 'POST' });
    const paused = await fetch(`${stack.urls.systemApi}/erp/v1/suppliers`, { headers });
    expect(paused.status).toBe(503);
    expect(total(await erpStats(stack))).toBe(0);
  });
});

describe('an ERP whose quota is below the configured rate', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ env: { ...quiet, ERP_RATE_PER_SECOND: '20', ERP_RETRIES: '8' }, sandbox: { erpQuotaPerSecond: 6 } });
  });
  afterAll(async () => stack?.close());

  it('is answered 429 + Retry-After, which the connector honours until every call got through', async () => {
    const statuses = await burst(stack, 24);
    expect(statuses.every((status) => status === 200)).toBe(true);
    // More requests than calls reached the ERP: the refused ones were retried after Retry-After.
    expect(total(await erpStats(stack))).toBeGreaterThan(24);
  });
});
