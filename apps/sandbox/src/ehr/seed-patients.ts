import type { Patient } from '@medplum/fhirtypes';

const MRN = 'urn:concord:health:mrn';
const mrn = (value: string) => ({
  use: 'usual' as const,
  type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'MR' }] },
  system: MRN,
  value,
});

/**
 * Synthetic patients of the demo hospital (../shared/SCENARIOS.md). Names, numbers and addresses
 * are fictional; 555-01xx telephone numbers are reserved for fiction.
 */
export const SEED_PATIENTS: Patient[] = [
  {
    resourceType: 'Patient',
    id: 'avery-quinn',
    identifier: [
      mrn('CG-100234'),
      {
        type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'MB' }] },
        system: 'http://hl7.org/fhir/sid/us-mbi',
        value: '1EG4TE5MK73',
      },
    ],
    active: true,
    name: [{ use: 'official', family: 'Quinn', given: ['Avery'] }],
    gender: 'female',
    birthDate: '1957-03-14',
    telecom: [{ system: 'phone', value: '+1-555-0142', use: 'home' }],
    address: [{ use: 'home', line: ['12 Harbour Lane'], city: 'Concord', state: 'NH', postalCode: '03301', country: 'US' }],
    managingOrganization: { reference: 'Organization/concord-general', display: 'Concord General Hospital' },
  },
  {
    resourceType: 'Patient',
    id: 'jordan-rivera',
    identifier: [mrn('CR-200871')],
    active: true,
    name: [{ use: 'official', family: 'Rivera', given: ['Jordan'] }],
    gender: 'male',
    birthDate: '1988-11-02',
    telecom: [
      { system: 'phone', value: '+1-555-0187', use: 'mobile' },
      { system: 'email', value: 'jordan.rivera@example.org' },
    ],
    address: [{ use: 'home', line: ['48 Mill Street', 'Apt 3'], city: 'Concord', state: 'NH', postalCode: '03303', country: 'US' }],
    managingOrganization: { reference: 'Organization/concord-riverside', display: 'Concord Riverside Clinic' },
  },
  {
    resourceType: 'Patient',
    id: 'riley-okafor',
    identifier: [mrn('CG-100377')],
    active: true,
    name: [{ use: 'official', family: 'Okafor', given: ['Riley', 'Ann'] }],
    gender: 'female',
    birthDate: '1994-06-21',
    telecom: [{ system: 'phone', value: '+1-555-0163', use: 'mobile' }],
    address: [{ use: 'home', line: ['7 Birch Road'], city: 'Bow', state: 'NH', postalCode: '03304', country: 'US' }],
    managingOrganization: { reference: 'Organization/concord-general', display: 'Concord General Hospital' },
  },
  {
    resourceType: 'Patient',
    id: 'sam-whitfield',
    identifier: [mrn('CG-100512')],
    active: true,
    name: [
      { use: 'official', family: 'Whitfield', given: ['Samuel'] },
      { use: 'nickname', given: ['Sam'] },
    ],
    gender: 'male',
    birthDate: '1949-09-30',
    deceasedBoolean: false,
    address: [{ use: 'home', line: ['210 Pleasant Street'], city: 'Concord', state: 'NH', postalCode: '03301', country: 'US' }],
    managingOrganization: { reference: 'Organization/concord-general', display: 'Concord General Hospital' },
  },
  {
    resourceType: 'Patient',
    id: 'morgan-quinn',
    identifier: [mrn('CR-200902')],
    active: true,
    name: [{ use: 'official', family: 'Quinn', given: ['Morgan'] }],
    gender: 'other',
    birthDate: '2001-01-17',
    managingOrganization: { reference: 'Organization/concord-riverside', display: 'Concord Riverside Clinic' },
  },
];
