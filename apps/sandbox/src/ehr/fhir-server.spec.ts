import type { ChargeItem, Condition, Coverage, Encounter, Organization, Patient, Procedure } from '@medplum/fhirtypes';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chargeFromFhir,
  coverageFromFhir,
  encounterFromFhir,
  FhirClient,
  FhirConnectorException,
  FhirConnectorExceptionCode as Code,
  procedureFromFhir,
  procedureToFhir,
  ResourceIndex,
} from '@concord/connectors/fhir';
import { CodeSystem } from '@concord/contracts';
import { createLogger } from '@concord/platform';
import { createSandbox, SANDBOX_PATHS } from '../sandbox';

let sandbox: FastifyInstance;
let fhir: FhirClient;
let baseUrl: string;

beforeAll(async () => {
  sandbox = await createSandbox(createLogger({ app: 'sandbox', level: 'silent' }));
  baseUrl = `${await sandbox.listen({ port: 0, host: '127.0.0.1' })}${SANDBOX_PATHS.fhir}`;
  fhir = new FhirClient({ baseUrl, timeoutMs: 5_000 });
});

afterAll(async () => {
  await sandbox?.close();
});

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

describe('the seeded scenarios, read through the FHIR connector', () => {
  it('scenario 1: the stay with its patient, diagnosis and ward in one search, as a canonical encounter', async () => {
    const page = await fhir.searchPage<Encounter>('Encounter', {
      patient: 'avery-quinn',
      _include: ['Encounter:patient', 'Encounter:diagnosis', 'Encounter:location'],
    });
    expect(page.matches.map((e) => e.id)).toStrictEqual(['enc-aq-tka']);
    expect(page.included.map((r) => `${r.resourceType}/${r.id}`).sort()).toStrictEqual([
      'Condition/cond-aq-m1712',
      'Location/cg-4w-412',
      'Patient/avery-quinn',
    ]);
    expect(page.bundle.entry?.[0]?.fullUrl).toBe(`${baseUrl}/Encounter/enc-aq-tka`);
    const encounter = encounterFromFhir(page.matches[0], new ResourceIndex(page.included));
    expect(encounter).toMatchObject({
      id: 'enc-aq-tka',
      visitNumber: 'V-CG-7781',
      patient: { id: 'avery-quinn', mrn: 'CG-100234' },
      status: 'finished',
      class: 'inpatient',
      facilityId: 'concord-general',
      departmentCode: '6100',
      locationId: 'cg-4w-412',
      attendingNpi: '1245319599',
      diagnoses: [
        { id: 'cond-aq-m1712', code: { system: CodeSystem.ICD10_CM, code: 'M17.12' }, role: 'principal', rank: 1, presentOnAdmission: 'Y' },
      ],
    });
  });

  it('scenario 1 in detail: _revinclude brings the procedure with the serial-numbered implant and the five charges (28,650.00)', async () => {
    const page = await fhir.searchPage<Encounter>('Encounter', {
      _id: 'enc-aq-tka',
      _include: 'Encounter:diagnosis',
      _revinclude: ['Procedure:encounter', 'ChargeItem:context'],
    });
    const encounter = encounterFromFhir(page.matches[0], new ResourceIndex(page.included), { withDetails: true });
    expect(encounter.procedures).toHaveLength(1);
    expect(encounter.procedures?.[0]).toMatchObject({
      id: 'proc-aq-tka',
      codes: [
        { system: CodeSystem.CPT, code: '27447' },
        { system: CodeSystem.ICD10_PCS, code: '0SRD0JZ' },
      ],
      performerNpi: '1245319599',
      departmentCode: '6300',
      itemsUsed: [{ itemCode: 'KNEE-TOT-CR', quantity: 1, serialNumber: 'SN-KN-55012', lotNumber: 'LOT-2026-114', gtin: '00812345678906' }],
    });
    const charges = encounter.charges ?? [];
    expect(charges.map((c) => c.chargeCode).sort()).toStrictEqual(['IMP-KNEE', 'LAB-CBC', 'OR-ORTHO-60', 'RB-SEMI', 'RX-GEN']);
    expect(charges.reduce((sum, c) => sum + c.amount!.amount, 0)).toBe(2_865_000);
    const byDepartment = Object.fromEntries(
      ['6200', '6300', '6400', '6500'].map((code) => [
        code,
        charges.filter((c) => c.departmentCode === code).reduce((sum, c) => sum + c.amount!.amount, 0),
      ]),
    );
    expect(byDepartment).toStrictEqual({ '6200': 560_000, '6300': 2_210_000, '6400': 64_000, '6500': 31_000 });
  });

  it('searches Procedure, ChargeItem and Condition by encounter, patient and date', async () => {
    const ids = async (type: 'Procedure' | 'ChargeItem' | 'Condition', parameters: Record<string, string>) =>
      (await fhir.searchPage<Procedure | ChargeItem | Condition>(type, parameters)).matches.map((r) => r.id).sort();
    expect(await ids('Procedure', { encounter: 'enc-aq-tka' })).toStrictEqual(['proc-aq-tka']);
    expect(await ids('Procedure', { patient: 'jordan-rivera' })).toStrictEqual([]);
    expect(await ids('Procedure', { date: 'ge2026-11-02' })).toStrictEqual(['proc-aq-tka']);
    expect(await ids('ChargeItem', { context: 'Encounter/enc-jr-visit' })).toStrictEqual(['chg-jr-ov-est-3']);
    expect(await ids('ChargeItem', { encounter: 'enc-jr-visit' })).toStrictEqual(['chg-jr-ov-est-3']);
    expect(await ids('ChargeItem', { patient: 'avery-quinn', date: '2026-11-03' })).toStrictEqual(['chg-aq-lab-cbc', 'chg-aq-rx-gen']);
    expect(await ids('Condition', { encounter: 'enc-ro-visit' })).toStrictEqual(['cond-ro-j029']);
    expect(await ids('Condition', { patient: 'jordan-rivera', date: 'ge2026-11-09' })).toStrictEqual(['cond-jr-j069']);
  });

  it('includes iteratively: the implant charge, its procedure, and that procedure’s encounter', async () => {
    const page = await fhir.searchPage<ChargeItem>('ChargeItem', {
      _id: 'chg-aq-imp-knee',
      _include: 'ChargeItem:service',
      '_include:iterate': 'Procedure:encounter',
    });
    expect(page.included.map((r) => `${r.resourceType}/${r.id}`)).toStrictEqual(['Procedure/proc-aq-tka', 'Encounter/enc-aq-tka']);
    expect(chargeFromFhir(page.matches[0])).toMatchObject({
      chargeCode: 'IMP-KNEE',
      procedureCode: { code: 'C1776' },
      amount: { amount: 1_260_000 },
    });
  });

  it('scenario 3: the Bayview Medicaid coverage has no member id', async () => {
    const page = await fhir.searchPage<Coverage>('Coverage', { patient: 'riley-okafor', _include: 'Coverage:payor' });
    const coverage = coverageFromFhir(page.matches[0], new ResourceIndex(page.included));
    expect(coverage).toMatchObject({ payerId: 'BMCD1', payerName: 'Bayview Medicaid', relationship: 'self', order: 1 });
    expect(coverage).not.toHaveProperty('memberId');
  });

  it('keeps the seed patients the other suites rely on', async () => {
    for (const id of ['avery-quinn', 'jordan-rivera', 'riley-okafor', 'sam-whitfield', 'morgan-quinn'])
      await expect(fhir.read<Patient>('Patient', id)).resolves.toMatchObject({ id });
    const quinns = await fhir.searchPage<Patient>('Patient', { name: 'quinn' });
    expect(quinns.matches.map((p) => p.id).sort()).toStrictEqual(['avery-quinn', 'morgan-quinn']);
  });

  it('pages through every organization by the next links', async () => {
    const pages: number[] = [];
    for await (const page of fhir.pages<Organization>('Organization', { _count: 5 })) pages.push(page.matches.length);
    expect(pages).toStrictEqual([5, 5, 4]);
    const names: string[] = [];
    for await (const organization of fhir.resources<Organization>('Organization', { _count: 5 })) names.push(organization.name!);
    expect(names).toHaveLength(14);
    expect(names).toContain('Bayview Medicaid');
  });

  it('refuses an unknown search parameter instead of finding nothing', async () => {
    const error = await rejection(fhir.search('Encounter', { pateint: 'avery-quinn' }));
    expect(error.code).toBe(Code.REQUEST_REJECTED);
    expect(error.message).toBe('The EHR rejected the request (400): Unknown search parameter for Encounter: pateint');
  });

  it('refuses an _include over a parameter that is not a reference', async () => {
    const error = await rejection(fhir.search('Encounter', { _include: 'Encounter:date' }));
    expect(error.message).toBe('The EHR rejected the request (400): Encounter:date is not a reference search parameter');
  });
});

