import { CodeSystem, IdentifierSystem } from '@concord/contracts';
import { describe, expect, it } from 'vitest';
import type { Hl7ClinicalChange } from './clinical-change';
import { mapHl7ToClinicalChange } from './clinical-change-mapping';
import { AVERY_A01, AVERY_A03, AVERY_DFT, JORDAN_A04, JORDAN_DFT_LATE_STREP, JORDAN_DFT_VISIT } from './demo-hospital.fixture';
import { Hl7ErrorCode } from './hl7-error-codes';
import { Hl7MappingError, Hl7MappingErrorCode as Code } from './hl7-mapping.error';
import { parseHl7 } from './hl7-parser';

const map = (text: string) => mapHl7ToClinicalChange(parseHl7(text));

/** Replaces (or, with an empty replacement, removes) the first segment with this name. */
function withSegment(text: string, name: string, replacement: string): string {
  const segments = text.split('\r');
  const i = segments.findIndex((s) => s.startsWith(name + '|') || s === name);
  if (i === -1) throw new Error(`no ${name} in the fixture`);
  segments.splice(i, 1, ...(replacement ? [replacement] : []));
  return segments.join('\r');
}

/** One segment from its fields by number, so that positions in these tests are explicit. */
function seg(name: string, fields: Record<number, string>): string {
  const last = Math.max(...Object.keys(fields).map(Number));
  return [name, ...Array.from({ length: last }, (_, i) => fields[i + 1] ?? '')].join('|');
}

const append = (text: string, ...segments: string[]) => text + segments.map((s) => s + '\r').join('');
const retype = (text: string, type: string) => text.replace(/\|(ADT|DFT)\^[A-Z0-9]+(\^[A-Z0-9_]+)?\|/, `|${type}|`);

function mappingError(text: string): Hl7MappingError {
  try {
    map(text);
  } catch (error) {
    if (error instanceof Hl7MappingError) return error;
    throw error;
  }
  throw new Error('expected an Hl7MappingError');
}

function as<K extends Hl7ClinicalChange['kind']>(change: Hl7ClinicalChange, kind: K): Extract<Hl7ClinicalChange, { kind: K }> {
  expect(change.kind).toBe(kind);
  return change as Extract<Hl7ClinicalChange, { kind: K }>;
}

const avery = { id: 'avery-quinn', mrn: 'CG-100234' };
const jordan = { id: 'jordan-rivera', mrn: 'CR-200871' };

