import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { describe, expect, it } from 'vitest';
import { usd } from '../common/money.dto';
import { CLAIM_STATUSES, canTransitionClaimStatus, ClaimDto, type ClaimStatus } from './claim.dto';
import { PayerDto } from './payer.dto';
import { PatientAccountDto } from './patient-account.dto';

/** Scenario 2's claim (SCENARIOS.md) as a plain object, the way it arrives over HTTP. */
const claim = {
  id: 'clm-jr-ov-1',
  kind: 'professional',
  patientControlNumber: 'CR-A-200871-01',
  frequencyCode: '1',
  placeOfService: '11',
  diagnoses: [{ code: { system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'J06.9' }, role: 'principal' }],
  lines: [
    {
      lineNumber: 1,
      procedureCode: { system: 'http://www.ama-assn.org/go/cpt', code: '99213' },
      units: 1,
      unitBasis: 'UN',
      charge: usd(18_500),
      serviceDate: '2026-11-10',
      diagnosisPointers: [1],
    },
  ],
  totalCharge: usd(18_500),
  billingProvider: {
    name: 'Concord Riverside Clinic',
    npi: '1982764353',
    ein: '12-3456790',
    address: { line: ['45 River Road'], city: 'Concord', state: 'NH', postalCode: '033013300' },
  },
  payer: { payerId: 'KHP01', name: 'Keystone Health Plan', claimFilingIndicator: 'CI', responsibility: 'P' },
  subscriber: { memberId: 'KHP-44718-01', name: { family: 'Rivera', given: ['Jordan'] }, birthDate: '1988-11-02', gender: 'male' },
  patient: { relationship: 'self' },
  status: 'draft',
  statusHistory: [{ status: 'draft', at: '2026-11-10T16:00:00.000Z', source: 'system' }],
};

/** Property paths of every failed constraint, nested ones included. */
function paths(errors: ValidationError[], prefix = ''): string[] {
  return errors.flatMap((e) => {
    const path = prefix ? `${prefix}.${e.property}` : e.property;
    return e.children?.length ? paths(e.children, path) : [path];
  });
}

function validateClaim(plain: object): string[] {
  return paths(validateSync(plainToInstance(ClaimDto, plain)));
}

describe('ClaimDto validation', () => {
  it('accepts scenario 2', () => {
    expect(validateClaim(claim)).toEqual([]);
  });

  it.each([
    {
      name: 'a billing NPI with a bad check digit',
      change: { billingProvider: { ...claim.billingProvider, npi: '1982764354' } },
      path: 'billingProvider.npi',
    },
    {
      name: 'money in dollars with cents as a fraction',
      change: { totalCharge: { amount: 185.0001, currency: 'USD' } },
      path: 'totalCharge.amount',
    },
    { name: 'an unknown frequency code', change: { frequencyCode: '5' }, path: 'frequencyCode' },
    {
      name: 'an unknown claim filing indicator',
      change: { payer: { ...claim.payer, claimFilingIndicator: 'XX' } },
      path: 'payer.claimFilingIndicator',
    },
    {
      name: 'a diagnosis pointer past 12',
      change: { lines: [{ ...claim.lines[0], diagnosisPointers: [13] }] },
      path: 'lines.0.diagnosisPointers',
    },
    {
      name: 'an impossible service date',
      change: { lines: [{ ...claim.lines[0], serviceDate: '2026-02-30' }] },
      path: 'lines.0.serviceDate',
    },
    { name: 'no lines', change: { lines: [] }, path: 'lines' },
    { name: 'a patient control number too long for CLM01', change: { patientControlNumber: 'X'.repeat(21) }, path: 'patientControlNumber' },
    {
      name: 'a ZIP code with a hyphen',
      change: { billingProvider: { ...claim.billingProvider, address: { ...claim.billingProvider.address, postalCode: '03301-3300' } } },
      path: 'billingProvider.address.postalCode',
    },
    { name: 'an unknown status', change: { status: 'lost' }, path: 'status' },
  ])('names the field for $name', ({ change, path }) => {
    expect(validateClaim({ ...claim, ...change })).toContain(path);
  });
});

describe('claim status lifecycle', () => {
  const path: ClaimStatus[] = ['draft', 'validated', 'submitted', 'acknowledged', 'accepted', 'partially-paid', 'paid'];
  it('allows the happy path step by step', () => {
    for (let i = 1; i < path.length; i++) expect(canTransitionClaimStatus(path[i - 1], path[i])).toBe(true);
  });

  it.each([
    ['draft', 'submitted'],
    ['submitted', 'paid'],
    ['paid', 'draft'],
    ['denied', 'paid'],
    ['accepted', 'rejected'],
  ] as const)('refuses %s → %s', (from, to) => {
    expect(canTransitionClaimStatus(from, to)).toBe(false);
  });

  it('sends rejected claims back to draft for edit and replay, and ends paid and denied claims', () => {
    expect(canTransitionClaimStatus('rejected', 'draft')).toBe(true);
    expect(CLAIM_STATUSES.filter((to) => canTransitionClaimStatus('paid', to) || canTransitionClaimStatus('denied', to))).toEqual([]);
  });
});

describe('PayerDto and PatientAccountDto validation', () => {
  it('accepts Medicare Part A with its DRG 470 rate and Part A deductible', () => {
    const payer = {
      payerId: 'MCRA1',
      name: 'Medicare Part A',
      claimFilingIndicator: 'MA',
      timelyFilingDays: 365,
      feeSchedule: [],
      drgPayments: [{ drg: '470', payment: usd(1_495_000) }],
      patientShare: { deductible: usd(167_600) },
    };
    expect(paths(validateSync(plainToInstance(PayerDto, payer)))).toEqual([]);
    expect(paths(validateSync(plainToInstance(PayerDto, { ...payer, patientShare: { coinsurancePercent: 120 } })))).toEqual([
      'patientShare.coinsurancePercent',
    ]);
  });

  it('accepts an account with its coverages in order and rejects a fourth payer', () => {
    const account = {
      id: 'acct-aq-tka',
      accountNumber: 'CG-A-100234-01',
      patient: { id: 'avery-quinn' },
      facilityId: 'concord-general',
      coverages: [{ order: 1, payerId: 'MCRA1', memberId: '1EG4TE5MK73', relationship: 'self' }],
      status: 'open',
      balance: usd(2_865_000),
    };
    expect(paths(validateSync(plainToInstance(PatientAccountDto, account)))).toEqual([]);
    expect(
      paths(validateSync(plainToInstance(PatientAccountDto, { ...account, coverages: [{ ...account.coverages[0], order: 4 }] }))),
    ).toEqual(['coverages.0.order']);
  });
});
