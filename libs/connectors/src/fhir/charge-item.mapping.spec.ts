import type { ChargeItem, Organization, Practitioner } from '@medplum/fhirtypes';
import { beforeAll, describe, expect, it } from 'vitest';
import { CHARGE_STATUSES, type ChargeDto, CodeSystem, usd } from '@concord/contracts';
import { chargeFromFhir, chargeServiceProcedureIds, chargeToFhir } from './charge-item.mapping';
import { FhirMappingException, FhirMappingExceptionCode as Code } from './fhir-mapping.exception';
import { ResourceIndex } from './fhir-reference';
import { ConcordExtension, ConcordFhirSystem } from './fhir-systems';
import { indexR4Definitions, r4StructureErrors } from './r4-definitions';

beforeAll(() => indexR4Definitions());

/** Scenario 1: the knee implant charge, priced from the chargemaster. */
const implantCharge: ChargeDto = {
  id: 'chg-aq-imp-knee',
  patient: { id: 'avery-quinn', mrn: 'CG-100234' },
  encounterId: 'enc-aq-tka',
  visitNumber: 'V-CG-7781',
  chargeCode: 'IMP-KNEE',
  description: 'Knee implant system',
  quantity: 1,
  serviceDate: '2026-11-02',
  departmentCode: '6300',
  revenueCode: '0278',
  procedureCode: { system: CodeSystem.HCPCS, code: 'C1776' },
  modifiers: ['LT'],
  performerNpi: '1245319599',
  unitPrice: usd(1_260_000),
  amount: usd(1_260_000),
  status: 'captured',
  source: { system: 'ehr', recordId: 'chg-aq-imp-knee' },
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

describe('chargeToFhir', () => {
  it('writes the implant charge with its codes, department, account, price and the procedure it is for', () => {
    expect(chargeToFhir(implantCharge, { procedureIds: ['proc-tka-aq'] })).toStrictEqual({
      resourceType: 'ChargeItem',
      id: 'chg-aq-imp-knee',
      extension: [
        { url: ConcordExtension.CHARGE_UNIT_PRICE, valueMoney: { value: 12600, currency: 'USD' } },
        { url: ConcordExtension.CHARGE_MODIFIER, valueCode: 'LT' },
      ],
      status: 'billable',
      code: {
        coding: [
          { system: CodeSystem.CHARGEMASTER, code: 'IMP-KNEE', display: 'Knee implant system' },
          { system: CodeSystem.NUBC_REVENUE, code: '0278' },
          { system: CodeSystem.HCPCS, code: 'C1776' },
        ],
      },
      subject: { reference: 'Patient/avery-quinn', identifier: { system: 'urn:concord:health:mrn', value: 'CG-100234' } },
      context: { reference: 'Encounter/enc-aq-tka' },
      occurrenceDateTime: '2026-11-02',
      performer: [{ actor: { type: 'Practitioner', identifier: { system: 'http://hl7.org/fhir/sid/us-npi', value: '1245319599' } } }],
      performingOrganization: { type: 'Organization', identifier: { system: ConcordFhirSystem.COST_CENTRE, value: '6300' } },
      quantity: { value: 1 },
      priceOverride: { value: 12600, currency: 'USD' },
      service: [{ reference: 'Procedure/proc-tka-aq' }],
      account: [{ type: 'Account', identifier: { system: ConcordFhirSystem.VISIT_NUMBER, value: 'V-CG-7781' } }],
    });
  });

  const minimal: ChargeDto = {
    id: 'c',
    patient: { id: 'jordan-rivera' },
    chargeCode: 'OV-EST-3',
    quantity: 1,
    serviceDate: '2026-11-09',
    status: 'captured',
    source: { system: 'ehr', recordId: 'c' },
  };
  // Scenario 1's five charge lines: 28,650.00 in all.
  const scenario1: ChargeDto[] = [
    {
      ...minimal,
      id: 'rb',
      source: { system: 'ehr', recordId: 'rb' },
      chargeCode: 'RB-SEMI',
      quantity: 2,
      departmentCode: '6200',
      revenueCode: '0120',
      unitPrice: usd(280_000),
      amount: usd(560_000),
    },
    {
      ...minimal,
      id: 'or',
      source: { system: 'ehr', recordId: 'or' },
      chargeCode: 'OR-ORTHO-60',
      departmentCode: '6300',
      revenueCode: '0360',
      unitPrice: usd(950_000),
      amount: usd(950_000),
    },
    implantCharge,
    {
      ...minimal,
      id: 'rx',
      source: { system: 'ehr', recordId: 'rx' },
      chargeCode: 'RX-GEN',
      departmentCode: '6400',
      revenueCode: '0250',
      unitPrice: usd(64_000),
      amount: usd(64_000),
    },
    {
      ...minimal,
      id: 'lab',
      source: { system: 'ehr', recordId: 'lab' },
      chargeCode: 'LAB-CBC',
      departmentCode: '6500',
      revenueCode: '0300',
      procedureCode: { system: CodeSystem.CPT, code: '85025' },
      unitPrice: usd(31_000),
      amount: usd(31_000),
    },
  ];

  it.each([
    ...scenario1.map((charge) => ({ name: `scenario 1 ${charge.chargeCode}`, charge })),
    ...CHARGE_STATUSES.filter((status) => status !== 'posted').map((status) => ({
      name: `status ${status}`,
      charge: { ...minimal, status },
    })),
    { name: 'a reversal (negative quantity and amount)', charge: { ...minimal, quantity: -1, amount: usd(-18_500) } },
    { name: 'an amount with cents', charge: { ...minimal, amount: usd(1_234_567) } },
    { name: 'a patient known only by MRN', charge: { ...minimal, patient: { mrn: 'CR-200871' } } },
  ])('$name: valid R4, and reads back unchanged', ({ charge }) => {
    const fhir = chargeToFhir(charge);
    expect(r4StructureErrors(fhir)).toStrictEqual([]);
    expect(chargeFromFhir(fhir)).toStrictEqual(charge);
  });

  it('scenario 1 totals 28,650.00 after the round trip, to the cent', () => {
    const total = scenario1.map((charge) => chargeFromFhir(chargeToFhir(charge)).amount!.amount).reduce((sum, cents) => sum + cents, 0);
    expect(total).toBe(2_865_000);
  });

  it('a posted charge is still billable to the EHR, and reads back as captured', () => {
    const fhir = chargeToFhir({ ...minimal, status: 'posted' });
    expect(fhir.status).toBe('billable');
    expect(chargeFromFhir(fhir).status).toBe('captured');
  });

  it('writes the chargemaster coding in the EHR’s own system when told to', () => {
    const fhir = chargeToFhir(minimal, { chargemasterSystem: 'https://ehr.example.org/cdm' });
    expect(fhir.code.coding?.[0]).toStrictEqual({ system: 'https://ehr.example.org/cdm', code: 'OV-EST-3' });
    expect(chargeFromFhir(fhir, undefined, { chargemasterSystem: 'https://ehr.example.org/cdm' }).chargeCode).toBe('OV-EST-3');
  });

  it.each([
    {
      name: 'a date-time as service date',
      charge: { ...minimal, serviceDate: '2026-11-09T10:00:00Z' },
      message: 'ChargeDto.serviceDate: must be a date (YYYY-MM-DD)',
    },
    { name: 'a zero quantity', charge: { ...minimal, quantity: 0 }, message: 'ChargeDto.quantity: must be a non-zero number' },
  ])('refuses $name', ({ charge, message }) => {
    expect(mappingError(() => chargeToFhir(charge)).message).toBe(message);
  });
});

describe('chargeFromFhir', () => {
  const base: ChargeItem = {
    resourceType: 'ChargeItem',
    id: 'c',
    status: 'billable',
    code: { coding: [{ system: CodeSystem.CHARGEMASTER, code: 'LAB-STREP' }] },
    subject: { reference: 'Patient/jordan-rivera' },
    occurrenceDateTime: '2026-11-12',
  };
  const baseCanonical: ChargeDto = {
    id: 'c',
    patient: { id: 'jordan-rivera' },
    chargeCode: 'LAB-STREP',
    quantity: 1,
    serviceDate: '2026-11-12',
    status: 'captured',
    source: { system: 'ehr', recordId: 'c' },
  };
  const lab: Organization = {
    resourceType: 'Organization',
    id: 'cg-dept-6500',
    identifier: [{ system: ConcordFhirSystem.COST_CENTRE, value: '6500' }],
    name: 'Laboratory',
  };
  const doctor: Practitioner = {
    resourceType: 'Practitioner',
    id: 'dr-lee',
    identifier: [{ system: 'http://hl7.org/fhir/sid/us-npi', value: '1667788990' }],
  };

  it.each<{ name: string; fhir: Partial<ChargeItem>; resources?: (Organization | Practitioner)[]; expected: Partial<ChargeDto> }>([
    { name: 'a bare billable charge item is one captured unit', fhir: {}, expected: {} },
    { name: 'billed', fhir: { status: 'billed' }, expected: { status: 'billed' } },
    ...(['aborted', 'not-billable', 'entered-in-error'] as const).map((status) => ({
      name: `${status} is reversed`,
      fhir: { status },
      expected: { status: 'reversed' as const },
    })),
    { name: 'the local date of an occurrence with a time zone', fhir: { occurrenceDateTime: '2026-11-12T23:30:00-05:00' }, expected: {} },
    {
      name: 'the start of an occurrence period',
      fhir: { occurrenceDateTime: undefined, occurrencePeriod: { start: '2017-01-25T08:00:00+01:00' } },
      expected: { serviceDate: '2017-01-25' },
    },
    {
      name: 'the description from code.text when the coding has no display',
      fhir: { code: { ...base.code, text: 'Rapid strep test' } },
      expected: { description: 'Rapid strep test' },
    },
    {
      name: 'the department and performer resolved from their resources',
      fhir: {
        performingOrganization: { reference: 'Organization/cg-dept-6500' },
        performer: [{ actor: { reference: 'Practitioner/dr-lee' } }],
      },
      resources: [lab, doctor],
      expected: { departmentCode: '6500', performerNpi: '1667788990' },
    },
    {
      name: 'the visit number on the context reference',
      fhir: { context: { reference: 'Encounter/e2', identifier: { system: ConcordFhirSystem.VISIT_NUMBER, value: 'V-CR-2209' } } },
      expected: { encounterId: 'e2', visitNumber: 'V-CR-2209' },
    },
    {
      name: 'a price of 0.1 + 0.2 dollars is 30 cents',
      fhir: { priceOverride: { value: 0.1 + 0.2, currency: 'USD' } },
      expected: { amount: usd(30) },
    },
    { name: 'a price without currency is in dollars', fhir: { priceOverride: { value: 45 } }, expected: { amount: usd(4_500) } },
  ])('$name', ({ fhir, resources, expected }) => {
    expect(chargeFromFhir({ ...base, ...fhir }, new ResourceIndex(resources ?? []))).toStrictEqual({ ...baseCanonical, ...expected });
  });

  it('names the procedures a charge is for', () => {
    expect(
      chargeServiceProcedureIds({
        ...base,
        service: [{ reference: 'Procedure/p1' }, { reference: 'Observation/o1' }, { reference: 'Procedure/p2' }],
      }),
    ).toStrictEqual(['p1', 'p2']);
    expect(chargeServiceProcedureIds(base)).toStrictEqual([]);
  });

  it.each<{ name: string; fhir: Partial<ChargeItem>; code: Code; message: string }>([
    {
      name: 'a planned charge',
      fhir: { status: 'planned' },
      code: Code.UNSUPPORTED_RECORD,
      message: 'ChargeItem.status: a planned charge item is not a captured charge',
    },
    {
      name: 'an unknown status',
      fhir: { status: 'constructor' as ChargeItem['status'] },
      code: Code.INVALID_VALUE,
      message: 'ChargeItem.status: "constructor" is not an R4 charge item status',
    },
    {
      name: 'a code without a chargemaster coding',
      fhir: { code: { coding: [{ code: '01510' }, { system: CodeSystem.CPT, code: '99213' }] } },
      code: Code.UNSUPPORTED_CODE,
      message: `ChargeItem.code: has no chargemaster coding in ${CodeSystem.CHARGEMASTER} (found: (no system), ${CodeSystem.CPT})`,
    },
    {
      name: 'no date of service',
      fhir: { occurrenceDateTime: undefined },
      code: Code.MISSING_ELEMENT,
      message: 'ChargeItem.occurrence[x]: a charge needs its date of service (occurrenceDateTime or occurrencePeriod.start)',
    },
    {
      name: 'a year-month date of service',
      fhir: { occurrenceDateTime: '2026-11' },
      code: Code.INVALID_VALUE,
      message: 'ChargeItem.occurrence[x]: must give at least a full date',
    },
    {
      name: 'a zero quantity',
      fhir: { quantity: { value: 0 } },
      code: Code.INVALID_VALUE,
      message: 'ChargeItem.quantity.value: must be a non-zero number',
    },
    {
      name: 'a price in euros',
      fhir: { priceOverride: { value: 40, currency: 'EUR' } },
      code: Code.UNSUPPORTED_CODE,
      message: 'ChargeItem.priceOverride.currency: EUR is not a supported currency',
    },
    {
      name: 'a fraction of a cent',
      fhir: { priceOverride: { value: 10.005, currency: 'USD' } },
      code: Code.INVALID_VALUE,
      message: 'ChargeItem.priceOverride.value: has a fraction of a cent',
    },
    {
      name: 'a price beyond ten billion dollars',
      fhir: { priceOverride: { value: 2e10, currency: 'USD' } },
      code: Code.INVALID_VALUE,
      message: 'ChargeItem.priceOverride.value: is beyond the largest amount Concord carries',
    },
  ])('refuses $name', ({ fhir, code, message }) => {
    const error = mappingError(() => chargeFromFhir({ ...base, ...fhir }));
    expect({ code: error.code, message: error.message }).toStrictEqual({ code, message });
  });
});