describe('writes through the FHIR connector', () => {
  const newProcedure = procedureToFhir({
    id: '',
    patient: { id: 'jordan-rivera' },
    encounterId: 'enc-jr-visit',
    status: 'completed',
    codes: [{ system: CodeSystem.CPT, code: '87880' }],
    performedAt: '2026-11-09T10:15:00Z',
    performerNpi: '1667788990',
    departmentCode: '7100',
    itemsUsed: [{ itemCode: 'SWAB-STREP', quantity: 2, lotNumber: 'L-77' }],
    source: { system: 'ehr', recordId: '' },
  });

  it('creates a procedure, which reads back through the mapping unchanged', async () => {
    const created = await fhir.create(newProcedure);
    expect(created.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.meta?.versionId).toBeTruthy();
    const read = procedureFromFhir(await fhir.read<Procedure>('Procedure', created.id));
    expect(read).toMatchObject({
      id: created.id,
      codes: [{ code: '87880' }],
      itemsUsed: [{ itemCode: 'SWAB-STREP', quantity: 2, lotNumber: 'L-77' }],
    });
  });

  it('updates with If-Match, and refuses a stale version with VERSION_CONFLICT', async () => {
    const created = await fhir.create(newProcedure);
    const first = created.meta!.versionId!;
    const updated = await fhir.update({ ...created, status: 'entered-in-error' }, { ifMatch: first });
    expect(updated.meta?.versionId).not.toBe(first);
    expect(updated.status).toBe('entered-in-error');
    const error = await rejection(fhir.update({ ...created, status: 'completed' }, { ifMatch: first }));
    expect(error.code).toBe(Code.VERSION_CONFLICT);
    expect(error.httpStatus).toBe(412);
  });

  it('a conditional create finds the resource the first one made', async () => {
    const withIdentifier = { ...newProcedure, identifier: [{ system: 'urn:concord:test:procedure', value: 'once-42' }] };
    const first = await fhir.create(withIdentifier, { ifNoneExist: 'identifier=urn:concord:test:procedure|once-42' });
    const second = await fhir.create(withIdentifier, { ifNoneExist: 'identifier=urn:concord:test:procedure|once-42' });
    expect(second.id).toBe(first.id);
  });

  it('refuses a resource that is not valid R4 and stores nothing', async () => {
    const before = (await fhir.searchPage('Procedure', { patient: 'jordan-rivera' })).matches.length;
    const error = await rejection(fhir.create({ ...newProcedure, surgeon: 'Dr Park' } as unknown as Procedure));
    expect(error.code).toBe(Code.REQUEST_REJECTED);
    expect(error.httpStatus).toBe(400);
    expect((await fhir.searchPage('Procedure', { patient: 'jordan-rivera' })).matches.length).toBe(before);
  });
});
