import { describe, expect, it } from 'vitest';
import type { BillingAccount, BillingCharge, BillingFacility, BillingPayer } from '@concord/connectors/billing';
import { type ClaimDto, CodeSystem, usd } from '@concord/contracts';
import { write837Institutional, write837Professional, readX12 } from '@concord/connectors/x12';
import { DEMO_837_OPTIONS } from '@concord/connectors/x12/examples/demo-hospital.examples';
import { buildClaim, type ClaimBuildInput } from './claim-builder';
import { ClaimEditCode, runClaimEdits, SOFT_CLAIM_EDITS } from './claim-edits';
import { expectedReimbursement } from './expected-reimbursement';

const money = (cents: number) => usd(cents);
const balances = {
  charges: money(0),
  insurancePayments: money(0),
  patientPayments: money(0),
  adjustments: money(0),
  transfersToPatient: money(0),
  insuranceBalance: money(0),
  patientBalance: money(0),
  total: money(0),
};

const GENERAL: BillingFacility = {
  id: 'concord-general',
  name: 'Concord General Hospital',
  npi: '1234567893',
  ein: '12-3456789',
  taxonomy: '282N00000X',
  address: { line: ['1 Hospital Drive'], city: 'Concord', state: 'NH', postalCode: '033012512' },
  claimKind: 'institutional',
};
const RIVERSIDE: BillingFacility = {
  id: 'concord-riverside',
  name: 'Concord Riverside Clinic',
  npi: '1765432103',
  ein: '12-3456790',
  address: { line: ['200 River Road'], city: 'Concord', state: 'NH', postalCode: '033033300' },
  claimKind: 'professional',
  placeOfService: '11',
};
const MEDICARE_A: BillingPayer = {
  payerId: 'MCRA1',
  name: 'Medicare Part A',
  claimFilingIndicator: 'MA',
  timelyFilingDays: 365,
  feeSchedule: [],
  drgPayments: [{ drg: '470', payment: money(1_495_000) }],
  patientShare: { deductible: money(167_600) },
  requiresMemberId: true,
  selfPay: false,
};
const KEYSTONE: BillingPayer = {
  payerId: 'KHP01',
  name: 'Keystone Health Plan',
  claimFilingIndicator: 'CI',
  timelyFilingDays: 180,
  feeSchedule: [
    { procedureCode: { system: CodeSystem.CPT, code: '99213' }, allowed: money(11_200) },
    { procedureCode: { system: CodeSystem.CPT, code: '87880' }, allowed: money(2_800) },
  ],
  patientShare: { coinsurancePercent: 20 },
  requiresMemberId: true,
  selfPay: false,
};

const AVERY: BillingAccount = {
  id: 'CG-A-000001',
  accountNumber: 'CG-A-000001',
  encounterId: 'enc-aq-tka',
  facilityId: 'concord-general',
  patientClass: 'inpatient',
  departmentCode: '6100',
  patient: { id: 'avery-quinn', mrn: 'CG-100234', name: { family: 'Quinn', given: ['Avery'] }, birthDate: '1957-03-14', gender: 'female' },
  admission: { date: '2026-11-02', hour: '0830', typeCode: '3', sourceCode: '1' },
  discharge: { date: '2026-11-04', statusCode: '01' },
  attending: { name: 'Park', firstName: 'Ellis', npi: '1245319599', taxonomy: '207X00000X' },
  coverages: [{ order: 1, payerId: 'MCRA1', memberId: '1EG4TE5MK73', relationship: 'self' }],
  coding: {
    status: 'final',
    drg: '470',
    diagnoses: [{ code: { system: CodeSystem.ICD10_CM, code: 'M17.12' }, role: 'principal', presentOnAdmission: 'Y' }],
    procedures: [{ code: { system: CodeSystem.ICD10_PCS, code: '0SRD0JZ' }, role: 'principal', date: '2026-11-02' }],
  },
  status: 'ready-to-bill',
  balances,
  version: 'W/"7"',
  createdAt: '2026-11-02T09:00:00.000Z',
  updatedAt: '2026-11-04T12:00:00.000Z',
};

