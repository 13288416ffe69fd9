import { generateKeyPairSync } from 'node:crypto';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeJwt } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FhirConnectorException, FhirConnectorExceptionCode as Code } from './fhir-connector.exception';
import { CLIENT_ASSERTION_TYPE, EhrTokenProvider, type SmartBackendAuthOptions } from './smart-backend-auth';

/** A tiny authorization server whose answers each test scripts. */
type Responder = (res: ServerResponse, form: URLSearchParams) => void;
let server: Server;
let origin: string;
let closedOrigin: string;
let tokenAnswer: Responder;
let discoveryAnswer: Responder;
let forms: URLSearchParams[] = [];
const ec384 = generateKeyPairSync('ec', { namedCurve: 'P-384' });
const privateJwk = { ...ec384.privateKey.export({ format: 'jwk' }), kid: 'k1' };

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', connection: 'close' });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (req.url === '/fhir/.well-known/smart-configuration') return discoveryAnswer(res, new URLSearchParams());
      const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      forms.push(form);
      tokenAnswer(res, form);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  closedOrigin = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
  await new Promise<void>((resolve) => closed.close(() => resolve()));
});

afterEach(() => {
  forms = [];
  server.closeAllConnections();
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

let issued = 0;
const goodToken: Responder = (res) =>
  json(res, 200, { access_token: `t-${++issued}`, token_type: 'Bearer', expires_in: 300, scope: 'system/*.rs' });

function provider(options: Partial<SmartBackendAuthOptions> = {}): EhrTokenProvider {
  return new EhrTokenProvider({
    clientId: 'concord',
    privateKey: privateJwk,
    scopes: ['system/Patient.rs', 'system/Encounter.rs'],
    tokenUrl: `${origin}/token`,
    timeoutMs: 2_000,
    ...options,
  });
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

describe('EhrTokenProvider configuration', () => {
  it.each<{ name: string; options: Partial<SmartBackendAuthOptions>; message: string }>([
    { name: 'no client id', options: { clientId: '' }, message: 'SMART Backend Services configuration: clientId is required' },
    { name: 'no scopes', options: { scopes: [] }, message: 'SMART Backend Services configuration: at least one scope is required' },
    {
      name: 'no token URL nor FHIR base',
      options: { tokenUrl: undefined },
      message: 'SMART Backend Services configuration: give tokenUrl, or fhirBaseUrl to discover it',
    },
    {
      name: 'a public key',
      options: { privateKey: ec384.publicKey.export({ format: 'jwk' }) },
      message: 'SMART Backend Services configuration: privateKey is not a private key',
    },
    {
      name: 'text that is no key',
      options: { privateKey: 'not a key' },
      message: 'SMART Backend Services configuration: privateKey is not a private key',
    },
    {
      name: 'an EC P-256 key (ES256 is not allowed)',
      options: { privateKey: generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' }) },
      message: 'SMART Backend Services configuration: privateKey must be RSA (RS384) or EC P-384 (ES384)',
    },
    {
      name: 'an Ed25519 key',
      options: { privateKey: generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() },
      message: 'SMART Backend Services configuration: privateKey must be RSA (RS384) or EC P-384 (ES384)',
    },
  ])('refuses $name', ({ options, message }) => {
    let error: unknown;
    try {
      provider(options);
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(FhirConnectorException);
    expect((error as FhirConnectorException).message).toBe(message);
  });
});

describe('EhrTokenProvider against a token endpoint', () => {
  it('posts client_credentials with the scopes and a private_key_jwt assertion for the token URL', async () => {
    tokenAnswer = goodToken;
    const token = await provider().accessToken();
    expect(token).toMatch(/^t-\d+$/);
    const form = forms[0];
    expect(form.get('grant_type')).toBe('client_credentials');
    expect(form.get('scope')).toBe('system/Patient.rs system/Encounter.rs');
    expect(form.get('client_assertion_type')).toBe(CLIENT_ASSERTION_TYPE);
    expect(decodeJwt(form.get('client_assertion')!)).toMatchObject({ iss: 'concord', sub: 'concord', aud: `${origin}/token` });
  });

  it('renews at expires_in minus the margin, and halves the margin for short-lived tokens', async () => {
    let clock = 1_000_000;
    tokenAnswer = (res) => json(res, 200, { access_token: `t-${++issued}`, token_type: 'bearer', expires_in: 20 });
    const tokens = provider({ now: () => clock });
    const first = await tokens.accessToken();
    clock += 9_000;
    expect(await tokens.accessToken()).toBe(first);
    clock += 1_500;
    expect(await tokens.accessToken()).not.toBe(first);
    expect(forms).toHaveLength(2);
  });

  it('without expires_in, keeps a token for the shortest lifetime SMART allows (300 s, renewed at 240 s)', async () => {
    let clock = 1_000_000;
    tokenAnswer = (res) => json(res, 200, { access_token: `t-${++issued}`, token_type: 'Bearer' });
    const tokens = provider({ now: () => clock });
    const first = await tokens.accessToken();
    clock += 239_000;
    expect(await tokens.accessToken()).toBe(first);
    clock += 2_000;
    expect(await tokens.accessToken()).not.toBe(first);
  });

  it('forgets only the token it is told was refused', async () => {
    tokenAnswer = goodToken;
    const tokens = provider();
    const first = await tokens.accessToken();
    tokens.invalidate('some-older-token');
    expect(await tokens.accessToken()).toBe(first);
    tokens.invalidate(first);
    expect(await tokens.accessToken()).not.toBe(first);
  });

  it('shares one request among concurrent callers, and tries again after a failure', async () => {
    tokenAnswer = (res) => json(res, 503, '');
    const tokens = provider();
    const failures = await Promise.allSettled([tokens.accessToken(), tokens.accessToken(), tokens.accessToken()]);
    expect(failures.every((result) => result.status === 'rejected')).toBe(true);
    expect(forms).toHaveLength(1);
    tokenAnswer = goodToken;
    await expect(tokens.accessToken()).resolves.toMatch(/^t-/);
    expect(forms).toHaveLength(2);
  });

  it.each<{ name: string; answer: Responder; code: Code; message: string }>([
    {
      name: 'invalid_client',
      answer: (res) => json(res, 401, { error: 'invalid_client', error_description: 'patient Avery Quinn' }),
      code: Code.UNAUTHORIZED,
      message: 'The EHR token endpoint refused Concord’s client (invalid_client)',
    },
    {
      name: 'invalid_grant (400)',
      answer: (res) => json(res, 400, { error: 'invalid_grant' }),
      code: Code.UNAUTHORIZED,
      message: 'The EHR token endpoint refused Concord’s client (invalid_grant)',
    },
    {
      name: 'invalid_scope',
      answer: (res) => json(res, 400, { error: 'invalid_scope' }),
      code: Code.FORBIDDEN,
      message: 'The EHR refused the scopes Concord asked for (invalid_scope)',
    },
    {
      name: 'an error code that is not an OAuth code',
      answer: (res) => json(res, 400, { error: 'Avery Quinn is not allowed' }),
      code: Code.UNAUTHORIZED,
      message: 'The EHR token endpoint refused Concord’s client',
    },
    {
      name: 'an HTML error page',
      answer: (res) => json(res, 403, '<html>denied</html>'),
      code: Code.UNAUTHORIZED,
      message: 'The EHR token endpoint refused Concord’s client',
    },
    {
      name: '429',
      answer: (res) => json(res, 429, ''),
      code: Code.SERVER_THROTTLED,
      message: 'The EHR token endpoint is throttling Concord',
    },
    { name: '500', answer: (res) => json(res, 500, ''), code: Code.SERVER_UNAVAILABLE, message: 'The EHR token endpoint failed (500)' },
    {
      name: 'a 200 without access_token',
      answer: (res) => json(res, 200, { token_type: 'bearer' }),
      code: Code.INVALID_RESPONSE,
      message: 'The EHR token endpoint answered without a bearer access_token',
    },
    {
      name: 'a token that is not a bearer',
      answer: (res) => json(res, 200, { access_token: 'x', token_type: 'mac' }),
      code: Code.INVALID_RESPONSE,
      message: 'The EHR token endpoint answered without a bearer access_token',
    },
  ])('maps $name', async ({ answer, code, message }) => {
    tokenAnswer = answer;
    const error = await rejection(provider().accessToken());
    expect({ code: error.code, message: error.message }).toStrictEqual({ code, message });
  });

  it('reports an unreachable token endpoint as SERVER_UNAVAILABLE', async () => {
    const error = await rejection(provider({ tokenUrl: `${closedOrigin}/token` }).accessToken());
    expect(error.code).toBe(Code.SERVER_UNAVAILABLE);
  });

  it('gives up with SERVER_TIMEOUT when the token endpoint never answers', async () => {
    tokenAnswer = () => {
      // never answers
    };
    const error = await rejection(provider({ timeoutMs: 200 }).accessToken());
    expect(error.code).toBe(Code.SERVER_TIMEOUT);
    expect(error.message).toBe('The EHR authorization server did not answer within 200 ms');
  });
});

describe('EhrTokenProvider discovery', () => {
  const discovering = () => provider({ tokenUrl: undefined, fhirBaseUrl: `${origin}/fhir/` });

  it('reads the token endpoint from .well-known/smart-configuration once', async () => {
    let discoveries = 0;
    discoveryAnswer = (res) => {
      discoveries++;
      json(res, 200, { token_endpoint: `${origin}/token` });
    };
    tokenAnswer = goodToken;
    const tokens = discovering();
    await tokens.accessToken();
    tokens.invalidate(await tokens.accessToken());
    await tokens.accessToken();
    expect(discoveries).toBe(1);
    expect(forms).toHaveLength(2);
    expect(decodeJwt(forms[0].get('client_assertion')!).aud).toBe(`${origin}/token`);
  });

  it.each<{ name: string; answer: Responder; code: Code; message: string }>([
    {
      name: 'a 404',
      answer: (res) => json(res, 404, ''),
      code: Code.INVALID_RESPONSE,
      message: "The EHR's SMART configuration could not be read (404)",
    },
    {
      name: 'a 502',
      answer: (res) => json(res, 502, ''),
      code: Code.SERVER_UNAVAILABLE,
      message: "The EHR's SMART configuration could not be read (502)",
    },
    {
      name: 'no token_endpoint',
      answer: (res) => json(res, 200, { issuer: 'x' }),
      code: Code.INVALID_RESPONSE,
      message: 'The EHR’s SMART configuration has no absolute token_endpoint',
    },
    {
      name: 'a relative token_endpoint',
      answer: (res) => json(res, 200, { token_endpoint: '/token' }),
      code: Code.INVALID_RESPONSE,
      message: 'The EHR’s SMART configuration has no absolute token_endpoint',
    },
  ])('refuses $name, and tries discovery again next time', async ({ answer, code, message }) => {
    discoveryAnswer = answer;
    const tokens = discovering();
    const error = await rejection(tokens.accessToken());
    expect({ code: error.code, message: error.message }).toStrictEqual({ code, message });
    discoveryAnswer = (res) => json(res, 200, { token_endpoint: `${origin}/token` });
    tokenAnswer = goodToken;
    await expect(tokens.accessToken()).resolves.toMatch(/^t-/);
  });
});
