import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Bundle, Encounter, Patient } from '@medplum/fhirtypes';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FhirClient, type FhirClientOptions } from './fhir-client';
import { FhirConnectorException, FhirConnectorExceptionCode as Code } from './fhir-connector.exception';
import type { AccessTokenSource } from './smart-backend-auth';

/** A tiny FHIR server whose answers each test scripts; it records what it received. */
interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}
type Responder = (req: Received, res: ServerResponse) => void;

const FHIR_JSON = 'application/fhir+json';
let server: Server;
let baseUrl: string;
let closedPortUrl: string;
let received: Received[] = [];
let script: Responder[] = [];
let fallback: Responder | undefined;

function send(res: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}): void {
  // No keep-alive: each test closes the connections a hanging answer left open, which must not be reused.
  res.writeHead(status, { 'content-type': FHIR_JSON, connection: 'close', ...headers });
  res.end(body === undefined ? '' : JSON.stringify(body));
}

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      received.push(request);
      const responder = script.shift() ?? fallback;
      if (responder) responder(request, res);
      else send(res, 599, { resourceType: 'OperationOutcome', issue: [] });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/fhir`;
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  closedPortUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/fhir`;
  await new Promise<void>((resolve) => closed.close(() => resolve()));
});

afterEach(async () => {
  received = [];
  script = [];
  fallback = undefined;
  server.closeAllConnections();
  // Let the client see those sockets close before the next test picks a connection from its pool.
  await new Promise((resolve) => setTimeout(resolve, 20));
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const RETRYING: FhirClientOptions['limits'] = {
  ratePerSecond: 200,
  concurrency: 4,
  retries: 2,
  breakerThreshold: 50,
  halfOpenAfterMs: 1_000,
};

function client(options: Partial<FhirClientOptions> = {}): FhirClient {
  return new FhirClient({ baseUrl, timeoutMs: 1_000, ...options });
}

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

const encounter: Encounter = {
  resourceType: 'Encounter',
  status: 'in-progress',
  class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'IMP' },
  subject: { reference: 'Patient/avery-quinn' },
};
const never: Responder = () => {
  // Holds the connection open without answering: the client's timeout must fire.
};

describe('FhirClient.create', () => {
  it('POSTs the resource as FHIR JSON asking for it back, and returns it with id and version', async () => {
    script.push((_req, res) => send(res, 201, { ...encounter, id: 'enc-1', meta: { versionId: '1' } }, { etag: 'W/"1"' }));
    const created = await client().create(encounter);
    expect(created).toStrictEqual({ ...encounter, id: 'enc-1', meta: { versionId: '1' } });
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ method: 'POST', url: '/fhir/Encounter' });
    expect(received[0].headers['content-type']).toBe(FHIR_JSON);
    expect(received[0].headers.prefer).toBe('return=representation');
    expect(received[0].headers['if-none-exist']).toBeUndefined();
    expect(JSON.parse(received[0].body)).toStrictEqual(encounter);
  });

  it('takes the version from the ETag when the body has none', async () => {
    script.push((_req, res) => send(res, 201, { ...encounter, id: 'enc-2' }, { etag: 'W/"7"' }));
    await expect(client().create(encounter)).resolves.toMatchObject({ id: 'enc-2', meta: { versionId: '7' } });
  });

  it('reads the resource back from Location when the server answers without a body', async () => {
    script.push((_req, res) => send(res, 201, undefined, { location: `${baseUrl}/Encounter/enc-3/_history/2` }));
    script.push((_req, res) => send(res, 200, { ...encounter, id: 'enc-3', meta: { versionId: '2' } }));
    await expect(client().create(encounter)).resolves.toMatchObject({ id: 'enc-3', meta: { versionId: '2' } });
    expect(received.map((r) => `${r.method} ${r.url}`)).toStrictEqual(['POST /fhir/Encounter', 'GET /fhir/Encounter/enc-3']);
  });

  it.each<{ name: string; headers: Record<string, string> }>([
    { name: 'no Location', headers: {} },
    { name: 'a Location of another type', headers: { location: `http://x/fhir/Patient/p1` } },
  ])('rejects a bodiless 201 with $name', async ({ headers }) => {
    script.push((_req, res) => send(res, 201, undefined, headers));
    const error = await rejection(client().create(encounter));
    expect(error.code).toBe(Code.INVALID_RESPONSE);
    expect(error.message).toBe('The EHR accepted the write but sent neither the resource nor its Location');
  });

  it('rejects a stored resource without an id', async () => {
    script.push((_req, res) => send(res, 201, encounter));
    const error = await rejection(client().create(encounter));
    expect(error.message).toBe('The EHR sent the Encounter without its id');
  });

  it('sends If-None-Exist for a conditional create and returns the match the server found', async () => {
    script.push((_req, res) => send(res, 200, { ...encounter, id: 'existing', meta: { versionId: '4' } }));
    const found = await client().create(encounter, { ifNoneExist: 'identifier=urn:concord:health:visit-number|V-1' });
    expect(found.id).toBe('existing');
    expect(received[0].headers['if-none-exist']).toBe('identifier=urn:concord:health:visit-number|V-1');
  });

  it('reports MULTIPLE_MATCHES when a conditional create matches several resources (412)', async () => {
    script.push((_req, res) =>
      send(res, 412, { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'multiple-matches' }] }),
    );
    const error = await rejection(client().create(encounter, { ifNoneExist: 'identifier=x|1' }));
    expect(error.code).toBe(Code.MULTIPLE_MATCHES);
    expect(error.httpStatus).toBe(412);
  });

  it('does not repeat an unconditional create whose answer was lost: OUTCOME_UNKNOWN after one POST', async () => {
    fallback = never;
    const error = await rejection(client({ timeoutMs: 200, limits: RETRYING }).create(encounter));
    expect(error.code).toBe(Code.OUTCOME_UNKNOWN);
    expect(error.message).toBe('The EHR gave no verdict on the POST (FHIR_SERVER_TIMEOUT); it may have applied it');
    expect((error.cause as FhirConnectorException).code).toBe(Code.SERVER_TIMEOUT);
    expect(received.filter((r) => r.method === 'POST')).toHaveLength(1);
  });

  it.each([
    { status: 500, name: 'a 500' },
    { status: 502, name: 'a 502' },
    { status: 504, name: 'a 504' },
  ])('does not repeat an unconditional create answered with $name', async ({ status }) => {
    fallback = (_req, res) => send(res, status, undefined);
    const error = await rejection(client({ limits: RETRYING }).create(encounter));
    expect(error.code).toBe(Code.OUTCOME_UNKNOWN);
    expect(error.httpStatus).toBe(status);
    expect(received).toHaveLength(1);
  });

  it.each([
    { status: 503, name: '503' },
    { status: 429, name: '429' },
  ])('repeats an unconditional create refused with $name (the EHR did not process it)', async ({ status }) => {
    script.push((_req, res) => send(res, status, undefined, { 'retry-after': '0' }));
    script.push((_req, res) => send(res, 201, { ...encounter, id: 'enc-after-retry' }));
    await expect(client({ limits: RETRYING }).create(encounter)).resolves.toMatchObject({ id: 'enc-after-retry' });
    expect(received.filter((r) => r.method === 'POST')).toHaveLength(2);
  });

  it('repeats a create whose connection was refused, and reports the EHR unreachable (not OUTCOME_UNKNOWN)', async () => {
    const error = await rejection(new FhirClient({ baseUrl: closedPortUrl, timeoutMs: 500, limits: RETRYING }).create(encounter));
    expect(error.code).toBe(Code.SERVER_UNAVAILABLE);
  });

  it('repeats a conditional create whose answer was lost: the EHR finds the first attempt’s resource', async () => {
    let stored: Encounter | undefined;
    script.push((req, res) => {
      stored = { ...(JSON.parse(req.body) as Encounter), id: 'enc-once' };
      never(req, res);
    });
    script.push((_req, res) => send(res, 200, stored));
    const created = await client({ timeoutMs: 200, limits: RETRYING }).create(encounter, { ifNoneExist: 'identifier=x|1' });
    expect(created.id).toBe('enc-once');
    expect(received.filter((r) => r.method === 'POST')).toHaveLength(2);
    expect(received.every((r) => r.headers['if-none-exist'] === 'identifier=x|1')).toBe(true);
  });
});

