import {
  type ClaimAcknowledgementDto,
  type ClaimDto,
  CodeSystem,
  type EligibilityRequestDto,
  type EligibilityResponseDto,
  type PayerDto,
  type RemittanceDto,
  usd,
} from '@concord/contracts';
import type { RemittanceWriteDetails } from '../loops/835.writer';
import type { Claim837WriteOptions } from '../loops/837-professional.writer';

/**
 * The demo hospital's claims and payers (../shared/SCENARIOS.md) in canonical form: test fixtures,
 * benchmark input and seed data for the sandbox clearinghouse. Names and numbers are fictional.
 */

/** Concord General Hospital: inpatient and surgery. */
export const CONCORD_GENERAL = {
  name: 'Concord General Hospital',
  npi: '1234567893',
  ein: '12-3456789',
  taxonomy: '282N00000X',
  address: { line: ['100 Hospital Drive'], city: 'Concord', state: 'NH', postalCode: '033012512' },
};

/** Concord Riverside Clinic: primary care. */
export const CONCORD_RIVERSIDE = {
  name: 'Concord Riverside Clinic',
  npi: '1982764353',
  ein: '12-3456790',
  taxonomy: '261QP2300X',
  address: { line: ['45 River Road'], city: 'Concord', state: 'NH', postalCode: '033013300' },
};

/** Attending orthopaedic surgeon at Concord General (scenario 1). */
export const ORTHOPAEDIC_SURGEON = { name: 'Okafor', firstName: 'Morgan', npi: '1245319599', taxonomy: '207X00000X' };
/** Family physician at Riverside (scenarios 2 and 6). */
export const FAMILY_PHYSICIAN = { name: 'Lindqvist', firstName: 'Sam', npi: '1619345287', taxonomy: '207Q00000X' };

/** The four payers of SCENARIOS.md with the contract terms the scenarios use. */
export const DEMO_PAYERS: Readonly<Record<'MCRA1' | 'MCRB1' | 'KHP01' | 'BMCD1', PayerDto>> = {
  MCRA1: {
    payerId: 'MCRA1',
    name: 'Medicare Part A',
    claimFilingIndicator: 'MA',
    timelyFilingDays: 365,
    feeSchedule: [],
    drgPayments: [{ drg: '470', payment: usd(1_495_000) }],
    patientShare: { deductible: usd(167_600) },
  },
  MCRB1: {
    payerId: 'MCRB1',
    name: 'Medicare Part B',
    claimFilingIndicator: 'MB',
    timelyFilingDays: 365,
    feeSchedule: [{ procedureCode: { system: CodeSystem.CPT, code: '99213' }, allowed: usd(9_200) }],
    patientShare: { coinsurancePercent: 20 },
  },
  KHP01: {
    payerId: 'KHP01',
    name: 'Keystone Health Plan',
    claimFilingIndicator: 'CI',
    timelyFilingDays: 180,
    feeSchedule: [
      { procedureCode: { system: CodeSystem.CPT, code: '99213' }, allowed: usd(11_200) },
      { procedureCode: { system: CodeSystem.CPT, code: '87880' }, allowed: usd(2_800) },
    ],
    patientShare: { coinsurancePercent: 20 },
  },
  BMCD1: {
    payerId: 'BMCD1',
    name: 'Bayview Medicaid',
    claimFilingIndicator: 'MC',
    timelyFilingDays: 365,
    feeSchedule: [{ procedureCode: { system: CodeSystem.CPT, code: '99213' }, allowed: usd(6_500) }],
    patientShare: {},
    requiresMemberId: true,
  },
};

const icd10 = (code: string) => ({ system: CodeSystem.ICD10_CM, code });
const cpt = (code: string) => ({ system: CodeSystem.CPT, code });
const hcpcs = (code: string) => ({ system: CodeSystem.HCPCS, code });

