import type { ChargeItem, Condition, Encounter, Location, Organization, Practitioner, Procedure } from '@medplum/fhirtypes';
import { beforeAll, describe, expect, it } from 'vitest';
import { CodeSystem, type DiagnosisDto, ENCOUNTER_CLASSES, ENCOUNTER_STATUSES, type EncounterDto } from '@concord/contracts';
import { diagnosisToFhir } from './condition.mapping';
import { encounterFromFhir, encounterToFhir } from './encounter.mapping';
import { FhirMappingException, FhirMappingExceptionCode as Code } from './fhir-mapping.exception';
import { ResourceIndex } from './fhir-reference';
import { ConcordExtension, ConcordFhirSystem, FhirTerminology } from './fhir-systems';
import { indexR4Definitions, r4StructureErrors } from './r4-definitions';

beforeAll(() => indexR4Definitions());

const icd = (code: string, display?: string) => ({ system: CodeSystem.ICD10_CM, code, ...(display ? { display } : {}) });

/** Scenario 1: Avery Quinn's total knee replacement stay, as the canonical model holds it. */
const averyStay: EncounterDto = {
  id: 'enc-aq-tka',
  visitNumber: 'V-CG-7781',
  patient: { id: 'avery-quinn', mrn: 'CG-100234' },
  status: 'finished',
  class: 'inpatient',
  period: { start: '2026-11-02T08:30:00.000Z', end: '2026-11-04T11:00:00.000Z' },
  facilityId: 'concord-general',
  departmentCode: '6100',
  locationId: 'cg-4w-412',
  attendingNpi: '1245319599',
  admitSource: '1',
  dischargeDisposition: '01',
  diagnoses: [
    {
      id: 'cond-m1712-aq',
      code: icd('M17.12', 'Unilateral primary osteoarthritis, left knee'),
      role: 'principal',
      rank: 1,
      presentOnAdmission: 'Y',
    },
    { id: 'cond-i10-aq', code: icd('I10'), role: 'secondary', rank: 2, presentOnAdmission: 'Y' },
  ],
  source: { system: 'ehr', recordId: 'enc-aq-tka' },
};

/** The Conditions an EHR holds for a canonical encounter's diagnoses. */
function conditionsOf(encounter: EncounterDto): Condition[] {
  return encounter.diagnoses.map((diagnosis) => diagnosisToFhir(diagnosis, { patient: encounter.patient, encounterId: encounter.id }));
}

function roundTrip(encounter: EncounterDto): EncounterDto {
  return encounterFromFhir(encounterToFhir(encounter), new ResourceIndex(conditionsOf(encounter)));
}

function mappingError(map: () => unknown): FhirMappingException {
  try {
    map();
  } catch (error) {
    expect(error).toBeInstanceOf(FhirMappingException);
    return error as FhirMappingException;
  }
  throw new Error('expected a FhirMappingException');
}