const charge = (
  id: string,
  chargeCode: string,
  quantity: number,
  cents: number,
  department: string,
  extra: Partial<BillingCharge> = {},
): BillingCharge => ({
  id,
  accountId: 'CG-A-000001',
  patient: { mrn: 'CG-100234' },
  chargeCode,
  quantity,
  serviceDate: '2026-11-02',
  departmentCode: department,
  amount: money(cents),
  unitPrice: money(cents / quantity),
  status: 'posted',
  source: { system: 'billing', recordId: id },
  postedAt: '2026-11-04T10:00:00.000Z',
  ...extra,
});

const SCENARIO_1_CHARGES: BillingCharge[] = [
  charge('CHG-1', 'RB-SEMI', 2, 560_000, '6200', { revenueCode: '0120', serviceDateEnd: '2026-11-03' }),
  charge('CHG-2', 'OR-ORTHO-60', 1, 950_000, '6300', { revenueCode: '0360' }),
  charge('CHG-3', 'IMP-KNEE', 1, 1_260_000, '6300', { revenueCode: '0278', procedureCode: { system: CodeSystem.HCPCS, code: 'C1776' } }),
  charge('CHG-4', 'RX-GEN', 1, 64_000, '6400', { revenueCode: '0250', serviceDate: '2026-11-03' }),
  charge('CHG-5', 'LAB-CBC', 1, 31_000, '6500', {
    revenueCode: '0300',
    serviceDate: '2026-11-03',
    procedureCode: { system: CodeSystem.CPT, code: '85025' },
  }),
];

const JORDAN: BillingAccount = {
  ...AVERY,
  id: 'CR-A-000001',
  accountNumber: 'CR-A-000001',
  encounterId: 'enc-jr-visit',
  facilityId: 'concord-riverside',
  patientClass: 'outpatient',
  departmentCode: '7100',
  patient: {
    id: 'jordan-rivera',
    mrn: 'CR-200871',
    name: { family: 'Rivera', given: ['Jordan'] },
    birthDate: '1988-11-02',
    gender: 'male',
  },
  admission: { date: '2026-11-09' },
  discharge: { date: '2026-11-09', statusCode: '01' },
  attending: { name: 'Lee', firstName: 'Jamie', npi: '1667788990' },
  coverages: [{ order: 1, payerId: 'KHP01', memberId: 'KHP-44718-01', groupNumber: 'KHP-GOLD-2026', relationship: 'self' }],
  coding: { status: 'final', diagnoses: [{ code: { system: CodeSystem.ICD10_CM, code: 'J06.9' }, role: 'principal' }], procedures: [] },
};
const SCENARIO_2_CHARGES = [
  charge('CHG-9', 'OV-EST-3', 1, 18_500, '7100', {
    revenueCode: '0510',
    serviceDate: '2026-11-09',
    procedureCode: { system: CodeSystem.CPT, code: '99213' },
  }),
];

const scenario1 = (overrides: Partial<ClaimBuildInput> = {}) =>
  buildClaim({
    claimId: 'clm-1',
    patientControlNumber: 'CG-A-000001-01',
    account: AVERY,
    charges: SCENARIO_1_CHARGES,
    facility: GENERAL,
    payer: MEDICARE_A,
    coverage: AVERY.coverages[0],
    frequencyCode: '1',
    ...overrides,
  });
const scenario2 = (overrides: Partial<ClaimBuildInput> = {}) =>
  buildClaim({
    claimId: 'clm-2',
    patientControlNumber: 'CR-A-000001-01',
    account: JORDAN,
    charges: SCENARIO_2_CHARGES,
    facility: RIVERSIDE,
    payer: KEYSTONE,
    coverage: JORDAN.coverages[0],
    frequencyCode: '1',
    ...overrides,
  });