describe('mapHl7ToClinicalChange: the demo hospital', () => {
  it('A01 admits Avery Quinn to 6100 with her demographics, diagnosis and Medicare coverage', () => {
    const change = as(map(AVERY_A01), 'encounter-admitted');
    expect(change.message).toEqual({
      controlId: 'CG-ADT-0001',
      messageType: 'ADT^A01',
      version: '2.5.1',
      sendingApplication: 'EPIC',
      sendingFacility: 'CONCORD-GENERAL',
      sentAt: '2026-11-02T13:30:00.000Z',
      eventAt: '2026-11-02T13:30:00.000Z',
    });
    expect(change.warnings).toEqual([]);
    expect(change.patient).toEqual({
      id: 'avery-quinn',
      mrn: 'CG-100234',
      identifiers: [
        { system: IdentifierSystem.MRN, value: 'CG-100234', type: 'MR' },
        { system: 'urn:concord:hl7v2:identifier:EHR', value: 'avery-quinn', type: 'PI' },
        { system: IdentifierSystem.MEDICARE_MBI, value: '1EG4TE5MK73', type: 'MC' },
      ],
      name: { family: 'Quinn', given: ['Avery', 'J'], text: 'Avery J Quinn' },
      gender: 'female',
      birthDate: '1957-03-14',
      deceased: false,
      telecom: [
        { system: 'phone', value: '(603)555-0142', use: 'home' },
        { system: 'email', value: 'avery.quinn@example.org', use: 'home' },
      ],
      addresses: [{ line: ['12 Harbour Lane'], city: 'Concord', state: 'NH', postalCode: '03301', country: 'US' }],
      source: { system: 'ehr', recordId: 'avery-quinn' },
    });
    expect(change.encounter).toEqual({
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
      attendingName: { family: 'Park', given: 'Ellis' },
      admitSource: '1',
      diagnoses: [
        {
          code: { system: CodeSystem.ICD10_CM, code: 'M17.12', display: 'Unilateral primary osteoarthritis, left knee' },
          role: 'admitting',
          rank: 1,
        },
      ],
      source: { system: 'ehr', recordId: 'V-CG-7781' },
    });
    expect(change.coverages).toEqual([
      {
        id: 'IN1-1:MCRA1',
        patient: avery,
        payerId: 'MCRA1',
        payerName: 'Medicare Part A',
        memberId: '1EG4TE5MK73',
        relationship: 'self',
        order: 1,
        period: { start: '2022-03-01' },
        source: { system: 'ehr', recordId: 'IN1-1:MCRA1' },
      },
    ]);
  });

  it('DFT^P03 captures the five charges of scenario 1 (28,650.00) and the knee implant used in the arthroplasty', () => {
    const change = as(map(AVERY_DFT), 'charges-captured');
    expect(change.encounter).toEqual({ id: 'V-CG-7781', visitNumber: 'V-CG-7781' });
    expect(change.charges.map((c) => [c.chargeCode, c.quantity, c.serviceDate, c.departmentCode, c.amount?.amount])).toEqual([
      ['RB-SEMI', 2, '2026-11-02', '6200', 560000],
      ['OR-ORTHO-60', 1, '2026-11-02', '6300', 950000],
      ['IMP-KNEE', 1, '2026-11-02', '6300', 1260000],
      ['RX-GEN', 1, '2026-11-03', '6400', 64000],
      ['LAB-CBC', 1, '2026-11-02', '6500', 31000],
    ]);
    expect(change.charges.reduce((sum, c) => sum + (c.amount?.amount ?? 0), 0)).toBe(2_865_000);
    expect(change.charges[2]).toEqual({
      id: 'chg-aq-imp',
      patient: avery,
      encounterId: 'V-CG-7781',
      visitNumber: 'V-CG-7781',
      chargeCode: 'IMP-KNEE',
      description: 'Knee implant system',
      quantity: 1,
      serviceDate: '2026-11-02',
      departmentCode: '6300',
      procedureCode: { system: CodeSystem.HCPCS, code: 'C1776', display: 'Knee implant system' },
      modifiers: ['LT'],
      unitPrice: { amount: 1_260_000, currency: 'USD' },
      amount: { amount: 1_260_000, currency: 'USD' },
      status: 'captured',
      source: { system: 'ehr', recordId: 'chg-aq-imp' },
    });
    expect(change.charges[1].performerNpi).toBe('1245319599');
    expect(change.charges[4].procedureCode).toEqual({ system: CodeSystem.CPT, code: '85025', display: 'Complete blood count' });
    expect(change.procedures).toEqual([
      {
        id: 'proc-tka-aq',
        patient: avery,
        encounterId: 'V-CG-7781',
        status: 'completed',
        codes: [
          { system: CodeSystem.CPT, code: '27447', display: 'Total knee arthroplasty' },
          { system: CodeSystem.ICD10_PCS, code: '0SRD0JZ', display: 'Replacement of left knee joint with synthetic substitute' },
        ],
        performedAt: '2026-11-02T18:00:00.000Z',
        performerNpi: '1245319599',
        departmentCode: '6300',
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
      },
    ]);
    expect(change.skippedTransactions).toEqual([]);
  });

  it('A03 discharges her home (01) after two days with her final diagnosis and the procedure', () => {
    const change = as(map(AVERY_A03), 'encounter-discharged');
    expect(change.encounter).toMatchObject({
      id: 'V-CG-7781',
      status: 'finished',
      period: { start: '2026-11-02T13:30:00.000Z', end: '2026-11-04T16:00:00.000Z' },
      dischargeDisposition: '01',
      departmentCode: '6100',
      diagnoses: [{ code: { code: 'M17.12' }, role: 'principal', rank: 1 }],
    });
    expect(change.encounter.procedures.map((p) => [p.id, p.codes.map((c) => c.code), p.itemsUsed])).toEqual([
      ['proc-tka-aq', ['27447', '0SRD0JZ'], []],
    ]);
  });

  it('A04 registers Jordan Rivera for a clinic visit in 7100 with his Keystone coverage', () => {
    const change = as(map(JORDAN_A04), 'patient-registered');
    expect(change.patient).toMatchObject({
      ...jordan,
      gender: 'male',
      birthDate: '1988-11-02',
      telecom: [{ system: 'phone', use: 'mobile' }],
    });
    expect(change.patient.addresses).toEqual([
      { line: ['48 Mill Street', 'Apt 2'], city: 'Concord', state: 'NH', postalCode: '03301', country: 'US' },
    ]);
    expect(change.encounter).toMatchObject({
      id: 'V-CR-1203',
      class: 'ambulatory',
      status: 'arrived',
      departmentCode: '7100',
      facilityId: 'concord-riverside',
      locationId: 'RC-EXAM^3',
      attendingNpi: '1972558823',
      attendingName: { family: 'Shah', given: 'Priya' },
      diagnoses: [{ code: { system: CodeSystem.ICD10_CM, code: 'J06.9' }, role: 'working', rank: 1 }],
    });
    expect(change.coverages).toEqual([
      expect.objectContaining({ payerId: 'KHP01', memberId: 'KHP-44718-01', groupNumber: 'KHP-GOLD-2026', relationship: 'self', order: 1 }),
    ]);
  });

  it.each([
    ['the visit 99213', JORDAN_DFT_VISIT, 'OV-EST-3', '99213', '7100', 18_500],
    ['the late rapid strep test (scenario 6)', JORDAN_DFT_LATE_STREP, 'LAB-STREP', '87880', '6500', 4_500],
  ])('DFT^P03 charges Jordan for %s on the same visit', (_name, text, chargeCode, cpt, department, cents) => {
    const change = as(map(text), 'charges-captured');
    expect(change.charges).toEqual([
      expect.objectContaining({
        patient: jordan,
        encounterId: 'V-CR-1203',
        chargeCode,
        quantity: 1,
        serviceDate: '2026-11-10',
        departmentCode: department,
        procedureCode: expect.objectContaining({ system: CodeSystem.CPT, code: cpt }),
        amount: { amount: cents, currency: 'USD' },
      }),
    ]);
    expect(change.procedures).toEqual([]);
  });
});