describe('encounterToFhir', () => {
  it('writes the scenario 1 stay as this R4 Encounter', () => {
    expect(encounterToFhir(averyStay)).toStrictEqual({
      resourceType: 'Encounter',
      id: 'enc-aq-tka',
      identifier: [
        {
          use: 'usual',
          type: { coding: [{ system: CodeSystem.V2_IDENTIFIER_TYPE, code: 'VN', display: 'Visit number' }] },
          system: ConcordFhirSystem.VISIT_NUMBER,
          value: 'V-CG-7781',
        },
      ],
      status: 'finished',
      class: { system: FhirTerminology.V3_ACT_CODE, code: 'IMP', display: 'inpatient encounter' },
      serviceType: { coding: [{ system: ConcordFhirSystem.COST_CENTRE, code: '6100' }] },
      subject: { reference: 'Patient/avery-quinn', identifier: { system: 'urn:concord:health:mrn', value: 'CG-100234' } },
      participant: [
        {
          type: [{ coding: [{ system: FhirTerminology.V3_PARTICIPATION_TYPE, code: 'ATND', display: 'attender' }] }],
          individual: { type: 'Practitioner', identifier: { system: 'http://hl7.org/fhir/sid/us-npi', value: '1245319599' } },
        },
      ],
      period: { start: '2026-11-02T08:30:00.000Z', end: '2026-11-04T11:00:00.000Z' },
      diagnosis: [
        {
          extension: [{ url: ConcordExtension.PRESENT_ON_ADMISSION, valueCode: 'Y' }],
          condition: { reference: 'Condition/cond-m1712-aq' },
          use: {
            coding: [
              { system: FhirTerminology.DIAGNOSIS_ROLE, code: 'billing', display: 'Billing' },
              { system: ConcordFhirSystem.DIAGNOSIS_ROLE, code: 'principal' },
            ],
          },
          rank: 1,
        },
        {
          extension: [{ url: ConcordExtension.PRESENT_ON_ADMISSION, valueCode: 'Y' }],
          condition: { reference: 'Condition/cond-i10-aq' },
          use: {
            coding: [
              { system: FhirTerminology.DIAGNOSIS_ROLE, code: 'CM', display: 'Comorbidity diagnosis' },
              { system: ConcordFhirSystem.DIAGNOSIS_ROLE, code: 'secondary' },
            ],
          },
          rank: 2,
        },
      ],
      hospitalization: {
        admitSource: { coding: [{ system: FhirTerminology.NUBC_POINT_OF_ORIGIN, code: '1' }] },
        dischargeDisposition: { coding: [{ system: FhirTerminology.NUBC_DISCHARGE_STATUS, code: '01' }] },
      },
      location: [{ location: { reference: 'Location/cg-4w-412' } }],
      serviceProvider: { reference: 'Organization/concord-general' },
    });
  });

  const minimal: EncounterDto = {
    id: 'enc-min',
    patient: { id: 'jordan-rivera' },
    status: 'planned',
    class: 'ambulatory',
    diagnoses: [],
    source: { system: 'ehr', recordId: 'enc-min' },
  };
  const variants: { name: string; encounter: EncounterDto }[] = [
    { name: 'the scenario 1 stay', encounter: averyStay },
    { name: 'a minimal planned visit', encounter: minimal },
    ...ENCOUNTER_CLASSES.map((cls) => ({ name: `class ${cls}`, encounter: { ...minimal, class: cls } })),
    ...ENCOUNTER_STATUSES.map((status) => ({ name: `status ${status}`, encounter: { ...minimal, status } })),
    { name: 'a patient known only by MRN', encounter: { ...minimal, patient: { mrn: 'CR-200871' } } },
    { name: 'an open stay (no end)', encounter: { ...minimal, period: { start: '2026-11-02T08:30:00Z' } } },
    { name: 'a discharge disposition without admit source', encounter: { ...minimal, dischargeDisposition: '06' } },
    {
      name: 'every diagnosis role',
      encounter: {
        ...minimal,
        diagnoses: (['admitting', 'principal', 'secondary', 'discharge', 'working'] as const).map((role, index): DiagnosisDto => ({
          id: `c${index}`,
          code: icd(`R0${index}`),
          role,
          rank: index + 1,
        })),
      },
    },
    {
      name: 'a secondary diagnosis ranked first',
      encounter: { ...minimal, diagnoses: [{ id: 'c1', code: icd('J06.9'), role: 'secondary', rank: 1 }] },
    },
  ];

  it.each(variants)('$name: valid R4, and reads back unchanged', ({ encounter }) => {
    const fhir = encounterToFhir(encounter);
    expect(r4StructureErrors(fhir)).toStrictEqual([]);
    for (const condition of conditionsOf(encounter)) expect(r4StructureErrors(condition)).toStrictEqual([]);
    expect(roundTrip(encounter)).toStrictEqual(encounter);
  });

  it.each([
    {
      name: 'a diagnosis without Condition id',
      encounter: { ...minimal, diagnoses: [{ code: icd('J06.9'), role: 'principal' as const, rank: 1 }] },
      code: Code.MISSING_ELEMENT,
      message: 'EncounterDto.diagnoses[0].id: write the Condition first (diagnosisToFhir) and give its id',
    },
    {
      name: 'a diagnosis ranked 0',
      encounter: { ...minimal, diagnoses: [{ id: 'c', code: icd('J06.9'), role: 'principal' as const, rank: 0 }] },
      code: Code.INVALID_VALUE,
      message: 'EncounterDto.diagnoses[0].rank: must be a whole number from 1',
    },
    {
      name: 'an attending NPI with a bad check digit',
      encounter: { ...minimal, attendingNpi: '1245319598' },
      code: Code.INVALID_VALUE,
      message: 'EncounterDto.attendingNpi: is not a valid NPI (10 digits with a Luhn check digit over the 80840 prefix)',
    },
    {
      name: 'a patient with neither id nor MRN',
      encounter: { ...minimal, patient: {} },
      code: Code.MISSING_ELEMENT,
      message: 'EncounterDto.patient: needs the patient id or MRN',
    },
  ])('refuses $name', ({ encounter, code, message }) => {
    const error = mappingError(() => encounterToFhir(encounter));
    expect({ code: error.code, message: error.message }).toStrictEqual({ code, message });
  });
});

