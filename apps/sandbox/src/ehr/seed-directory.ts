import type { Location, Organization, Practitioner } from '@medplum/fhirtypes';
import { ConcordFhirSystem, FhirTerminology, locationToFhir, practitionerToFhir } from '@concord/connectors/fhir';

/**
 * The demo hospital's directory (../shared/SCENARIOS.md): two facilities, the departments (cost
 * centres) as Organizations part of a facility, the payers, wards and rooms, and the clinicians.
 * NPIs carry valid check digits; names are fictional.
 */
const NPI = 'http://hl7.org/fhir/sid/us-npi';
const organizationType = (code: string, display: string) => [{ coding: [{ system: FhirTerminology.ORGANIZATION_TYPE, code, display }] }];

const facility = (id: string, name: string, npi: string, ein: string | undefined, line: string, postalCode: string): Organization => ({
  resourceType: 'Organization',
  id,
  identifier: [
    { system: NPI, value: npi },
    ...(ein
      ? [
          {
            type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'TAX' }] },
            system: FhirTerminology.US_EIN,
            value: ein,
          },
        ]
      : []),
  ],
  active: true,
  type: organizationType('prov', 'Healthcare Provider'),
  name,
  address: [{ line: [line], city: 'Concord', state: 'NH', postalCode, country: 'US' }],
});

export const FACILITIES: Organization[] = [
  facility('concord-general', 'Concord General Hospital', '1234567893', '12-3456789', '1 Hospital Drive', '03301'),
  facility('concord-riverside', 'Concord Riverside Clinic', '1765432103', undefined, '200 River Road', '03303'),
];

const DEPARTMENTS: { code: string; name: string; facility: string }[] = [
  { code: '6100', name: 'Orthopaedic Surgery', facility: 'concord-general' },
  { code: '6200', name: 'Medical-Surgical Nursing', facility: 'concord-general' },
  { code: '6300', name: 'Perioperative Services', facility: 'concord-general' },
  { code: '6400', name: 'Pharmacy', facility: 'concord-general' },
  { code: '6500', name: 'Laboratory', facility: 'concord-general' },
  { code: '7100', name: 'Primary Care Clinic', facility: 'concord-riverside' },
  { code: '8100', name: 'Supply Chain', facility: 'concord-general' },
  { code: '8200', name: 'Finance', facility: 'concord-general' },
];

/** Department (cost centre) Organizations: `dept-<code>`, identified by their cost-centre code, part of their facility. */
export const DEPARTMENT_ORGANIZATIONS: Organization[] = DEPARTMENTS.map(({ code, name, facility }) => ({
  resourceType: 'Organization',
  id: `dept-${code}`,
  identifier: [{ system: ConcordFhirSystem.COST_CENTRE, value: code }],
  active: true,
  type: organizationType('dept', 'Hospital Department'),
  name,
  partOf: { reference: `Organization/${facility}` },
}));

const payer = (id: string, name: string, payerId: string): Organization => ({
  resourceType: 'Organization',
  id,
  identifier: [{ system: ConcordFhirSystem.PAYER_ID, value: payerId }],
  active: true,
  type: organizationType('pay', 'Payer'),
  name,
});

export const PAYERS: Organization[] = [
  payer('payer-mcra1', 'Medicare Part A', 'MCRA1'),
  payer('payer-mcrb1', 'Medicare Part B', 'MCRB1'),
  payer('payer-khp01', 'Keystone Health Plan', 'KHP01'),
  payer('payer-bmcd1', 'Bayview Medicaid', 'BMCD1'),
];

const source = (id: string) => ({ system: 'ehr' as const, recordId: id });

export const LOCATIONS: Location[] = [
  { id: 'cg-4w-412', name: 'Concord General 4 West, room 412', departmentCode: '6200', facilityId: 'concord-general', bed: '4W^412^B' },
  { id: 'cg-or-3', name: 'Concord General OR 3', departmentCode: '6300', facilityId: 'concord-general', bed: 'OR^3' },
  { id: 'cr-exam-2', name: 'Concord Riverside exam room 2', departmentCode: '7100', facilityId: 'concord-riverside', bed: 'CLINIC^EX2' },
].map((location) => locationToFhir({ ...location, source: source(location.id) }));

export const PRACTITIONERS: Practitioner[] = [
  { id: 'dr-ellis-park', npi: '1245319599', family: 'Park', given: ['Ellis'], taxonomy: ['207X00000X', 'Orthopaedic Surgery'] },
  { id: 'dr-jamie-lee', npi: '1667788990', family: 'Lee', given: ['Jamie'], taxonomy: ['207Q00000X', 'Family Medicine'] },
  { id: 'dr-sam-okoro', npi: '1543210987', family: 'Okoro', given: ['Sam'], taxonomy: ['208M00000X', 'Hospitalist'] },
].map(({ taxonomy: [code, display], ...practitioner }) =>
  practitionerToFhir({
    ...practitioner,
    specialty: { system: FhirTerminology.NUCC_TAXONOMY, code: code, display },
    source: source(practitioner.id),
  }),
);

export const SEED_DIRECTORY = [...FACILITIES, ...DEPARTMENT_ORGANIZATIONS, ...PAYERS, ...LOCATIONS, ...PRACTITIONERS];
