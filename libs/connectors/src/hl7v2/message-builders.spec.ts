import {
  type ChargeDto,
  CodeSystem,
  type CoverageDto,
  type EncounterDto,
  IdentifierSystem,
  type PatientDto,
  type ProcedureDto,
} from '@concord/contracts';
import fc from 'fast-check';
import { Message } from 'node-hl7-client';
import { describe, expect, it } from 'vitest';
import { buildAdtMessage } from './adt-builder';
import type { Hl7ClinicalChange } from './clinical-change';
import { mapHl7ToClinicalChange } from './clinical-change-mapping';
import { buildDftP03Message } from './dft-builder';
import type { Hl7FeedHeader } from './feed-header';
import { HL7_LOCAL_IDENTIFIER_PREFIX } from './hl7-coding-systems';
import { parseHl7 } from './hl7-parser';

const header: Hl7FeedHeader = {
  sendingApplication: 'CONCORD-SANDBOX',
  sendingFacility: 'CONCORD-GENERAL',
  receivingApplication: 'CONCORD',
  receivingFacility: 'CONCORD',
  controlId: 'SBX-0001',
  timestamp: '2026-11-02T13:30:00.000Z',
};

const roundTrip = (text: string): Hl7ClinicalChange => mapHl7ToClinicalChange(parseHl7(text));
const avery = { id: 'avery-quinn', mrn: 'CG-100234' };

const patient: PatientDto = {
  id: 'avery-quinn',
  mrn: 'CG-100234',
  identifiers: [
    { system: IdentifierSystem.MRN, value: 'CG-100234', type: 'MR' },
    { system: `${HL7_LOCAL_IDENTIFIER_PREFIX}EHR`, value: 'avery-quinn', type: 'PI' },
    { system: IdentifierSystem.MEDICARE_MBI, value: '1EG4TE5MK73', type: 'MC' },
  ],
  name: { family: 'Quinn', given: ['Avery', 'J'], text: 'Avery J Quinn' },
  gender: 'female',
  birthDate: '1957-03-14',
  deceased: false,
  telecom: [
    // PID-13 holds the personal contacts and PID-14 the work ones, so work numbers come back last.
    { system: 'phone', value: '+1-603-555-0142', use: 'home' },
    { system: 'phone', value: '+1-603-555-0199', use: 'mobile' },
    { system: 'email', value: 'avery.quinn@example.org', use: 'home' },
    { system: 'phone', value: '+1-603-555-0100', use: 'work' },
  ],
  addresses: [{ line: ['12 Harbour Lane', 'Unit 4'], city: 'Concord', state: 'NH', postalCode: '03301', country: 'US' }],
  source: { system: 'ehr', recordId: 'avery-quinn' },
};

const knee: ProcedureDto = {
  id: 'proc-tka-aq',
  patient: avery,
  encounterId: 'V-CG-7781',
  status: 'completed',
  codes: [
    { system: CodeSystem.CPT, code: '27447', display: 'Total knee arthroplasty' },
    { system: CodeSystem.ICD10_PCS, code: '0SRD0JZ' },
  ],
  performedAt: '2026-11-02T18:00:00.000Z',
  performerNpi: '1245319599',
  itemsUsed: [
    {
      itemCode: 'KNEE-TOT-CR',
      description: 'Total knee system, cruciate-retaining',
      quantity: 1,
      gtin: '00812345678906',
      serialNumber: 'SN-KN-55012',
      lotNumber: 'LOT-2026-114',
    },
  ],
  source: { system: 'ehr', recordId: 'proc-tka-aq' },
};

const admitted: EncounterDto = {
  id: 'V-CG-7781',
  visitNumber: 'V-CG-7781',
  patient: avery,
  status: 'in-progress',
  class: 'inpatient',
  period: { start: '2026-11-02T13:30:00.000Z' },
  facilityId: 'concord-general',
  departmentCode: '6100',
  locationId: '4W^412^B',
  attendingNpi: '1245319599',
  admitSource: '1',
  diagnoses: [
    {
      code: { system: CodeSystem.ICD10_CM, code: 'M17.12', display: 'Unilateral primary osteoarthritis, left knee' },
      role: 'admitting',
      rank: 1,
    },
  ],
  source: { system: 'ehr', recordId: 'V-CG-7781' },
};

const medicare: CoverageDto = {
  id: 'IN1-1:MCRA1',
  patient: avery,
  payerId: 'MCRA1',
  payerName: 'Medicare Part A',
  memberId: '1EG4TE5MK73',
  relationship: 'self',
  order: 1,
  period: { start: '2022-03-01' },
  source: { system: 'ehr', recordId: 'IN1-1:MCRA1' },
};

