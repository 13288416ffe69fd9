import { generateKeyPairSync, type JsonWebKey } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Encounter, Patient } from '@medplum/fhirtypes';
import type { FastifyInstance } from 'fastify';
import { decodeJwt, decodeProtectedHeader, exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { EhrTokenProvider, FhirClient, FhirConnectorException, FhirConnectorExceptionCode as Code } from '@concord/connectors/fhir';
import { createLogger } from '@concord/platform';
import { createSandbox, SANDBOX_PATHS } from '../sandbox';
import { DEMO_CLIENT_FILE, type DemoClientFile } from './smart-client-registry';

const silent = createLogger({ app: 'sandbox', level: 'silent' });

/** A backend client's key pair: the private JWK for the provider, the public one for the EHR's registry. */
async function keyPair(alg: 'RS384' | 'ES384', kid: string): Promise<{ privateJwk: JWK; publicJwk: JWK }> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  return { privateJwk: { ...(await exportJWK(privateKey)), kid }, publicJwk: { ...(await exportJWK(publicKey)), kid, alg } };
}

let sandbox: FastifyInstance;
let origin: string;
let fhirBase: string;
let rsa: { privateJwk: JWK; publicJwk: JWK };
let ec: { privateJwk: JWK; publicJwk: JWK };
let stranger: { privateJwk: JWK; publicJwk: JWK };
const rsaPem = generateKeyPairSync('rsa', { modulusLength: 2048 });
let tokenRequests = 0;

/** fetch as it is, counting the calls that reach the token endpoint. */
const countingFetch: typeof fetch = (input, init) => {
  if (String(input instanceof Request ? input.url : input).endsWith('/ehr/oauth2/token')) tokenRequests++;
  return fetch(input, init);
};

beforeAll(async () => {
  [rsa, ec, stranger] = await Promise.all([keyPair('RS384', 'rsa-1'), keyPair('ES384', 'ec-1'), keyPair('ES384', 'ec-1')]);
  const pemPublic = { ...(rsaPem.publicKey.export({ format: 'jwk' }) as JWK), kid: 'pem-1', alg: 'RS384' };
  sandbox = await createSandbox(silent, {
    ehrAuth: {
      requireBearer: true,
      clients: [
        { clientId: 'system-api-rsa', jwks: { keys: [rsa.publicJwk] } },
        { clientId: 'system-api-ec', jwks: { keys: [ec.publicJwk] } },
        { clientId: 'system-api-pem', jwks: { keys: [pemPublic] } },
        { clientId: 'reader', jwks: { keys: [ec.publicJwk] }, allowedScopes: ['system/Patient.rs', 'system/Encounter.rs'] },
      ],
    },
  });
  origin = await sandbox.listen({ port: 0, host: '127.0.0.1' });
  fhirBase = `${origin}${SANDBOX_PATHS.fhir}`;
});

afterEach(async () => {
  tokenRequests = 0;
  await fetch(`${origin}/sandbox/v1/ehr/oauth2/revoke`, { method: 'POST' });
});

afterAll(async () => {
  await sandbox?.close();
});

