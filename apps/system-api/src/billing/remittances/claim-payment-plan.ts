import type { PostBillingTransactions } from '@concord/connectors/billing';
import type { AdjustmentGroupCode, ClaimPaymentDto } from '@concord/contracts';
import type { DepartmentCharge } from '../claims/claim-builder';
import { allocateByWeight } from '../shared/allocation';

export interface AdjustmentTotal {
  group: AdjustmentGroupCode;
  reasonCode: string;
  amountCents: number;
}

export interface DepartmentPosting {
  departmentCode: string;
  chargeCents: number;
  paidCents: number;
  contractualCents: number;
  patientResponsibilityCents: number;
  otherCents: number;
}

/** How one claim payment (an 835 CLP) posts to the billing platform and the ledger. */
export interface ClaimPaymentPlan {
  paidCents: number;
  /** Group CO: contractual allowance. */
  contractualCents: number;
  /** Group PR: moved from payer A/R to patient A/R. */
  patientResponsibilityCents: number;
  /** Groups OA and PI. */
  otherAdjustmentCents: number;
  adjustments: AdjustmentTotal[];
  /** The platform batch: payment, adjustments (CO, OA, PI) and transfers to the patient (PR). Empty when nothing moves. */
  items: PostBillingTransactions['items'];
  departments: DepartmentPosting[];
}

/** Claim-level and line-level CAS together, summed by group and reason in order of appearance. */
export function adjustmentTotals(payment: ClaimPaymentDto): AdjustmentTotal[] {
  const totals: AdjustmentTotal[] = [];
  for (const adjustment of [...payment.adjustments, ...payment.serviceLines.flatMap((line) => line.adjustments)]) {
    const existing = totals.find((t) => t.group === adjustment.group && t.reasonCode === adjustment.reason.code);
    if (existing) existing.amountCents += adjustment.amount.amount;
    else totals.push({ group: adjustment.group, reasonCode: adjustment.reason.code, amountCents: adjustment.amount.amount });
  }
  return totals.filter((t) => t.amountCents !== 0);
}

/**
 * Plans the posting of a claim payment: a payment for what the payer paid, an adjustment per
 * contractual, other or payer-initiated reason, a transfer to the patient per patient-responsibility
 * reason, and the same amounts split by department in proportion to the claim's charges (each
 * column adds up to its total to the cent). A reversal (CLP02 22) plans the same with negative amounts.
 */
export function planClaimPaymentPosting(payment: ClaimPaymentDto, departments: readonly DepartmentCharge[]): ClaimPaymentPlan {
  const adjustments = adjustmentTotals(payment);
  const sum = (groups: AdjustmentGroupCode[]) =>
    adjustments.filter((a) => groups.includes(a.group)).reduce((total, a) => total + a.amountCents, 0);
  const paidCents = payment.paid.amount;
  const contractualCents = sum(['CO']);
  const patientResponsibilityCents = sum(['PR']);
  const otherAdjustmentCents = sum(['OA', 'PI']);
  const items: PostBillingTransactions['items'] = [
    ...(paidCents !== 0 ? [{ type: 'payment' as const, amountCents: paidCents }] : []),
    ...adjustments.map((a) => ({
      type: a.group === 'PR' ? ('transfer' as const) : ('adjustment' as const),
      amountCents: a.amountCents,
      group: a.group,
      reasonCode: a.reasonCode,
    })),
  ];
  const weights = departments.map((d) => ({ key: d.departmentCode, weight: d.chargeCents }));
  const split = (cents: number) => allocateByWeight(cents, weights);
  const [paid, contractual, patient, other] = [paidCents, contractualCents, patientResponsibilityCents, otherAdjustmentCents].map(split);
  return {
    paidCents,
    contractualCents,
    patientResponsibilityCents,
    otherAdjustmentCents,
    adjustments,
    items,
    departments: departments.map((d) => ({
      departmentCode: d.departmentCode,
      chargeCents: payment.charge.amount < 0 ? -d.chargeCents : d.chargeCents,
      paidCents: paid.get(d.departmentCode) ?? 0,
      contractualCents: contractual.get(d.departmentCode) ?? 0,
      patientResponsibilityCents: patient.get(d.departmentCode) ?? 0,
      otherCents: other.get(d.departmentCode) ?? 0,
    })),
  };
}

export type ClaimPaymentOutcome = 'paid' | 'partially-paid' | 'denied' | 'reversal';

/** What a claim payment means for its claim's status. */
export function claimPaymentOutcome(payment: ClaimPaymentDto): ClaimPaymentOutcome {
  if (payment.statusCode === '22') return 'reversal';
  if (payment.statusCode === '4') return 'denied';
  if (payment.paid.amount === 0 && (payment.patientResponsibility?.amount ?? 0) === 0) return 'denied';
  const deniedLine = payment.serviceLines.some(
    (line) => line.paid.amount === 0 && line.adjustments.some((a) => a.group !== 'PR' && a.reason.code !== '45'),
  );
  return deniedLine ? 'partially-paid' : 'paid';
}
