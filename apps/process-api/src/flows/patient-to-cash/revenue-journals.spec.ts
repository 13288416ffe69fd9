import { describe, expect, it } from 'vitest';
import type { DepartmentAmounts, PaymentSummary } from './patient-to-cash.state';
import { type JournalInput, paymentJournals, submissionJournals } from './revenue-journals';

const claim = { id: 'clm-1', pcn: 'CG-A-000001-01' };
const inpatient = () => '4000';
const show = (journal: JournalInput | undefined) =>
  journal?.lines.map((l) => `${l.side === 'debit' ? 'DR' : 'CR'} ${l.account}${l.costCentre ? `/${l.costCentre}` : ''} ${l.amount.amount}`);
const balance = (journal: JournalInput) =>
  journal.lines.reduce((sum, l) => sum + (l.side === 'debit' ? l.amount.amount : -l.amount.amount), 0);

/** Scenario 1 (../shared/SCENARIOS.md): 28,650.00 by department, DRG 470 paying 14,950.00. */
const knee: DepartmentAmounts[] = [
  { departmentCode: '6500', chargeCents: 31_000, expectedContractualCents: 14_824 },
  { departmentCode: '6200', chargeCents: 560_000, expectedContractualCents: 267_783 },
  { departmentCode: '6300', chargeCents: 2_210_000, expectedContractualCents: 1_056_789 },
  { departmentCode: '6400', chargeCents: 64_000, expectedContractualCents: 30_604 },
];
const kneePayment = (adjustments: Record<string, number>): PaymentSummary => ({
  remittanceId: 'rmt-1',
  traceNumber: 'EFT1',
  paidCents: 1_327_400,
  patientResponsibilityCents: 167_600,
  departments: knee.map((d) => ({
    departmentCode: d.departmentCode,
    paidCents: 0,
    patientResponsibilityCents: 0,
    adjustmentCents: adjustments[d.departmentCode] ?? d.expectedContractualCents,
  })),
});

describe('revenue-cycle journals', () => {
  it('recognises gross revenue by department and the expected allowance at submission, in department order', () => {
    const { revenue, contractual } = submissionJournals(claim, knee, inpatient);
    expect(show(revenue)).toEqual([
      'DR 1200 2865000',
      'CR 4000/6200 560000',
      'CR 4000/6300 2210000',
      'CR 4000/6400 64000',
      'CR 4000/6500 31000',
    ]);
    expect(show(contractual)).toEqual([
      'DR 4900/6200 267783',
      'DR 4900/6300 1056789',
      'DR 4900/6400 30604',
      'DR 4900/6500 14824',
      'CR 1200 1370000',
    ]);
    expect([balance(revenue!), balance(contractual!)]).toEqual([0, 0]);
    expect(revenue!.sourceDocument).toEqual({ type: 'claim', id: 'clm-1' });
  });

  it.each([
    ['no charges', [] as DepartmentAmounts[], undefined, undefined],
    [
      'no expected allowance (unpriced)',
      [{ departmentCode: '7100', chargeCents: 31_000, expectedContractualCents: 0 }],
      ['DR 1200 31000', 'CR 4000/7100 31000'],
      undefined,
    ],
  ])('leaves out an empty journal: %s', (_, departments, revenue, contractual) => {
    const journals = submissionJournals(claim, departments, inpatient);
    expect([show(journals.revenue), show(journals.contractual)]).toEqual([revenue, contractual]);
  });

  it('posts cash and patient responsibility at payment, and nothing more when the allowance was as expected', () => {
    const { cash, patient, adjustment } = paymentJournals(claim, knee, kneePayment({}));
    expect(show(cash)).toEqual(['DR 1000 1327400', 'CR 1200 1327400']);
    expect(show(patient)).toEqual(['DR 1210 167600', 'CR 1200 167600']);
    expect(adjustment).toBeUndefined();
    expect(cash!.sourceDocument).toEqual({ type: 'remittance', id: 'rmt-1' });
  });

  it.each([
    ['a larger allowance', { '6300': 1_056_889 }, ['DR 4900/6300 100', 'CR 1200 100']],
    ['a smaller allowance (credit to 4900)', { '6300': 1_056_689 }, ['CR 4900/6300 100', 'DR 1200 100']],
    ['allowances moved between departments', { '6200': 267_883, '6300': 1_056_689 }, ['DR 4900/6200 100', 'CR 4900/6300 100']],
  ])('trues up %s per department against payer A/R', (_, adjustments, lines) => {
    const { adjustment } = paymentJournals(claim, knee, kneePayment(adjustments));
    expect(show(adjustment)).toEqual(lines);
    expect(balance(adjustment!)).toBe(0);
  });

  it('reverses on the other side when a payment is taken back', () => {
    const { cash, patient } = paymentJournals(claim, [], {
      ...kneePayment({}),
      paidCents: -8_960,
      patientResponsibilityCents: -2_240,
      departments: [],
    });
    expect(show(cash)).toEqual(['CR 1000 8960', 'DR 1200 8960']);
    expect(show(patient)).toEqual(['CR 1210 2240', 'DR 1200 2240']);
  });
});