const edits = (claim: ClaimDto, account: BillingAccount, payer: BillingPayer, today = '2026-11-05', disabled: ClaimEditCode[] = []) =>
  runClaimEdits(claim, {
    account,
    payer,
    today,
    serviceDate: claim.statementPeriod?.start ?? claim.lines[0]?.serviceDate ?? today,
    disabled: new Set(disabled),
  }).map((f) => [f.code, f.field]);

describe('claim builder', () => {
  it('builds scenario 1 as an 837I: type of bill 0111, DRG 470, revenue codes, days for room and board, 28,650.00 by department', () => {
    const { claim, departments, serviceDate } = scenario1();
    expect(claim).toMatchObject({
      kind: 'institutional',
      typeOfBill: '0111',
      drg: '470',
      statementPeriod: { start: '2026-11-02', end: '2026-11-04' },
      admission: { date: '2026-11-02', hour: '0830', typeCode: '3', sourceCode: '1', patientStatusCode: '01' },
      attendingProvider: { npi: '1245319599' },
      payer: { payerId: 'MCRA1', claimFilingIndicator: 'MA', responsibility: 'P' },
      subscriber: { memberId: '1EG4TE5MK73', name: { family: 'Quinn' }, birthDate: '1957-03-14' },
      patient: { relationship: 'self' },
      totalCharge: { amount: 2_865_000 },
    });
    expect(claim.lines.map((l) => [l.revenueCode, l.procedureCode?.code, l.units, l.unitBasis, l.charge.amount, l.chargeId])).toEqual([
      ['0120', undefined, 2, 'DA', 560_000, 'CHG-1'],
      ['0360', undefined, 1, 'UN', 950_000, 'CHG-2'],
      ['0278', 'C1776', 1, 'UN', 1_260_000, 'CHG-3'],
      ['0250', undefined, 1, 'UN', 64_000, 'CHG-4'],
      ['0300', '85025', 1, 'UN', 31_000, 'CHG-5'],
    ]);
    expect(departments).toEqual([
      { departmentCode: '6200', chargeCents: 560_000 },
      { departmentCode: '6300', chargeCents: 2_210_000 },
      { departmentCode: '6400', chargeCents: 64_000 },
      { departmentCode: '6500', chargeCents: 31_000 },
    ]);
    expect(serviceDate).toBe('2026-11-02');
    expect(readX12(write837Institutional([claim], DEMO_837_OPTIONS)).issues).toEqual([]);
  });

  it('builds scenario 2 as an 837P at place of service 11 with the diagnosis pointer, and nets credited charges away', () => {
    const credited = [
      ...SCENARIO_2_CHARGES,
      charge('CHG-10', 'LAB-STREP', 1, 4_500, '6500', { serviceDate: '2026-11-09' }),
      charge('CHG-11', 'LAB-STREP', -1, -4_500, '6500', { serviceDate: '2026-11-09' }),
    ];
    const { claim } = scenario2({ charges: credited });
    expect(claim).toMatchObject({
      kind: 'professional',
      placeOfService: '11',
      renderingProvider: { npi: '1667788990' },
      totalCharge: { amount: 18_500 },
    });
    expect(claim.lines.map((l) => [l.procedureCode?.code, l.diagnosisPointers, l.revenueCode])).toEqual([['99213', [1], undefined]]);
    expect(claim.typeOfBill).toBeUndefined();
    expect(readX12(write837Professional([claim], DEMO_837_OPTIONS)).valid).toBe(true);
  });

  it('builds a corrected claim: frequency 7 in the type of bill and REF*F8', () => {
    const { claim } = scenario1({ frequencyCode: '7', originalPayerClaimNumber: 'MCR2026110500001' });
    expect([claim.typeOfBill, claim.frequencyCode, claim.originalPayerClaimNumber]).toEqual(['0117', '7', 'MCR2026110500001']);
    expect(write837Institutional([claim], DEMO_837_OPTIONS)).toContain('REF*F8*MCR2026110500001~');
  });

  it('names the subscriber when a dependant is the patient', () => {
    const subscriber = { name: { family: 'Harlow', given: ['Dana'] }, birthDate: '1984-02-01', gender: 'female' as const };
    const coverage = { order: 1, payerId: 'KHP01', memberId: 'M1', relationship: 'child' as const, subscriber };
    const { claim } = scenario2({ account: { ...JORDAN, coverages: [coverage] }, coverage });
    expect(claim.subscriber).toMatchObject({ memberId: 'M1', name: { family: 'Harlow' } });
    expect(claim.patient).toMatchObject({ relationship: 'child', name: { family: 'Rivera' }, birthDate: '1988-11-02' });
  });
});

