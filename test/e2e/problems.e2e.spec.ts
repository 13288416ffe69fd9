import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, loadConfig } from '@concord/platform';
import { createExperienceApi } from '../../apps/experience-api/src/experience-api.app';
import { ExperienceApiConfig } from '../../apps/experience-api/src/experience-api.config';
import { createSystemApi } from '../../apps/system-api/src/system-api.app';
import { SystemApiConfig } from '../../apps/system-api/src/system-api.config';
import { graphql, type Stack, startStack } from '../support/stack';

const PROBLEM = 'application/problem+json';

async function problemOf(response: Response) {
  expect(response.headers.get('content-type')).toContain(PROBLEM);
  return response.json();
}

describe('bad requests get specific problem+json answers, never a 500', () => {
  let stack: Stack;
  let operator: Record<string, string>;

  beforeAll(async () => {
    stack = await startStack();
    operator = await stack.auth('ops-console');
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('an unknown patient is a 404 PATIENT_NOT_FOUND at system-api and at process-api', async () => {
    const system = await fetch(`${stack.urls.systemApi}/ehr/v1/patients/nobody-here`, { headers: operator });
    expect(system.status).toBe(404);
    expect(await problemOf(system)).toMatchObject({
      type: 'https://concord.health/problems/patient-not-found',
      title: 'Patient not found',
      status: 404,
      code: 'PATIENT_NOT_FOUND',
      instance: '/ehr/v1/patients/nobody-here',
      requestId: system.headers.get('x-request-id'),
    });

    const process = await fetch(`${stack.urls.processApi}/v1/patients/nobody-here/summary`, { headers: operator });
    expect(process.status).toBe(404);
    expect(await problemOf(process)).toMatchObject({ status: 404, code: 'PATIENT_NOT_FOUND' });
  });

  it('a malformed id is a 400 naming the path parameter', async () => {
    for (const url of [
      `${stack.urls.systemApi}/ehr/v1/patients/not%20valid`,
      `${stack.urls.processApi}/v1/patients/${'x'.repeat(65)}/summary`,
    ]) {
      const response = await fetch(url, { headers: operator });
      expect(response.status).toBe(400);
      expect(await problemOf(response)).toMatchObject({
        code: 'VALIDATION_FAILED',
        errors: [expect.objectContaining({ in: 'path', name: 'id' })],
      });
    }
  });

  it('bad query parameters are a 400 listing every invalid field', async () => {
    const response = await fetch(`${stack.urls.systemApi}/ehr/v1/patients?birthdate=1957-02-30&limit=500&color=blue`, {
      headers: operator,
    });
    expect(response.status).toBe(400);
    const problem = await problemOf(response);
    expect(problem.code).toBe('VALIDATION_FAILED');
    expect(problem.errors.map((e: { name: string }) => e.name).sort()).toEqual(['birthdate', 'color', 'limit']);
    expect(problem.errors.every((e: { in: string }) => e.in === 'query')).toBe(true);
  });

  it('a search without criteria is refused rather than dumping every patient', async () => {
    const response = await fetch(`${stack.urls.systemApi}/ehr/v1/patients`, { headers: operator });
    expect(response.status).toBe(400);
    expect(await problemOf(response)).toMatchObject({ code: 'SEARCH_CRITERIA_REQUIRED' });
  });

  it('a forged cursor is refused, so the API cannot be used to fetch arbitrary URLs', async () => {
    const forged = Buffer.from('http://169.254.169.254/latest/meta-data', 'utf8').toString('base64url');
    const response = await fetch(`${stack.urls.systemApi}/ehr/v1/patients?cursor=${forged}`, { headers: operator });
    expect(response.status).toBe(400);
    expect(await problemOf(response)).toMatchObject({ code: 'INVALID_CURSOR', errors: [expect.objectContaining({ name: 'cursor' })] });
  });

  it('unknown routes, malformed JSON and oversized bodies get their own codes', async () => {
    const unknown = await fetch(`${stack.urls.processApi}/v1/nothing-here`, { headers: operator });
    expect(unknown.status).toBe(404);
    expect(await problemOf(unknown)).toMatchObject({ code: 'ROUTE_NOT_FOUND' });

    const malformed = await fetch(`${stack.urls.systemApi}/ehr/v1/patients`, {
      method: 'POST',
      headers: { ...operator, 'content-type': 'application/json' },
      body: '{"name": ',
    });
    expect(malformed.status).toBe(400);
    expect(await problemOf(malformed)).toMatchObject({ code: 'MALFORMED_BODY' });

    const oversized = await fetch(`${stack.urls.systemApi}/ehr/v1/patients`, {
      method: 'POST',
      headers: { ...operator, 'content-type': 'application/json' },
      body: JSON.stringify({ blob: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expect(oversized.status).toBe(413);
    expect(await problemOf(oversized)).toMatchObject({ code: 'BODY_TOO_LARGE' });
  });

  it('GraphQL: an unknown patient is null with a NOT_FOUND-category error carrying the code', async () => {
    const { status, body } = await graphql(stack.urls.experienceApi, '{ patient(id: "nobody-here") { id } }', undefined, operator);
    expect(status).toBe(200);
    expect(body.data).toEqual({ patient: null });
    expect(body.errors?.[0]?.extensions).toMatchObject({
      code: 'NOT_FOUND',
      reason: 'PATIENT_NOT_FOUND',
      category: 'not-found',
      status: 404,
    });
  });

  it('GraphQL: an invalid id argument is a VALIDATION_FAILED error naming the argument', async () => {
    const { body } = await graphql(stack.urls.experienceApi, '{ patient(id: "bad id!") { id } }', undefined, operator);
    expect(body.data).toEqual({ patient: null });
    expect(body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'VALIDATION_FAILED',
      errors: [expect.objectContaining({ in: 'argument', name: 'id' })],
    });
  });

  it('GraphQL: syntax errors, unknown fields and over-deep queries are rejected before anything runs', async () => {
    const syntax = await graphql(stack.urls.experienceApi, '{ patient(id: "avery-quinn") { id ', undefined, operator);
    expect(syntax.status).toBe(400);
    expect(syntax.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');

    const unknownField = await graphql(stack.urls.experienceApi, '{ patient(id: "avery-quinn") { ssn } }', undefined, operator);
    expect(unknownField.status).toBe(400);
    expect(unknownField.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('GraphQL: queries nested deeper than GRAPHQL_MAX_DEPTH are refused', async () => {
    const shallow = await createExperienceApi(
      loadConfig(ExperienceApiConfig, {
        ...stack.database.envFor('experience-api-depth'),
        PROCESS_API_URL: stack.urls.processApi,
        SYSTEM_API_URL: stack.urls.systemApi,
        GRAPHQL_MAX_DEPTH: '2',
      }),
      createLogger({ app: 'experience-api', level: 'silent' }),
    );
    try {
      const query = (selection: string) =>
        shallow.inject({
          method: 'POST',
          url: '/graphql',
          headers: operator,
          payload: { query: `{ patient(id: "avery-quinn") { ${selection} } }` },
        });
      const deep = await query('possibleDuplicates { id }');
      expect(deep.statusCode).toBe(400);
      // Apollo reports every validation-rule failure as GRAPHQL_VALIDATION_FAILED; the message says which rule.
      expect(deep.json().errors[0]).toMatchObject({
        message: 'Query is nested 3 levels deep; the limit is 2',
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
      });
      const allowed = await query('id');
      expect(allowed.json()).toEqual({ data: { patient: { id: 'avery-quinn' } } });
    } finally {
      await shallow.close();
    }
  });

  it('a malformed GraphQL request body is a 400, not a crash', async () => {
    const response = await fetch(`${stack.urls.experienceApi}/graphql`, {
      method: 'POST',
      headers: { ...operator, 'content-type': 'application/json' },
      body: '{"query": ',
    });
    expect(response.status).toBe(400);
  });

  it('when the EHR is down, system-api answers 503 EHR_UNAVAILABLE with Retry-After', async () => {
    const isolated = await createSystemApi(
      loadConfig(SystemApiConfig, {
        ...stack.database.envFor('system-api-ehr-down'),
        EHR_FHIR_BASE_URL: 'http://127.0.0.1:9/fhir',
        DOWNSTREAM_TIMEOUT_MS: '1000',
      }),
      createLogger({ app: 'system-api', level: 'silent' }),
    );
    try {
      // This system-api is its own authorization server, with its own keys: ask it for the token.
      const token = await isolated.inject({
        method: 'POST',
        url: '/oauth2/token',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'grant_type=client_credentials&client_id=ops-console&client_secret=operator-demo-secret',
      });
      const response = await isolated.inject({
        method: 'GET',
        url: '/ehr/v1/patients/avery-quinn',
        headers: { authorization: `Bearer ${token.json().access_token}` },
      });
      expect(response.statusCode).toBe(503);
      expect(response.json()).toMatchObject({ code: 'EHR_UNAVAILABLE' });
      expect(response.headers['retry-after']).toBeDefined();
    } finally {
      await isolated.close();
    }
  });

  it('a JSON body nested deeper than JSON_MAX_DEPTH is refused before anything walks it', async () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 40; i += 1) deep = { next: deep };
    const response = await fetch(`${stack.urls.systemApi}/admin/v1/clients`, {
      method: 'POST',
      headers: { ...operator, 'content-type': 'application/json', 'idempotency-key': 'deep-json' },
      body: JSON.stringify({ clientId: 'deep', name: 'Deep', scopes: ['system/Patient.rs'], tier: 'silver', extra: deep }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'MALFORMED_BODY', detail: 'JSON body is nested deeper than 32 levels' });
  });
});
