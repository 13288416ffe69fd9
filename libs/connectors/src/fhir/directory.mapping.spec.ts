import type { Location, Organization, Practitioner } from '@medplum/fhirtypes';
import { beforeAll, describe, expect, it } from 'vitest';
import { type LocationDto, ORGANIZATION_KINDS, type OrganizationDto, type PractitionerDto } from '@concord/contracts';
import { FhirMappingException, FhirMappingExceptionCode as Code } from './fhir-mapping.exception';
import { ResourceIndex } from './fhir-reference';
import { ConcordExtension, ConcordFhirSystem, FhirTerminology } from './fhir-systems';
import { locationFromFhir, locationToFhir } from './location.mapping';
import { isValidNpi } from './npi';
import { organizationFromFhir, organizationToFhir } from './organization.mapping';
import { practitionerFromFhir, practitionerToFhir } from './practitioner.mapping';
import { indexR4Definitions, r4StructureErrors } from './r4-definitions';

beforeAll(() => indexR4Definitions());

const NPI = 'http://hl7.org/fhir/sid/us-npi';
const source = (id: string) => ({ system: 'ehr' as const, recordId: id });

function mappingError(map: () => unknown): FhirMappingException {
  try {
    map();
  } catch (error) {
    expect(error).toBeInstanceOf(FhirMappingException);
    return error as FhirMappingException;
  }
  throw new Error('expected a FhirMappingException');
}

describe('isValidNpi', () => {
  it.each([
    ['1234567893', true],
    ['1245319599', true],
    ['1234567890', false],
    ['123456789', false],
    ['12345678930', false],
    ['12345678a3', false],
    ['', false],
  ])('%s → %s', (npi, valid) => expect(isValidNpi(npi)).toBe(valid));
});

describe('Practitioner', () => {
  const park: PractitionerDto = {
    id: 'dr-ellis-park',
    npi: '1245319599',
    family: 'Park',
    given: ['Ellis'],
    specialty: { system: FhirTerminology.NUCC_TAXONOMY, code: '207XS0117X', display: 'Orthopaedic Surgery of the Spine' },
    source: source('dr-ellis-park'),
  };

  it.each([
    { name: 'a surgeon with NPI and specialty', practitioner: park },
    {
      name: 'a practitioner without NPI, specialty or given names',
      practitioner: { id: 'p', family: 'Lee', given: [], source: source('p') },
    },
  ])('$name: valid R4, and reads back unchanged', ({ practitioner }) => {
    const fhir = practitionerToFhir(practitioner);
    expect(r4StructureErrors(fhir)).toStrictEqual([]);
    expect(practitionerFromFhir(fhir)).toStrictEqual(practitioner);
  });

  it('takes the official current name and the NUCC specialty among other qualifications', () => {
    const fhir: Practitioner = {
      resourceType: 'Practitioner',
      id: 'x',
      identifier: [
        { system: 'urn:other', value: '1' },
        { system: NPI, value: '1245319599' },
      ],
      name: [
        { use: 'old', family: 'Maiden' },
        { use: 'usual', family: 'Park', given: ['El'] },
        { use: 'official', family: 'Park', given: ['Ellis'] },
      ],
      qualification: [{ code: { text: 'MD' } }, { code: { coding: [{ system: FhirTerminology.NUCC_TAXONOMY, code: '207X00000X' }] } }],
    };
    expect(practitionerFromFhir(fhir)).toStrictEqual({
      id: 'x',
      npi: '1245319599',
      family: 'Park',
      given: ['Ellis'],
      specialty: { system: FhirTerminology.NUCC_TAXONOMY, code: '207X00000X' },
      source: source('x'),
    });
  });

  it.each<{ name: string; fhir: Practitioner; code: Code; message: string }>([
    {
      name: 'an NPI with a bad check digit (as Synthea writes them)',
      fhir: { resourceType: 'Practitioner', id: 'x', identifier: [{ system: NPI, value: '520' }], name: [{ family: 'Kassulke' }] },
      code: Code.INVALID_VALUE,
      message: 'Practitioner.identifier[0].value: is not a valid NPI (10 digits with a Luhn check digit over the 80840 prefix)',
    },
    {
      name: 'no family name',
      fhir: { resourceType: 'Practitioner', id: 'x', name: [{ given: ['Cher'] }] },
      code: Code.MISSING_ELEMENT,
      message: 'Practitioner.name.family: a practitioner needs a family name',
    },
  ])('refuses $name', ({ fhir, code, message }) => {
    const error = mappingError(() => practitionerFromFhir(fhir));
    expect({ code: error.code, message: error.message }).toStrictEqual({ code, message });
  });

  it('refuses to write a bad NPI', () => {
    expect(mappingError(() => practitionerToFhir({ ...park, npi: '1245319590' })).path).toBe('PractitionerDto.npi');
  });
});

