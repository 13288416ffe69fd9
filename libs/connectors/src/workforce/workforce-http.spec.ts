import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { errorFromScim } from './scim/scim.client';
import { WorkforceConnectorException, WorkforceConnectorExceptionCode as Code } from './workforce-connector.exception';
import { WorkforceHttp } from './workforce-http';

let server: Server;
let baseUrl: string;
let requests: { method: string; key?: string }[] = [];
/** How the fake answers: stall until the client gives up, or answer 503 then 200. */
let mode: 'stall' | 'flaky' = 'stall';

beforeAll(async () => {
  server = createServer((req, res) => {
    requests.push({ method: req.method ?? '', key: req.headers['idempotency-key'] as string | undefined });
    if (mode === 'stall') return;
    if (requests.length === 1) {
      res.writeHead(503, { 'retry-after': '0' }).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/scim+json' }).end('{"ok":true}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  requests = [];
});

const http = () =>
  new WorkforceHttp(
    { baseUrl, timeoutMs: 200, limits: { ratePerSecond: 100, concurrency: 4, retries: 2, breakerThreshold: 10, halfOpenAfterMs: 5_000 } },
    'application/scim+json',
    errorFromScim,
    'SCIM service',
  );

describe('WorkforceHttp retries', () => {
  it('does not retry a write without an idempotency key that timed out: it may have taken effect', async () => {
    mode = 'stall';
    const error = await http()
      .send('POST', '/Users', { body: {} })
      .catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(WorkforceConnectorException);
    expect(error).toMatchObject({ code: Code.SERVER_TIMEOUT, ambiguous: true });
    expect(requests).toHaveLength(1);
  });

  it('retries a read that timed out, and a keyed write', async () => {
    mode = 'stall';
    await http()
      .send('GET', '/Users')
      .catch(() => undefined);
    expect(requests).toHaveLength(3);
    requests = [];
    await http()
      .send('POST', '/workers', { body: {}, headers: { 'idempotency-key': 'k' } })
      .catch(() => undefined);
    expect(requests.map((request) => request.key)).toStrictEqual(['k', 'k', 'k']);
  });

  it('retries an unkeyed write refused with 503, which was not processed', async () => {
    mode = 'flaky';
    await expect(http().send('POST', '/Users', { body: {} })).resolves.toMatchObject({ status: 200, body: { ok: true } });
    expect(requests).toHaveLength(2);
  });
});
