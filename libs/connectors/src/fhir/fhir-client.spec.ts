import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RequestContextStore, type RequestContext } from '@concord/platform';
import { FhirClient } from './fhir-client';
import { FhirConnectorException, FhirConnectorExceptionCode as Code } from './fhir-connector.exception';

interface ReceivedRequest {
  url: string;
  headers: IncomingHttpHeaders;
}

const FHIR_JSON = 'application/fhir+json';

function send(res: ServerResponse, status: number, body: unknown, contentType = FHIR_JSON): void {
  res.writeHead(status, { 'content-type': contentType });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
}

const outcome = (text: string) => ({
  resourceType: 'OperationOutcome',
  issue: [{ severity: 'error', code: 'invalid', details: { text } }],
});

/** Canned answers of the fake EHR, by request path (query string included when present). */
const routes: Record<string, (res: ServerResponse) => void> = {
  '/fhir/Patient/avery': (res) => send(res, 200, { resourceType: 'Patient', id: 'avery' }),
  '/fhir/Patient/a%2Fb%20c': (res) => send(res, 200, { resourceType: 'Patient', id: 'a/b c' }),
  '/fhir/Patient/missing': (res) => send(res, 404, outcome('Patient/missing is not known')),
  '/fhir/Patient/missing-bare': (res) => send(res, 404, ''),
  '/fhir/Patient/gone': (res) => send(res, 410, outcome('deleted on 2026-01-01')),
  '/fhir/Patient/down': (res) => send(res, 503, 'Service Unavailable', 'text/plain'),
  '/fhir/Patient/bad-gateway': (res) => send(res, 502, 'Bad Gateway', 'text/html'),
  '/fhir/Patient/gateway-timeout': (res) => send(res, 504, ''),
  '/fhir/Patient/boom': (res) => send(res, 500, outcome('NullPointerException at com.vendor.Secret')),
  '/fhir/Patient/rejected': (res) => send(res, 400, outcome('Invalid id format')),
  '/fhir/Patient/diagnostics': (res) =>
    send(res, 422, {
      resourceType: 'OperationOutcome',
      issue: [{ severity: 'error', code: 'processing', diagnostics: 'birthdate is in the future' }],
    }),
  '/fhir/Patient/throttled': (res) => send(res, 429, ''),
  '/fhir/Patient/html': (res) => send(res, 200, '<html><body>Login</body></html>', 'text/html'),
  '/fhir/Patient/empty': (res) => send(res, 200, ''),
  '/fhir/Patient/not-a-resource': (res) => send(res, 200, { id: 'avery' }),
  '/fhir/Patient/array': (res) => send(res, 200, [{ resourceType: 'Patient' }]),
  '/fhir/Patient/observation': (res) => send(res, 200, { resourceType: 'Observation', id: 'obs-1' }),
  '/fhir/Patient/hang': () => {
    // Never answers: the client's timeout must fire.
  },
  '/fhir/Patient/stall-body': (res) => {
    // Headers and the start of the body go out at once; the rest never comes.
    res.writeHead(200, { 'content-type': FHIR_JSON, 'content-length': '100' });
    res.write('{"resourceType":"Pat');
  },
  '/fhir/Patient/cut-body': (res) => {
    // Headers and part of the body, then the connection drops (after the client has the headers).
    res.writeHead(200, { 'content-type': FHIR_JSON, 'content-length': '100' });
    res.write('{"resourceType":"Pat');
    setTimeout(() => res.destroy(), 50);
  },
  '/fhir/Patient?name=Quinn&_count=5': (res) => send(res, 200, { resourceType: 'Bundle', type: 'searchset', total: 1 }),
  '/fhir/Patient?name=O%27Brien+%26+Co': (res) => send(res, 200, { resourceType: 'Bundle', type: 'searchset', total: 0 }),
  '/fhir/Patient?page=2': (res) => send(res, 200, { resourceType: 'Bundle', type: 'searchset', total: 9 }),
  '/fhir/Patient?page=patient': (res) => send(res, 200, { resourceType: 'Patient', id: 'avery' }),
  '/fhir/metadata': (res) => send(res, 200, { resourceType: 'CapabilityStatement', status: 'active' }),
};

