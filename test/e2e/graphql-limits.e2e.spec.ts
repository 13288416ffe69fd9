import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, loadConfig } from '@concord/platform';
import { createExperienceApi } from '../../apps/experience-api/src/experience-api.app';
import { ExperienceApiConfig } from '../../apps/experience-api/src/experience-api.config';
import { type Stack, startStack } from '../support/stack';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const PATIENT_CARD = 'query PatientCard($id: ID!) { patient(id: $id) { id displayName } }';

/**
 * Limits of the graph: cost (page sizes count) with an error naming the limit, the SLA-tier throttle
 * charging that cost, APQ, the allow-list mode for production, and introspection and the sandbox UI
 * off in production.
 */
describe('GraphQL limits', () => {
  let stack: Stack;
  let operator: Record<string, string>;
  const apps: NestFastifyApplication[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'concord-graphql-ops-'));

  /** Another experience-api instance over the same lower layers, with its own settings. */
  async function experienceApi(env: Record<string, string>): Promise<NestFastifyApplication> {
    const app = await createExperienceApi(
      loadConfig(ExperienceApiConfig, {
        ...stack.database.envFor(`experience-api-${apps.length}`),
        PROCESS_API_URL: stack.urls.processApi,
        SYSTEM_API_URL: stack.urls.systemApi,
        ...env,
      }),
      createLogger({ app: 'experience-api', level: 'silent' }),
    );
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    apps.push(app);
    return app;
  }
  const post = (app: NestFastifyApplication, payload: object, headers: Record<string, string> = operator) =>
    app.inject({ method: 'POST', url: '/graphql', headers: { ...headers, 'content-type': 'application/json' }, payload });

  beforeAll(async () => {
    stack = await startStack({
      env: {
        THROTTLE_TIERS: JSON.stringify({ gold: [{ name: 'day', quota: 1000, windowSeconds: 86400 }] }),
        GRAPHQL_COST_PER_RATE_UNIT: '1',
      },
    });
    operator = await stack.auth('ops-console');
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    await stack?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses an operation costing more than GRAPHQL_MAX_COST before anything runs, naming the limit and the cost', async () => {
    const app = await experienceApi({ GRAPHQL_MAX_COST: '100' });
    // 1 (patients) + 1 (nodes) + 50 × (1 + 1 (claims) + 1 (nodes) + 20 × 1 (id)) = 1152
    const costly = await post(app, { query: '{ patients(name: "Quinn", first: 50) { nodes { id claims { nodes { id } } } } }' });
    expect(costly.statusCode).toBe(400);
    expect(costly.json().errors[0]).toMatchObject({
      message: expect.stringContaining('the limit is 100 (GRAPHQL_MAX_COST)'),
      extensions: { code: 'QUERY_TOO_COSTLY', cost: 1152, limit: 100 },
    });
    const cheap = await post(app, { query: '{ patients(name: "Quinn", first: 5) { nodes { id } } }' });
    expect(cheap.json().errors).toBeUndefined();
  });

  it('charges the throttle the operation’s cost, page size included', async () => {
    const portalLike = await stack.auth('ops-supervisor'); // gold: 1000 units a day here, untouched so far
    const query = '{ patients(name: "Quinn", first: 10) { nodes { id mrn } } }'; // 1 + 1 + 10 × 2 = 22
    const response = await fetch(`${stack.urls.experienceApi}/graphql`, {
      method: 'POST',
      headers: { ...portalLike, 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
    });
    expect((await response.json()).errors).toBeUndefined();
    expect(response.headers.get('ratelimit')).toMatch(/^"day";r=978;t=\d+$/);
  });

  it('open mode: automatic persisted queries learn an operation by its hash', async () => {
    const extensions = { persistedQuery: { version: 1, sha256Hash: sha256(PATIENT_CARD) } };
    const unknown = await post(stack.experienceApi, { extensions, variables: { id: 'avery-quinn' } });
    expect(unknown.json().errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    const registered = await post(stack.experienceApi, { query: PATIENT_CARD, extensions, variables: { id: 'avery-quinn' } });
    expect(registered.json().data.patient.id).toBe('avery-quinn');
    const byHash = await post(stack.experienceApi, { extensions, variables: { id: 'avery-quinn' } });
    expect(byHash.json()).toEqual({ data: { patient: { id: 'avery-quinn', displayName: 'Avery Quinn' } } });
  });

  it('production with an allow-list: only registered operations run, in full or by hash; no introspection, no sandbox UI', async () => {
    const manifest = join(dir, 'operations.json');
    writeFileSync(manifest, JSON.stringify({ operations: [{ name: 'PatientCard', query: PATIENT_CARD }] }));
    const app = await experienceApi({ NODE_ENV: 'production', GRAPHQL_OPERATIONS_MODE: 'allow-list', GRAPHQL_OPERATIONS_FILE: manifest });

    const byHash = await post(app, {
      extensions: { persistedQuery: { version: 1, sha256Hash: sha256(PATIENT_CARD) } },
      variables: { id: 'avery-quinn' },
    });
    expect(byHash.json().data.patient.id).toBe('avery-quinn');
    const inFull = await post(app, { query: PATIENT_CARD, variables: { id: 'avery-quinn' } });
    expect(inFull.json().data.patient.id).toBe('avery-quinn');

    const adHoc = await post(app, { query: '{ patient(id: "avery-quinn") { id mrn } }' });
    expect(adHoc.statusCode).toBe(400);
    expect(adHoc.json().errors[0].extensions.code).toBe('OPERATION_NOT_ALLOWED');
    const newHash = await post(app, {
      query: '{ flows { totalCount } }',
      extensions: { persistedQuery: { version: 1, sha256Hash: sha256('{ flows { totalCount } }') } },
    });
    expect(newHash.json().errors[0].extensions.code).toBe('OPERATION_NOT_ALLOWED');

    const introspection = await post(app, { query: '{ __schema { types { name } } }' });
    expect(introspection.json().errors[0].extensions.code).not.toBe(undefined);
    expect(introspection.json().data).toBeUndefined();

    const ui = await app.inject({ method: 'GET', url: '/graphql', headers: { accept: 'text/html' } });
    expect(ui.body).not.toMatch(/graphiql/i);
  });

  it('production without an allow-list still hides the schema: introspection is refused by validation', async () => {
    const app = await experienceApi({ NODE_ENV: 'production' });
    const introspection = await post(app, { query: '{ __schema { queryType { name } } }' });
    expect(introspection.statusCode).toBe(400);
    expect(introspection.json().errors[0].message).toMatch(/introspection is not allowed/i);
  });

  it('development serves introspection and the GraphiQL sandbox', async () => {
    const introspection = await post(stack.experienceApi, { query: '{ __schema { queryType { name } } }' });
    expect(introspection.json()).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
    const ui = await fetch(`${stack.urls.experienceApi}/graphql`, { headers: { accept: 'text/html' } });
    expect(await ui.text()).toMatch(/graphiql/i);
  });
});
