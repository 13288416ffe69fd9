/** Who owes an account's balance: the payers (insurance) or the patient (after transfers, or self-pay). */
export interface AccountBalances {
  chargesCents: number;
  insurancePaymentsCents: number;
  patientPaymentsCents: number;
  adjustmentsCents: number;
  transfersToPatientCents: number;
  insuranceBalanceCents: number;
  patientBalanceCents: number;
  totalBalanceCents: number;
}

export type TransactionType = 'PAYMENT' | 'ADJUSTMENT' | 'TRANSFER';

/** Payer id of a payment the patient (guarantor) made. */
export const PATIENT_PAYER = 'PATIENT';

export interface BalanceInput {
  charges: readonly { amountCents: number }[];
  transactions: readonly { type: TransactionType; amountCents: number; payerId?: string }[];
  /** A self-pay account (no insurance): charges are owed by the patient from the start. */
  selfPay: boolean;
}

/**
 * An account's balances from its charges and transactions. Payments and adjustments reduce what
 * is owed; a transfer moves an amount from the insurance balance to the patient's (an 835's
 * patient responsibility). Negative amounts are reversals.
 */
export function accountBalances(input: BalanceInput): AccountBalances {
  const sum = (amounts: readonly { amountCents: number }[]) => amounts.reduce((total, a) => total + a.amountCents, 0);
  const of = (type: TransactionType) => input.transactions.filter((t) => t.type === type);
  const chargesCents = sum(input.charges);
  const payments = of('PAYMENT');
  const patientPaymentsCents = sum(payments.filter((p) => p.payerId === PATIENT_PAYER));
  const insurancePaymentsCents = sum(payments.filter((p) => p.payerId !== PATIENT_PAYER));
  const adjustmentsCents = sum(of('ADJUSTMENT'));
  const transfersToPatientCents = sum(of('TRANSFER'));
  const insuranceBalanceCents = input.selfPay ? 0 : chargesCents - insurancePaymentsCents - adjustmentsCents - transfersToPatientCents;
  const patientBalanceCents = input.selfPay
    ? chargesCents - patientPaymentsCents - insurancePaymentsCents - adjustmentsCents
    : transfersToPatientCents - patientPaymentsCents;
  return {
    chargesCents,
    insurancePaymentsCents,
    patientPaymentsCents,
    adjustmentsCents,
    transfersToPatientCents,
    insuranceBalanceCents,
    patientBalanceCents,
    totalBalanceCents: insuranceBalanceCents + patientBalanceCents,
  };
}