function provider(
  clientId: string,
  privateKey: JsonWebKey | string,
  scopes = ['system/*.cruds'],
  extra: Partial<ConstructorParameters<typeof EhrTokenProvider>[0]> = {},
) {
  return new EhrTokenProvider({ clientId, privateKey, scopes, fhirBaseUrl: fhirBase, fetch: countingFetch, ...extra });
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

describe('SMART Backend Services against the sandbox EHR', () => {
  it('publishes its token endpoint in .well-known/smart-configuration and the CapabilityStatement, both open', async () => {
    const configuration = await (await fetch(`${fhirBase}/.well-known/smart-configuration`)).json();
    expect(configuration).toMatchObject({
      token_endpoint: `${origin}/ehr/oauth2/token`,
      token_endpoint_auth_methods_supported: ['private_key_jwt'],
      token_endpoint_auth_signing_alg_values_supported: ['RS384', 'ES384'],
      grant_types_supported: ['client_credentials'],
    });
    const metadata = await (await fetch(`${fhirBase}/metadata`)).json();
    expect(JSON.stringify(metadata.rest[0].security)).toContain(`${origin}/ehr/oauth2/token`);
  });

  it('refuses FHIR calls without a bearer token (401 with WWW-Authenticate)', async () => {
    const response = await fetch(`${fhirBase}/Patient/avery-quinn`);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="sandbox-ehr"');
    const error = await rejection(new FhirClient({ baseUrl: fhirBase, timeoutMs: 5_000 }).read('Patient', 'avery-quinn'));
    expect(error.code).toBe(Code.UNAUTHORIZED);
  });

  it.each([
    { name: 'an RSA key (RS384) as JWK', clientId: 'system-api-rsa', key: () => rsa.privateJwk as JsonWebKey, alg: 'RS384' },
    { name: 'an EC P-384 key (ES384) as JWK text', clientId: 'system-api-ec', key: () => JSON.stringify(ec.privateJwk), alg: 'ES384' },
    {
      name: 'an RSA key as PKCS#8 PEM with a configured kid',
      clientId: 'system-api-pem',
      key: () => rsaPem.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      alg: 'RS384',
      kid: 'pem-1',
    },
  ])('the connector discovers the token endpoint and reads with $name', async ({ clientId, key, alg, kid }) => {
    const tokens = provider(clientId, key(), ['system/*.cruds'], kid ? { keyId: kid } : {});
    expect(tokens.algorithm).toBe(alg);
    const fhir = new FhirClient({ baseUrl: fhirBase, timeoutMs: 5_000, auth: tokens });
    await expect(fhir.read<Patient>('Patient', 'avery-quinn')).resolves.toMatchObject({ id: 'avery-quinn' });
    await expect(fhir.read<Encounter>('Encounter', 'enc-aq-tka')).resolves.toMatchObject({ id: 'enc-aq-tka' });
    expect(tokenRequests).toBe(1);
  });

  it('signs an assertion SMART accepts: alg and kid in the header; iss = sub = client id, aud = token URL, jti, exp ≤ 5 min', async () => {
    const tokens = provider('system-api-ec', ec.privateJwk);
    const assertion = await tokens.clientAssertion(`${origin}/ehr/oauth2/token`);
    expect(decodeProtectedHeader(assertion)).toStrictEqual({ alg: 'ES384', typ: 'JWT', kid: 'ec-1' });
    const claims = decodeJwt(assertion);
    expect(claims).toMatchObject({ iss: 'system-api-ec', sub: 'system-api-ec', aud: `${origin}/ehr/oauth2/token` });
    expect(claims.jti).toMatch(/^[0-9a-f-]{36}$/);
    expect(claims.exp! - claims.iat!).toBeLessThanOrEqual(300);
    const second = decodeJwt(await tokens.clientAssertion(`${origin}/ehr/oauth2/token`));
    expect(second.jti).not.toBe(claims.jti);
  });

  it('shares one token request among concurrent callers and reuses the token until it is due for renewal', async () => {
    // The EHR and the connector share a clock the test moves forward.
    let clock = Date.now();
    const ehr = await createSandbox(silent, {
      ehrAuth: { requireBearer: true, now: () => clock, clients: [{ clientId: 'system-api-ec', jwks: { keys: [ec.publicJwk] } }] },
    });
    try {
      const base = `${await ehr.listen({ port: 0, host: '127.0.0.1' })}${SANDBOX_PATHS.fhir}`;
      const tokens = provider('system-api-ec', ec.privateJwk, ['system/*.cruds'], { now: () => clock, fhirBaseUrl: base });
      const fhir = new FhirClient({ baseUrl: base, timeoutMs: 5_000, auth: tokens });
      await Promise.all(['avery-quinn', 'jordan-rivera', 'riley-okafor', 'sam-whitfield'].map((id) => fhir.read('Patient', id)));
      expect(tokenRequests).toBe(1);
      clock += 239_000; // 300 s tokens are renewed 60 s before they expire
      await fhir.read('Patient', 'avery-quinn');
      expect(tokenRequests).toBe(1);
      clock += 2_000;
      await fhir.read('Patient', 'avery-quinn');
      expect(tokenRequests).toBe(2);
    } finally {
      await ehr.close();
    }
  });

  it('after the EHR revokes its token, the connector gets a fresh one once and carries on', async () => {
    const fhir = new FhirClient({ baseUrl: fhirBase, timeoutMs: 5_000, auth: provider('system-api-rsa', rsa.privateJwk) });
    await fhir.read('Patient', 'avery-quinn');
    await fetch(`${origin}/sandbox/v1/ehr/oauth2/revoke`, { method: 'POST' });
    await expect(fhir.read<Patient>('Patient', 'jordan-rivera')).resolves.toMatchObject({ id: 'jordan-rivera' });
    expect(tokenRequests).toBe(2);
  });

  it('a read-only token may read but not write (403 → FORBIDDEN)', async () => {
    const fhir = new FhirClient({
      baseUrl: fhirBase,
      timeoutMs: 5_000,
      auth: provider('reader', ec.privateJwk, ['system/Patient.rs', 'system/Encounter.rs']),
    });
    await expect(fhir.read('Encounter', 'enc-aq-tka')).resolves.toMatchObject({ id: 'enc-aq-tka' });
    const error = await rejection(fhir.read('Coverage', 'cov-aq-medicare-a'));
    expect(error.code).toBe(Code.FORBIDDEN);
    const write = await rejection(
      fhir.create<Encounter>({
        resourceType: 'Encounter',
        status: 'planned',
        class: { code: 'AMB' },
        subject: { reference: 'Patient/avery-quinn' },
      }),
    );
    expect(write.code).toBe(Code.FORBIDDEN);
  });

  it('refuses scopes the client was not registered for (invalid_scope → FORBIDDEN)', async () => {
    const error = await rejection(provider('reader', ec.privateJwk, ['system/*.cruds']).accessToken());
    expect(error.code).toBe(Code.FORBIDDEN);
    expect(error.message).toBe('The EHR refused the scopes Concord asked for (invalid_scope)');
  });

  it('refuses a client it does not know, and a known client id signed with another key (invalid_client → UNAUTHORIZED)', async () => {
    const unknown = await rejection(provider('nobody', ec.privateJwk).accessToken());
    expect(unknown.code).toBe(Code.UNAUTHORIZED);
    expect(unknown.message).toBe('The EHR token endpoint refused Concord’s client (invalid_client)');
    const impostor = await rejection(provider('system-api-ec', stranger.privateJwk).accessToken());
    expect(impostor.code).toBe(Code.UNAUTHORIZED);
  });

  describe('the token endpoint refuses assertions that break the SMART rules', () => {
    const tokenUrl = () => `${origin}/ehr/oauth2/token`;
    async function assertion(
      claims: { iss?: string; sub?: string; aud?: string; jti?: string; expiresIn?: number },
      alg = 'ES384',
      key: JWK = ec.privateJwk,
    ) {
      const now = Math.floor(Date.now() / 1000);
      let jwt = new SignJWT({})
        .setProtectedHeader({ alg, kid: 'ec-1' })
        .setIssuer(claims.iss ?? 'system-api-ec')
        .setSubject(claims.sub ?? 'system-api-ec')
        .setAudience(claims.aud ?? tokenUrl())
        .setIssuedAt(now)
        .setExpirationTime(now + (claims.expiresIn ?? 240));
      if (claims.jti !== '') jwt = jwt.setJti(claims.jti ?? crypto.randomUUID());
      return jwt.sign(alg === 'HS384' ? new TextEncoder().encode('a-shared-secret-of-enough-length-for-hs384-0123456789') : key);
    }
    async function token(clientAssertion: string, form: Record<string, string> = {}) {
      const response = await fetch(tokenUrl(), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          scope: 'system/Patient.rs',
          client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
          client_assertion: clientAssertion,
          ...form,
        }),
      });
      return { status: response.status, body: (await response.json()) as { error?: string; access_token?: string; expires_in?: number } };
    }

    it('accepts a well-formed one, once', async () => {
      const signed = await assertion({ jti: 'jti-once' });
      const first = await token(signed);
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ token_type: 'bearer', expires_in: 300, scope: 'system/Patient.rs' });
      expect(await token(signed)).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
    });

    it.each([
      { name: 'the wrong audience', claims: { aud: 'https://elsewhere.example.org/token' } },
      { name: 'sub different from iss', claims: { sub: 'someone-else' } },
      { name: 'no jti', claims: { jti: '' } },
      { name: 'exp more than five minutes ahead', claims: { expiresIn: 600 } },
      { name: 'exp in the past', claims: { expiresIn: -10 } },
    ])('$name', async ({ claims }) => {
      expect(await token(await assertion(claims))).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
    });

    it('an algorithm SMART does not allow (HS384)', async () => {
      expect(await token(await assertion({}, 'HS384'))).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
    });

    it('a grant other than client_credentials, and a missing assertion', async () => {
      expect(await token(await assertion({}), { grant_type: 'password' })).toMatchObject({
        status: 400,
        body: { error: 'unsupported_grant_type' },
      });
      expect(await token('', { client_assertion: '' })).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
      expect(await token('not-a-jwt')).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
    });

    it('scopes that are not SMART system scopes', async () => {
      expect(await token(await assertion({}), { scope: 'patient/*.read' })).toMatchObject({
        status: 400,
        body: { error: 'invalid_scope' },
      });
      expect(await token(await assertion({}), { scope: '' })).toMatchObject({ status: 400, body: { error: 'invalid_scope' } });
    });
  });
});