describe('mapHl7ToClinicalChange: message variants', () => {
  const cases: { name: string; text: string; check: (change: Hl7ClinicalChange) => void }[] = [
    {
      name: 'escapes in names are decoded',
      text: withSegment(AVERY_A01, 'PID', 'PID|1||CG-100234^^^CONCORD^MR||Lee\\F\\Kim\\T\\Co^Avery\\S\\Jo^\\E\\'),
      check: (c) =>
        expect(as(c, 'encounter-admitted').patient.name).toEqual({
          family: 'Lee|Kim&Co',
          given: ['Avery^Jo', '\\'],
          text: 'Avery^Jo \\ Lee|Kim&Co',
        }),
    },
    {
      name: 'the MRN is the MR-typed repetition of PID-3, wherever it stands',
      text: withSegment(AVERY_A01, 'PID', 'PID|1||123-45-6789^^^SSA^SS~~CG-100234^^^CONCORD^MR~X9^^^LAB'),
      check: (c) =>
        expect(as(c, 'encounter-admitted').patient).toMatchObject({
          id: 'CG-100234',
          mrn: 'CG-100234',
          identifiers: [
            { system: IdentifierSystem.US_SSN, value: '123-45-6789', type: 'SS' },
            { system: IdentifierSystem.MRN, value: 'CG-100234', type: 'MR' },
            { system: 'urn:concord:hl7v2:identifier:LAB', value: 'X9' },
          ],
        }),
    },
    {
      name: 'an untyped first identifier is the MRN in older feeds, and MRN counts as MR',
      text: withSegment(AVERY_A01, 'PID', 'PID|1||CG-100234~77^^^ACC^MRN'),
      check: (c) => expect(as(c, 'encounter-admitted').patient.mrn).toBe('77'),
    },
    {
      name: 'custom delimiters with a truncation character (MSH|^~\\&#)',
      text: AVERY_A01.replace('MSH|^~\\&|', 'MSH|^~\\&#|').replace('Quinn^Avery^J', 'Quinn^Avery\\P\\^J'),
      check: (c) => expect(as(c, 'encounter-admitted').patient.name.given).toEqual(['Avery#', 'J']),
    },
    {
      name: 'entirely different delimiters',
      text: AVERY_A01.replace(/\|/g, '!').replace(/\^/g, '@').replace('MSH!@~\\&!', 'MSH!@~\\&!'),
      check: (c) =>
        expect(as(c, 'encounter-admitted').encounter).toMatchObject({ id: 'V-CG-7781', locationId: '4W@412@B'.replace(/@/g, '^') }),
    },
    {
      name: 'LF-only segment ends and a BOM',
      text: '\uFEFF' + AVERY_A01.replace(/\r/g, '\n'),
      check: (c) => expect(as(c, 'encounter-admitted').encounter.departmentCode).toBe('6100'),
    },
    {
      name: 'v2.3: no MSH-9 structure, DG1-2 coding method, trigger only in EVN-1',
      text: withSegment(
        AVERY_A01.replace('|ADT^A01^ADT_A01|', '|ADT|').replace('|2.5.1', '|2.3'),
        'DG1',
        'DG1|1|I10|M17.12|Osteoarthritis of left knee||A',
      ),
      check: (c) => {
        const change = as(c, 'encounter-admitted');
        expect(change.message.messageType).toBe('ADT');
        expect(change.encounter.diagnoses).toEqual([{ code: { system: CodeSystem.ICD10_CM, code: 'M17.12' }, role: 'admitting', rank: 1 }]);
      },
    },
    {
      name: 'timestamps without a zone stay local, partial ones keep their precision',
      text: withSegment(AVERY_A01, 'PV1', seg('PV1', { 1: '1', 2: 'I', 19: 'V-1', 44: '202611020830', 45: '20261104' })),
      check: (c) => expect(as(c, 'encounter-admitted').encounter.period).toEqual({ start: '2026-11-02T08:30:00', end: '2026-11-04' }),
    },
    {
      name: 'a PV1 without visit number gets an id from the control id',
      text: withSegment(AVERY_A01, 'PV1', seg('PV1', { 1: '1', 2: 'I' })),
      check: (c) => expect(as(c, 'encounter-admitted').encounter).toMatchObject({ id: 'hl7:CG-ADT-0001', class: 'inpatient' }),
    },
    {
      name: 'several diagnoses: final with priority 1 is principal, the rest secondary by rank',
      text: append(
        withSegment(AVERY_A03, 'DG1', 'DG1|1||M17.12^^I10||||||||||||2'),
        'DG1|2||E11.9^^I10||||||||||||1',
        'DG1|3||I10^^I10|||F|||||||||3',
        'DG1|4||Z96.652^^I10|||W',
      ),
      check: (c) =>
        expect(as(c, 'encounter-discharged').encounter.diagnoses.map((d) => [d.code.code, d.role, d.rank])).toEqual([
          ['M17.12', 'working', 2],
          ['E11.9', 'working', 1],
          ['I10', 'secondary', 3],
          ['Z96.652', 'working', 4],
        ]),
    },
  ];

  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, { text, check }) => check(map(text)));

  it.each([
    ['I', 'inpatient', undefined],
    ['O', 'ambulatory', undefined],
    ['E', 'emergency', undefined],
    ['R', 'outpatient', undefined],
    ['B', 'inpatient', undefined],
    ['P', 'inpatient', undefined],
    ['O', 'observation', 'OBS'],
    ['U', 'inpatient', undefined],
    ['Z', 'inpatient', undefined],
  ])('PV1-2 %s (PV1-18 %s) is class %s', (patientClass, expected, patientType) => {
    const pv1 = seg('PV1', { 1: '1', 2: patientClass, 18: patientType ?? '', 19: 'V-1' });
    const change = as(map(withSegment(AVERY_A01, 'PV1', pv1)), 'encounter-admitted');
    expect(change.encounter.class).toBe(expected);
    expect(change.warnings.map((w) => w.location.field)).toEqual(patientClass === 'Z' ? [2] : []);
  });
});

