import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql, type Stack, startStack } from '../support/stack';

describe('PHI masking for callers without the PHI scope', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('masks demographics for a partner without phi/Patient.r, keeping the shape and the non-PHI fields', async () => {
    const partner = await stack.auth('partner-acme');
    const response = await fetch(`${stack.urls.systemApi}/ehr/v1/patients/avery-quinn`, { headers: partner });
    expect(response.status).toBe(200);
    expect(response.headers.get('phi-masked')).toBe('true');
    const patient = await response.json();
    expect(patient).toMatchObject({
      id: 'avery-quinn',
      gender: 'female',
      deceased: false,
      mrn: '****',
      birthDate: '****-**-**',
      name: { family: '****', given: ['****'], text: '****' },
      telecom: [{ system: '****', value: '****', use: '****' }],
    });
    expect(JSON.stringify(patient)).not.toMatch(/Quinn|Avery|CG-100234|1957|555-0142|Harbour/);

    const v2 = await (await fetch(`${stack.urls.systemApi}/ehr/v2/patients/avery-quinn`, { headers: partner })).json();
    expect(v2.names[0].family).toBe('****');
    expect(v2.contact.phones).toEqual(['****']);

    const search = await (await fetch(`${stack.urls.systemApi}/ehr/v1/patients?name=quinn`, { headers: partner })).json();
    expect(search.items.length).toBe(2);
    expect(search.items.every((p: { name: { family: string } }) => p.name.family === '****')).toBe(true);
  });

  it('shows demographics in clear to a caller with phi/Patient.r', async () => {
    const operator = await stack.auth('ops-console');
    const response = await fetch(`${stack.urls.systemApi}/ehr/v1/patients/avery-quinn`, { headers: operator });
    expect(response.headers.get('phi-masked')).toBeNull();
    expect(await response.json()).toMatchObject({ mrn: 'CG-100234', birthDate: '1957-03-14', name: { family: 'Quinn' } });
  });

  it('stays masked through process-api and GraphQL, which see the caller’s scopes through token exchange', async () => {
    const partner = await stack.auth('partner-acme');
    const summary = await fetch(`${stack.urls.processApi}/v1/patients/avery-quinn/summary`, { headers: partner });
    expect(summary.status).toBe(200);
    const body = await summary.json();
    expect(body).toMatchObject({ displayName: '****', birthDate: '****-**-**', possibleDuplicates: [] });
    expect(body.ageYears).toBeUndefined();
    const gql = await graphql(
      stack.urls.experienceApi,
      '{ patient(id: "avery-quinn") { displayName mrn birthDate ageYears } }',
      undefined,
      partner,
    );
    expect(gql.body.data).toEqual({ patient: { displayName: '****', mrn: '****', birthDate: '****-**-**', ageYears: null } });
  });
});
