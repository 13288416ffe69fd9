/**
 * What the sandbox billing platform refuses, as codes its HTTP layer maps to statuses and vendor
 * error bodies. Messages name accounts, charge codes and amounts; never a patient by name.
 */
export enum BillingErrorCode {
  NOT_FOUND = 'NOT_FOUND',
  VALIDATION_FAILED = 'VALIDATION_FAILED',
  UNKNOWN_FACILITY = 'UNKNOWN_FACILITY',
  UNKNOWN_PAYER = 'UNKNOWN_PAYER',
  UNKNOWN_CHARGE_CODE = 'UNKNOWN_CHARGE_CODE',
  /** The charge code has no price effective on the service date. */
  NO_PRICE_ON_DATE = 'NO_PRICE_ON_DATE',
  /** An account already exists for the encounter. */
  DUPLICATE_ACCOUNT = 'DUPLICATE_ACCOUNT',
  /** A charge with the same source reference is already on the account. */
  DUPLICATE_CHARGE = 'DUPLICATE_CHARGE',
  ACCOUNT_CLOSED = 'ACCOUNT_CLOSED',
  IDEMPOTENCY_KEY_REUSED = 'IDEMPOTENCY_KEY_REUSED',
  /** A change could not be written to the command log; the platform stops taking changes until it restarts. */
  STORAGE_FAILED = 'STORAGE_FAILED',
}

export interface BillingErrorDetails {
  /** Dotted path of the offending input field. */
  field?: string;
  /** The record that already exists (duplicate account or charge). */
  existing?: string;
}

export class BillingDomainError extends Error {
  constructor(
    readonly code: BillingErrorCode,
    message: string,
    readonly details: BillingErrorDetails = {},
  ) {
    super(message);
    this.name = 'BillingDomainError';
  }
}

export const notFound = (what: string, id: string) => new BillingDomainError(BillingErrorCode.NOT_FOUND, `${what} ${id} does not exist`);

export const invalid = (field: string, message: string) => new BillingDomainError(BillingErrorCode.VALIDATION_FAILED, message, { field });