/** Scenario 1: Avery Quinn's total knee replacement, 837I to Medicare Part A, type of bill 0111, 28,650.00. */
export const SCENARIO_1_CLAIM: ClaimDto = {
  id: 'clm-aq-tka-1',
  kind: 'institutional',
  accountId: 'acct-aq-tka',
  encounterId: 'enc-aq-tka',
  patientControlNumber: 'CG-A-100234-01',
  frequencyCode: '1',
  typeOfBill: '0111',
  admission: { date: '2026-11-02', hour: '0830', typeCode: '3', sourceCode: '1', patientStatusCode: '01' },
  statementPeriod: { start: '2026-11-02', end: '2026-11-04' },
  drg: '470',
  diagnoses: [
    { code: icd10('M17.12'), role: 'principal', presentOnAdmission: 'Y' },
    { code: icd10('M17.12'), role: 'admitting' },
  ],
  procedures: [{ code: { system: CodeSystem.ICD10_PCS, code: '0SRD0JZ' }, role: 'principal', date: '2026-11-02' }],
  lines: [
    {
      lineNumber: 1,
      chargeId: 'chg-aq-rb',
      revenueCode: '0120',
      units: 2,
      unitBasis: 'DA',
      charge: usd(560_000),
      serviceDate: '2026-11-02',
      serviceDateEnd: '2026-11-03',
    },
    {
      lineNumber: 2,
      chargeId: 'chg-aq-or',
      revenueCode: '0360',
      units: 1,
      unitBasis: 'UN',
      charge: usd(950_000),
      serviceDate: '2026-11-02',
    },
    {
      lineNumber: 3,
      chargeId: 'chg-aq-imp',
      revenueCode: '0278',
      procedureCode: hcpcs('C1776'),
      units: 1,
      unitBasis: 'UN',
      charge: usd(1_260_000),
      serviceDate: '2026-11-02',
    },
    {
      lineNumber: 4,
      chargeId: 'chg-aq-rx',
      revenueCode: '0250',
      units: 1,
      unitBasis: 'UN',
      charge: usd(64_000),
      serviceDate: '2026-11-02',
    },
    {
      lineNumber: 5,
      chargeId: 'chg-aq-cbc',
      revenueCode: '0300',
      procedureCode: cpt('85025'),
      units: 1,
      unitBasis: 'UN',
      charge: usd(31_000),
      serviceDate: '2026-11-03',
    },
  ],
  totalCharge: usd(2_865_000),
  billingProvider: CONCORD_GENERAL,
  attendingProvider: ORTHOPAEDIC_SURGEON,
  payer: { payerId: 'MCRA1', name: 'Medicare Part A', claimFilingIndicator: 'MA', responsibility: 'P' },
  subscriber: {
    memberId: '1EG4TE5MK73',
    name: { family: 'Quinn', given: ['Avery'] },
    birthDate: '1957-03-14',
    gender: 'female',
    address: { line: ['12 Harbour Lane'], city: 'Concord', state: 'NH', postalCode: '03301' },
  },
  patient: { relationship: 'self' },
  status: 'validated',
  statusHistory: [
    { status: 'draft', at: '2026-11-04T12:00:00.000Z', source: 'system' },
    { status: 'validated', at: '2026-11-04T12:00:05.000Z', source: 'edit' },
  ],
};

/** Scenario 2: Jordan Rivera's office visit, 837P to Keystone Health Plan, 99213, 185.00. */
export const SCENARIO_2_CLAIM: ClaimDto = {
  id: 'clm-jr-ov-1',
  kind: 'professional',
  accountId: 'acct-jr-ov',
  encounterId: 'enc-jr-ov',
  patientControlNumber: 'CR-A-200871-01',
  frequencyCode: '1',
  placeOfService: '11',
  diagnoses: [{ code: icd10('J06.9'), role: 'principal' }],
  lines: [
    {
      lineNumber: 1,
      chargeId: 'chg-jr-ov',
      procedureCode: cpt('99213'),
      units: 1,
      unitBasis: 'UN',
      charge: usd(18_500),
      serviceDate: '2026-11-10',
      diagnosisPointers: [1],
    },
  ],
  totalCharge: usd(18_500),
  billingProvider: CONCORD_RIVERSIDE,
  renderingProvider: FAMILY_PHYSICIAN,
  payer: { payerId: 'KHP01', name: 'Keystone Health Plan', claimFilingIndicator: 'CI', responsibility: 'P' },
  subscriber: {
    memberId: 'KHP-44718-01',
    name: { family: 'Rivera', given: ['Jordan'] },
    birthDate: '1988-11-02',
    gender: 'male',
    address: { line: ['48 Mill Street', 'Apt 3'], city: 'Concord', state: 'NH', postalCode: '03303' },
    groupNumber: 'KHP-GOLD-2026',
  },
  patient: { relationship: 'self' },
  status: 'validated',
  statusHistory: [{ status: 'validated', at: '2026-11-10T16:00:00.000Z', source: 'edit' }],
};

