import type { DepartmentAmounts, PaymentSummary } from './patient-to-cash.state';

/** GL accounts of the revenue cycle (../shared/SCENARIOS.md chart of accounts); revenue lines resolve per department. */
export const GL = {
  CASH: '1000',
  PAYER_AR: '1200',
  PATIENT_AR: '1210',
  CONTRACTUAL_ALLOWANCES: '4900',
} as const;

export interface JournalLineInput {
  account: string;
  costCentre?: string;
  side: 'debit' | 'credit';
  amount: { amount: number; currency: 'USD' };
  memo?: string;
}

export interface JournalInput {
  memo: string;
  sourceDocument: { type: 'claim' | 'remittance'; id: string };
  lines: JournalLineInput[];
}

/** Department → revenue account (4000 inpatient, 4100 outpatient), as the ERP's GL mapping decides. */
export type RevenueAccountOf = (departmentCode: string) => string;

const usd = (amount: number) => ({ amount, currency: 'USD' as const });
const line = (account: string, side: 'debit' | 'credit', cents: number, costCentre?: string, memo?: string): JournalLineInput => ({
  account,
  ...(costCentre ? { costCentre } : {}),
  side,
  amount: usd(cents),
  ...(memo ? { memo } : {}),
});
/** A signed amount on its natural side: a negative one flips to the other side. */
const signed = (account: string, naturalSide: 'debit' | 'credit', cents: number, costCentre?: string): JournalLineInput =>
  line(account, cents >= 0 ? naturalSide : naturalSide === 'debit' ? 'credit' : 'debit', Math.abs(cents), costCentre);

/**
 * At submission: gross revenue by department (DR payer A/R, CR revenue per cost centre), and the
 * contractual allowance the contract makes expected (DR 4900 per cost centre, CR payer A/R). Either
 * journal is left out when it would be empty.
 */
export function submissionJournals(
  claim: { id: string; pcn: string },
  byDepartment: DepartmentAmounts[],
  revenueAccountOf: RevenueAccountOf,
) {
  const departments = [...byDepartment].sort((a, b) => a.departmentCode.localeCompare(b.departmentCode));
  const gross = departments.reduce((sum, d) => sum + d.chargeCents, 0);
  const expected = departments.reduce((sum, d) => sum + d.expectedContractualCents, 0);
  const source = { type: 'claim' as const, id: claim.id };
  const revenue: JournalInput | undefined = gross
    ? {
        memo: `Revenue at gross, claim ${claim.pcn}`,
        sourceDocument: source,
        lines: [
          signed(GL.PAYER_AR, 'debit', gross),
          ...departments
            .filter((d) => d.chargeCents)
            .map((d) => signed(revenueAccountOf(d.departmentCode), 'credit', d.chargeCents, d.departmentCode)),
        ],
      }
    : undefined;
  const contractual: JournalInput | undefined = expected
    ? {
        memo: `Expected contractual allowance, claim ${claim.pcn}`,
        sourceDocument: source,
        lines: [
          ...departments
            .filter((d) => d.expectedContractualCents)
            .map((d) => signed(GL.CONTRACTUAL_ALLOWANCES, 'debit', d.expectedContractualCents, d.departmentCode)),
          signed(GL.PAYER_AR, 'credit', expected),
        ],
      }
    : undefined;
  return { revenue, contractual };
}

/**
 * At payment: cash (DR 1000, CR payer A/R), patient responsibility moved to self-pay A/R (DR 1210,
 * CR payer A/R), and the adjustments beyond what submission already accrued (contractual and other
 * adjustments minus the expected allowance, per cost centre), so the claim's payer A/R ends at
 * exactly what the payer still owes.
 */
export function paymentJournals(claim: { id: string; pcn: string }, expected: DepartmentAmounts[], payment: PaymentSummary) {
  const source = { type: 'remittance' as const, id: payment.remittanceId };
  const cash: JournalInput | undefined = payment.paidCents
    ? {
        memo: `Payer payment, claim ${claim.pcn}, 835 ${payment.traceNumber}`,
        sourceDocument: source,
        lines: [signed(GL.CASH, 'debit', payment.paidCents), signed(GL.PAYER_AR, 'credit', payment.paidCents)],
      }
    : undefined;
  const patient: JournalInput | undefined = payment.patientResponsibilityCents
    ? {
        memo: `Patient responsibility, claim ${claim.pcn}`,
        sourceDocument: source,
        lines: [
          signed(GL.PATIENT_AR, 'debit', payment.patientResponsibilityCents),
          signed(GL.PAYER_AR, 'credit', payment.patientResponsibilityCents),
        ],
      }
    : undefined;
  const codes = [...new Set([...expected.map((d) => d.departmentCode), ...payment.departments.map((d) => d.departmentCode)])].sort();
  const trueUps = codes
    .map((code) => ({
      code,
      cents:
        (payment.departments.find((d) => d.departmentCode === code)?.adjustmentCents ?? 0) -
        (expected.find((d) => d.departmentCode === code)?.expectedContractualCents ?? 0),
    }))
    .filter((d) => d.cents !== 0);
  const net = trueUps.reduce((sum, d) => sum + d.cents, 0);
  const adjustment: JournalInput | undefined = trueUps.length
    ? {
        memo: `Adjustments beyond the expected allowance, claim ${claim.pcn}`,
        sourceDocument: source,
        lines: [
          ...trueUps.map((d) => signed(GL.CONTRACTUAL_ALLOWANCES, 'debit', d.cents, d.code)),
          ...(net ? [signed(GL.PAYER_AR, 'credit', net)] : []),
        ],
      }
    : undefined;
  return { cash, patient, adjustment };
}