const charge = (
  id: string,
  chargeCode: string,
  quantity: number,
  departmentCode: string,
  cents: number,
  extra: Partial<ChargeDto> = {},
): ChargeDto => ({
  id,
  patient: avery,
  encounterId: 'V-CG-7781',
  visitNumber: 'V-CG-7781',
  chargeCode,
  quantity,
  serviceDate: '2026-11-02',
  departmentCode,
  unitPrice: { amount: cents, currency: 'USD' },
  amount: { amount: cents * quantity, currency: 'USD' },
  status: 'captured',
  source: { system: 'ehr', recordId: id },
  ...extra,
});

describe('buildAdtMessage → parse → map gives the canonical objects back', () => {
  it('A01: patient, encounter and coverage', () => {
    const change = roundTrip(buildAdtMessage({ trigger: 'A01', patient, encounter: admitted, coverages: [medicare] }, header));
    expect(change).toMatchObject({ kind: 'encounter-admitted', warnings: [] });
    if (change.kind !== 'encounter-admitted') return;
    expect(change.patient).toEqual(patient);
    expect(change.encounter).toEqual(admitted);
    expect(change.coverages).toEqual([medicare]);
    expect(change.message).toMatchObject({ controlId: 'SBX-0001', messageType: 'ADT^A01', version: '2.5.1', sentAt: header.timestamp });
  });

  it('A03: discharge with final diagnoses, procedures and the items they used', () => {
    const discharged: EncounterDto = {
      ...admitted,
      status: 'finished',
      period: { start: '2026-11-02T13:30:00.000Z', end: '2026-11-04T16:00:00.000Z' },
      dischargeDisposition: '01',
      diagnoses: [
        { code: { system: CodeSystem.ICD10_CM, code: 'M17.12' }, role: 'principal', rank: 1 },
        { code: { system: CodeSystem.ICD10_CM, code: 'E11.9' }, role: 'secondary', rank: 2 },
      ],
      procedures: [knee],
    };
    const change = roundTrip(buildAdtMessage({ trigger: 'A03', patient, encounter: discharged }, { ...header, controlId: 'SBX-0002' }));
    expect(change.kind === 'encounter-discharged' && change.encounter).toEqual(discharged);
  });

  it('A04: an observation stay, a patient with no MRN identifier listed and a deceased flag', () => {
    const jordan: PatientDto = {
      id: 'CR-200871',
      mrn: 'CR-200871',
      identifiers: [],
      name: { family: 'Rivera', given: ['Jordan'], text: 'Jordan Rivera' },
      gender: 'male',
      deceased: true,
      telecom: [],
      addresses: [],
      source: { system: 'ehr', recordId: 'CR-200871' },
    };
    const visit: EncounterDto = {
      id: 'V-CR-1203',
      patient: { mrn: 'CR-200871' },
      status: 'arrived',
      class: 'observation',
      departmentCode: '7100',
      diagnoses: [{ code: { system: CodeSystem.ICD10_CM, code: 'J06.9' }, role: 'working', rank: 1 }],
      source: { system: 'ehr', recordId: 'V-CR-1203' },
    };
    const change = roundTrip(buildAdtMessage({ trigger: 'A04', patient: jordan, encounter: visit }, header));
    expect(change.kind).toBe('patient-registered');
    if (change.kind !== 'patient-registered') return;
    expect(change.patient).toEqual({ ...jordan, identifiers: [{ system: IdentifierSystem.MRN, value: 'CR-200871', type: 'MR' }] });
    expect(change.encounter).toEqual({ ...visit, visitNumber: 'V-CR-1203' });
  });

  it('present-on-admission travels from v2.6 on', () => {
    const encounter = { ...admitted, diagnoses: [{ ...admitted.diagnoses[0], presentOnAdmission: 'Y' }] };
    const change = roundTrip(buildAdtMessage({ trigger: 'A01', patient, encounter }, { ...header, version: '2.6' }));
    expect(change.kind === 'encounter-admitted' && change.encounter.diagnoses).toEqual(encounter.diagnoses);
  });

  it('escapes whatever the values hold, and the oracle (node-hl7-client) reads them the same', () => {
    fc.assert(
      fc.property(
        fc
          .tuple(fc.string({ minLength: 1, maxLength: 20 }), fc.string({ minLength: 1, maxLength: 20 }))
          .filter(([f, g]) => f.trim() === f && g.trim() === g && f !== '""' && g !== '""' && !/\s\s/.test(f + g)),
        ([family, given]) => {
          const named = { ...patient, name: { family, given: [given], text: `${given} ${family}` } };
          const text = buildAdtMessage({ trigger: 'A01', patient: named, encounter: admitted }, header);
          const change = roundTrip(text);
          expect(change.kind === 'encounter-admitted' && change.patient.name).toEqual(named.name);
        },
      ),
    );
    const tricky = { ...patient, name: { family: 'Lee|Kim^&~\\Co', given: ['Avery\rJo'], text: 'Avery\rJo Lee|Kim^&~\\Co' } };
    const text = buildAdtMessage({ trigger: 'A01', patient: tricky, encounter: admitted }, header);
    expect(text).toContain(
      'PID|1||CG-100234^^^^MR~avery-quinn^^^EHR^PI~1EG4TE5MK73^^^^MC||Lee\\F\\Kim\\S\\\\T\\\\R\\\\E\\Co^Avery\\X0D\\Jo|',
    );
    const oracle = new Message({ text });
    expect(oracle.get('PID.3.1').toString()).toBe('CG-100234');
    expect(oracle.get('PID.5.1').toString()).toBe('Lee|Kim^&~\\Co');
    expect(oracle.get('PV1.19').toString()).toBe('V-CG-7781');
  });

  it('refuses what HL7 v2 cannot carry', () => {
    const build =
      (encounter: EncounterDto, coverages: CoverageDto[] = [], version?: string) =>
      () =>
        buildAdtMessage({ trigger: 'A01', patient, encounter, coverages }, { ...header, version });
    expect(build({ ...admitted, visitNumber: 'OTHER' })).toThrow(RangeError);
    expect(build({ ...admitted, procedures: [{ ...knee, codes: [...knee.codes, { system: CodeSystem.CPT, code: '20985' }] }] })).toThrow(
      RangeError,
    );
    expect(build(admitted, [{ ...medicare, id: 'cov-aq-medicare-a' }])).toThrow(RangeError);
    expect(build({ ...admitted, diagnoses: [{ ...admitted.diagnoses[0], presentOnAdmission: 'Y' }] })).toThrow(RangeError);
  });
});