/** Scenario 1's payer claim control number, as the 835 (CLP07) returns it. */
export const SCENARIO_1_PAYER_CLAIM_NUMBER = 'MCR26310000123';
/** Scenario 2's payer claim control number, as the 277CA (REF*1K) and 835 (CLP07) return it. */
export const SCENARIO_2_PAYER_CLAIM_NUMBER = 'KHP2026110900017';

/** Scenario 6: the corrected claim after the late strep test: frequency 7, REF*F8, both lines. */
export const SCENARIO_6_CORRECTED_CLAIM: ClaimDto = {
  ...SCENARIO_2_CLAIM,
  id: 'clm-jr-ov-2',
  frequencyCode: '7',
  originalPayerClaimNumber: SCENARIO_2_PAYER_CLAIM_NUMBER,
  lines: [
    ...SCENARIO_2_CLAIM.lines,
    {
      lineNumber: 2,
      chargeId: 'chg-jr-strep',
      procedureCode: cpt('87880'),
      units: 1,
      unitBasis: 'UN',
      charge: usd(4_500),
      serviceDate: '2026-11-10',
      diagnosisPointers: [1],
    },
  ],
  totalCharge: usd(23_000),
  status: 'draft',
  statusHistory: [{ status: 'draft', at: '2026-11-12T09:30:00.000Z', source: 'system' }],
};

/** Scenario 3: a Bayview Medicaid child's visit, coverage without a subscriber member id. */
export const SCENARIO_3_CLAIM: ClaimDto = {
  id: 'clm-bm-ov-1',
  kind: 'professional',
  patientControlNumber: 'CR-A-200912-01',
  frequencyCode: '1',
  placeOfService: '11',
  diagnoses: [
    { code: icd10('J02.0'), role: 'principal' },
    { code: icd10('R50.9'), role: 'other' },
  ],
  lines: [
    {
      lineNumber: 1,
      chargeId: 'chg-bm-ov',
      procedureCode: cpt('99213'),
      units: 1,
      unitBasis: 'UN',
      charge: usd(18_500),
      serviceDate: '2026-11-11',
      diagnosisPointers: [1, 2],
    },
    {
      lineNumber: 2,
      chargeId: 'chg-bm-strep',
      procedureCode: cpt('87880'),
      modifiers: ['QW'],
      units: 1,
      unitBasis: 'UN',
      charge: usd(4_500),
      serviceDate: '2026-11-11',
      diagnosisPointers: [1],
    },
  ],
  totalCharge: usd(23_000),
  billingProvider: CONCORD_RIVERSIDE,
  renderingProvider: FAMILY_PHYSICIAN,
  payer: { payerId: 'BMCD1', name: 'Bayview Medicaid', claimFilingIndicator: 'MC', responsibility: 'P' },
  subscriber: {
    name: { family: 'Harlow', given: ['Dana'] },
    address: { line: ['7 Birch Road'], city: 'Bow', state: 'NH', postalCode: '03304' },
  },
  patient: {
    relationship: 'child',
    name: { family: 'Harlow', given: ['Rowan'] },
    birthDate: '2016-05-21',
    gender: 'female',
    address: { line: ['7 Birch Road'], city: 'Bow', state: 'NH', postalCode: '03304' },
  },
  status: 'validated',
  statusHistory: [],
};

