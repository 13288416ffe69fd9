import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql, requestToken, type Stack, startStack } from '../support/stack';

const ISSUER = 'https://idp.hospital.example';

describe('an external identity provider instead of the built-in authorization server', () => {
  let stack: Stack;
  let idp: Server;
  let sign: (claims: Record<string, unknown>) => Promise<string>;

  beforeAll(async () => {
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid: 'idp-1', alg: 'RS256', use: 'sig' }] };
    idp = createServer((_request, response) => {
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify(jwks));
    });
    await new Promise<void>((resolve) => idp.listen(0, '127.0.0.1', resolve));
    const jwksUrl = `http://127.0.0.1:${(idp.address() as AddressInfo).port}/jwks`;
    sign = (claims) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid: 'idp-1' })
        .setIssuer(ISSUER)
        .setAudience('concord')
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(privateKey);
    stack = await startStack({ env: { AUTH_ISSUER: ISSUER, AUTH_JWKS_URL: jwksUrl, AUTH_DOWNSTREAM_MODE: 'relay' } });
  });
  afterAll(async () => {
    await stack?.close();
    idp?.close();
  });

  it('every layer trusts the IdP’s tokens, and the caller (client and user) is relayed down to system-api and audited', async () => {
    const token = await sign({ sub: 'dr.lee', client_id: 'epic-portal', scope: 'system/Patient.rs phi/Patient.r', tier: 'gold' });
    const { body } = await graphql(stack.urls.experienceApi, '{ patient(id: "avery-quinn") { displayName } }', undefined, {
      authorization: `Bearer ${token}`,
    });
    expect(body.data).toEqual({ patient: { displayName: 'Avery Quinn' } });
    const audit = await fetch(`${stack.urls.systemApi}/audit/v1/events?client=epic-portal&patient=avery-quinn`, {
      headers: { authorization: `Bearer ${await sign({ sub: 'privacy-office', scope: 'audit/AuditEvent.rs' })}` },
    });
    expect((await audit.json())[0]).toMatchObject({ agent: 'epic-portal', user: 'dr.lee', patientId: 'avery-quinn' });
  });

  it('refuses tokens not signed by the IdP, including the built-in server’s own', async () => {
    const builtIn = await requestToken(stack.urls.systemApi, 'ops-console');
    const response = await fetch(`${stack.urls.systemApi}/ehr/v2/patients/avery-quinn`, {
      headers: { authorization: `Bearer ${builtIn}` },
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ code: 'TOKEN_INVALID' });
  });
});
