import type { Coverage, Organization } from '@medplum/fhirtypes';
import { beforeAll, describe, expect, it } from 'vitest';
import { type CoverageDto, SUBSCRIBER_RELATIONSHIPS } from '@concord/contracts';
import { coverageFromFhir, coverageToFhir } from './coverage.mapping';
import { FhirMappingException, FhirMappingExceptionCode as Code } from './fhir-mapping.exception';
import { ResourceIndex } from './fhir-reference';
import { ConcordFhirSystem, FhirTerminology } from './fhir-systems';
import { indexR4Definitions, r4StructureErrors } from './r4-definitions';

beforeAll(() => indexR4Definitions());

const averyMedicare: CoverageDto = {
  id: 'cov-aq-medicare-a',
  patient: { id: 'avery-quinn' },
  payerId: 'MCRA1',
  payerName: 'Medicare Part A',
  memberId: '1EG4TE5MK73',
  relationship: 'self',
  order: 1,
  period: { start: '2022-03-01' },
  source: { system: 'ehr', recordId: 'cov-aq-medicare-a' },
};

function mappingError(map: () => unknown): FhirMappingException {
  try {
    map();
  } catch (error) {
    expect(error).toBeInstanceOf(FhirMappingException);
    return error as FhirMappingException;
  }
  throw new Error('expected a FhirMappingException');
}

describe('coverageToFhir', () => {
  it('writes the payer as a logical reference by payer id and the member id as subscriberId', () => {
    expect(coverageToFhir(averyMedicare)).toStrictEqual({
      resourceType: 'Coverage',
      id: 'cov-aq-medicare-a',
      status: 'active',
      subscriberId: '1EG4TE5MK73',
      beneficiary: { reference: 'Patient/avery-quinn' },
      relationship: { coding: [{ system: FhirTerminology.SUBSCRIBER_RELATIONSHIP, code: 'self' }] },
      period: { start: '2022-03-01' },
      payor: [{ type: 'Organization', identifier: { system: ConcordFhirSystem.PAYER_ID, value: 'MCRA1' }, display: 'Medicare Part A' }],
      order: 1,
    });
  });

  it.each([
    { name: 'Avery Quinn’s Medicare Part A', coverage: averyMedicare },
    {
      name: 'Jordan Rivera’s Keystone plan with a group number',
      coverage: {
        ...averyMedicare,
        id: 'cov-jr',
        patient: { id: 'jordan-rivera' },
        payerId: 'KHP01',
        payerName: 'Keystone Health Plan',
        memberId: 'KHP-44718-01',
        groupNumber: 'KHP-GOLD-2026',
        source: { system: 'ehr' as const, recordId: 'cov-jr' },
      },
    },
    {
      name: 'a Bayview Medicaid coverage without member id (scenario 3)',
      coverage: {
        id: 'cov-ro',
        patient: { id: 'riley-okafor' },
        payerId: 'BMCD1',
        relationship: 'self' as const,
        order: 1,
        source: { system: 'ehr' as const, recordId: 'cov-ro' },
      },
    },
    ...SUBSCRIBER_RELATIONSHIPS.map((relationship) => ({
      name: `relationship ${relationship}`,
      coverage: { ...averyMedicare, relationship },
    })),
    { name: 'a secondary coverage', coverage: { ...averyMedicare, order: 2, period: { start: '2022-03-01', end: '2026-12-31' } } },
  ])('$name: valid R4, and reads back unchanged', ({ coverage }) => {
    const fhir = coverageToFhir(coverage);
    expect(r4StructureErrors(fhir)).toStrictEqual([]);
    expect(coverageFromFhir(fhir)).toStrictEqual(coverage);
  });

  it('refuses an order of 0', () => {
    expect(mappingError(() => coverageToFhir({ ...averyMedicare, order: 0 })).message).toBe(
      'CoverageDto.order: must be a whole number from 1',
    );
  });
});