/** Envelope and parties Concord General uses towards the sandbox clearinghouse. */
export const DEMO_837_OPTIONS: Claim837WriteOptions = {
  senderId: 'CONCORDHEALTH',
  receiverId: 'CONCORDCH',
  interchangeControlNumber: 101,
  groupControlNumber: 101,
  date: new Date('2026-11-05T09:00:00Z'),
  usage: 'T',
  submitter: { name: 'Concord Health', id: 'CONCORDHEALTH', contactName: 'Revenue Cycle Desk', phone: '6035550100' },
  receiver: { name: 'Concord Sandbox Clearinghouse', id: 'CONCORDCH' },
};

/** Scenario 1's remittance: Medicare Part A pays the DRG 470 rate less the Part A deductible, by EFT. */
export const SCENARIO_1_REMITTANCE: RemittanceDto = {
  payerName: 'Medicare Part A',
  payerId: 'MCRA1',
  payeeName: 'Concord General Hospital',
  payeeNpi: '1234567893',
  payeeTaxId: '123456789',
  handlingCode: 'I',
  totalPaid: usd(1_327_400),
  paymentMethod: 'ACH',
  paymentDate: '2026-11-20',
  traceNumber: 'EFT20261120001',
  originatingCompanyId: '1999999999',
  productionDate: '2026-11-19',
  claimPayments: [
    {
      patientControlNumber: 'CG-A-100234-01',
      statusCode: '1',
      charge: usd(2_865_000),
      paid: usd(1_327_400),
      patientResponsibility: usd(167_600),
      claimFilingIndicator: 'MA',
      payerClaimControlNumber: SCENARIO_1_PAYER_CLAIM_NUMBER,
      facilityTypeCode: '11',
      frequencyCode: '1',
      drg: '470',
      patientMemberId: '1EG4TE5MK73',
      patientName: { family: 'Quinn', given: ['Avery'] },
      statementPeriod: { start: '2026-11-02', end: '2026-11-04' },
      adjustments: [
        { group: 'CO', reason: { system: CodeSystem.CARC, code: '45' }, amount: usd(1_370_000) },
        { group: 'PR', reason: { system: CodeSystem.CARC, code: '1' }, amount: usd(167_600) },
      ],
      serviceLines: [],
      remarks: [],
    },
  ],
  providerAdjustments: [],
};

/** Scenario 2's remittance: Keystone allows 112.00 for 99213 and pays 80 % of it, by check. */
export const SCENARIO_2_REMITTANCE: RemittanceDto = {
  payerName: 'Keystone Health Plan',
  payerId: 'KHP01',
  payeeName: 'Concord Riverside Clinic',
  payeeNpi: '1982764353',
  handlingCode: 'I',
  totalPaid: usd(8_960),
  paymentMethod: 'CHK',
  paymentDate: '2026-11-24',
  traceNumber: 'CHK0049127',
  originatingCompanyId: '1888888888',
  claimPayments: [
    {
      patientControlNumber: 'CR-A-200871-01',
      statusCode: '1',
      charge: usd(18_500),
      paid: usd(8_960),
      patientResponsibility: usd(2_240),
      claimFilingIndicator: 'CI',
      payerClaimControlNumber: SCENARIO_2_PAYER_CLAIM_NUMBER,
      patientMemberId: 'KHP-44718-01',
      patientName: { family: 'Rivera', given: ['Jordan'] },
      adjustments: [],
      serviceLines: [
        {
          procedureCode: { system: CodeSystem.CPT, code: '99213' },
          charge: usd(18_500),
          paid: usd(8_960),
          units: 1,
          serviceDate: '2026-11-10',
          lineControlNumber: 'chg-jr-ov',
          allowed: usd(11_200),
          adjustments: [
            { group: 'CO', reason: { system: CodeSystem.CARC, code: '45' }, amount: usd(7_300) },
            { group: 'PR', reason: { system: CodeSystem.CARC, code: '2' }, amount: usd(2_240) },
          ],
          remarks: [],
        },
      ],
      remarks: [],
    },
  ],
  providerAdjustments: [],
};