describe('mapHl7ToClinicalChange: one case per ADT trigger', () => {
  it('A02 moves the encounter to a new place and department, keeping the prior location', () => {
    const text = withSegment(
      retype(AVERY_A01, 'ADT^A02^ADT_A02'),
      'PV1',
      seg('PV1', { 1: '1', 2: 'I', 3: '5E^501^A^concord-general', 6: '4W^412^B', 10: '6200', 19: 'V-CG-7781' }),
    );
    const change = as(map(text), 'encounter-transferred');
    expect(change.encounter).toMatchObject({ id: 'V-CG-7781', locationId: '5E^501^A', departmentCode: '6200', status: 'in-progress' });
    expect(change.priorLocationId).toBe('4W^412^B');
  });

  it('A03 takes the discharge time from EVN when PV1-45 is empty', () => {
    const text = withSegment(
      withSegment(AVERY_A03, 'PV1', seg('PV1', { 1: '1', 2: 'I', 19: 'V-CG-7781' })),
      'EVN',
      'EVN|A03|20261104120000-0500||||20261104110000-0500',
    );
    expect(as(map(text), 'encounter-discharged').encounter.period).toEqual({ end: '2026-11-04T16:00:00.000Z' });
  });

  it('A08 reports the encounter only when PV1 names a visit, with a status read from its dates', () => {
    const updated = (pv1: string) => as(map(withSegment(retype(AVERY_A01, 'ADT^A08^ADT_A01'), 'PV1', pv1)), 'patient-updated');
    expect(updated(seg('PV1', { 1: '1', 2: 'N' })).encounter).toBeUndefined();
    expect(updated(seg('PV1', { 1: '1', 2: 'I', 19: 'V-1' })).encounter?.status).toBe('unknown');
    expect(updated(seg('PV1', { 1: '1', 2: 'I', 19: 'V-1', 44: '20261102' })).encounter?.status).toBe('in-progress');
    expect(updated(seg('PV1', { 1: '1', 2: 'I', 19: 'V-1', 44: '20261102', 45: '20261104' })).encounter?.status).toBe('finished');
    const noPv1 = as(map(withSegment(retype(AVERY_A01, 'ADT^A08^ADT_A01'), 'PV1', '')), 'patient-updated');
    expect(noPv1.patient.mrn).toBe('CG-100234');
    expect(noPv1.coverages).toHaveLength(1);
  });

  it('A11 cancels the admission', () => {
    expect(as(map(retype(AVERY_A01, 'ADT^A11^ADT_A09')), 'admission-cancelled').encounter).toMatchObject({
      id: 'V-CG-7781',
      status: 'cancelled',
    });
  });

  it('A13 cancels the discharge: the stay is open again', () => {
    const change = as(map(retype(AVERY_A03, 'ADT^A13^ADT_A01')), 'discharge-cancelled');
    expect(change.encounter).toMatchObject({ status: 'in-progress', period: { start: '2026-11-02T13:30:00.000Z' } });
    expect(change.encounter.period?.end).toBeUndefined();
  });

  it('A40 merges each MRG record into the PID before it', () => {
    const text = [
      'MSH|^~\\&|EPIC|CG|CONCORD|CONCORD|20261105||ADT^A40^ADT_A39|CG-ADT-0040|P|2.5.1',
      'EVN|A40|20261105',
      'PID|1||CG-100234^^^CONCORD^MR||Quinn^Avery',
      'MRG|CG-199999^^^CONCORD^MR~555^^^LAB',
      'PID|2||CG-100500^^^CONCORD^MR||Doe^Sam',
      'MRG|CG-100501^^^CONCORD^MR',
    ].join('\r');
    const change = as(map(text), 'patient-merged');
    expect(change.merges.map((m) => [m.patient.mrn, m.priorMrn, m.priorIdentifiers.length])).toEqual([
      ['CG-100234', 'CG-199999', 2],
      ['CG-100500', 'CG-100501', 1],
    ]);
  });

  it('DFT: a CR line reverses a charge with a negative quantity and amount; payments are skipped with a warning', () => {
    const text = append(
      JORDAN_DFT_VISIT,
      'FT1|2|chg-jr-ov-rev||20261110||CR|OV-EST-3|||1|185.00&USD|185.00&USD|7100',
      'FT1|3|||20261110||PY|CASH|||1|20.00',
    );
    const change = as(map(text), 'charges-captured');
    expect(change.charges.map((c) => [c.id, c.quantity, c.amount?.amount])).toEqual([
      ['chg-jr-ov', 1, 18_500],
      ['chg-jr-ov-rev', -1, -18_500],
    ]);
    expect(change.skippedTransactions).toEqual([{ setId: 3, transactionType: 'PY' }]);
    expect(change.warnings).toEqual([
      {
        code: Hl7ErrorCode.TABLE_VALUE_NOT_FOUND,
        location: expect.objectContaining({ segmentName: 'FT1', segmentOccurrence: 3, field: 6 }),
        text: expect.any(String),
      },
    ]);
  });

  it('DFT: charge ids fall back to control id and set id, quantity to 1, description to FT1-7.2; no PV1 means no encounter', () => {
    const text = [
      'MSH|^~\\&|EPIC|CG|CONCORD|CONCORD|20261105||DFT^P03|CG-DFT-9|P|2.3',
      'PID|1||CG-100234^^^CONCORD^MR',
      'FT1|7|||20261105||CG|LAB-CBC^Complete blood count',
    ].join('\r');
    const change = as(map(text), 'charges-captured');
    expect(change.encounter).toBeUndefined();
    expect(change.charges).toEqual([
      {
        id: 'CG-DFT-9:FT1:7',
        patient: { mrn: 'CG-100234' },
        chargeCode: 'LAB-CBC',
        description: 'Complete blood count',
        quantity: 1,
        serviceDate: '2026-11-05',
        status: 'captured',
        source: { system: 'ehr', recordId: 'CG-DFT-9:FT1:7' },
      },
    ]);
  });

  it('ZIU-7 chooses the procedure when there are several', () => {
    const text = append(AVERY_DFT, 'PR1|2||27486^Revision of knee^C4', 'ZIU|2|GLV-NIT-M^Nitrile gloves|2||||2');
    const change = as(map(text), 'charges-captured');
    expect(change.procedures.map((p) => [p.codes[0].code, p.itemsUsed.map((i) => `${i.itemCode}×${i.quantity}`)])).toEqual([
      ['27447', ['KNEE-TOT-CR×1']],
      ['27486', ['GLV-NIT-M×2']],
    ]);
    expect(change.procedures[1].departmentCode).toBe('6500');
  });

  it.each([
    ['ORU^R01^ORU_R01', 'ORU^R01'],
    ['SIU^S12^SIU_S12', 'SIU^S12'],
    ['MDM^T02^MDM_T02', 'MDM^T02'],
    ['VXU^V04^VXU_V04', 'VXU^V04'],
    ['BAR^P01^BAR_P01', 'BAR^P01'],
    ['ADT^A05^ADT_A05', 'ADT^A05'],
    ['DFT^P11^DFT_P11', 'DFT^P11'],
  ])('%s is unsupported', (type, messageType) => {
    expect(map(retype(AVERY_A01, type))).toMatchObject({ kind: 'unsupported', messageType });
  });
});