let server: Server;
let baseUrl: string;
let closedPortUrl: string;
const received: ReceivedRequest[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    received.push({ url: req.url ?? '', headers: req.headers });
    const route = routes[req.url ?? ''];
    if (route) route(res);
    else send(res, 599, `no canned answer for ${req.url}`, 'text/plain');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/fhir`;

  // A port that was just free and is closed again: connecting to it is refused.
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  closedPortUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/fhir`;
  await new Promise<void>((resolve, reject) => closed.close((error) => (error ? reject(error) : resolve())));
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const client = (timeoutMs = 2_000) => new FhirClient({ baseUrl, timeoutMs });

/** The FhirConnectorException a call rejects with; fails the test if it resolves or throws anything else. */
async function rejection(promise: Promise<unknown>): Promise<FhirConnectorException> {
  const error = await promise.then(
    (value) => {
      throw new Error(`expected a rejection, got ${JSON.stringify(value)}`);
    },
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(FhirConnectorException);
  return error as FhirConnectorException;
}

function lastRequest(): ReceivedRequest {
  const request = received.at(-1);
  if (!request) throw new Error('the server received no request');
  return request;
}

describe('FhirClient.read', () => {
  it('returns the resource and asks for FHIR JSON', async () => {
    await expect(client().read('Patient', 'avery')).resolves.toStrictEqual({ resourceType: 'Patient', id: 'avery' });
    expect(lastRequest().url).toBe('/fhir/Patient/avery');
    expect(lastRequest().headers.accept).toBe(FHIR_JSON);
  });

  it('percent-encodes the id so it stays one path segment', async () => {
    await expect(client().read('Patient', 'a/b c')).resolves.toMatchObject({ id: 'a/b c' });
    expect(lastRequest().url).toBe('/fhir/Patient/a%2Fb%20c');
  });

  it.each([
    { id: 'missing', code: Code.RESOURCE_NOT_FOUND, status: 404, message: 'The EHR has no such resource: Patient/missing is not known' },
    { id: 'missing-bare', code: Code.RESOURCE_NOT_FOUND, status: 404, message: 'The EHR has no such resource' },
    { id: 'gone', code: Code.RESOURCE_GONE, status: 410, message: 'The resource was deleted at the EHR: deleted on 2026-01-01' },
    { id: 'down', code: Code.SERVER_UNAVAILABLE, status: 503, message: 'The EHR is unavailable (503)' },
    { id: 'bad-gateway', code: Code.SERVER_UNAVAILABLE, status: 502, message: 'The EHR is unavailable (502)' },
    { id: 'gateway-timeout', code: Code.SERVER_TIMEOUT, status: 504, message: 'The EHR timed out' },
    { id: 'boom', code: Code.SERVER_ERROR, status: 500, message: 'The EHR failed (500)' },
    { id: 'rejected', code: Code.REQUEST_REJECTED, status: 400, message: 'The EHR rejected the request (400): Invalid id format' },
    {
      id: 'diagnostics',
      code: Code.REQUEST_REJECTED,
      status: 422,
      message: 'The EHR rejected the request (422): birthdate is in the future',
    },
    { id: 'throttled', code: Code.SERVER_THROTTLED, status: 429, message: 'The EHR refused the call: its rate limit was reached' },
    { id: 'html', code: Code.INVALID_RESPONSE, status: 200, message: 'The EHR answered with something that is not a FHIR resource' },
    { id: 'empty', code: Code.INVALID_RESPONSE, status: 200, message: 'The EHR answered with something that is not a FHIR resource' },
    {
      id: 'not-a-resource',
      code: Code.INVALID_RESPONSE,
      status: 200,
      message: 'The EHR answered with something that is not a FHIR resource',
    },
    { id: 'array', code: Code.INVALID_RESPONSE, status: 200, message: 'The EHR answered with something that is not a FHIR resource' },
    { id: 'observation', code: Code.INVALID_RESPONSE, status: undefined, message: 'Expected a Patient, got a Observation' },
  ])('answer of Patient/$id → $code', async ({ id, code, status, message }) => {
    const error = await rejection(client().read('Patient', id));
    expect({ code: error.code, httpStatus: error.httpStatus, message: error.message }).toStrictEqual({ code, httpStatus: status, message });
  });

  it('does not pass a 5xx OperationOutcome text on (it may hold vendor internals)', async () => {
    const error = await rejection(client().read('Patient', 'boom'));
    expect(error.message).not.toContain('NullPointerException');
  });

  it('gives up with SERVER_TIMEOUT when the EHR never answers', async () => {
    const started = Date.now();
    const error = await rejection(client(200).read('Patient', 'hang'));
    expect(error.code).toBe(Code.SERVER_TIMEOUT);
    expect(error.message).toBe('The EHR did not answer within 200 ms');
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('reports SERVER_UNAVAILABLE when the connection is refused', async () => {
    const error = await rejection(new FhirClient({ baseUrl: closedPortUrl, timeoutMs: 2_000 }).read('Patient', 'avery'));
    expect(error.code).toBe(Code.SERVER_UNAVAILABLE);
    expect(error.httpStatus).toBeUndefined();
    expect(error.cause).toBeDefined();
  });

  it('gives up with SERVER_TIMEOUT when the EHR sends the headers and then stalls the body', async () => {
    const error = await rejection(client(300).read('Patient', 'stall-body'));
    expect(lastRequest().url).toBe('/fhir/Patient/stall-body');
    expect(error.code).toBe(Code.SERVER_TIMEOUT);
    expect(error.message).toBe('The EHR did not answer within 300 ms');
    expect(error.httpStatus).toBeUndefined();
  });

  it('reports SERVER_UNAVAILABLE when the connection drops in the middle of the body', async () => {
    const error = await rejection(client().read('Patient', 'cut-body'));
    expect(lastRequest().url).toBe('/fhir/Patient/cut-body');
    expect(error.code).toBe(Code.SERVER_UNAVAILABLE);
    expect(error.message).toBe('The EHR could not be reached');
    expect(error.httpStatus).toBeUndefined();
    expect(error.cause).toBeDefined();
  });

  it('uses an injected fetch, and maps what it throws', async () => {
    const refused: typeof fetch = () => Promise.reject(new TypeError('fetch failed'));
    const error = await rejection(new FhirClient({ baseUrl, timeoutMs: 200, fetch: refused }).read('Patient', 'avery'));
    expect(error.code).toBe(Code.SERVER_UNAVAILABLE);
  });
});

describe('FhirClient.search and searchByUrl', () => {
  it('sends defined parameters only, URL-encoded', async () => {
    await expect(client().search('Patient', { name: 'Quinn', birthdate: undefined, _count: 5 })).resolves.toMatchObject({
      resourceType: 'Bundle',
      total: 1,
    });
    expect(lastRequest().url).toBe('/fhir/Patient?name=Quinn&_count=5');
    await expect(client().search('Patient', { name: "O'Brien & Co" })).resolves.toMatchObject({ total: 0 });
  });

  it('follows a paging link on its own server', async () => {
    await expect(client().searchByUrl(`${baseUrl}/Patient?page=2`)).resolves.toMatchObject({ resourceType: 'Bundle', total: 9 });
  });

  it('rejects an answer that is not a Bundle', async () => {
    const error = await rejection(client().searchByUrl(`${baseUrl}/Patient?page=patient`));
    expect(error.code).toBe(Code.INVALID_RESPONSE);
    expect(error.message).toBe('Expected a Bundle, got a Patient');
  });

  it.each([
    { name: 'another host', url: 'http://evil.example.org/fhir/Patient?page=2' },
    { name: 'a sibling path sharing the prefix', url: () => `${baseUrl}x/Patient?page=2` },
    { name: 'the same path on another port', url: () => baseUrl.replace(/:\d+\//, ':1/') + '/Patient?page=2' },
    { name: 'https instead of http', url: () => baseUrl.replace('http:', 'https:') + '/Patient?page=2' },
    { name: 'a path climbing out of the base with ..', url: () => `${baseUrl}/../admin` },
    { name: 'a path climbing out with percent-encoded dots', url: () => `${baseUrl}/%2e%2e/admin` },
    { name: 'a path climbing out with backslashes', url: () => `${baseUrl}/..\\admin` },
    { name: 'a path with a . segment', url: () => `${baseUrl}/./Patient?page=2` },
    { name: 'the same server with userinfo', url: () => baseUrl.replace('http://', 'http://user:pass@') + '/Patient?page=2' },
  ])('refuses a paging link to $name without calling it', async ({ url }) => {
    const before = received.length;
    const error = await rejection(client().searchByUrl(typeof url === 'function' ? url() : url));
    expect(error.code).toBe(Code.REQUEST_REJECTED);
    expect(error.message).toBe('Paging link does not belong to the configured FHIR server');
    expect(received.length).toBe(before);
  });

  it('refuses <base>/../admin before any request reaches the server', async () => {
    const before = received.length;
    const error = await rejection(client().searchByUrl(`${baseUrl}/../admin`));
    expect(error.code).toBe(Code.REQUEST_REJECTED);
    expect(received.slice(before)).toStrictEqual([]);
    expect(received.map((request) => request.url)).not.toContain('/admin');
  });

  it('reads the capability statement from /metadata', async () => {
    await expect(client().capabilities()).resolves.toMatchObject({ resourceType: 'CapabilityStatement' });
    expect(lastRequest().url).toBe('/fhir/metadata');
  });
});

describe('FhirClient.isOwnUrl', () => {
  const fhir = new FhirClient({ baseUrl: 'http://h/fhir', timeoutMs: 1_000 });

  it.each([
    { url: 'http://h/fhir', owned: true },
    { url: 'http://h/fhir/', owned: true },
    { url: 'http://h/fhir/Patient?page=2', owned: true },
    { url: 'http://h/fhirx/Patient', owned: false },
    { url: 'http://h/fhir-other/Patient', owned: false },
    { url: 'http://h/fhi', owned: false },
    { url: 'http://h/', owned: false },
    { url: 'http://h.evil.org/fhir/Patient', owned: false },
    { url: 'http://h:8080/fhir/Patient', owned: false },
    { url: 'https://h/fhir/Patient', owned: false },
    { url: 'http://evil.org/?http://h/fhir/Patient', owned: false },
    { url: '/fhir/Patient', owned: false },
    { url: '', owned: false },
    // Dot segments, plain or percent-encoded, are refused even where they would resolve inside the base.
    { url: 'http://h/fhir/..', owned: false },
    { url: 'http://h/fhir/../admin', owned: false },
    { url: 'http://h/fhir/Patient/../../admin', owned: false },
    { url: 'http://h/fhir/Patient/..', owned: false },
    { url: 'http://h/fhir/Patient/../Patient?page=2', owned: false },
    { url: 'http://h/fhir/./Patient', owned: false },
    { url: 'http://h/fhir/.', owned: false },
    { url: 'http://h/fhir/%2e%2e/admin', owned: false },
    { url: 'http://h/fhir/%2E%2E/admin', owned: false },
    { url: 'http://h/fhir/.%2E/admin', owned: false },
    { url: 'http://h/fhir/%2e./admin', owned: false },
    { url: 'http://h/fhir/%2E/Patient', owned: false },
    { url: 'http://h/fhir/..\\admin', owned: false },
    // The pathname is compared once normalised, not the raw text.
    { url: 'http://h/fhirx/..', owned: false },
    { url: 'http://h/fhirx/../fhir/Patient', owned: false },
    // Credentials in the URL are refused, even for the right host.
    { url: 'http://user@h/fhir/Patient', owned: false },
    { url: 'http://user:secret@h/fhir/Patient', owned: false },
    { url: 'http://:secret@h/fhir/Patient', owned: false },
    { url: 'http://h@evil.org/fhir/Patient', owned: false },
    // Dots that are not whole path segments are ordinary characters.
    { url: 'http://h/fhir/Patient/a.b', owned: true },
    { url: 'http://h/fhir/Patient/...', owned: true },
    { url: 'http://h/fhir/Patient?page=..', owned: true },
    { url: 'http://h/fhir/Patient#..', owned: true },
    // Scheme and host are compared as the URL parser normalises them.
    { url: 'HTTP://H/fhir/Patient', owned: true },
    { url: 'http://h:80/fhir/Patient', owned: true },
  ])('$url → $owned', ({ url, owned }) => {
    expect(fhir.isOwnUrl(url)).toBe(owned);
  });

  it('exposes its base URL', () => {
    expect(fhir.baseUrl).toBe('http://h/fhir');
  });
});

describe('request identity propagation', () => {
  const context: RequestContext = {
    requestId: 'req-42',
    traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
    spanId: '00f067aa0ba902b7',
    traceFlags: '01',
  };

  it('forwards x-request-id and traceparent of the current request', async () => {
    await RequestContextStore.run(context, () => client().read('Patient', 'avery'));
    expect(lastRequest().headers['x-request-id']).toBe('req-42');
    expect(lastRequest().headers.traceparent).toBe('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01');
  });

  it('forwards them on searches too', async () => {
    await RequestContextStore.run(context, () => client().searchByUrl(`${baseUrl}/Patient?page=2`));
    expect(lastRequest().headers['x-request-id']).toBe('req-42');
  });

  it('sends neither outside a request', async () => {
    await client().read('Patient', 'avery');
    expect(lastRequest().headers['x-request-id']).toBeUndefined();
    expect(lastRequest().headers.traceparent).toBeUndefined();
  });
});
