import type { ClaimDto, ClaimLineDto, FeeScheduleEntryDto, PayerDto } from '@concord/contracts';
import { percentOf } from '../shared/allocation';

/** What the payer's contract leads to expect for a claim, so variances on payment are visible. */
export interface ExpectedReimbursement {
  allowedCents: number;
  patientShareCents: number;
  payerPaymentCents: number;
  contractualAllowanceCents: number;
  /** Lines the contract does not price; their allowed amount counts as 0. */
  unpricedLines: number;
  basis: 'drg' | 'fee-schedule' | 'none';
}

/** The contract's allowed amount per unit for a line: its CPT/HCPCS (with modifiers, then without), else its revenue code. */
export function contractFee(line: ClaimLineDto, schedule: readonly FeeScheduleEntryDto[]): number | undefined {
  const modifiers = [...(line.modifiers ?? [])].sort().join(',');
  const code = line.procedureCode?.code;
  const byCode = code
    ? (schedule.find((row) => row.procedureCode?.code === code && [...(row.modifiers ?? [])].sort().join(',') === modifiers) ??
      schedule.find((row) => row.procedureCode?.code === code && !row.modifiers?.length))
    : undefined;
  const byRevenue = line.revenueCode ? schedule.find((row) => !row.procedureCode && row.revenueCode === line.revenueCode) : undefined;
  return (byCode ?? byRevenue)?.allowed.amount;
}

/**
 * Expected reimbursement from the payer's contract: an inpatient claim to a DRG payer is allowed the
 * DRG rate (or the charge, if lower); otherwise each line is allowed its fee × units. The patient
 * share is the deductible first, then coinsurance (rounded half up per line) and a copay once.
 */
export function expectedReimbursement(claim: ClaimDto, payer: PayerDto): ExpectedReimbursement {
  const charge = claim.totalCharge.amount;
  const share = payer.patientShare;
  const drgRate = claim.drg ? payer.drgPayments?.find((d) => d.drg === claim.drg) : undefined;
  if (claim.kind === 'institutional' && payer.drgPayments?.length && claim.admission) {
    if (!drgRate)
      return {
        allowedCents: 0,
        patientShareCents: 0,
        payerPaymentCents: 0,
        contractualAllowanceCents: charge,
        unpricedLines: claim.lines.length,
        basis: 'none',
      };
    const allowed = Math.min(drgRate.payment.amount, charge);
    const patientShare = Math.min(share.deductible?.amount ?? 0, allowed);
    return {
      allowedCents: allowed,
      patientShareCents: patientShare,
      payerPaymentCents: allowed - patientShare,
      contractualAllowanceCents: charge - allowed,
      unpricedLines: 0,
      basis: 'drg',
    };
  }
  let deductibleLeft = share.deductible?.amount ?? 0;
  let copayLeft = share.copay?.amount ?? 0;
  let allowedTotal = 0;
  let patientShare = 0;
  let unpriced = 0;
  for (const line of claim.lines) {
    const fee = contractFee(line, payer.feeSchedule);
    if (fee === undefined) {
      unpriced += 1;
      continue;
    }
    const allowed = Math.min(fee * Math.round(line.units), line.charge.amount);
    const deductible = Math.min(deductibleLeft, allowed);
    deductibleLeft -= deductible;
    const coinsurance = percentOf(allowed - deductible, share.coinsurancePercent ?? 0);
    const copay = Math.min(copayLeft, allowed - deductible - coinsurance);
    copayLeft -= copay;
    allowedTotal += allowed;
    patientShare += deductible + coinsurance + copay;
  }
  return {
    allowedCents: allowedTotal,
    patientShareCents: patientShare,
    payerPaymentCents: allowedTotal - patientShare,
    contractualAllowanceCents: charge - allowedTotal,
    unpricedLines: unpriced,
    basis: unpriced === claim.lines.length ? 'none' : 'fee-schedule',
  };
}