describe('mapHl7ToClinicalChange: missing required data is a precise Hl7MappingError', () => {
  const cases: { name: string; text: string; code: Code; segment: string; field?: number; hl7: Hl7ErrorCode }[] = [
    {
      name: 'A01 without PID',
      text: withSegment(AVERY_A01, 'PID', ''),
      code: Code.MISSING_SEGMENT,
      segment: 'PID',
      hl7: Hl7ErrorCode.SEGMENT_SEQUENCE_ERROR,
    },
    {
      name: 'A01 without an MRN in PID-3',
      text: withSegment(AVERY_A01, 'PID', 'PID|1||123-45-6789^^^SSA^SS||Quinn^Avery'),
      code: Code.MISSING_FIELD,
      segment: 'PID',
      field: 3,
      hl7: Hl7ErrorCode.REQUIRED_FIELD_MISSING,
    },
    {
      name: 'A01 with an empty PID-3',
      text: withSegment(AVERY_A01, 'PID', 'PID|1||""'),
      code: Code.MISSING_FIELD,
      segment: 'PID',
      field: 3,
      hl7: Hl7ErrorCode.REQUIRED_FIELD_MISSING,
    },
    {
      name: 'A03 without PV1',
      text: withSegment(AVERY_A03, 'PV1', ''),
      code: Code.MISSING_SEGMENT,
      segment: 'PV1',
      hl7: Hl7ErrorCode.SEGMENT_SEQUENCE_ERROR,
    },
    {
      name: 'A03 without any discharge time',
      text: withSegment(withSegment(AVERY_A03, 'PV1', seg('PV1', { 1: '1', 2: 'I', 19: 'V-1' })), 'EVN', 'EVN|A03'),
      code: Code.MISSING_FIELD,
      segment: 'PV1',
      field: 45,
      hl7: Hl7ErrorCode.REQUIRED_FIELD_MISSING,
    },
    {
      name: 'A03 with a discharge time that is not a date',
      text: withSegment(AVERY_A03, 'PV1', seg('PV1', { 1: '1', 2: 'I', 19: 'V-1', 44: '20261102', 45: '2026-11-04' })),
      code: Code.INVALID_VALUE,
      segment: 'PV1',
      field: 45,
      hl7: Hl7ErrorCode.DATA_TYPE_ERROR,
    },
    {
      name: 'A40 without MRG',
      text: retype(AVERY_A01, 'ADT^A40^ADT_A39'),
      code: Code.MISSING_FIELD,
      segment: 'PID',
      field: 3,
      hl7: Hl7ErrorCode.REQUIRED_FIELD_MISSING,
    },
    {
      name: 'DFT without FT1',
      text: JORDAN_DFT_VISIT.replace(/FT1\|[^\r]*\r/, ''),
      code: Code.MISSING_SEGMENT,
      segment: 'FT1',
      hl7: Hl7ErrorCode.SEGMENT_SEQUENCE_ERROR,
    },
    {
      name: 'FT1 without a charge code',
      text: withSegment(JORDAN_DFT_VISIT, 'FT1', 'FT1|1|||20261110||CG'),
      code: Code.MISSING_FIELD,
      segment: 'FT1',
      field: 7,
      hl7: Hl7ErrorCode.REQUIRED_FIELD_MISSING,
    },
    {
      name: 'FT1 without a date',
      text: withSegment(JORDAN_DFT_VISIT, 'FT1', 'FT1|1|||||CG|OV-EST-3'),
      code: Code.MISSING_FIELD,
      segment: 'FT1',
      field: 4,
      hl7: Hl7ErrorCode.REQUIRED_FIELD_MISSING,
    },
    {
      name: 'FT1 without a type',
      text: withSegment(JORDAN_DFT_VISIT, 'FT1', 'FT1|1|||20261110|||OV-EST-3'),
      code: Code.MISSING_FIELD,
      segment: 'FT1',
      field: 6,
      hl7: Hl7ErrorCode.REQUIRED_FIELD_MISSING,
    },
    {
      name: 'FT1 with a quantity that is not a number',
      text: withSegment(JORDAN_DFT_VISIT, 'FT1', 'FT1|1|||20261110||CG|OV-EST-3|||two'),
      code: Code.INVALID_VALUE,
      segment: 'FT1',
      field: 10,
      hl7: Hl7ErrorCode.DATA_TYPE_ERROR,
    },
    {
      name: 'FT1 with fractions of a cent',
      text: withSegment(JORDAN_DFT_VISIT, 'FT1', 'FT1|1|||20261110||CG|OV-EST-3|||1|185.005&USD'),
      code: Code.INVALID_VALUE,
      segment: 'FT1',
      field: 11,
      hl7: Hl7ErrorCode.DATA_TYPE_ERROR,
    },
    {
      name: 'FT1 in euros',
      text: withSegment(JORDAN_DFT_VISIT, 'FT1', 'FT1|1|||20261110||CG|OV-EST-3|||1|185.00&EUR'),
      code: Code.UNKNOWN_CODE,
      segment: 'FT1',
      field: 11,
      hl7: Hl7ErrorCode.TABLE_VALUE_NOT_FOUND,
    },
    {
      name: 'ZIU without a procedure',
      text: append(JORDAN_DFT_VISIT, 'ZIU|1|GLV-NIT-M'),
      code: Code.MISSING_FIELD,
      segment: 'ZIU',
      field: 7,
      hl7: Hl7ErrorCode.REQUIRED_FIELD_MISSING,
    },
    {
      name: 'ZIU without ZIU-7 among several procedures',
      text: append(AVERY_DFT, 'PR1|2||27486^^C4', 'ZIU|2|GLV-NIT-M'),
      code: Code.MISSING_FIELD,
      segment: 'ZIU',
      field: 7,
      hl7: Hl7ErrorCode.REQUIRED_FIELD_MISSING,
    },
    {
      name: 'ZIU naming no procedure',
      text: append(AVERY_DFT, 'ZIU|2|GLV-NIT-M|1||||9'),
      code: Code.INVALID_VALUE,
      segment: 'ZIU',
      field: 7,
      hl7: Hl7ErrorCode.DATA_TYPE_ERROR,
    },
    {
      name: 'ZIU without an item',
      text: append(AVERY_DFT, 'ZIU|2||1||||1'),
      code: Code.MISSING_FIELD,
      segment: 'ZIU',
      field: 2,
      hl7: Hl7ErrorCode.REQUIRED_FIELD_MISSING,
    },
    {
      name: 'ZIU with no quantity',
      text: append(AVERY_DFT, 'ZIU|2|GLV|0||||1'),
      code: Code.INVALID_VALUE,
      segment: 'ZIU',
      field: 3,
      hl7: Hl7ErrorCode.DATA_TYPE_ERROR,
    },
  ];

  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, { text, code, segment, field, hl7 }) => {
    const error = mappingError(text);
    expect(error.code).toBe(code);
    expect(error.segmentName).toBe(segment);
    expect(error.field).toBe(field);
    expect(error.hl7ErrorCode).toBe(hl7);
    expect(error.message).not.toMatch(/Quinn|Avery|Rivera|CG-100234|CR-200871|123-45-6789/);
  });
});

