/**
 * What the sandbox ERP refuses, as codes its HTTP layer maps to statuses and vendor error bodies.
 * Messages name documents, items, accounts and amounts; never a patient or an employee by name.
 */
export enum ErpErrorCode {
  NOT_FOUND = 'NOT_FOUND',
  VALIDATION_FAILED = 'VALIDATION_FAILED',
  COST_CENTRE_INVALID = 'COST_CENTRE_INVALID',
  JOURNAL_UNBALANCED = 'JOURNAL_UNBALANCED',
  JOURNAL_INVALID = 'JOURNAL_INVALID',
  INSUFFICIENT_STOCK = 'INSUFFICIENT_STOCK',
  TRACKING_MISMATCH = 'TRACKING_MISMATCH',
  INACTIVE = 'INACTIVE',
  INVALID_STATE = 'INVALID_STATE',
  OVER_RECEIPT = 'OVER_RECEIPT',
  SEGREGATION_OF_DUTIES = 'SEGREGATION_OF_DUTIES',
  DUPLICATE_INVOICE = 'DUPLICATE_INVOICE',
  VARIANCE_NOT_APPROVABLE = 'VARIANCE_NOT_APPROVABLE',
  OVERPAYMENT = 'OVERPAYMENT',
  IDEMPOTENCY_KEY_REUSED = 'IDEMPOTENCY_KEY_REUSED',
  /** A change could not be written to the command log; the ERP stops taking changes until it restarts. */
  STORAGE_FAILED = 'STORAGE_FAILED',
}

export interface ErpErrorDetails {
  /** Dotted path of the offending input field. */
  field?: string;
  /** Debits minus credits of an unbalanced journal, in cents. */
  differenceCents?: number;
}

export class ErpDomainError extends Error {
  constructor(
    readonly code: ErpErrorCode,
    message: string,
    readonly details: ErpErrorDetails = {},
  ) {
    super(message);
    this.name = 'ErpDomainError';
  }
}

export const notFound = (what: string, id: string) => new ErpDomainError(ErpErrorCode.NOT_FOUND, `${what} ${id} does not exist`);

export const invalid = (field: string, message: string) => new ErpDomainError(ErpErrorCode.VALIDATION_FAILED, message, { field });
