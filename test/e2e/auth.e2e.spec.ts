import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEventEntity } from '@concord/platform';
import { graphql, requestToken, type Stack, startStack } from '../support/stack';

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

describe('OAuth2 authorization server, scopes and patient context', () => {
  let stack: Stack;
  let tokenUrl: string;

  beforeAll(async () => {
    stack = await startStack();
    tokenUrl = `${stack.urls.systemApi}/oauth2/token`;
  });
  afterAll(async () => {
    await stack?.close();
  });

  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  it('publishes SMART configuration and a JWKS', async () => {
    const smart = await (await fetch(`${stack.urls.systemApi}/.well-known/smart-configuration`)).json();
    expect(smart).toMatchObject({
      token_endpoint: tokenUrl,
      token_endpoint_auth_methods_supported: expect.arrayContaining(['client_secret_basic', 'client_secret_post', 'private_key_jwt']),
      token_endpoint_auth_signing_alg_values_supported: ['RS384', 'ES384'],
      grant_types_supported: expect.arrayContaining(['client_credentials']),
    });
    const jwks = await (await fetch(`${stack.urls.systemApi}/.well-known/jwks.json`)).json();
    expect(jwks.keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig', kid: expect.any(String) });
    expect(jwks.keys[0].d).toBeUndefined();
  });

  it('issues tokens with client_secret_basic and client_secret_post, and refuses bad clients in RFC 6749 form', async () => {
    const viaBasic = await fetch(tokenUrl, {
      method: 'POST',
      headers: { ...FORM, authorization: basic('partner-acme', 'acme-demo-secret') },
      body: form({ grant_type: 'client_credentials' }),
    });
    expect(viaBasic.status).toBe(200);
    expect(viaBasic.headers.get('cache-control')).toBe('no-store');
    expect(await viaBasic.json()).toMatchObject({ token_type: 'Bearer', expires_in: 300, scope: 'system/Patient.rs' });

    const viaPost = await fetch(tokenUrl, {
      method: 'POST',
      headers: FORM,
      body: form({
        grant_type: 'client_credentials',
        client_id: 'partner-acme',
        client_secret: 'acme-demo-secret',
        scope: 'system/Patient.r',
      }),
    });
    expect(await viaPost.json()).toMatchObject({ scope: 'system/Patient.r' });

    const wrongSecret = await fetch(tokenUrl, {
      method: 'POST',
      headers: { ...FORM, authorization: basic('partner-acme', 'nope') },
      body: form({ grant_type: 'client_credentials' }),
    });
    expect(wrongSecret.status).toBe(401);
    expect(wrongSecret.headers.get('www-authenticate')).toContain('Basic');
    expect(await wrongSecret.json()).toEqual({ error: 'invalid_client', error_description: 'Client authentication failed' });

    const tooMuch = await fetch(tokenUrl, {
      method: 'POST',
      headers: { ...FORM, authorization: basic('partner-acme', 'acme-demo-secret') },
      body: form({ grant_type: 'client_credentials', scope: 'admin/Client.c' }),
    });
    expect(tooMuch.status).toBe(400);
    expect((await tooMuch.json()).error).toBe('invalid_scope');

    const password = await fetch(tokenUrl, {
      method: 'POST',
      headers: { ...FORM, authorization: basic('partner-acme', 'acme-demo-secret') },
      body: form({ grant_type: 'password' }),
    });
    expect((await password.json()).error).toBe('unsupported_grant_type');
  });

  it('authenticates private_key_jwt clients exactly as SMART Backend Services: ES384, single-use jti, exp at most 5 minutes', async () => {
    const operator = await stack.auth('ops-console');
    const { publicKey, privateKey } = await generateKeyPair('ES384');
    const kid = 'backend-key-1';
    const created = await fetch(`${stack.urls.systemApi}/admin/v1/clients`, {
      method: 'POST',
      headers: { ...operator, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      body: JSON.stringify({
        clientId: 'backend-bulk',
        name: 'Bulk export service',
        scopes: ['system/Patient.rs'],
        tier: 'silver',
        jwks: { keys: [{ ...(await exportJWK(publicKey)), kid, alg: 'ES384' }] },
      }),
    });
    expect(created.status).toBe(201);

    const assertion = (claims: { jti?: string; expiresIn?: string; audience?: string } = {}) =>
      new SignJWT({})
        .setProtectedHeader({ alg: 'ES384', kid, typ: 'JWT' })
        .setIssuer('backend-bulk')
        .setSubject('backend-bulk')
        .setAudience(claims.audience ?? tokenUrl)
        .setIssuedAt()
        .setExpirationTime(claims.expiresIn ?? '4m')
        .setJti(claims.jti ?? randomUUID())
        .sign(privateKey);
    const exchange = async (clientAssertion: string) =>
      fetch(tokenUrl, {
        method: 'POST',
        headers: FORM,
        body: form({
          grant_type: 'client_credentials',
          client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
          client_assertion: clientAssertion,
        }),
      });

    const jti = randomUUID();
    const ok = await exchange(await assertion({ jti }));
    expect(ok.status).toBe(200);
    const { access_token } = await ok.json();
    expect((await fetch(`${stack.urls.systemApi}/ehr/v1/patients/avery-quinn`, { headers: bearer(access_token) })).status).toBe(200);

    const replayed = await exchange(await assertion({ jti }));
    expect(await replayed.json()).toMatchObject({ error: 'invalid_client', error_description: expect.stringContaining('jti') });
    const longLived = await exchange(await assertion({ expiresIn: '10m' }));
    expect(await longLived.json()).toMatchObject({ error: 'invalid_client', error_description: expect.stringContaining('five minutes') });
    const wrongAudience = await exchange(await assertion({ audience: 'https://elsewhere.example/token' }));
    expect((await wrongAudience.json()).error).toBe('invalid_client');
  });

  it('no token is a 401 problem with a Bearer challenge; a forged or expired-looking token is TOKEN_INVALID', async () => {
    const none = await fetch(`${stack.urls.systemApi}/ehr/v1/patients/avery-quinn`);
    expect(none.status).toBe(401);
    expect(none.headers.get('content-type')).toContain('application/problem+json');
    expect(none.headers.get('www-authenticate')).toBe('Bearer realm="concord"');
    expect(await none.json()).toMatchObject({ code: 'TOKEN_MISSING', status: 401 });

    const { privateKey } = await generateKeyPair('ES256');
    const forged = await new SignJWT({ scope: 'system/*.cruds', client_id: 'ops-console' })
      .setProtectedHeader({ alg: 'ES256', kid: 'forged' })
      .setIssuer('http://127.0.0.1:3001')
      .setAudience('concord')
      .setSubject('ops-console')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(privateKey);
    for (const url of [`${stack.urls.systemApi}/ehr/v1/patients/avery-quinn`, `${stack.urls.processApi}/v1/patients/avery-quinn/summary`]) {
      const response = await fetch(url, { headers: bearer(forged) });
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ code: 'TOKEN_INVALID' });
    }
    const gql = await graphql(stack.urls.experienceApi, '{ patient(id: "avery-quinn") { id } }');
    expect(gql.body.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'TOKEN_MISSING', status: 401 });
  });

  it('a token without the needed scope is a 403 naming the missing scope, on every layer', async () => {
    const auditor = await stack.auth('compliance-auditor');
    const system = await fetch(`${stack.urls.systemApi}/ehr/v1/patients/avery-quinn`, { headers: auditor });
    expect(system.status).toBe(403);
    expect(await system.json()).toMatchObject({ code: 'INSUFFICIENT_SCOPE', detail: 'Missing scope: system/Patient.r' });
    const readOnly = await stack.auth('partner-acme', 'system/Patient.r');
    const search = await fetch(`${stack.urls.systemApi}/ehr/v1/patients?name=quinn`, { headers: readOnly });
    expect(await search.json()).toMatchObject({ code: 'INSUFFICIENT_SCOPE', detail: 'Missing scope: system/Patient.s' });
    const gql = await graphql(stack.urls.experienceApi, '{ patient(id: "avery-quinn") { id } }', undefined, auditor);
    expect(gql.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'INSUFFICIENT_SCOPE', status: 403 });
  });

  it('a patient-context token sees its own patient on every layer and no other (no BOLA)', async () => {
    const portal = await stack.auth('portal-web');
    expect((await fetch(`${stack.urls.systemApi}/ehr/v1/patients/avery-quinn`, { headers: portal })).status).toBe(200);
    const summary = await fetch(`${stack.urls.processApi}/v1/patients/avery-quinn/summary`, { headers: portal });
    expect(summary.status).toBe(200);
    expect((await summary.json()).possibleDuplicates).toEqual([]);
    const own = await graphql(stack.urls.experienceApi, '{ patient(id: "avery-quinn") { displayName } }', undefined, portal);
    expect(own.body.data).toEqual({ patient: { displayName: 'Avery Quinn' } });

    for (const url of [
      `${stack.urls.systemApi}/ehr/v1/patients/jordan-rivera`,
      `${stack.urls.systemApi}/ehr/v1/patients?name=rivera`,
      `${stack.urls.processApi}/v1/patients/jordan-rivera/summary`,
    ]) {
      const response = await fetch(url, { headers: portal });
      expect(response.status, url).toBe(403);
      expect(await response.json()).toMatchObject({ code: 'PATIENT_NOT_IN_CONTEXT' });
    }
    const other = await graphql(stack.urls.experienceApi, '{ patient(id: "jordan-rivera") { displayName } }', undefined, portal);
    expect(other.body.data).toEqual({ patient: null });
    expect(other.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'PATIENT_NOT_IN_CONTEXT' });
  });

  it('lower layers see and audit the original caller, with the services that acted for it', async () => {
    const requestId = `exchange-${Date.now()}`;
    const { body } = await graphql(stack.urls.experienceApi, '{ patient(id: "sam-whitfield") { id } }', undefined, {
      ...(await stack.auth('ops-console')),
      'x-request-id': requestId,
      'x-purpose-of-use': 'HOPERAT',
    });
    expect(body.data).toEqual({ patient: { id: 'sam-whitfield' } });
    const rows = await stack.systemApi.get(DataSource).getRepository(AuditEventEntity).findBy({ requestId, subtype: 'read' });
    expect(rows).toEqual([
      expect.objectContaining({
        agent: 'ops-console',
        actors: 'process-api,experience-api',
        patientId: 'sam-whitfield',
        purposeOfUse: 'HOPERAT',
      }),
    ]);
  });

  it('rotating the signing key keeps issued tokens valid and signs new ones with the new key', async () => {
    const before = await stack.token('ops-console');
    const rotated = await fetch(`${stack.urls.systemApi}/admin/v1/signing-keys/rotate`, { method: 'POST', headers: bearer(before) });
    expect(rotated.status).toBe(200);
    const { kid } = await rotated.json();
    const jwks = await (await fetch(`${stack.urls.systemApi}/.well-known/jwks.json`)).json();
    expect(jwks.keys.map((k: { kid: string }) => k.kid)).toContain(kid);
    expect(jwks.keys.length).toBeGreaterThanOrEqual(2);
    const after = await stack.token('ops-console');
    expect(JSON.parse(Buffer.from(after.split('.')[0], 'base64url').toString()).kid).toBe(kid);
    for (const token of [before, after]) {
      expect((await fetch(`${stack.urls.systemApi}/ehr/v1/patients/avery-quinn`, { headers: bearer(token) })).status).toBe(200);
    }
  });

  it('operators register, rotate and revoke clients; other clients may not', async () => {
    const operator = await stack.auth('ops-console');
    const created = await fetch(`${stack.urls.systemApi}/admin/v1/clients`, {
      method: 'POST',
      headers: { ...operator, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      body: JSON.stringify({ clientId: 'partner-globex', name: 'Globex', scopes: ['system/Patient.rs'], tier: 'silver' }),
    });
    expect(created.status).toBe(201);
    const { clientSecret } = await created.json();
    expect(clientSecret).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    const tokenWith = (secret: string) =>
      fetch(tokenUrl, {
        method: 'POST',
        headers: { ...FORM, authorization: basic('partner-globex', secret) },
        body: form({ grant_type: 'client_credentials' }),
      });
    expect((await tokenWith(clientSecret)).status).toBe(200);

    const rotated = await (
      await fetch(`${stack.urls.systemApi}/admin/v1/clients/partner-globex/secret`, { method: 'POST', headers: operator })
    ).json();
    expect((await tokenWith(clientSecret)).status).toBe(401);
    expect((await tokenWith(rotated.clientSecret)).status).toBe(200);

    expect(
      (await fetch(`${stack.urls.systemApi}/admin/v1/clients/partner-globex/revoke`, { method: 'POST', headers: operator })).status,
    ).toBe(200);
    expect((await tokenWith(rotated.clientSecret)).status).toBe(401);

    const partner = await stack.auth('partner-acme');
    const refused = await fetch(`${stack.urls.systemApi}/admin/v1/clients`, { headers: partner });
    expect(refused.status).toBe(403);
    const listed = await (await fetch(`${stack.urls.systemApi}/admin/v1/clients`, { headers: operator })).json();
    expect(listed.find((c: { clientId: string }) => c.clientId === 'partner-globex')).toMatchObject({ status: 'revoked', hasSecret: true });
    expect(JSON.stringify(listed)).not.toContain('scrypt$');
  });

  it('the audit trail is hash-chained: auditors read and verify it, and an edited row is named', async () => {
    await fetch(`${stack.urls.systemApi}/ehr/v1/patients/avery-quinn`, { headers: await stack.auth('partner-acme') });
    const auditor = await stack.auth('compliance-auditor');
    const events = await (
      await fetch(`${stack.urls.systemApi}/audit/v1/events?patient=avery-quinn&client=partner-acme`, { headers: auditor })
    ).json();
    expect(events.length).toBeGreaterThanOrEqual(1);
    expect(events[0]).toMatchObject({
      agent: 'partner-acme',
      patientId: 'avery-quinn',
      entityType: 'Patient',
      action: 'R',
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });

    const intact = await (await fetch(`${stack.urls.systemApi}/audit/v1/verify`, { headers: auditor })).json();
    expect(intact).toMatchObject({ intact: true });
    expect(intact.checked).toBeGreaterThan(3);

    const partnerDenied = await fetch(`${stack.urls.systemApi}/audit/v1/events`, { headers: await stack.auth('partner-acme') });
    expect(partnerDenied.status).toBe(403);

    const dataSource = stack.systemApi.get(DataSource);
    const target = events[0];
    await dataSource.getRepository(AuditEventEntity).update({ id: target.id }, { agent: 'someone-else' });
    const broken = await (await fetch(`${stack.urls.systemApi}/audit/v1/verify`, { headers: auditor })).json();
    expect(broken).toMatchObject({
      intact: false,
      firstBroken: { seq: target.seq, id: target.id, reason: 'record content does not match its hash' },
    });
    await dataSource.getRepository(AuditEventEntity).update({ id: target.id }, { agent: target.agent });
  });

  it('service tokens cannot be obtained with another service’s secret', async () => {
    await expect(requestToken(stack.urls.systemApi, 'process-api')).resolves.toEqual(expect.any(String));
    const response = await fetch(tokenUrl, {
      method: 'POST',
      headers: { ...FORM, authorization: basic('process-api', 'experience-api-demo-secret') },
      body: form({ grant_type: 'client_credentials' }),
    });
    expect(response.status).toBe(401);
  });
});