describe('FhirClient.update', () => {
  const current: Encounter & { id: string } = { ...encounter, id: 'enc-9', meta: { versionId: '3' } };

  it('PUTs to the resource URL with If-Match W/"version" and returns the new version', async () => {
    script.push((_req, res) => send(res, 200, { ...current, status: 'finished', meta: { versionId: '4' } }));
    const updated = await client().update({ ...current, status: 'finished' }, { ifMatch: '3' });
    expect(updated.meta?.versionId).toBe('4');
    expect(received[0]).toMatchObject({ method: 'PUT', url: '/fhir/Encounter/enc-9' });
    expect(received[0].headers['if-match']).toBe('W/"3"');
    expect(JSON.parse(received[0].body)).toMatchObject({ id: 'enc-9', status: 'finished' });
  });

  it('sends no If-Match when no version is given', async () => {
    script.push((_req, res) => send(res, 200, current));
    await client().update(current);
    expect(received[0].headers['if-match']).toBeUndefined();
  });

  it.each([412, 409])('reports VERSION_CONFLICT when the EHR answers %i', async (status) => {
    script.push((_req, res) =>
      send(res, status, { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'conflict', details: { text: 'stale' } }] }),
    );
    const error = await rejection(client({ limits: RETRYING }).update(current, { ifMatch: '2' }));
    expect(error.code).toBe(Code.VERSION_CONFLICT);
    expect(error.httpStatus).toBe(status);
    expect(error.message).toBe(`The resource changed at the EHR since the version this write was based on (${status}): stale`);
    expect(received).toHaveLength(1);
  });

  it('refuses an update without an id before calling the EHR', async () => {
    const error = await rejection(client().update({ ...encounter, id: '' }));
    expect(error.code).toBe(Code.REQUEST_REJECTED);
    expect(received).toHaveLength(0);
  });

  /** The EHR applies the first PUT but its answer is lost; the retry then finds the version moved on. */
  function firstPutAppliedThenLost(storedAfterwards: Encounter): void {
    script.push(never);
    script.push((_req, res) => send(res, 412, { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'processing' }] }));
    script.push((_req, res) => send(res, 200, storedAfterwards));
  }

  it('after a lost answer and a 412 on the retry, returns the stored resource when it is what was sent', async () => {
    const sent = { ...current, status: 'finished' as const };
    firstPutAppliedThenLost({ ...sent, meta: { versionId: '4', lastUpdated: '2026-11-04T11:00:00Z' } });
    const updated = await client({ timeoutMs: 200, limits: RETRYING }).update(sent, { ifMatch: '3' });
    expect(updated.meta?.versionId).toBe('4');
    expect(received.map((r) => r.method)).toStrictEqual(['PUT', 'PUT', 'GET']);
  });

  it('after a lost answer and a 412 on the retry, reports VERSION_CONFLICT when someone else changed it', async () => {
    firstPutAppliedThenLost({ ...current, status: 'cancelled', meta: { versionId: '4' } });
    const error = await rejection(
      client({ timeoutMs: 200, limits: RETRYING }).update({ ...current, status: 'finished' }, { ifMatch: '3' }),
    );
    expect(error.code).toBe(Code.VERSION_CONFLICT);
  });
});

