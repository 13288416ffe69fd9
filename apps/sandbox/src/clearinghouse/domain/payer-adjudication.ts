import {
  type AdjustmentDto,
  type AdjustmentGroupCode,
  type ClaimDto,
  type ClaimLineDto,
  type ClaimPaymentDto,
  CodeSystem,
  type ServicePaymentDto,
  usd,
} from '@concord/contracts';
import type { FeeScheduleRow, PayerContract } from '../../billing/domain/billing-seed';
import { divideRounded } from '../../erp/domain/cents';

/**
 * How the sandbox's payers decide a claim (the 835's CLP, CAS and SVC), deterministically:
 * - timely filing: the earliest service date older than the payer's limit at receipt → denied CO-29;
 * - an original claim whose patient control number was already adjudicated → denied CO-18 (duplicate);
 * - DRG payers (Medicare Part A) on institutional claims: allowed = the DRG rate (or the charge, if
 *   lower); the deductible comes off it (PR-1); the rest of the charge is CO-45; no DRG, or one the
 *   contract does not price → denied CO-16 with remark MA130;
 * - fee-schedule payers, line by line: allowed = fee × units (CPT/HCPCS with modifiers, else revenue
 *   code); a line the schedule does not price is CO-96 (remark N130); the deductible is taken from
 *   the allowed amounts in line order (PR-1), then coinsurance (PR-2, rounded half up per line) and a
 *   copay on the first paid line (PR-3); CO-45 is the charge above the allowed amount; every line
 *   denied → the claim is denied (CLP02 4);
 * - a replacement (frequency 7) or void (8) first reverses the original payment (CLP02 22, every
 *   amount negated); a void pays nothing new.
 * Every claim payment balances: charge − paid = the sum of its adjustments, to the cent.
 */

export interface AdjudicationContext {
  /** Date the clearinghouse received the claim (YYYY-MM-DD). */
  receivedOn: string;
  /** The payer's claim control number for this claim (CLP07). */
  payerClaimNumber: string;
  /** An original claim with this patient control number was adjudicated before. */
  duplicate: boolean;
  /** The payment of the claim a replacement or void replaces, when the payer made one. */
  original?: ClaimPaymentDto;
}

const carc = (code: string) => ({ system: CodeSystem.CARC, code });
const rarc = (code: string) => ({ system: CodeSystem.RARC, code });
const adjustment = (group: AdjustmentGroupCode, reason: string, cents: number): AdjustmentDto => ({
  group,
  reason: carc(reason),
  amount: usd(cents),
});
const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);
const responsibilityCode: Record<'P' | 'S' | 'T', string> = { P: '1', S: '2', T: '3' };

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The earliest date of service on the claim. */
export function earliestServiceDate(claim: ClaimDto): string | undefined {
  const dates = [claim.statementPeriod?.start, ...claim.lines.map((line) => line.serviceDate)].filter((d): d is string => d !== undefined);
  return dates.sort()[0];
}

function basePayment(
  claim: ClaimDto,
  context: AdjudicationContext,
): Omit<ClaimPaymentDto, 'statusCode' | 'paid' | 'adjustments' | 'serviceLines'> {
  return {
    patientControlNumber: claim.patientControlNumber,
    charge: usd(claim.totalCharge.amount),
    claimFilingIndicator: claim.payer.claimFilingIndicator,
    payerClaimControlNumber: context.payerClaimNumber,
    ...(claim.kind === 'institutional' && claim.typeOfBill ? { facilityTypeCode: claim.typeOfBill.slice(1, 3) } : {}),
    frequencyCode: claim.frequencyCode,
    ...(claim.drg ? { drg: claim.drg } : {}),
    ...(claim.subscriber.memberId ? { patientMemberId: claim.subscriber.memberId } : {}),
    patientName: claim.patient.relationship === 'self' || !claim.patient.name ? claim.subscriber.name : claim.patient.name,
    ...(claim.statementPeriod ? { statementPeriod: { start: claim.statementPeriod.start, end: claim.statementPeriod.end } } : {}),
    remarks: [],
  };
}

/** A claim denied as a whole: nothing paid, the whole charge adjusted under one reason. */
function denial(claim: ClaimDto, context: AdjudicationContext, reason: string, remark?: string): ClaimPaymentDto {
  return {
    ...basePayment(claim, context),
    statusCode: '4',
    paid: usd(0),
    patientResponsibility: usd(0),
    adjustments: [adjustment('CO', reason, claim.totalCharge.amount)],
    serviceLines: [],
    remarks: remark ? [rarc(remark)] : [],
  };
}

/** The payer's reversal of an earlier payment (CLP02 22): the same claim with every amount negated. */
export function reversalOf(payment: ClaimPaymentDto): ClaimPaymentDto {
  const negate = (adjustments: readonly AdjustmentDto[]) => adjustments.map((a) => ({ ...a, amount: usd(-a.amount.amount) }));
  return {
    ...structuredClone(payment),
    statusCode: '22',
    charge: usd(-payment.charge.amount),
    paid: usd(-payment.paid.amount),
    ...(payment.patientResponsibility ? { patientResponsibility: usd(-payment.patientResponsibility.amount) } : {}),
    adjustments: negate(payment.adjustments),
    serviceLines: payment.serviceLines.map((line) => ({
      ...structuredClone(line),
      charge: usd(-line.charge.amount),
      paid: usd(-line.paid.amount),
      ...(line.allowed ? { allowed: usd(-line.allowed.amount) } : {}),
      adjustments: negate(line.adjustments),
    })),
  };
}