describe('encounterFromFhir', () => {
  const base: Encounter = {
    resourceType: 'Encounter',
    id: 'e1',
    status: 'in-progress',
    class: { system: FhirTerminology.V3_ACT_CODE, code: 'IMP' },
    subject: { reference: 'Patient/avery-quinn' },
  };
  const baseCanonical: EncounterDto = {
    id: 'e1',
    patient: { id: 'avery-quinn' },
    status: 'in-progress',
    class: 'inpatient',
    diagnoses: [],
    source: { system: 'ehr', recordId: 'e1' },
  };
  const department6300: Organization = {
    resourceType: 'Organization',
    id: 'cg-dept-6300',
    identifier: [{ system: ConcordFhirSystem.COST_CENTRE, value: '6300' }],
    name: 'Perioperative Services',
    partOf: { reference: 'Organization/concord-general' },
  };
  const ward: Location = {
    resourceType: 'Location',
    id: 'cg-4w',
    name: '4 West',
    managingOrganization: { reference: 'Organization/cg-dept-6200' },
  };
  const department6200: Organization = {
    ...department6300,
    id: 'cg-dept-6200',
    identifier: [{ system: ConcordFhirSystem.COST_CENTRE, value: '6200' }],
  };
  const surgeon: Practitioner = {
    resourceType: 'Practitioner',
    id: 'dr-park',
    identifier: [{ system: 'http://hl7.org/fhir/sid/us-npi', value: '1245319599' }],
  };
  const m1712: Condition = {
    resourceType: 'Condition',
    id: 'c1',
    code: { coding: [{ system: CodeSystem.ICD10_CM, code: 'M17.12' }] },
    subject: { reference: 'Patient/avery-quinn' },
  };
  const diagnosisWith = (use: Encounter['diagnosis'] extends (infer D)[] | undefined ? Partial<D> : never) => ({
    diagnosis: [{ condition: { reference: 'Condition/c1' }, ...use }],
  });

  const cases: {
    name: string;
    fhir: Partial<Encounter>;
    resources?: (Condition | Organization | Location | Practitioner)[];
    expected: Partial<EncounterDto>;
  }[] = [
    { name: 'a bare inpatient encounter', fhir: {}, expected: {} },
    ...(
      [
        [FhirTerminology.V3_ACT_CODE, 'ACUTE', 'inpatient'],
        [FhirTerminology.V3_ACT_CODE, 'AMB', 'ambulatory'],
        [FhirTerminology.V3_ACT_CODE, 'EMER', 'emergency'],
        [FhirTerminology.V3_ACT_CODE, 'OBSENC', 'observation'],
        [FhirTerminology.V3_ACT_CODE, 'SS', 'observation'],
        [FhirTerminology.V3_ACT_CODE, 'HH', 'outpatient'],
        [FhirTerminology.V3_ACT_CODE, 'VR', 'outpatient'],
        [FhirTerminology.V2_PATIENT_CLASS, 'O', 'outpatient'],
        [FhirTerminology.V2_PATIENT_CLASS, 'I', 'inpatient'],
        [FhirTerminology.V2_PATIENT_CLASS, 'E', 'emergency'],
      ] as const
    ).map(([system, code, cls]) => ({ name: `class ${code} of ${system}`, fhir: { class: { system, code } }, expected: { class: cls } })),
    { name: 'triaged has arrived', fhir: { status: 'triaged' }, expected: { status: 'arrived' } },
    { name: 'on leave is still in progress', fhir: { status: 'onleave' }, expected: { status: 'in-progress' } },
    {
      name: 'a visit number found by its identifier type (VN) in another system',
      fhir: {
        identifier: [
          { system: 'urn:other', value: 'X' },
          { type: { coding: [{ system: CodeSystem.V2_IDENTIFIER_TYPE, code: 'VN' }] }, system: 'urn:ehr:visits', value: 'V-9' },
        ],
      },
      expected: { visitNumber: 'V-9' },
    },
    {
      name: 'a logical subject reference by MRN',
      fhir: { subject: { identifier: { system: 'urn:concord:health:mrn', value: 'CG-100234' } } },
      expected: { patient: { mrn: 'CG-100234' } },
    },
    {
      name: 'an absolute subject reference',
      fhir: { subject: { reference: 'https://ehr.example.org/fhir/R4/Patient/avery-quinn/_history/3' } },
      expected: { patient: { id: 'avery-quinn' } },
    },
    {
      name: 'the department named as serviceProvider (a cost-centre Organization of the facility)',
      fhir: { serviceProvider: { reference: 'Organization/cg-dept-6300' } },
      resources: [department6300],
      expected: { facilityId: 'concord-general', departmentCode: '6300' },
    },
    {
      name: 'serviceType wins over the serviceProvider department',
      fhir: {
        serviceProvider: { reference: 'Organization/cg-dept-6300' },
        serviceType: { coding: [{ system: ConcordFhirSystem.COST_CENTRE, code: '6100' }] },
      },
      resources: [department6300],
      expected: { facilityId: 'concord-general', departmentCode: '6100' },
    },
    {
      name: 'the department of the ward the patient is in, the active location winning over the last',
      fhir: {
        location: [
          { location: { reference: 'Location/cg-4w' }, status: 'active' },
          { location: { reference: 'Location/cg-or-3' }, status: 'planned' },
        ],
      },
      resources: [ward, department6200],
      expected: { locationId: 'cg-4w', departmentCode: '6200' },
    },
    {
      name: 'the last location when none is active; a contained one has no id',
      fhir: { location: [{ location: { reference: 'Location/a' } }, { location: { reference: '#home' } }] },
      expected: {},
    },
    {
      name: 'the attending NPI from the resolved Practitioner; untyped participants are not the attending',
      fhir: {
        participant: [
          { individual: { reference: 'Practitioner/other' } },
          {
            type: [{ coding: [{ system: FhirTerminology.V3_PARTICIPATION_TYPE, code: 'ATND' }] }],
            individual: { reference: 'Practitioner/dr-park' },
          },
        ],
      },
      resources: [surgeon],
      expected: { attendingNpi: '1245319599' },
    },
    {
      name: 'admit source and discharge disposition only from the NUBC systems',
      fhir: {
        hospitalization: {
          admitSource: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/admit-source', code: 'gp' }] },
          dischargeDisposition: { coding: [{ system: FhirTerminology.NUBC_DISCHARGE_STATUS, code: '03' }] },
        },
      },
      expected: { dischargeDisposition: '03' },
    },
    ...(
      [
        ['AD', 1, 'admitting'],
        ['CC', 1, 'admitting'],
        ['DD', 2, 'discharge'],
        ['CM', 1, 'secondary'],
        ['billing', 1, 'principal'],
        ['billing', 2, 'secondary'],
        ['pre-op', 1, 'working'],
        ['post-op', 1, 'secondary'],
      ] as const
    ).map(([code, rank, role]) => ({
      name: `diagnosis-role ${code} ranked ${rank} is ${role}`,
      fhir: diagnosisWith({ use: { coding: [{ system: FhirTerminology.DIAGNOSIS_ROLE, code }] }, rank }),
      resources: [m1712],
      expected: { diagnoses: [{ id: 'c1', code: icd('M17.12'), role, rank }] },
    })),
    {
      name: 'an unranked, unused diagnosis listed second is a secondary ranked 2',
      fhir: { diagnosis: [{ condition: { reference: 'Condition/c1' } }, { condition: { reference: 'Condition/c1' } }] },
      resources: [m1712],
      expected: {
        diagnoses: [
          { id: 'c1', code: icd('M17.12'), role: 'principal', rank: 1 },
          { id: 'c1', code: icd('M17.12'), role: 'secondary', rank: 2 },
        ],
      },
    },
    {
      name: 'meta version and last update become the source',
      fhir: { meta: { versionId: '7', lastUpdated: '2026-11-04T11:00:00Z' } },
      expected: { source: { system: 'ehr', recordId: 'e1', versionId: '7', lastUpdated: '2026-11-04T11:00:00Z' } },
    },
  ];

  it.each(cases)('$name', ({ fhir, resources, expected }) => {
    expect(encounterFromFhir({ ...base, ...fhir }, new ResourceIndex(resources ?? []))).toStrictEqual({ ...baseCanonical, ...expected });
  });

  const errors: { name: string; fhir: Partial<Encounter>; resources?: (Condition | Practitioner)[]; code: Code; message: string }[] = [
    {
      name: 'no id',
      fhir: { id: undefined },
      code: Code.MISSING_ELEMENT,
      message: 'Encounter.id: a record read from the EHR must have its id',
    },
    {
      name: 'a status that is not R4',
      fhir: { status: 'toString' as Encounter['status'] },
      code: Code.INVALID_VALUE,
      message: 'Encounter.status: "toString" is not an R4 encounter status',
    },
    {
      name: 'a class of an unknown system',
      fhir: { class: { system: 'urn:local', code: 'IMP' } },
      code: Code.UNSUPPORTED_CODE,
      message: 'Encounter.class: code IMP of urn:local has no canonical encounter class',
    },
    {
      name: 'an unknown ActCode',
      fhir: { class: { system: FhirTerminology.V3_ACT_CODE, code: '__proto__' } },
      code: Code.UNSUPPORTED_CODE,
      message: `Encounter.class: code __proto__ of ${FhirTerminology.V3_ACT_CODE} has no canonical encounter class`,
    },
    {
      name: 'a class without code',
      fhir: { class: { system: FhirTerminology.V3_ACT_CODE } },
      code: Code.MISSING_ELEMENT,
      message: 'Encounter.class: is required',
    },
    {
      name: 'a Group as subject',
      fhir: { subject: { reference: 'Group/ward-4w' } },
      code: Code.UNSUPPORTED_RECORD,
      message: 'Encounter.subject: refers to a Group; Concord records belong to one Patient',
    },
    { name: 'no subject', fhir: { subject: undefined }, code: Code.MISSING_ELEMENT, message: 'Encounter.subject: is required' },
    {
      name: 'a subject reference with neither id nor MRN',
      fhir: { subject: { display: 'somebody' } },
      code: Code.MISSING_ELEMENT,
      message: 'Encounter.subject: names neither a Patient id nor an MRN',
    },
    {
      name: 'a diagnosis whose Condition was not fetched',
      fhir: { diagnosis: [{ condition: { reference: 'Condition/c1' } }] },
      code: Code.UNRESOLVED_REFERENCE,
      message: 'Encounter.diagnosis[0].condition: the Condition it refers to is not among the resources given to the mapping',
    },
    {
      name: 'a diagnosis coded in SNOMED CT only',
      fhir: { diagnosis: [{ condition: { reference: 'Condition/c1' } }] },
      resources: [{ ...m1712, code: { coding: [{ system: 'http://snomed.info/sct', code: '239873007' }] } }],
      code: Code.UNSUPPORTED_CODE,
      message: 'Condition.code: has no ICD-10-CM coding (found: http://snomed.info/sct)',
    },
    {
      name: 'an attending NPI with a bad check digit on the reference',
      fhir: {
        participant: [
          {
            type: [{ coding: [{ system: FhirTerminology.V3_PARTICIPATION_TYPE, code: 'ATND' }] }],
            individual: { identifier: { system: 'http://hl7.org/fhir/sid/us-npi', value: '520' } },
          },
        ],
      },
      code: Code.INVALID_VALUE,
      message:
        'Encounter.participant.individual.identifier.value: is not a valid NPI (10 digits with a Luhn check digit over the 80840 prefix)',
    },
  ];

  it.each(errors)('refuses $name', ({ fhir, resources, code, message }) => {
    const error = mappingError(() => encounterFromFhir({ ...base, ...fhir }, new ResourceIndex(resources ?? [])));
    expect({ code: error.code, message: error.message, path: error.path }).toStrictEqual({ code, message, path: message.split(': ')[0] });
    expect(error.fieldErrors).toStrictEqual([{ in: 'body', name: error.path, detail: message.slice(error.path.length + 2) }]);
  });

  it('with details, maps the Procedures and ChargeItems that point at this encounter, and only those', () => {
    const procedure = (id: string, encounter: string): Procedure => ({
      resourceType: 'Procedure',
      id,
      status: 'completed',
      subject: { reference: 'Patient/avery-quinn' },
      encounter: { reference: `Encounter/${encounter}` },
    });
    const charge = (id: string, encounter: string): ChargeItem => ({
      resourceType: 'ChargeItem',
      id,
      status: 'billable',
      code: { coding: [{ system: CodeSystem.CHARGEMASTER, code: 'RB-SEMI' }] },
      subject: { reference: 'Patient/avery-quinn' },
      context: { reference: `Encounter/${encounter}` },
      occurrenceDateTime: '2026-11-02',
    });
    const resources = new ResourceIndex([procedure('p1', 'e1'), procedure('p2', 'other'), charge('c1', 'e1'), charge('c2', 'other')]);
    const withDetails = encounterFromFhir(base, resources, { withDetails: true });
    expect(withDetails.procedures?.map((p) => p.id)).toStrictEqual(['p1']);
    expect(withDetails.charges?.map((c) => c.id)).toStrictEqual(['c1']);
    expect(encounterFromFhir(base, resources)).not.toHaveProperty('procedures');
  });

  it('does not change the Encounter it maps', () => {
    const fhir = encounterToFhir(averyStay);
    const copy = structuredClone(fhir);
    encounterFromFhir(fhir, new ResourceIndex(conditionsOf(averyStay)));
    expect(fhir).toStrictEqual(copy);
  });
});