describe('the demo client under the data folder', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'concord-sandbox-smart-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('is created on first start (private, mode 0600), works end to end, and is the same after a restart', async () => {
    const first = await createSandbox(silent, { dataDir, ehrAuth: { requireBearer: true } });
    const file = join(dataDir, 'sandbox-ehr', DEMO_CLIENT_FILE);
    const demo = JSON.parse(readFileSync(file, 'utf8')) as DemoClientFile;
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(demo).toMatchObject({ client_id: 'concord-system-api', token_path: '/ehr/oauth2/token', scopes: ['system/*.cruds'] });
    try {
      const url = await first.listen({ port: 0, host: '127.0.0.1' });
      const fhir = new FhirClient({
        baseUrl: `${url}${SANDBOX_PATHS.fhir}`,
        timeoutMs: 5_000,
        auth: new EhrTokenProvider({
          clientId: demo.client_id,
          privateKey: demo.private_jwk,
          scopes: demo.scopes,
          tokenUrl: `${url}${demo.token_path}`,
        }),
      });
      await expect(fhir.read<Patient>('Patient', 'avery-quinn')).resolves.toMatchObject({ id: 'avery-quinn' });
    } finally {
      await first.close();
    }
    const second = await createSandbox(silent, { dataDir });
    await second.close();
    expect((JSON.parse(readFileSync(file, 'utf8')) as DemoClientFile).private_jwk.kid).toBe(demo.private_jwk.kid);
  });
});
