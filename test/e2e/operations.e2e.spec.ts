import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, loadConfig } from '@concord/platform';
import { createProcessApi } from '../../apps/process-api/src/process-api.app';
import { ProcessApiConfig } from '../../apps/process-api/src/process-api.config';
import { SEED_PATIENTS } from '../../apps/sandbox/src/ehr/seed-patients';
import { graphql, type Stack, startStack } from '../support/stack';

const PORTAL = 'https://portal.concord.example';

describe('operations: health, metrics, docs, transport hygiene, audit and PHI-free logs', () => {
  let stack: Stack;
  let operator: Record<string, string>;
  let layers: { name: string; url: string }[];

  beforeAll(async () => {
    stack = await startStack({ env: { CORS_ORIGINS: PORTAL } });
    operator = await stack.auth('ops-console');
    layers = [
      { name: 'system-api', url: stack.urls.systemApi },
      { name: 'process-api', url: stack.urls.processApi },
      { name: 'experience-api', url: stack.urls.experienceApi },
    ];
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('every layer is live and ready, checking its database and the layer below', async () => {
    // experience-api reads both layers below it (flows from process-api, billing, supply and staff from system-api).
    const below: Record<string, string[]> = {
      'system-api': ['ehr-fhir'],
      'process-api': ['system-api'],
      'experience-api': ['process-api', 'system-api'],
    };
    for (const layer of layers) {
      expect((await fetch(`${layer.url}/health/live`)).status).toBe(200);
      const ready = await fetch(`${layer.url}/health/ready`);
      expect(ready.status).toBe(200);
      const report = await ready.json();
      expect(report).toMatchObject({ status: 'up', app: layer.name });
      expect(report.checks.map((c: { name: string; status: string }) => [c.name, c.status])).toEqual([
        ['database', 'up'],
        ...below[layer.name].map((dependency) => [dependency, 'up']),
      ]);
    }
  });

  it('readiness turns 503 and names the dependency when the layer below is down', async () => {
    const orphan = await createProcessApi(
      loadConfig(ProcessApiConfig, { ...stack.database.envFor('process-api-orphan'), SYSTEM_API_URL: 'http://127.0.0.1:9' }),
      createLogger({ app: 'process-api', level: 'silent' }),
    );
    try {
      const response = await orphan.inject({ method: 'GET', url: '/health/ready' });
      expect(response.statusCode).toBe(503);
      expect(response.json().checks).toContainEqual(expect.objectContaining({ name: 'system-api', status: 'down' }));
      expect((await orphan.inject({ method: 'GET', url: '/health/live' })).statusCode).toBe(200);
    } finally {
      await orphan.close();
    }
  });

  it('serves Prometheus metrics labelled by route template, never by raw URL', async () => {
    await fetch(`${stack.urls.systemApi}/ehr/v1/patients/avery-quinn`, { headers: operator });
    const metrics = await (await fetch(`${stack.urls.systemApi}/metrics`)).text();
    expect(metrics).toContain(
      'http_server_request_duration_seconds_count{app="system-api",method="GET",route="/ehr/v1/patients/:id",status_code="200"}',
    );
    expect(metrics).toContain('process_cpu_user_seconds_total');
    expect(metrics).not.toContain('avery-quinn');
  });

  it('publishes Swagger UI and the OpenAPI document of each REST layer', async () => {
    for (const layer of layers.slice(0, 2)) {
      const document = await (await fetch(`${layer.url}/docs/openapi.json`)).json();
      expect(document.openapi).toBe('3.1.0');
      const ui = await fetch(`${layer.url}/docs`);
      expect(ui.status).toBe(200);
      expect(await ui.text()).toContain('swagger-ui');
    }
    const system = await (await fetch(`${stack.urls.systemApi}/docs/openapi.json`)).json();
    expect(Object.keys(system.paths)).toEqual(expect.arrayContaining(['/ehr/v1/patients/{id}', '/ehr/v1/patients']));
  });

  it('sets helmet headers and honours the CORS allow-list', async () => {
    const allowed = await fetch(`${stack.urls.systemApi}/health/live`, { headers: { origin: PORTAL } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe(PORTAL);
    expect(allowed.headers.get('x-content-type-options')).toBe('nosniff');
    expect(allowed.headers.get('strict-transport-security')).toContain('max-age=');
    expect(allowed.headers.get('x-frame-options')).toBe('SAMEORIGIN');

    const stranger = await fetch(`${stack.urls.systemApi}/health/live`, { headers: { origin: 'https://evil.example' } });
    expect(stranger.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('generates an X-Request-Id when absent and echoes a valid one', async () => {
    const generated = await fetch(`${stack.urls.processApi}/health/live`);
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const echoed = await fetch(`${stack.urls.processApi}/health/live`, { headers: { 'x-request-id': 'partner-req-42' } });
    expect(echoed.headers.get('x-request-id')).toBe('partner-req-42');
  });

  it('audits failed PHI reads too, and keeps PHI (names, MRNs, birth dates, phones) out of every log line', async () => {
    const requestId = `audit-${Date.now()}`;
    const missing = await fetch(`${stack.urls.systemApi}/ehr/v1/patients/ghost`, { headers: { ...operator, 'x-request-id': requestId } });
    expect(missing.status).toBe(404);
    const audit = await stack.systemApi
      .get(DataSource)
      .query(
        'SELECT outcome, entity_id FROM audit_event WHERE request_id = $1'.replace('$1', stack.database.profile === 'scale' ? '$1' : '?'),
        [requestId],
      );
    expect(audit).toEqual([{ outcome: '4', entity_id: 'ghost' }]);

    await fetch(`${stack.urls.systemApi}/ehr/v1/patients?name=Quinn&birthdate=1957-03-14`, { headers: operator });
    // Every seeded patient travels through all three layers (and one through a failing search) ...
    for (const patient of SEED_PATIENTS) {
      const { body } = await graphql(
        stack.urls.experienceApi,
        `{ patient(id: "${patient.id}") { displayName mrn phone email birthDate identifiers { value } } }`,
        undefined,
        operator,
      );
      expect(body.data?.patient).toBeTruthy();
    }
    await fetch(`${stack.urls.systemApi}/ehr/v1/patients?name=Rivera&birthdate=1988-13-02`, { headers: operator });
    expect(stack.logs.lines.length).toBeGreaterThan(5);
    // ... and no log line of any layer or the sandbox carries their names, identifiers, birth dates or contacts.
    const phi = SEED_PATIENTS.flatMap((p) => [
      ...(p.name ?? []).flatMap((n) => [n.family, ...(n.given ?? [])]),
      ...(p.identifier ?? []).map((i) => i.value),
      p.birthDate,
      ...(p.telecom ?? []).map((t) => t.value),
      ...(p.address ?? []).flatMap((a) => a.line ?? []),
    ]).filter((value): value is string => typeof value === 'string' && value.length > 2);
    expect(phi.length).toBeGreaterThan(20);
    for (const value of phi) expect(stack.logs.text, value).not.toContain(value);
    expect(stack.logs.entries().some((entry) => entry.route === '/ehr/v1/patients' && entry.msg === 'request completed')).toBe(true);
  });

  it('each app’s migrations produce exactly the schema its entities describe', async () => {
    for (const app of [stack.systemApi, stack.processApi, stack.experienceApi]) {
      const dataSource = app.get(DataSource);
      const pending = await dataSource.driver.createSchemaBuilder().log();
      expect(pending.upQueries.map((q) => q.query)).toEqual([]);
      expect(await dataSource.showMigrations()).toBe(false);
    }
  });
});