describe('payer-rule edits', () => {
  it('passes scenarios 1 and 2', () => {
    expect(edits(scenario1().claim, AVERY, MEDICARE_A)).toEqual([]);
    expect(edits(scenario2().claim, JORDAN, KEYSTONE)).toEqual([]);
  });

  it.each<[string, () => [ClaimDto, BillingAccount, BillingPayer], [ClaimEditCode, string][]]>([
    [
      'no subscriber member id (scenario 3)',
      () => {
        const coverage = { ...JORDAN.coverages[0], memberId: undefined };
        return [scenario2({ coverage }).claim, JORDAN, KEYSTONE];
      },
      [[ClaimEditCode.SUBSCRIBER_MEMBER_ID_MISSING, 'subscriber.memberId']],
    ],
    [
      'an attending NPI failing its check digit, no DRG, no POA',
      () => {
        const account: BillingAccount = {
          ...AVERY,
          attending: { ...AVERY.attending!, npi: '1245319598' },
          coding: {
            ...AVERY.coding!,
            drg: undefined,
            diagnoses: [{ code: { system: CodeSystem.ICD10_CM, code: 'M17.12' }, role: 'principal' }],
          },
        };
        return [scenario1({ account }).claim, account, MEDICARE_A];
      },
      [
        [ClaimEditCode.NPI_INVALID, 'attendingProvider.npi'],
        [ClaimEditCode.DRG_MISSING, 'drg'],
        [ClaimEditCode.POA_MISSING, 'diagnoses[0].presentOnAdmission'],
      ],
    ],
    [
      'not discharged, coding provisional, and filed too late',
      () => {
        const account: BillingAccount = { ...JORDAN, discharge: undefined, coding: { ...JORDAN.coding!, status: 'provisional' } };
        return [scenario2({ account }).claim, account, KEYSTONE];
      },
      [
        [ClaimEditCode.ACCOUNT_NOT_DISCHARGED, 'account.discharge'],
        [ClaimEditCode.CODING_NOT_FINAL, 'account.coding.status'],
      ],
    ],
    [
      'a diagnosis pointer past the diagnoses, an invalid modifier, a duplicate line, a missing CPT',
      () => {
        const { claim } = scenario2();
        const line = claim.lines[0];
        return [
          {
            ...claim,
            lines: [
              { ...line, diagnosisPointers: [2] },
              { ...line, lineNumber: 2, modifiers: ['Q'] },
              { ...line, lineNumber: 3 },
              { ...line, lineNumber: 4, procedureCode: undefined, serviceDate: '2026-11-08' },
            ],
            totalCharge: usd(74_000),
          },
          JORDAN,
          KEYSTONE,
        ];
      },
      [
        [ClaimEditCode.DIAGNOSIS_POINTER_INVALID, 'lines[0].diagnosisPointers'],
        [ClaimEditCode.PROCEDURE_CODE_MISSING, 'lines[3].procedureCode'],
        [ClaimEditCode.MODIFIER_INVALID, 'lines[1].modifiers'],
        [ClaimEditCode.DUPLICATE_LINE, 'lines[2]'],
      ],
    ],
    [
      'an institutional line without a revenue code and a total that is not the sum of its lines',
      () => {
        const { claim } = scenario1();
        return [
          { ...claim, lines: [{ ...claim.lines[0], revenueCode: undefined }, ...claim.lines.slice(1)], totalCharge: usd(1) },
          AVERY,
          MEDICARE_A,
        ];
      },
      [
        [ClaimEditCode.REVENUE_CODE_MISSING, 'lines[0].revenueCode'],
        [ClaimEditCode.CLAIM_TOTAL_MISMATCH, 'totalCharge'],
      ],
    ],
    [
      'a replacement without the payer claim number, a principal diagnosis missing and an invalid ICD-10 code',
      () => {
        const { claim } = scenario2({ frequencyCode: '7' });
        return [{ ...claim, diagnoses: [{ code: { system: CodeSystem.ICD10_CM, code: 'XYZ' }, role: 'other' }] }, JORDAN, KEYSTONE];
      },
      [
        [ClaimEditCode.PRINCIPAL_DIAGNOSIS_MISSING, 'diagnoses[0]'],
        [ClaimEditCode.DIAGNOSIS_CODE_INVALID, 'diagnoses[0].code'],
        [ClaimEditCode.ORIGINAL_CLAIM_NUMBER_MISSING, 'originalPayerClaimNumber'],
      ],
    ],
    [
      'a self-pay account',
      () => [scenario2().claim, JORDAN, { ...KEYSTONE, payerId: 'SELF', selfPay: true }],
      [[ClaimEditCode.SELF_PAY_ACCOUNT, 'payer.payerId']],
    ],
  ])('lists every failed edit: %s', (_name, build, expected) => {
    const [claim, account, payer] = build();
    expect(edits(claim, account, payer)).toEqual(expected);
  });

  it('counts timely filing from the service date and lets the soft edits be switched off', () => {
    const { claim } = scenario2();
    expect(edits(claim, JORDAN, KEYSTONE, '2027-05-08')).toEqual([]);
    expect(edits(claim, JORDAN, KEYSTONE, '2027-05-09')).toEqual([[ClaimEditCode.TIMELY_FILING_EXCEEDED, 'serviceDate']]);
    expect(edits(claim, JORDAN, KEYSTONE, '2027-05-09', [ClaimEditCode.TIMELY_FILING_EXCEEDED])).toEqual([]);
    expect(SOFT_CLAIM_EDITS).not.toContain(ClaimEditCode.NPI_INVALID);
  });
});