describe('Organization', () => {
  const general: OrganizationDto = {
    id: 'concord-general',
    name: 'Concord General Hospital',
    kind: 'provider',
    npi: '1234567893',
    ein: '12-3456789',
    address: { line: ['1 Hospital Drive'], city: 'Concord', state: 'NH', postalCode: '03301', country: 'US' },
    source: source('concord-general'),
  };
  const medicare: OrganizationDto = {
    id: 'payer-mcra1',
    name: 'Medicare Part A',
    kind: 'payer',
    payerId: 'MCRA1',
    source: source('payer-mcra1'),
  };

  it.each([
    { name: 'Concord General with NPI, EIN and address', organization: general },
    { name: 'Medicare Part A with its payer id', organization: medicare },
    ...ORGANIZATION_KINDS.map((kind) => ({ name: `kind ${kind}`, organization: { ...medicare, kind } })),
  ])('$name: valid R4, and reads back unchanged', ({ organization }) => {
    const fhir = organizationToFhir(organization);
    expect(r4StructureErrors(fhir)).toStrictEqual([]);
    expect(organizationFromFhir(fhir)).toStrictEqual(organization);
  });

  it.each([
    { type: 'ins', kind: 'payer' },
    { type: 'dept', kind: 'provider' },
    { type: 'govt', kind: 'other' },
    { type: 'valueOf', kind: 'other' },
  ])('organization-type $type is a $kind', ({ type, kind }) => {
    const fhir: Organization = {
      resourceType: 'Organization',
      id: 'o',
      name: 'O',
      type: [{ coding: [{ system: FhirTerminology.ORGANIZATION_TYPE, code: type }] }],
    };
    expect(organizationFromFhir(fhir).kind).toBe(kind);
  });

  it('an untyped organization with a payer id is a payer; without, other', () => {
    const fhir: Organization = { resourceType: 'Organization', id: 'o', name: 'O' };
    expect(organizationFromFhir(fhir).kind).toBe('other');
    expect(organizationFromFhir({ ...fhir, identifier: [{ system: ConcordFhirSystem.PAYER_ID, value: 'BMCD1' }] })).toMatchObject({
      kind: 'payer',
      payerId: 'BMCD1',
    });
  });

  it.each<{ name: string; fhir: Organization; code: Code; message: string }>([
    {
      name: 'no name',
      fhir: { resourceType: 'Organization', id: 'o' },
      code: Code.MISSING_ELEMENT,
      message: 'Organization.name: an organization needs a name',
    },
    {
      name: 'a bad NPI',
      fhir: { resourceType: 'Organization', id: 'o', name: 'O', identifier: [{ system: NPI, value: '1234567890' }] },
      code: Code.INVALID_VALUE,
      message: 'Organization.identifier[0].value: is not a valid NPI (10 digits with a Luhn check digit over the 80840 prefix)',
    },
  ])('refuses $name', ({ fhir, code, message }) => {
    const error = mappingError(() => organizationFromFhir(fhir));
    expect({ code: error.code, message: error.message }).toStrictEqual({ code, message });
  });
});

describe('Location', () => {
  const or3: LocationDto = {
    id: 'cg-or-3',
    name: 'Concord General OR 3',
    departmentCode: '6300',
    facilityId: 'concord-general',
    bed: 'OR^3',
    source: source('cg-or-3'),
  };

  it('writes the department as managing organization by cost centre, the facility as an extension', () => {
    expect(locationToFhir(or3)).toStrictEqual({
      resourceType: 'Location',
      id: 'cg-or-3',
      extension: [{ url: ConcordExtension.LOCATION_FACILITY, valueReference: { reference: 'Organization/concord-general' } }],
      identifier: [{ system: ConcordFhirSystem.POINT_OF_CARE, value: 'OR^3' }],
      status: 'active',
      name: 'Concord General OR 3',
      managingOrganization: { type: 'Organization', identifier: { system: ConcordFhirSystem.COST_CENTRE, value: '6300' } },
    });
  });

  it.each([
    { name: 'an operating room', location: or3 },
    { name: 'a bare location', location: { id: 'l', name: 'Lobby', source: source('l') } },
  ])('$name: valid R4, and reads back unchanged', ({ location }) => {
    const fhir = locationToFhir(location);
    expect(r4StructureErrors(fhir)).toStrictEqual([]);
    expect(locationFromFhir(fhir)).toStrictEqual(location);
  });

  const department: Organization = {
    resourceType: 'Organization',
    id: 'cg-dept-6200',
    identifier: [{ system: ConcordFhirSystem.COST_CENTRE, value: '6200' }],
    name: 'Medical-Surgical Nursing',
    partOf: { reference: 'Organization/concord-general' },
  };
  it.each<{ name: string; fhir: Partial<Location>; expected: Partial<LocationDto> }>([
    {
      name: 'a department Organization as manager: its cost centre, and its facility',
      fhir: { managingOrganization: { reference: 'Organization/cg-dept-6200' } },
      expected: { departmentCode: '6200', facilityId: 'concord-general' },
    },
    {
      name: 'a hospital as manager (no cost centre): the facility',
      fhir: { managingOrganization: { reference: 'Organization/some-hospital' } },
      expected: { facilityId: 'some-hospital' },
    },
    { name: 'no name: the first alias', fhir: { name: undefined, alias: ['4W'] }, expected: { name: '4W' } },
    {
      name: 'no name or alias: the description',
      fhir: { name: undefined, description: "Client's home" },
      expected: { name: "Client's home" },
    },
  ])('$name', ({ fhir, expected }) => {
    const base: Location = { resourceType: 'Location', id: 'l', name: '4 West' };
    expect(locationFromFhir({ ...base, ...fhir }, new ResourceIndex([department]))).toStrictEqual({
      id: 'l',
      name: '4 West',
      source: source('l'),
      ...expected,
    });
  });

  it('refuses a location without any name', () => {
    const error = mappingError(() => locationFromFhir({ resourceType: 'Location', id: 'l' }));
    expect({ code: error.code, message: error.message }).toStrictEqual({
      code: Code.MISSING_ELEMENT,
      message: 'Location.name: a location needs a name (or an alias or description)',
    });
  });
});