describe('mapHl7ToClinicalChange: lesser gaps are warnings, the rest still maps', () => {
  it.each([
    ['an IN1 without insurance company', withSegment(AVERY_A01, 'IN1', 'IN1|1|MCRA'), 'IN1', 3, Hl7ErrorCode.REQUIRED_FIELD_MISSING],
    ['a DG1 without code', withSegment(AVERY_A01, 'DG1', 'DG1|1||||20261102|A'), 'DG1', 3, Hl7ErrorCode.REQUIRED_FIELD_MISSING],
    ['a birth date with only a year', AVERY_A01.replace('|19570314|', '|1957|'), 'PID', 7, Hl7ErrorCode.DATA_TYPE_ERROR],
    [
      'an unreadable admit time',
      AVERY_A01.replace('|20261102083000-0500\rDG1', '|yesterday\rDG1'),
      'PV1',
      44,
      Hl7ErrorCode.DATA_TYPE_ERROR,
    ],
    ['a PR1 without code', append(AVERY_A01, 'PR1|1||^no code'), 'PR1', 3, Hl7ErrorCode.REQUIRED_FIELD_MISSING],
  ])('%s', (_name, text, segmentName, field, code) => {
    const change = map(text);
    expect(change.kind).toBe('encounter-admitted');
    expect(change.warnings).toEqual([
      {
        code,
        location: expect.objectContaining({ segmentName, field }),
        text: expect.stringContaining(`(${segmentName} #1), field ${field}: `),
      },
    ]);
  });
});