describe('expected reimbursement', () => {
  it.each<[string, () => ClaimDto, BillingPayer, [number, number, number, number, number]]>([
    ['scenario 1: DRG 470 less the Part A deductible', () => scenario1().claim, MEDICARE_A, [1_495_000, 167_600, 1_327_400, 1_370_000, 0]],
    ['scenario 2: 99213 at 112.00 with 20 % coinsurance', () => scenario2().claim, KEYSTONE, [11_200, 2_240, 8_960, 7_300, 0]],
    [
      'scenario 6: both lines of the corrected claim',
      () => {
        const { claim } = scenario2({
          charges: [
            ...SCENARIO_2_CHARGES,
            charge('CHG-12', 'LAB-STREP', 1, 4_500, '6500', {
              serviceDate: '2026-11-09',
              procedureCode: { system: CodeSystem.CPT, code: '87880' },
            }),
          ],
        });
        return claim;
      },
      KEYSTONE,
      [14_000, 2_800, 11_200, 9_000, 0],
    ],
    [
      'an unpriced line counts as nothing allowed',
      () =>
        scenario2({ charges: [charge('CHG-13', 'X', 1, 9_900, '7100', { procedureCode: { system: CodeSystem.CPT, code: '99999' } })] })
          .claim,
      KEYSTONE,
      [0, 0, 0, 9_900, 1],
    ],
  ])('%s', (_name, claim, payer, [allowed, share, pay, contractual, unpriced]) => {
    expect(expectedReimbursement(claim(), payer)).toMatchObject({
      allowedCents: allowed,
      patientShareCents: share,
      payerPaymentCents: pay,
      contractualAllowanceCents: contractual,
      unpricedLines: unpriced,
    });
  });
});
