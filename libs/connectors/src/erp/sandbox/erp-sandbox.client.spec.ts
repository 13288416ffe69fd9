import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ErpConnectorException, ErpConnectorExceptionCode as Code } from '../erp-connector.exception';
import { ErpSandboxClient } from './erp-sandbox.client';
import { SandboxErpAdapter } from './sandbox-erp.adapter';

interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
};

let server: Server;
let baseUrl: string;
let closedUrl: string;
const received: Received[] = [];
/** Answers by "METHOD path"; a function may look at how many times it was called. */
let routes: Record<string, (res: ServerResponse, call: number) => void> = {};
const calls = new Map<string, number>();

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      const route = `${req.method} ${req.url}`;
      const call = (calls.get(route) ?? 0) + 1;
      calls.set(route, call);
      const handler = routes[route];
      if (handler) handler(res, call);
      else json(res, 599, `no canned answer for ${route}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/erp/api/v1`;
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  closedUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/erp/api/v1`;
  await new Promise<void>((resolve) => closed.close(() => resolve()));
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  received.length = 0;
  calls.clear();
  routes = {};
});

const limits = { ratePerSecond: 100, concurrency: 4, retries: 3, breakerThreshold: 10, halfOpenAfterMs: 5_000 };
const client = (options: Partial<ConstructorParameters<typeof ErpSandboxClient>[0]> = {}) =>
  new ErpSandboxClient({ baseUrl, timeoutMs: 2_000, ...options });

async function rejection(promise: Promise<unknown>): Promise<ErpConnectorException> {
  const error = await promise.then(
    (value) => {
      throw new Error(`expected a rejection, got ${JSON.stringify(value)}`);
    },
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(ErpConnectorException);
  return error as ErpConnectorException;
}

describe('ErpSandboxClient', () => {
  it('sends JSON with its Idempotency-Key and If-Match, and reads the ETag and replay flag', async () => {
    routes['POST /erp/api/v1/purchase-orders/PO-1/release'] = (res) =>
      json(res, 200, { po_no: 'PO-1' }, { etag: 'W/"4"', 'idempotent-replayed': 'true' });
    const response = await client().post('/purchase-orders/PO-1/release', {
      body: { approver: 'E10002' },
      idempotencyKey: 'k-1',
      ifMatch: 'W/"3"',
    });
    expect(response).toStrictEqual({ status: 200, body: { po_no: 'PO-1' }, etag: 'W/"4"', replayed: true });
    expect(received[0]?.headers).toMatchObject({
      'idempotency-key': 'k-1',
      'if-match': 'W/"3"',
      'content-type': 'application/json',
      accept: 'application/json',
    });
    expect(JSON.parse(received[0].body)).toStrictEqual({ approver: 'E10002' });
  });

  it('gives every write a key, and keeps the same key across retries so a retried POST cannot post twice', async () => {
    routes['POST /erp/api/v1/goods-issues'] = (res, call) =>
      call < 3
        ? json(res, 503, { error: { code: 'SERVICE_UNAVAILABLE', status: 503, message: 'down' } }, { 'retry-after': '0' })
        : json(res, 201, { document_no: 'GI-1' });
    await expect(client({ limits }).post('/goods-issues', { body: {} })).resolves.toMatchObject({ status: 201 });
    const keys = received.map((request) => request.headers['idempotency-key']);
    expect(keys).toHaveLength(3);
    expect(new Set(keys).size).toBe(1);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('waits as long as Retry-After says on a 429, then succeeds', async () => {
    routes['GET /erp/api/v1/vendors'] = (res, call) =>
      call === 1
        ? json(res, 429, { error: { code: 'RATE_LIMIT_EXCEEDED', status: 429, message: 'quota' } }, { 'retry-after': '1' })
        : json(res, 200, { data: [] });
    const started = Date.now();
    await client({ limits }).get('/vendors');
    expect(received).toHaveLength(2);
    // The retry was not sent before the second Retry-After asked for had passed.
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it('does not retry a refusal', async () => {
    routes['POST /erp/api/v1/goods-issues'] = (res) =>
      json(res, 422, { error: { code: 'MM_DEFICIT_STOCK', status: 422, message: 'short', target: 'qty' } });
    const error = await rejection(client({ limits }).post('/goods-issues', { body: {} }));
    expect(error).toMatchObject({
      code: Code.INSUFFICIENT_STOCK,
      fieldErrors: [{ in: 'body', name: 'quantity', pointer: '/quantity', detail: 'short' }],
    });
    expect(received).toHaveLength(1);
  });

  it.each([
    { name: 'a 200 that is not JSON', answer: (res: ServerResponse) => json(res, 200, '<html>login</html>'), code: Code.INVALID_RESPONSE },
    { name: 'an empty 200', answer: (res: ServerResponse) => json(res, 200, ''), code: Code.INVALID_RESPONSE },
    { name: 'a 500 with a stack trace', answer: (res: ServerResponse) => json(res, 500, 'at com.vendor.Secret'), code: Code.SERVER_ERROR },
  ])('maps $name to $code', async ({ answer, code }) => {
    routes['GET /erp/api/v1/materials/X'] = answer;
    const error = await rejection(client().get('/materials/X'));
    expect(error.code).toBe(code);
    expect(error.message).not.toContain('Secret');
  });

  it('times out on a silent ERP', async () => {
    routes['GET /erp/api/v1/materials/SLOW'] = () => undefined;
    const error = await rejection(client({ timeoutMs: 200 }).get('/materials/SLOW'));
    expect([error.code, error.message]).toStrictEqual([Code.SERVER_TIMEOUT, 'The ERP did not answer within 200 ms']);
  });

  it('reports a refused connection as unavailable, and opens the circuit after repeated failures', async () => {
    const unreachable = new ErpSandboxClient({
      baseUrl: closedUrl,
      timeoutMs: 500,
      limits: { ...limits, retries: 0, breakerThreshold: 2, halfOpenAfterMs: 60_000 },
    });
    for (let i = 0; i < 2; i += 1) expect((await rejection(unreachable.get('/vendors'))).message).toBe('The ERP could not be reached');
    expect(unreachable.circuitState).toBe('open');
    expect((await rejection(unreachable.get('/vendors'))).message).toBe('The ERP is failing repeatedly; calls are paused');
  });

  it('follows paging until the total is reached', async () => {
    routes['GET /erp/api/v1/cost-centers?offset=0&limit=2'] = (res) =>
      json(res, 200, { data: [{ n: 1 }, { n: 2 }], paging: { offset: 0, limit: 2, total: 3 } });
    routes['GET /erp/api/v1/cost-centers?offset=2&limit=2'] = (res) =>
      json(res, 200, { data: [{ n: 3 }], paging: { offset: 2, limit: 2, total: 3 } });
    await expect(client().getAll('/cost-centers', {}, 2)).resolves.toStrictEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
  });
});

describe('SandboxErpAdapter at the edge', () => {
  it.each(['..', '.', ''])('refuses the id %j without calling the ERP', async (id) => {
    const error = await rejection(new SandboxErpAdapter({ baseUrl, timeoutMs: 1_000 }).getPurchaseOrder(id));
    expect(error.code).toBe(Code.INVALID_REQUEST);
    expect(received).toHaveLength(0);
  });

  it('percent-encodes ids so they stay one path segment', async () => {
    routes['GET /erp/api/v1/materials/A%2FB'] = (res) =>
      json(res, 404, { error: { code: 'RESOURCE_NOT_FOUND', status: 404, message: 'no' } });
    expect((await rejection(new SandboxErpAdapter({ baseUrl, timeoutMs: 1_000 }).getItem('A/B'))).code).toBe(Code.NOT_FOUND);
  });

  it('turns a record it cannot read into INVALID_RESPONSE instead of crashing', async () => {
    routes['GET /erp/api/v1/materials/KNEE'] = (res) => json(res, 200, { material_no: 'KNEE', last_po_price: 4200, currency: 'USD' });
    routes['GET /erp/api/v1/purchase-orders/PO-1'] = (res) => json(res, 200, { po_no: 'PO-1' });
    const adapter = new SandboxErpAdapter({ baseUrl, timeoutMs: 1_000 });
    expect((await rejection(adapter.getItem('KNEE'))).code).toBe(Code.INVALID_RESPONSE);
    expect(await rejection(adapter.getPurchaseOrder('PO-1'))).toMatchObject({
      code: Code.INVALID_RESPONSE,
      message: 'The ERP sent a purchase order Concord cannot read',
    });
  });

  it('answers a malformed cost centre code itself', async () => {
    await expect(new SandboxErpAdapter({ baseUrl, timeoutMs: 1_000 }).validateCostCentre('../x')).resolves.toStrictEqual({
      code: '../x',
      valid: false,
      reason: 'malformed',
    });
    expect(received).toHaveLength(0);
  });
});
