/**
 * The demo hospital's billing master data (../shared/SCENARIOS.md): facilities that bill, the
 * chargemaster with effective-dated prices, and the payers with their contract terms. Names and
 * numbers are fictional; NPIs carry valid check digits.
 */

/** How a facility bills: UB-04/837I (hospital) or CMS-1500/837P (clinic). */
export type BillingForm = 'INSTITUTIONAL' | 'PROFESSIONAL';

export interface Facility {
  id: string;
  name: string;
  npi: string;
  ein: string;
  taxonomy: string;
  form: BillingForm;
  /** Place of service of professional claims (CMS POS code). */
  placeOfService?: string;
  /** Prefix of the facility's account numbers (CG-A-000001). */
  accountPrefix: string;
  address: { line1: string; line2?: string; city: string; state: string; zip: string };
}

export const SEED_FACILITIES: Facility[] = [
  {
    id: 'concord-general',
    name: 'Concord General Hospital',
    npi: '1234567893',
    ein: '12-3456789',
    taxonomy: '282N00000X',
    form: 'INSTITUTIONAL',
    accountPrefix: 'CG',
    address: { line1: '1 Hospital Drive', city: 'Concord', state: 'NH', zip: '033012512' },
  },
  {
    id: 'concord-riverside',
    name: 'Concord Riverside Clinic',
    npi: '1765432103',
    ein: '12-3456790',
    taxonomy: '261QP2300X',
    form: 'PROFESSIONAL',
    placeOfService: '11',
    accountPrefix: 'CR',
    address: { line1: '200 River Road', city: 'Concord', state: 'NH', zip: '033033300' },
  },
];

export type CodeType = 'CPT' | 'HCPCS';

/** One price of a chargemaster item, valid from `effectiveFrom` through `effectiveTo` (inclusive) or open-ended. */
export interface ChargePrice {
  effectiveFrom: string;
  effectiveTo?: string;
  amountCents: number;
}

export interface ChargemasterItem {
  code: string;
  description: string;
  revenueCode: string;
  procedure?: { type: CodeType; code: string };
  /** Department (cost centre) a charge is posted to unless the charge names another. */
  department: string;
  /** DAY: one unit per day of service (room and board); EACH otherwise. */
  unit: 'DAY' | 'EACH';
  prices: ChargePrice[];
}

const from2026 = (amountCents: number, before?: number): ChargePrice[] => [
  ...(before === undefined ? [] : [{ effectiveFrom: '2025-01-01', effectiveTo: '2025-12-31', amountCents: before }]),
  { effectiveFrom: '2026-01-01', amountCents },
];

/** The chargemaster excerpt of SCENARIOS.md, 2026 prices (with the 2025 price where one changed). */
export const SEED_CHARGEMASTER: ChargemasterItem[] = [
  {
    code: 'RB-SEMI',
    description: 'Room and board, semi-private, per day',
    revenueCode: '0120',
    department: '6200',
    unit: 'DAY',
    prices: from2026(280_000, 265_000),
  },
  {
    code: 'OR-ORTHO-60',
    description: 'Operating room, orthopaedic, first hour',
    revenueCode: '0360',
    department: '6300',
    unit: 'EACH',
    prices: from2026(950_000, 920_000),
  },
  {
    code: 'IMP-KNEE',
    description: 'Knee implant system',
    revenueCode: '0278',
    procedure: { type: 'HCPCS', code: 'C1776' },
    department: '6300',
    unit: 'EACH',
    prices: from2026(1_260_000),
  },
  { code: 'RX-GEN', description: 'Pharmacy, general', revenueCode: '0250', department: '6400', unit: 'EACH', prices: from2026(64_000) },
  {
    code: 'LAB-CBC',
    description: 'Complete blood count',
    revenueCode: '0300',
    procedure: { type: 'CPT', code: '85025' },
    department: '6500',
    unit: 'EACH',
    prices: from2026(31_000, 29_500),
  },
  {
    code: 'OV-EST-3',
    description: 'Office visit, established patient, level 3',
    revenueCode: '0510',
    procedure: { type: 'CPT', code: '99213' },
    department: '7100',
    unit: 'EACH',
    prices: from2026(18_500, 17_500),
  },
  {
    code: 'LAB-STREP',
    description: 'Rapid strep test',
    revenueCode: '0300',
    procedure: { type: 'CPT', code: '87880' },
    department: '6500',
    unit: 'EACH',
    prices: from2026(4_500),
  },
];

export interface FeeScheduleRow {
  codeType: CodeType | 'REV';
  code: string;
  modifiers?: string[];
  allowedCents: number;
}

export interface PayerContract {
  payerId: string;
  name: string;
  /** X12 claim filing indicator (SBR09); absent for self-pay. */
  claimFilingCode?: string;
  selfPay: boolean;
  timelyFilingDays: number;
  feeSchedule: FeeScheduleRow[];
  drgRates: { drg: string; rateCents: number }[];
  deductibleCents?: number;
  coinsurancePercent?: number;
  copayCents?: number;
  requiresMemberId: boolean;
}

/** The payers of SCENARIOS.md with the contract terms the scenarios use, and self-pay. */
export const SEED_PAYERS: PayerContract[] = [
  {
    payerId: 'MCRA1',
    name: 'Medicare Part A',
    claimFilingCode: 'MA',
    selfPay: false,
    timelyFilingDays: 365,
    feeSchedule: [],
    drgRates: [{ drg: '470', rateCents: 1_495_000 }],
    deductibleCents: 167_600,
    requiresMemberId: true,
  },
  {
    payerId: 'MCRB1',
    name: 'Medicare Part B',
    claimFilingCode: 'MB',
    selfPay: false,
    timelyFilingDays: 365,
    feeSchedule: [
      { codeType: 'CPT', code: '99213', allowedCents: 9_200 },
      { codeType: 'CPT', code: '87880', allowedCents: 1_600 },
      { codeType: 'CPT', code: '85025', allowedCents: 800 },
    ],
    drgRates: [],
    coinsurancePercent: 20,
    requiresMemberId: true,
  },
  {
    payerId: 'KHP01',
    name: 'Keystone Health Plan',
    claimFilingCode: 'CI',
    selfPay: false,
    timelyFilingDays: 180,
    feeSchedule: [
      { codeType: 'CPT', code: '99213', allowedCents: 11_200 },
      { codeType: 'CPT', code: '87880', allowedCents: 2_800 },
      { codeType: 'CPT', code: '85025', allowedCents: 1_500 },
    ],
    drgRates: [],
    coinsurancePercent: 20,
    requiresMemberId: true,
  },
  {
    payerId: 'BMCD1',
    name: 'Bayview Medicaid',
    claimFilingCode: 'MC',
    selfPay: false,
    timelyFilingDays: 365,
    feeSchedule: [
      { codeType: 'CPT', code: '99213', allowedCents: 6_500 },
      { codeType: 'CPT', code: '87880', allowedCents: 1_200 },
    ],
    drgRates: [],
    requiresMemberId: true,
  },
  {
    payerId: 'SELF',
    name: 'Self-pay',
    selfPay: true,
    timelyFilingDays: 3650,
    feeSchedule: [],
    drgRates: [],
    requiresMemberId: false,
  },
];
