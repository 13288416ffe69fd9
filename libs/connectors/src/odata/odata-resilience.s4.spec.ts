import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type S4ODataServer, startS4ODataServer } from '../../../../test/support/s4-odata/s4-odata.server';
import type { OutboundLimits } from '../resilience/outbound-policy';
import { ODataClient } from './odata-client';
import { ODataException, ODataExceptionCode as Code } from './odata.exception';
import { etagOf } from './odata-payload';
import { S4_ENTITY_SETS as S4 } from './s4hana/s4-entity-sets';

let server: S4ODataServer;

beforeAll(async () => {
  server = await startS4ODataServer();
});
afterAll(async () => server?.close());
afterEach(() => {
  server.faults.clear();
  server.requests.clear();
});

const LIMITS: Omit<OutboundLimits, 'timeoutMs'> = {
  ratePerSecond: 100,
  concurrency: 10,
  retries: 3,
  breakerThreshold: 50,
  halfOpenAfterMs: 60_000,
  maxRetryAfterMs: 5_000,
};

function client(limits: Partial<Omit<OutboundLimits, 'timeoutMs'>> = {}, timeoutMs = 5_000): ODataClient {
  return new ODataClient({ serviceRoot: server.services.API_BUSINESS_PARTNER, timeoutMs, limits: { ...LIMITS, ...limits } });
}

const supplierRequests = (method: string) =>
  server.requests.entries.filter((entry) => entry.method === method && entry.url.includes('A_Supplier'));

async function rejection(promise: Promise<unknown>): Promise<ODataException> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(ODataException);
  return error as ODataException;
}

describe('retries honour Retry-After, on idempotent requests only', () => {
  it('retries a read answered 429 after the Retry-After the server asked for', async () => {
    server.faults.failNext(2, { status: 429, retryAfterSeconds: 1 });
    const supplier = await client().read(S4.A_Supplier, '17300001');
    expect(supplier.SupplierName).toBe('Summit Orthopedics');
    const reads = supplierRequests('GET');
    expect(reads).toHaveLength(3);
    // Never earlier than the server allowed (a lower bound: the wait itself, not a speed target).
    expect(reads[1].at - reads[0].at).toBeGreaterThanOrEqual(950);
    expect(reads[2].at - reads[1].at).toBeGreaterThanOrEqual(950);
  });

  it('does not retry a create answered 429: the caller gets THROTTLED with the Retry-After', async () => {
    const writer = client();
    await writer.create(S4.A_Supplier, { Supplier: 'RT-0001', SupplierName: 'warm-up (fetches the CSRF token)' });
    server.requests.clear();
    server.faults.failNext(1, { status: 429, retryAfterSeconds: 2 });
    const error = await rejection(writer.create(S4.A_Supplier, { Supplier: 'RT-0002', SupplierName: 'throttled' }));
    expect(error).toMatchObject({ code: Code.THROTTLED, httpStatus: 429, retryAfterMs: 2_000, idempotent: false });
    expect(supplierRequests('POST')).toHaveLength(1);
    await expect(writer.read(S4.A_Supplier, 'RT-0002')).rejects.toMatchObject({ code: Code.NOT_FOUND });
  });

  it('retries a read answered 503 but not a PATCH', async () => {
    const retrying = client();
    server.faults.failNext(1, { status: 503, retryAfterSeconds: 0 });
    const read = await retrying.read(S4.A_Supplier, '17300002');
    expect(supplierRequests('GET')).toHaveLength(2);
    await retrying.update(S4.A_Supplier, '17300002', { Country: 'US' }, { etag: etagOf(read) }); // warm-up: CSRF token
    server.requests.clear();
    const current = await retrying.read(S4.A_Supplier, '17300002');
    server.faults.failNext(1, { status: 503, retryAfterSeconds: 0 });
    const error = await rejection(retrying.update(S4.A_Supplier, '17300002', { Country: 'CA' }, { etag: etagOf(current) }));
    expect(error.code).toBe(Code.SERVER_UNAVAILABLE);
    expect(supplierRequests('PATCH')).toHaveLength(1);
    expect((await retrying.read(S4.A_Supplier, '17300002')).Country).toBe('US');
  });
});

describe('timeouts, circuit breaker, rate and concurrency', () => {
  it('times out a stalled request, and a retry of a read gets through', async () => {
    server.faults.failNext(1, { delayMs: 1_500 });
    expect((await rejection(client({ retries: 0 }, 300).read(S4.A_Supplier, '17300001'))).code).toBe(Code.SERVER_TIMEOUT);
    server.faults.failNext(1, { delayMs: 1_500 });
    expect((await client({ retries: 1 }, 300).read(S4.A_Supplier, '17300001')).Supplier).toBe('17300001');
  });

  it('opens the circuit after consecutive server failures and stops calling the server', async () => {
    const fragile = client({ retries: 0, breakerThreshold: 3 });
    server.faults.failNext(10, { status: 500 });
    for (let attempt = 0; attempt < 3; attempt++)
      expect((await rejection(fragile.read(S4.A_Supplier, '17300001'))).code).toBe(Code.SERVER_ERROR);
    const paused = await rejection(fragile.read(S4.A_Supplier, '17300001'));
    expect(paused.code).toBe(Code.SERVER_UNAVAILABLE);
    expect(paused.message).toMatch(/paused/);
    expect(fragile.circuitState).toBe('open');
    expect(supplierRequests('GET')).toHaveLength(3);
  });

  it('keeps a burst under the ERP quota: never more than the configured rate in any second at the server', async () => {
    server.faults.setRateLimit({ requestsPerSecond: 6, retryAfterSeconds: 1 });
    const limited = client({ ratePerSecond: 5, concurrency: 4, retries: 0 });
    const results = await Promise.all(Array.from({ length: 15 }, () => limited.read(S4.A_Supplier, '17300001')));
    expect(results.every((supplier) => supplier.Supplier === '17300001')).toBe(true);
    const arrivals = supplierRequests('GET').map((entry) => entry.at);
    // Exactly 15 requests reached the server (none refused with 429, none retried) ...
    expect(arrivals).toHaveLength(15);
    // ... and any six consecutive arrivals span at least a second.
    for (let index = 0; index + 5 < arrivals.length; index++) expect(arrivals[index + 5] - arrivals[index]).toBeGreaterThanOrEqual(1_000);
  });

  it('never has more requests in flight than the concurrency limit', async () => {
    server.faults.failNext(6, { delayMs: 200 });
    const narrow = client({ concurrency: 2 });
    await Promise.all(Array.from({ length: 6 }, () => narrow.read(S4.A_Supplier, '17300001')));
    expect(server.requests.maxInFlight).toBe(2);
  });
});
