import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEventEntity } from '@concord/platform';
import { graphql, type Stack, startStack } from '../support/stack';

describe('vertical slice: sandbox EHR → system-api → process-api → experience-api', () => {
  let stack: Stack;
  let operator: Record<string, string>;

  beforeAll(async () => {
    stack = await startStack();
    operator = await stack.auth('ops-console');
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('system-api reads a FHIR patient from the EHR as a canonical Patient', async () => {
    const response = await fetch(`${stack.urls.systemApi}/ehr/v1/patients/avery-quinn`, { headers: operator });
    expect(response.status).toBe(200);
    const patient = await response.json();
    expect(patient).toMatchObject({
      id: 'avery-quinn',
      mrn: 'CG-100234',
      name: { family: 'Quinn', given: ['Avery'] },
      gender: 'female',
      birthDate: '1957-03-14',
      deceased: false,
      source: { system: 'ehr', recordId: 'avery-quinn' },
    });
    expect(patient.identifiers).toContainEqual({ system: 'http://hl7.org/fhir/sid/us-mbi', value: '1EG4TE5MK73', type: 'MB' });
  });

  it('system-api searches patients by name, birth date and identifier', async () => {
    const byName = await (await fetch(`${stack.urls.systemApi}/ehr/v1/patients?name=quinn`, { headers: operator })).json();
    expect(byName.items.map((p: { id: string }) => p.id).sort()).toEqual(['avery-quinn', 'morgan-quinn']);

    const byBirthDate = await (await fetch(`${stack.urls.systemApi}/ehr/v1/patients?birthdate=1988-11-02`, { headers: operator })).json();
    expect(byBirthDate.items.map((p: { id: string }) => p.id)).toEqual(['jordan-rivera']);

    const identifier = encodeURIComponent('urn:concord:health:mrn|CG-100377');
    const byIdentifier = await (
      await fetch(`${stack.urls.systemApi}/ehr/v1/patients?identifier=${identifier}`, { headers: operator })
    ).json();
    expect(byIdentifier.items.map((p: { mrn: string }) => p.mrn)).toEqual(['CG-100377']);
  });

  it('system-api pages a search with an opaque cursor', async () => {
    const first = await (await fetch(`${stack.urls.systemApi}/ehr/v1/patients?name=quinn&limit=1`, { headers: operator })).json();
    expect(first.items).toHaveLength(1);
    expect(first.total).toBe(2);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await (await fetch(`${stack.urls.systemApi}/ehr/v1/patients?cursor=${first.nextCursor}`, { headers: operator })).json();
    expect(second.items).toHaveLength(1);
    expect(second.items[0].id).not.toBe(first.items[0].id);
    expect(second.nextCursor).toBeUndefined();
  });

  it('process-api composes a patient summary through the generated system-api client', async () => {
    const response = await fetch(`${stack.urls.processApi}/v1/patients/avery-quinn/summary`, { headers: operator });
    expect(response.status).toBe(200);
    const summary = await response.json();
    expect(summary).toMatchObject({
      id: 'avery-quinn',
      mrn: 'CG-100234',
      displayName: 'Avery Quinn',
      familyName: 'Quinn',
      givenNames: ['Avery'],
      gender: 'female',
      birthDate: '1957-03-14',
      phone: '+1-555-0142',
      possibleDuplicates: [],
    });
    expect(summary.ageYears).toBeGreaterThanOrEqual(69);
    expect(summary.sources).toEqual([expect.objectContaining({ system: 'ehr', recordId: 'avery-quinn' })]);
  });

  it('experience-api answers query { patient(id) } through process-api', async () => {
    const { status, body } = await graphql(
      stack.urls.experienceApi,
      'query($id: ID!) { patient(id: $id) { id mrn displayName gender birthDate identifiers { system value type } possibleDuplicates { id } } }',
      { id: 'jordan-rivera' },
      operator,
    );
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual({
      patient: {
        id: 'jordan-rivera',
        mrn: 'CR-200871',
        displayName: 'Jordan Rivera',
        gender: 'MALE',
        birthDate: '1988-11-02',
        identifiers: [{ system: 'urn:concord:health:mrn', value: 'CR-200871', type: 'MR' }],
        possibleDuplicates: [],
      },
    });
  });

  it('carries one X-Request-Id and trace id from experience-api down to system-api, and audits each layer', async () => {
    const requestId = `e2e-${Date.now()}`;
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const { body } = await graphql(stack.urls.experienceApi, '{ patient(id: "riley-okafor") { id } }', undefined, {
      ...operator,
      'x-request-id': requestId,
      traceparent: `00-${traceId}-00f067aa0ba902b7-01`,
    });
    expect(body.data).toEqual({ patient: { id: 'riley-okafor' } });

    for (const app of [stack.experienceApi, stack.processApi, stack.systemApi]) {
      const audit = await app.get(DataSource).getRepository(AuditEventEntity).findBy({ requestId });
      expect(audit).toContainEqual(
        expect.objectContaining({ entityType: 'Patient', entityId: 'riley-okafor', action: 'R', outcome: '0', traceId }),
      );
    }
    // The summary's namesake search is a PHI query of its own: audited with parameter names, never values.
    const searches = await stack.systemApi.get(DataSource).getRepository(AuditEventEntity).findBy({ requestId, subtype: 'search' });
    expect(searches).toEqual([expect.objectContaining({ action: 'E', queryParameters: 'birthdate,limit,name', entityId: null })]);
  });
});