/** What the payers' 835s need beyond the canonical remittance. */
export const DEMO_835_DETAILS: Readonly<Record<'MCRA1' | 'KHP01', RemittanceWriteDetails>> = {
  MCRA1: {
    payerAddress: { line: ['PO Box 1000'], city: 'Concord', state: 'NH', postalCode: '03302' },
    payerTechnicalContact: { name: 'EDI Support', phone: '8005550199' },
    bank: {
      senderRoutingNumber: '011000015',
      senderAccountNumber: '000111222',
      receiverRoutingNumber: '011400495',
      receiverAccountNumber: '123456789',
    },
  },
  KHP01: {
    payerAddress: { line: ['200 Keystone Plaza'], city: 'Manchester', state: 'NH', postalCode: '03101' },
    payerTechnicalContact: { url: 'www.keystone.example/edi' },
  },
};

/** The sandbox clearinghouse's 277CA for scenarios 2 (accepted) and 3 (rejected: no subscriber member id). */
export const SCENARIO_2_AND_3_CLAIM_ACK: ClaimAcknowledgementDto = {
  sourceName: 'Concord Sandbox Clearinghouse',
  sourceId: 'CONCORDCH',
  receiptDate: '2026-11-12',
  claims: [
    {
      patientControlNumber: 'CR-A-200871-01',
      payerClaimControlNumber: SCENARIO_2_PAYER_CLAIM_NUMBER,
      billingProviderNpi: CONCORD_RIVERSIDE.npi,
      billingProviderName: CONCORD_RIVERSIDE.name,
      patientName: { family: 'Rivera', given: ['Jordan'] },
      patientMemberId: 'KHP-44718-01',
      outcome: 'accepted',
      statuses: [{ categoryCode: 'A2', statusCode: '20' }],
      totalCharge: usd(18_500),
      statusDate: '2026-11-12',
      serviceDate: '2026-11-10',
    },
    {
      patientControlNumber: 'CR-A-200912-01',
      billingProviderNpi: CONCORD_RIVERSIDE.npi,
      billingProviderName: CONCORD_RIVERSIDE.name,
      patientName: { family: 'Harlow', given: ['Rowan'] },
      outcome: 'rejected',
      statuses: [{ categoryCode: 'A7', statusCode: '21' }],
      totalCharge: usd(23_000),
      statusDate: '2026-11-12',
      serviceDate: '2026-11-11',
    },
  ],
};

/** Scenario 2's eligibility check before the visit: Jordan Rivera at Keystone. */
export const SCENARIO_2_ELIGIBILITY_REQUEST: EligibilityRequestDto = {
  traceNumber: 'ELG-20261110-0001',
  payerId: 'KHP01',
  payerName: 'Keystone Health Plan',
  provider: { name: CONCORD_RIVERSIDE.name, npi: CONCORD_RIVERSIDE.npi, ein: CONCORD_RIVERSIDE.ein },
  subscriber: { memberId: 'KHP-44718-01', name: { family: 'Rivera', given: ['Jordan'] }, birthDate: '1988-11-02', gender: 'male' },
  serviceDate: '2026-11-10',
  serviceTypeCodes: ['30'],
};

/** Keystone's answer: active, 20 % coinsurance, 350.00 of the deductible left. */
export const SCENARIO_2_ELIGIBILITY_RESPONSE: EligibilityResponseDto = {
  traceNumber: 'ELG-20261110-0001',
  payerId: 'KHP01',
  payerName: 'Keystone Health Plan',
  memberId: 'KHP-44718-01',
  active: true,
  planName: 'KHP Gold',
  deductibleRemaining: usd(35_000),
  coinsurancePercent: 20,
  benefits: [
    { code: '1', coverageLevel: 'IND', serviceTypeCodes: ['30'], insuranceType: 'HM', planName: 'KHP Gold' },
    { code: 'C', coverageLevel: 'IND', serviceTypeCodes: ['30'], timePeriod: '29', amount: usd(35_000), inNetwork: 'Y' },
    { code: 'A', coverageLevel: 'IND', serviceTypeCodes: ['30'], percent: 20, inNetwork: 'Y' },
  ],
  rejections: [],
};
