import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from '../support/stack';

describe('URI versioning and deprecation', () => {
  let stack: Stack;
  let operator: Record<string, string>;

  beforeAll(async () => {
    stack = await startStack();
    operator = await stack.auth('ops-console');
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('serves Patient v2 beside v1, with its changed shape', async () => {
    const v2 = await fetch(`${stack.urls.systemApi}/ehr/v2/patients/jordan-rivera`, { headers: operator });
    expect(v2.status).toBe(200);
    expect(v2.headers.get('deprecation')).toBeNull();
    expect(await v2.json()).toMatchObject({
      id: 'jordan-rivera',
      names: [{ use: 'official', family: 'Rivera', given: ['Jordan'], text: 'Jordan Rivera' }],
      contact: { phones: ['+1-555-0187'], emails: ['jordan.rivera@example.org'] },
    });
  });

  it('answers the deprecated v1 read with Deprecation, Sunset and a Link to its successor, even on errors', async () => {
    for (const [id, status] of [
      ['jordan-rivera', 200],
      ['nobody-here', 404],
    ] as const) {
      const v1 = await fetch(`${stack.urls.systemApi}/ehr/v1/patients/${id}`, { headers: operator });
      expect(v1.status).toBe(status);
      expect(v1.headers.get('deprecation')).toBe(`@${Date.UTC(2026, 10, 24) / 1000}`);
      expect(v1.headers.get('sunset')).toBe('Wed, 30 Jun 2027 00:00:00 GMT');
      expect(v1.headers.get('link')).toBe(`</ehr/v2/patients/${id}>; rel="successor-version"`);
    }
    const search = await fetch(`${stack.urls.systemApi}/ehr/v1/patients?name=rivera`, { headers: operator });
    expect(search.headers.get('deprecation')).toBeNull();
  });

  it('documents both versions and marks v1 deprecated in the OpenAPI document', async () => {
    const document = await (await fetch(`${stack.urls.systemApi}/docs/openapi.json`)).json();
    expect(document.paths['/ehr/v1/patients/{id}'].get).toMatchObject({
      deprecated: true,
      'x-sunset': '2027-06-30',
      'x-successor': '/ehr/v2/patients/{id}',
    });
    expect(document.paths['/ehr/v2/patients/{id}'].get.operationId).toBe('getPatientV2');
    expect(document.paths['/ehr/v2/patients/{id}'].get.deprecated).toBeUndefined();
  });

  it('lists versions and their status on every app at GET /versions, without a token', async () => {
    const system = await (await fetch(`${stack.urls.systemApi}/versions`)).json();
    expect(system).toEqual(
      expect.arrayContaining([
        { api: 'ehr/patients', version: 'v1', status: 'deprecated', basePath: '/ehr/v1/patients', sunset: '2027-06-30', successor: 'v2' },
        { api: 'ehr/patients', version: 'v2', status: 'current', basePath: '/ehr/v2/patients' },
      ]),
    );
    for (const url of [stack.urls.processApi, stack.urls.experienceApi]) {
      const versions = await (await fetch(`${url}/versions`)).json();
      expect(versions.length).toBeGreaterThan(0);
      expect(versions.every((v: { status: string }) => ['current', 'supported', 'deprecated'].includes(v.status))).toBe(true);
    }
  });
});
