import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, loadConfig } from '@concord/platform';
import { createSystemApi } from '../../apps/system-api/src/system-api.app';
import { SystemApiConfig } from '../../apps/system-api/src/system-api.config';
import { graphql, type Stack, startStack } from '../support/stack';

// Small daily quotas (a window boundary cannot fall inside the test) for the partner's tier.
const TIERS = JSON.stringify({
  bronze: [{ name: 'day', quota: 5, windowSeconds: 86400 }],
  gold: [{ name: 'day', quota: 12, windowSeconds: 86400 }],
  anonymous: [{ name: 'day', quota: 30, windowSeconds: 86400 }],
});

describe('SLA-tier throttling', () => {
  let stack: Stack;

  beforeAll(async () => {
    // One throttle unit per cost point, so the GraphQL case counts fields exactly.
    stack = await startStack({ env: { THROTTLE_TIERS: TIERS, GRAPHQL_COST_PER_RATE_UNIT: '1' } });
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('counts a bronze client’s calls, announces the policy, and answers 429 with Retry-After past the quota', async () => {
    const partner = await stack.auth('partner-acme');
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 7; i += 1) {
      last = await fetch(`${stack.urls.systemApi}/ehr/v1/patients/avery-quinn`, { headers: partner });
      statuses.push(last.status);
      if (i === 0) {
        expect(last.headers.get('ratelimit-policy')).toBe('"day";q=5;w=86400');
        expect(last.headers.get('ratelimit')).toMatch(/^"day";r=4;t=\d+$/);
      }
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
    expect(last!.headers.get('content-type')).toContain('application/problem+json');
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await last!.json()).toMatchObject({ code: 'RATE_LIMITED', status: 429 });

    // Another client is not affected by the partner's exhaustion.
    expect((await fetch(`${stack.urls.systemApi}/ehr/v1/patients/avery-quinn`, { headers: await stack.auth('ops-console') })).status).toBe(
      200,
    );
  });

  it('charges a GraphQL operation by its cost (its field count here), once per request', async () => {
    const portal = await stack.auth('portal-web'); // gold: 12 units a day here
    // 1 (patient) + 4 fields = 5 units per operation, however many resolvers run.
    const query = '{ patient(id: "avery-quinn") { id mrn displayName gender } }';
    const first = await graphql(stack.urls.experienceApi, query, undefined, portal);
    expect(first.body.data).toEqual({ patient: expect.objectContaining({ id: 'avery-quinn' }) });
    const second = await fetch(`${stack.urls.experienceApi}/graphql`, {
      method: 'POST',
      headers: { ...portal, 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
    });
    expect(second.headers.get('ratelimit')).toMatch(/^"day";r=2;t=\d+$/);
    const third = await graphql(stack.urls.experienceApi, query, undefined, portal);
    expect(third.body.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', status: 429 });
  });

  it('two instances of an app share one limit when counters are in Redis (scale profile), not in memory', async () => {
    const prefix = `twins${Date.now()}:`;
    const instance = async (): Promise<NestFastifyApplication> =>
      createSystemApi(
        loadConfig(SystemApiConfig, {
          ...stack.database.envFor(`system-api-twin`),
          REDIS_KEY_PREFIX: prefix,
          THROTTLE_TIERS: JSON.stringify({ gold: [{ name: 'day', quota: 4, windowSeconds: 86400 }] }),
          EHR_FHIR_BASE_URL: stack.urls.fhir,
          AUTH_JWKS_URL: `${stack.urls.systemApi}/.well-known/jwks.json`,
        }),
        createLogger({ app: 'system-api', level: 'silent' }),
      );
    const [a, b] = [await instance(), await instance()];
    try {
      const operator = await stack.auth('ops-console');
      const call = (app: NestFastifyApplication) => app.inject({ method: 'GET', url: '/ehr/v1/patients/avery-quinn', headers: operator });
      const statuses = [];
      for (let i = 0; i < 3; i += 1) statuses.push((await call(a)).statusCode, (await call(b)).statusCode);
      const shared = stack.database.profile === 'scale';
      expect(statuses).toEqual(shared ? [200, 200, 200, 200, 429, 429] : [200, 200, 200, 200, 200, 200]);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('counts unauthenticated calls (token endpoint, discovery) per client address, and never throttles probes', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 32; i += 1) statuses.push((await fetch(`${stack.urls.systemApi}/versions`)).status);
    expect(statuses).toContain(429);
    const refused = await fetch(`${stack.urls.systemApi}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
    });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('ratelimit-policy')).toBe('"day";q=30;w=86400');
    for (let i = 0; i < 5; i += 1) expect((await fetch(`${stack.urls.systemApi}/health/live`)).status).toBe(200);
  });
});