describe('FhirClient search pages', () => {
  const patient = (id: string): Patient => ({ resourceType: 'Patient', id });
  const page = (ids: string[], next?: string, included: Patient[] = []): Bundle => ({
    resourceType: 'Bundle',
    type: 'searchset',
    total: 5,
    entry: [
      ...ids.map((id) => ({ resource: { ...encounter, id }, search: { mode: 'match' as const } })),
      ...included.map((resource) => ({ resource, search: { mode: 'include' as const } })),
      {
        resource: { resourceType: 'OperationOutcome' as const, issue: [{ severity: 'warning' as const, code: 'informational' as const }] },
        search: { mode: 'outcome' as const },
      },
    ],
    ...(next ? { link: [{ relation: 'next', url: `${baseUrl}${next}` }] } : {}),
  });

  it('splits a page into matches and included resources, repeating array parameters', async () => {
    script.push((_req, res) => send(res, 200, page(['e1', 'e2'], '/Encounter?_offset=2', [patient('p1')])));
    const result = await client().searchPage<Encounter>('Encounter', { _include: ['Encounter:patient', 'Encounter:location'], _count: 2 });
    expect(received[0].url).toBe('/fhir/Encounter?_include=Encounter%3Apatient&_include=Encounter%3Alocation&_count=2');
    expect(result.matches.map((e) => e.id)).toStrictEqual(['e1', 'e2']);
    expect(result.included).toStrictEqual([patient('p1')]);
    expect(result.total).toBe(5);
    expect(result.next).toBe(`${baseUrl}/Encounter?_offset=2`);
  });

  it('without search modes, the searched type is a match and anything else is included', async () => {
    script.push((_req, res) =>
      send(res, 200, {
        resourceType: 'Bundle',
        type: 'searchset',
        entry: [{ resource: { ...encounter, id: 'e1' } }, { resource: patient('p1') }],
      }),
    );
    const result = await client().searchPage<Encounter>('Encounter', {});
    expect(result.matches.map((e) => e.id)).toStrictEqual(['e1']);
    expect(result.included.map((r) => r.id)).toStrictEqual(['p1']);
  });

  it('iterates every page through the next links, and every resource across them', async () => {
    const pages = [page(['e1', 'e2'], '/Encounter?_offset=2'), page(['e3', 'e4'], '/Encounter?_offset=4'), page(['e5'])];
    fallback = (req, res) => send(res, 200, pages[req.url.includes('_offset=4') ? 2 : req.url.includes('_offset=2') ? 1 : 0]);
    const seen: string[][] = [];
    for await (const p of client().pages<Encounter>('Encounter', { _count: 2 })) seen.push(p.matches.map((e) => e.id!));
    expect(seen).toStrictEqual([['e1', 'e2'], ['e3', 'e4'], ['e5']]);
    const all: string[] = [];
    for await (const e of client().resources<Encounter>('Encounter', { _count: 2 })) all.push(e.id!);
    expect(all).toStrictEqual(['e1', 'e2', 'e3', 'e4', 'e5']);
  });

  it('stops after maxPages', async () => {
    fallback = (_req, res) => send(res, 200, page(['e1'], '/Encounter?_offset=1'));
    let count = 0;
    for await (const p of client().pages('Encounter', {}, { maxPages: 1 })) count += p.matches.length;
    expect(count).toBe(1);
    expect(received).toHaveLength(1);
  });

  it('refuses paging links that go round in a circle', async () => {
    fallback = (_req, res) => send(res, 200, page(['e1'], '/Encounter?_count=1&_offset=1'));
    const iterate = async () => {
      for await (const _p of client().pages('Encounter', { _count: 1 })) {
        // drain
      }
    };
    const error = await rejection(iterate());
    expect(error.code).toBe(Code.INVALID_RESPONSE);
    expect(received).toHaveLength(2);
  });

  it('refuses a next link to another server without following it', async () => {
    fallback = (_req, res) =>
      send(res, 200, { ...page(['e1']), link: [{ relation: 'next', url: 'http://evil.example.org/fhir/Encounter?x=1' }] });
    const iterate = async () => {
      for await (const _p of client().pages('Encounter', {})) {
        // drain
      }
    };
    expect((await rejection(iterate())).message).toBe('Paging link does not belong to the configured FHIR server');
    expect(received).toHaveLength(1);
  });
});