/** The contract's allowed amount per unit for a line, if the schedule prices it. */
export function feeFor(line: ClaimLineDto, schedule: readonly FeeScheduleRow[]): number | undefined {
  const modifiers = [...(line.modifiers ?? [])].sort().join(',');
  const code = line.procedureCode?.code;
  const byCode = code
    ? (schedule.find((row) => row.codeType !== 'REV' && row.code === code && [...(row.modifiers ?? [])].sort().join(',') === modifiers) ??
      schedule.find((row) => row.codeType !== 'REV' && row.code === code && !row.modifiers?.length))
    : undefined;
  const byRevenue = line.revenueCode ? schedule.find((row) => row.codeType === 'REV' && row.code === line.revenueCode) : undefined;
  return (byCode ?? byRevenue)?.allowedCents;
}

function drgPayment(claim: ClaimDto, payer: PayerContract, context: AdjudicationContext): ClaimPaymentDto {
  const rate = claim.drg ? payer.drgRates.find((r) => r.drg === claim.drg) : undefined;
  if (!rate) return denial(claim, context, '16', 'MA130');
  const charge = claim.totalCharge.amount;
  const allowed = Math.min(rate.rateCents, charge);
  const deductible = Math.min(payer.deductibleCents ?? 0, allowed);
  const adjustments = [
    ...(charge > allowed ? [adjustment('CO', '45', charge - allowed)] : []),
    ...(deductible > 0 ? [adjustment('PR', '1', deductible)] : []),
  ];
  return {
    ...basePayment(claim, context),
    statusCode: responsibilityCode[claim.payer.responsibility],
    paid: usd(allowed - deductible),
    patientResponsibility: usd(deductible),
    adjustments,
    serviceLines: [],
  };
}

function feeSchedulePayment(claim: ClaimDto, payer: PayerContract, context: AdjudicationContext): ClaimPaymentDto {
  let deductibleLeft = payer.deductibleCents ?? 0;
  let copayLeft = payer.copayCents ?? 0;
  const lines: ServicePaymentDto[] = claim.lines.map((line) => {
    const charge = line.charge.amount;
    const fee = feeFor(line, payer.feeSchedule);
    const base: Omit<ServicePaymentDto, 'paid' | 'adjustments' | 'remarks'> = {
      ...(line.procedureCode ? { procedureCode: { ...line.procedureCode } } : {}),
      ...(line.modifiers?.length ? { modifiers: [...line.modifiers] } : {}),
      ...(line.revenueCode ? { revenueCode: line.revenueCode } : {}),
      charge: usd(charge),
      units: line.units,
      ...(line.serviceDate ? { serviceDate: line.serviceDate } : {}),
      ...(line.serviceDateEnd && line.serviceDateEnd !== line.serviceDate ? { serviceDateEnd: line.serviceDateEnd } : {}),
      ...(line.chargeId ? { lineControlNumber: line.chargeId } : {}),
    };
    if (fee === undefined) return { ...base, paid: usd(0), adjustments: [adjustment('CO', '96', charge)], remarks: [rarc('N130')] };
    const allowed = Math.min(Number(BigInt(fee) * BigInt(Math.round(line.units))), charge);
    const deductible = Math.min(deductibleLeft, allowed);
    deductibleLeft -= deductible;
    const afterDeductible = allowed - deductible;
    const coinsurance = divideRounded(BigInt(afterDeductible) * BigInt(Math.round((payer.coinsurancePercent ?? 0) * 100)), 10_000n);
    const copay = Math.min(copayLeft, afterDeductible - coinsurance);
    copayLeft -= copay;
    const adjustments = [
      ...(charge > allowed ? [adjustment('CO', '45', charge - allowed)] : []),
      ...(deductible > 0 ? [adjustment('PR', '1', deductible)] : []),
      ...(coinsurance > 0 ? [adjustment('PR', '2', coinsurance)] : []),
      ...(copay > 0 ? [adjustment('PR', '3', copay)] : []),
    ];
    return { ...base, paid: usd(afterDeductible - coinsurance - copay), allowed: usd(allowed), adjustments, remarks: [] };
  });
  const allDenied = lines.every((line) => line.adjustments.some((a) => a.group === 'CO' && a.reason.code === '96'));
  const patientShare = sum(lines.flatMap((line) => line.adjustments.filter((a) => a.group === 'PR').map((a) => a.amount.amount)));
  return {
    ...basePayment(claim, context),
    statusCode: allDenied ? '4' : responsibilityCode[claim.payer.responsibility],
    paid: usd(sum(lines.map((line) => line.paid.amount))),
    patientResponsibility: usd(patientShare),
    adjustments: [],
    serviceLines: lines,
  };
}

/** The claim payments an 835 carries for one claim: a reversal of the original first when it replaces one, then its own. */
export function adjudicate(claim: ClaimDto, payer: PayerContract, context: AdjudicationContext): ClaimPaymentDto[] {
  const reversal = context.original && claim.frequencyCode !== '1' ? [reversalOf(context.original)] : [];
  if (claim.frequencyCode === '8') return reversal;
  const earliest = earliestServiceDate(claim);
  let payment: ClaimPaymentDto;
  if (earliest !== undefined && daysBetween(earliest, context.receivedOn) > payer.timelyFilingDays) payment = denial(claim, context, '29');
  else if (context.duplicate && claim.frequencyCode === '1') payment = denial(claim, context, '18');
  else if (payer.drgRates.length > 0 && claim.kind === 'institutional') payment = drgPayment(claim, payer, context);
  else payment = feeSchedulePayment(claim, payer, context);
  return [...reversal, payment];
}