describe('coverageFromFhir', () => {
  const base: Coverage = {
    resourceType: 'Coverage',
    id: 'cov',
    status: 'active',
    beneficiary: { reference: 'Patient/jordan-rivera' },
    payor: [{ reference: 'Organization/payer-khp01' }],
  };
  const keystone: Organization = {
    resourceType: 'Organization',
    id: 'payer-khp01',
    identifier: [{ system: ConcordFhirSystem.PAYER_ID, value: 'KHP01' }],
    name: 'Keystone Health Plan',
  };
  const baseCanonical: CoverageDto = {
    id: 'cov',
    patient: { id: 'jordan-rivera' },
    payerId: 'KHP01',
    payerName: 'Keystone Health Plan',
    relationship: 'self',
    order: 1,
    source: { system: 'ehr', recordId: 'cov' },
  };

  it.each<{ name: string; fhir: Partial<Coverage>; expected: Partial<CoverageDto> }>([
    { name: 'the payer id and name from the payor Organization; order 1 and self by default', fhir: {}, expected: {} },
    {
      name: 'a relationship coded without system',
      fhir: { relationship: { coding: [{ code: 'spouse' }] } },
      expected: { relationship: 'spouse' },
    },
    ...(
      [
        ['common', 'spouse'],
        ['parent', 'other'],
        ['injured', 'other'],
        ['child', 'child'],
      ] as const
    ).map(([code, relationship]) => ({
      name: `relationship ${code} is ${relationship}`,
      fhir: { relationship: { coding: [{ system: FhirTerminology.SUBSCRIBER_RELATIONSHIP, code }] } },
      expected: { relationship },
    })),
    { name: 'the subscriber being the beneficiary is self', fhir: { subscriber: { reference: 'Patient/jordan-rivera' } }, expected: {} },
    {
      name: 'a member id from an identifier typed MB',
      fhir: {
        identifier: [
          { type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'MB' }] }, value: 'KHP-44718-01' },
        ],
      },
      expected: { memberId: 'KHP-44718-01' },
    },
    {
      name: 'the group from the coverage classes',
      fhir: {
        class: [
          { type: { coding: [{ system: FhirTerminology.COVERAGE_CLASS, code: 'plan' }] }, value: 'GOLD' },
          { type: { coding: [{ system: FhirTerminology.COVERAGE_CLASS, code: 'group' }] }, value: 'KHP-G1' },
        ],
      },
      expected: { groupNumber: 'KHP-G1' },
    },
    {
      name: 'the payor display wins over the Organization name',
      fhir: { payor: [{ reference: 'Organization/payer-khp01', display: 'Keystone' }] },
      expected: { payerName: 'Keystone' },
    },
  ])('$name', ({ fhir, expected }) => {
    expect(coverageFromFhir({ ...base, ...fhir }, new ResourceIndex([keystone]))).toStrictEqual({ ...baseCanonical, ...expected });
  });

  it('reads a payer id from a payer-id system the EHR uses', () => {
    const fhir: Coverage = { ...base, payor: [{ identifier: { system: 'urn:ehr:payers', value: 'KHP01' } }] };
    expect(coverageFromFhir(fhir, undefined, { payerIdSystem: 'urn:ehr:payers' }).payerId).toBe('KHP01');
  });

  it.each<{ name: string; fhir: Partial<Coverage>; code: Code; message: string }>([
    {
      name: 'a cancelled coverage',
      fhir: { status: 'cancelled' },
      code: Code.UNSUPPORTED_RECORD,
      message: 'Coverage.status: a cancelled coverage cannot be billed',
    },
    {
      name: 'self-pay',
      fhir: { payor: [{ reference: 'Patient/jordan-rivera' }] },
      code: Code.UNSUPPORTED_RECORD,
      message: 'Coverage.payor[0]: self-pay (payor is a Patient) is not insurance coverage',
    },
    {
      name: 'an insurer without payer id',
      fhir: { payor: [{ reference: 'Organization/2' }] },
      code: Code.MISSING_ELEMENT,
      message: `Coverage.payor[0]: names no payer id in ${ConcordFhirSystem.PAYER_ID} (on the reference or its Organization)`,
    },
    { name: 'no payor', fhir: { payor: [] }, code: Code.MISSING_ELEMENT, message: 'Coverage.payor: is required' },
    {
      name: 'an unknown relationship',
      fhir: { relationship: { coding: [{ code: 'hasOwnProperty' }] } },
      code: Code.INVALID_VALUE,
      message: 'Coverage.relationship: code hasOwnProperty is not a subscriber relationship',
    },
    {
      name: 'a subscriber who is someone else, without relationship',
      fhir: { subscriber: { reference: 'RelatedPerson/parent' } },
      code: Code.MISSING_ELEMENT,
      message: 'Coverage.relationship: the subscriber is not the beneficiary, so the relationship must be given',
    },
    { name: 'order 0', fhir: { order: 0 }, code: Code.INVALID_VALUE, message: 'Coverage.order: must be a whole number from 1' },
  ])('refuses $name', ({ fhir, code, message }) => {
    const error = mappingError(() => coverageFromFhir({ ...base, ...fhir }, new ResourceIndex([keystone])));
    expect({ code: error.code, message: error.message }).toStrictEqual({ code, message });
  });

  it('never names the member id in an error', () => {
    const error = mappingError(() =>
      coverageFromFhir({ ...base, subscriberId: 'KHP-44718-01', status: 'draft' }, new ResourceIndex([keystone])),
    );
    expect(error.message).not.toContain('KHP-44718-01');
  });
});