describe('buildDftP03Message → parse → map gives the charges and procedures back', () => {
  const charges = [
    charge('chg-aq-rb', 'RB-SEMI', 2, '6200', 280_000, { description: 'Room and board, semi-private, per day' }),
    charge('chg-aq-or', 'OR-ORTHO-60', 1, '6300', 950_000, { performerNpi: '1245319599' }),
    charge('chg-aq-imp', 'IMP-KNEE', 1, '6300', 1_260_000, {
      procedureCode: { system: CodeSystem.HCPCS, code: 'C1776' },
      modifiers: ['LT'],
    }),
    charge('chg-aq-rx', 'RX-GEN', 1, '6400', 64_000, { serviceDate: '2026-11-03' }),
    charge('chg-aq-lab', 'LAB-CBC', 1, '6500', 31_000, { procedureCode: { system: CodeSystem.CPT, code: '85025', display: 'CBC' } }),
    charge('chg-aq-lab-rev', 'LAB-CBC', -1, '6500', 31_000),
  ];
  const procedure = { ...knee, departmentCode: '6300' };

  it('scenario 1 with a reversal: charges, amounts in cents, the knee implant on the arthroplasty', () => {
    const text = buildDftP03Message(
      { patient, encounter: { id: 'V-CG-7781', class: 'inpatient' }, charges, procedures: [procedure] },
      header,
    );
    const change = roundTrip(text);
    expect(change.kind).toBe('charges-captured');
    if (change.kind !== 'charges-captured') return;
    expect(change.charges).toEqual(charges);
    expect(change.procedures).toEqual([procedure]);
    expect(change.encounter).toEqual({ id: 'V-CG-7781', visitNumber: 'V-CG-7781' });
    expect(change.warnings).toEqual([]);
    expect(text).toContain('FT1|6|chg-aq-lab-rev||20261102||CR|LAB-CBC|||1|310.00&USD|310.00&USD|6500');
    expect(text.split('\r').map((s) => s.slice(0, 3))).toEqual([
      'MSH',
      'EVN',
      'PID',
      'PV1',
      'FT1',
      'FT1',
      'PR1',
      'ZIU',
      'FT1',
      'FT1',
      'FT1',
      'FT1',
      '',
    ]);
  });

  it('refuses a procedure whose department no charge has', () => {
    expect(() => buildDftP03Message({ patient, charges, procedures: [{ ...knee, departmentCode: '6100' }] }, header)).toThrow(RangeError);
  });
});