describe('FhirClient with bearer tokens', () => {
  /** A token source that hands out numbered tokens and records what it was told. */
  class CountingTokens implements AccessTokenSource {
    issued = 0;
    invalidated: string[] = [];
    current?: string;
    accessToken(): Promise<string> {
      this.current ??= `token-${++this.issued}`;
      return Promise.resolve(this.current);
    }
    invalidate(token: string): void {
      this.invalidated.push(token);
      if (this.current === token) this.current = undefined;
    }
  }
  const unauthorized: Responder = (_req, res) => send(res, 401, undefined, { 'www-authenticate': 'Bearer error="invalid_token"' });

  it('sends the token as a bearer on every call', async () => {
    const tokens = new CountingTokens();
    fallback = (_req, res) => send(res, 200, { resourceType: 'Patient', id: 'p' });
    await client({ auth: tokens }).read('Patient', 'p');
    await client({ auth: tokens }).read('Patient', 'p');
    expect(received.map((r) => r.headers.authorization)).toStrictEqual(['Bearer token-1', 'Bearer token-1']);
    expect(tokens.issued).toBe(1);
  });

  it('on a 401, forgets the token, gets a fresh one and tries once more', async () => {
    const tokens = new CountingTokens();
    script.push(unauthorized);
    script.push((_req, res) => send(res, 200, { resourceType: 'Patient', id: 'p' }));
    await expect(client({ auth: tokens, limits: RETRYING }).read('Patient', 'p')).resolves.toMatchObject({ id: 'p' });
    expect(tokens.invalidated).toStrictEqual(['token-1']);
    expect(received.map((r) => r.headers.authorization)).toStrictEqual(['Bearer token-1', 'Bearer token-2']);
  });

  it('repeats a create refused with 401 (the EHR did not process it)', async () => {
    const tokens = new CountingTokens();
    script.push(unauthorized);
    script.push((_req, res) => send(res, 201, { ...encounter, id: 'e' }));
    await expect(client({ auth: tokens }).create(encounter)).resolves.toMatchObject({ id: 'e' });
    expect(received.map((r) => r.method)).toStrictEqual(['POST', 'POST']);
  });

  it('gives up with UNAUTHORIZED when the fresh token is refused too', async () => {
    const tokens = new CountingTokens();
    fallback = unauthorized;
    const error = await rejection(client({ auth: tokens }).read('Patient', 'p'));
    expect(error.code).toBe(Code.UNAUTHORIZED);
    expect(error.httpStatus).toBe(401);
    expect(received).toHaveLength(2);
    expect(tokens.invalidated).toStrictEqual(['token-1']);
  });

  it('reports FORBIDDEN on a 403 without asking for another token', async () => {
    const tokens = new CountingTokens();
    fallback = (_req, res) =>
      send(res, 403, { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'forbidden', details: { text: 'scope' } }] });
    const error = await rejection(client({ auth: tokens }).read('Patient', 'p'));
    expect(error.code).toBe(Code.FORBIDDEN);
    expect(received).toHaveLength(1);
    expect(tokens.invalidated).toStrictEqual([]);
  });

  it('without a token source, sends no Authorization header', async () => {
    fallback = (_req, res) => send(res, 200, { resourceType: 'Patient', id: 'p' });
    await client().read('Patient', 'p');
    expect(received[0].headers.authorization).toBeUndefined();
  });
});
