import type { Device, Location, Organization, Practitioner, Procedure } from '@medplum/fhirtypes';
import { beforeAll, describe, expect, it } from 'vitest';
import { CodeSystem, PROCEDURE_STATUSES, type ProcedureDto } from '@concord/contracts';
import { FhirMappingException, FhirMappingExceptionCode as Code } from './fhir-mapping.exception';
import { ResourceIndex } from './fhir-reference';
import { ConcordExtension, ConcordFhirSystem } from './fhir-systems';
import { procedureFromFhir, procedureToFhir } from './procedure.mapping';
import { indexR4Definitions, r4StructureErrors } from './r4-definitions';

beforeAll(() => indexR4Definitions());

const NPI = 'http://hl7.org/fhir/sid/us-npi';
const knee = {
  itemCode: 'KNEE-TOT-CR',
  description: 'Total knee system, cruciate-retaining',
  quantity: 1,
  gtin: '00812345678906',
  serialNumber: 'SN-KN-55012',
  lotNumber: 'LOT-2026-114',
};

/** Scenario 1: the total knee arthroplasty with the implant it used. */
const tka: ProcedureDto = {
  id: 'proc-tka-aq',
  patient: { id: 'avery-quinn' },
  encounterId: 'enc-aq-tka',
  status: 'completed',
  codes: [
    { system: CodeSystem.CPT, code: '27447', display: 'Arthroplasty, knee, condyle and plateau' },
    { system: CodeSystem.ICD10_PCS, code: '0SRD0JZ' },
  ],
  performedAt: '2026-11-02T13:00:00.000Z',
  performerNpi: '1245319599',
  departmentCode: '6300',
  itemsUsed: [knee, { itemCode: 'GLV-NIT-M', quantity: 2 }],
  source: { system: 'ehr', recordId: 'proc-tka-aq' },
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

describe('procedureToFhir', () => {
  it('writes the surgeon acting for the department, and each item as a usedCode with quantity, serial and lot', () => {
    expect(procedureToFhir(tka)).toStrictEqual({
      resourceType: 'Procedure',
      id: 'proc-tka-aq',
      status: 'completed',
      code: {
        coding: [
          { system: CodeSystem.CPT, code: '27447', display: 'Arthroplasty, knee, condyle and plateau' },
          { system: CodeSystem.ICD10_PCS, code: '0SRD0JZ' },
        ],
      },
      subject: { reference: 'Patient/avery-quinn' },
      encounter: { reference: 'Encounter/enc-aq-tka' },
      performedDateTime: '2026-11-02T13:00:00.000Z',
      performer: [
        {
          actor: { type: 'Practitioner', identifier: { system: NPI, value: '1245319599' } },
          onBehalfOf: { type: 'Organization', identifier: { system: ConcordFhirSystem.COST_CENTRE, value: '6300' } },
        },
      ],
      usedCode: [
        {
          extension: [
            { url: ConcordExtension.ITEM_QUANTITY, valueDecimal: 1 },
            { url: ConcordExtension.ITEM_SERIAL_NUMBER, valueString: 'SN-KN-55012' },
            { url: ConcordExtension.ITEM_LOT_NUMBER, valueString: 'LOT-2026-114' },
          ],
          coding: [
            { system: ConcordFhirSystem.SUPPLY_ITEM, code: 'KNEE-TOT-CR', display: 'Total knee system, cruciate-retaining' },
            { system: CodeSystem.GTIN, code: '00812345678906' },
          ],
        },
        {
          extension: [{ url: ConcordExtension.ITEM_QUANTITY, valueDecimal: 2 }],
          coding: [{ system: ConcordFhirSystem.SUPPLY_ITEM, code: 'GLV-NIT-M' }],
        },
      ],
    });
  });

  const minimal: ProcedureDto = {
    id: 'p',
    patient: { id: 'jordan-rivera' },
    status: 'completed',
    codes: [],
    itemsUsed: [],
    source: { system: 'ehr', recordId: 'p' },
  };
  it.each([
    { name: 'the total knee arthroplasty', procedure: tka },
    { name: 'a minimal procedure without codes', procedure: minimal },
    ...PROCEDURE_STATUSES.map((status) => ({ name: `status ${status}`, procedure: { ...minimal, status } })),
    { name: 'a department without a surgeon', procedure: { ...minimal, departmentCode: '6500' } },
    { name: 'a surgeon without a department', procedure: { ...minimal, performerNpi: '1245319599' } },
    { name: 'a fractional quantity of a supply', procedure: { ...minimal, itemsUsed: [{ itemCode: 'RX-SALINE', quantity: 0.5 }] } },
    {
      name: 'an item known only by GTIN',
      procedure: { ...minimal, itemsUsed: [{ itemCode: '00812345678906', gtin: '00812345678906', quantity: 1 }] },
    },
    { name: 'a SNOMED CT code kept as sent', procedure: { ...minimal, codes: [{ system: 'http://snomed.info/sct', code: '609588000' }] } },
  ])('$name: valid R4, and reads back unchanged', ({ procedure }) => {
    const fhir = procedureToFhir(procedure);
    expect(r4StructureErrors(fhir)).toStrictEqual([]);
    expect(procedureFromFhir(fhir)).toStrictEqual(procedure);
  });

  it.each([
    {
      name: 'a zero quantity',
      procedure: { ...minimal, itemsUsed: [{ itemCode: 'X', quantity: 0 }] },
      message: 'ProcedureDto.itemsUsed[0].quantity: must be a positive number',
    },
    {
      name: 'a bad surgeon NPI',
      procedure: { ...minimal, performerNpi: '1234567890' },
      message: 'ProcedureDto.performerNpi: is not a valid NPI (10 digits with a Luhn check digit over the 80840 prefix)',
    },
  ])('refuses $name', ({ procedure, message }) => {
    expect(mappingError(() => procedureToFhir(procedure)).message).toBe(message);
  });
});

describe('procedureFromFhir', () => {
  const base: Procedure = { resourceType: 'Procedure', id: 'p', status: 'completed', subject: { reference: 'Patient/avery-quinn' } };
  const baseCanonical: ProcedureDto = {
    id: 'p',
    patient: { id: 'avery-quinn' },
    status: 'completed',
    codes: [],
    itemsUsed: [],
    source: { system: 'ehr', recordId: 'p' },
  };
  const implant: Device = {
    resourceType: 'Device',
    id: 'dev-knee-55012',
    udiCarrier: [{ deviceIdentifier: '00812345678906' }],
    serialNumber: 'SN-KN-55012',
    lotNumber: 'LOT-2026-114',
    deviceName: [{ name: 'Total knee system, cruciate-retaining', type: 'user-friendly-name' }],
    type: { coding: [{ system: ConcordFhirSystem.SUPPLY_ITEM, code: 'KNEE-TOT-CR' }] },
  };
  const orDepartment: Organization = {
    resourceType: 'Organization',
    id: 'cg-dept-6300',
    identifier: [{ system: ConcordFhirSystem.COST_CENTRE, value: '6300' }],
    name: 'Perioperative Services',
  };
  const or3: Location = {
    resourceType: 'Location',
    id: 'cg-or-3',
    name: 'OR 3',
    managingOrganization: { reference: 'Organization/cg-dept-6300' },
  };
  const surgeon: Practitioner = { resourceType: 'Practitioner', id: 'dr-park', identifier: [{ system: NPI, value: '1245319599' }] };

  const cases: {
    name: string;
    fhir: Partial<Procedure>;
    resources?: (Device | Organization | Location | Practitioner)[];
    expected: Partial<ProcedureDto>;
  }[] = [
    { name: 'a bare procedure', fhir: {}, expected: {} },
    { name: 'on hold is still in progress', fhir: { status: 'on-hold' }, expected: { status: 'in-progress' } },
    { name: 'stopped has no canonical state: unknown', fhir: { status: 'stopped' }, expected: { status: 'unknown' } },
    {
      name: 'billing codes first (CPT, ICD-10-PCS, HCPCS), then others; codings without a system are left out',
      fhir: {
        code: {
          coding: [
            { system: 'http://snomed.info/sct', code: '609588000' },
            { code: 'local-only' },
            { system: CodeSystem.ICD10_PCS, code: '0SRD0JZ' },
            { system: CodeSystem.CPT, code: '27447' },
          ],
        },
      },
      expected: {
        codes: [
          { system: CodeSystem.CPT, code: '27447' },
          { system: CodeSystem.ICD10_PCS, code: '0SRD0JZ' },
          { system: 'http://snomed.info/sct', code: '609588000' },
        ],
      },
    },
    {
      name: 'the start of a performed period',
      fhir: { performedPeriod: { start: '2026-11-02T13:00:00Z', end: '2026-11-02T15:10:00Z' } },
      expected: { performedAt: '2026-11-02T13:00:00Z' },
    },
    { name: 'a performed string is no time', fhir: { performedString: 'last spring' }, expected: {} },
    {
      name: 'the surgeon from the resolved Practitioner, the department from the OR it took place in',
      fhir: { performer: [{ actor: { reference: 'Practitioner/dr-park' } }], location: { reference: 'Location/cg-or-3' } },
      resources: [surgeon, or3, orDepartment],
      expected: { performerNpi: '1245319599', departmentCode: '6300' },
    },
    {
      name: 'a device performer is not the surgeon',
      fhir: { performer: [{ actor: { reference: 'Device/robot' } }] },
      expected: {},
    },
    {
      name: 'an implant Device named by focalDevice and usedReference counts once',
      fhir: {
        focalDevice: [{ manipulated: { reference: 'Device/dev-knee-55012' } }],
        usedReference: [{ reference: 'Device/dev-knee-55012' }, { reference: 'Medication/heparin' }],
      },
      resources: [implant],
      expected: { itemsUsed: [knee] },
    },
    {
      name: 'a Device known only by its UDI device identifier',
      fhir: { usedReference: [{ reference: 'Device/d2' }] },
      resources: [{ resourceType: 'Device', id: 'd2', udiCarrier: [{ deviceIdentifier: '00812345678906' }] }],
      expected: { itemsUsed: [{ itemCode: '00812345678906', gtin: '00812345678906', quantity: 1 }] },
    },
    {
      name: 'a usedCode from another system, without extensions: its first code, one unit',
      fhir: { usedCode: [{ coding: [{ system: 'http://snomed.info/sct', code: '469641007', display: 'Knee prosthesis' }] }] },
      expected: { itemsUsed: [{ itemCode: '469641007', description: 'Knee prosthesis', quantity: 1 }] },
    },
    {
      name: 'a quantity given as valueInteger',
      fhir: {
        usedCode: [
          {
            extension: [{ url: ConcordExtension.ITEM_QUANTITY, valueInteger: 3 }],
            coding: [{ system: ConcordFhirSystem.SUPPLY_ITEM, code: 'GLV-NIT-M' }],
          },
        ],
      },
      expected: { itemsUsed: [{ itemCode: 'GLV-NIT-M', quantity: 3 }] },
    },
  ];

  it.each(cases)('$name', ({ fhir, resources, expected }) => {
    expect(procedureFromFhir({ ...base, ...fhir }, new ResourceIndex(resources ?? []))).toStrictEqual({ ...baseCanonical, ...expected });
  });

  it.each<{ name: string; fhir: Partial<Procedure>; code: Code; message: string }>([
    {
      name: 'an unknown status',
      fhir: { status: 'done' as Procedure['status'] },
      code: Code.INVALID_VALUE,
      message: 'Procedure.status: "done" is not an R4 procedure status',
    },
    {
      name: 'an implant Device that was not fetched',
      fhir: { focalDevice: [{ manipulated: { reference: 'Device/dev-x' } }] },
      code: Code.UNRESOLVED_REFERENCE,
      message: 'Procedure.focalDevice[0].manipulated: the Device it refers to is not among the resources given to the mapping',
    },
    {
      name: 'a device used by identifier only',
      fhir: { focalDevice: [{ manipulated: { identifier: { system: 'urn:udi', value: 'x' }, type: 'Device' } }] },
      code: Code.MISSING_ELEMENT,
      message: 'Procedure.focalDevice[0].manipulated.reference: a device used must be a literal reference to a Device',
    },
    {
      name: 'a usedCode with text only',
      fhir: { usedCode: [{ text: 'gauze' }] },
      code: Code.MISSING_ELEMENT,
      message: 'Procedure.usedCode[0].coding: an item used needs a coded item',
    },
    {
      name: 'a negative quantity',
      fhir: {
        usedCode: [
          {
            extension: [{ url: ConcordExtension.ITEM_QUANTITY, valueDecimal: -1 }],
            coding: [{ system: ConcordFhirSystem.SUPPLY_ITEM, code: 'X' }],
          },
        ],
      },
      code: Code.INVALID_VALUE,
      message: 'Procedure.usedCode[0].extension(item-used-quantity): must be a positive number',
    },
    { name: 'no subject', fhir: { subject: undefined }, code: Code.MISSING_ELEMENT, message: 'Procedure.subject: is required' },
  ])('refuses $name', ({ fhir, code, message }) => {
    const error = mappingError(() => procedureFromFhir({ ...base, ...fhir }));
    expect({ code: error.code, message: error.message }).toStrictEqual({ code, message });
  });
});
