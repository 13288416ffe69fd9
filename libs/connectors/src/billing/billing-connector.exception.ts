import { DomainException, ErrorCategory, type FieldError } from '@concord/platform';

export enum BillingConnectorExceptionCode {
  NOT_FOUND = 'BILLING_NOT_FOUND',
  INVALID_REQUEST = 'BILLING_INVALID_REQUEST',
  UNKNOWN_FACILITY = 'BILLING_UNKNOWN_FACILITY',
  UNKNOWN_PAYER = 'BILLING_UNKNOWN_PAYER',
  UNKNOWN_CHARGE_CODE = 'BILLING_UNKNOWN_CHARGE_CODE',
  NO_PRICE_ON_DATE = 'BILLING_NO_PRICE_ON_DATE',
  DUPLICATE_ACCOUNT = 'BILLING_DUPLICATE_ACCOUNT',
  DUPLICATE_CHARGE = 'BILLING_DUPLICATE_CHARGE',
  ACCOUNT_CLOSED = 'BILLING_ACCOUNT_CLOSED',
  IDEMPOTENCY_KEY_REUSED = 'BILLING_IDEMPOTENCY_KEY_REUSED',
  VERSION_CONFLICT = 'BILLING_VERSION_CONFLICT',
  SERVER_THROTTLED = 'BILLING_SERVER_THROTTLED',
  SERVER_UNAVAILABLE = 'BILLING_SERVER_UNAVAILABLE',
  SERVER_TIMEOUT = 'BILLING_SERVER_TIMEOUT',
  SERVER_ERROR = 'BILLING_SERVER_ERROR',
  INVALID_RESPONSE = 'BILLING_INVALID_RESPONSE',
}

/**
 * What a billing-platform adapter reports, whatever the vendor: the platform refused a request
 * (with the fields it named, and the record that already exists for a duplicate) or could not be
 * reached. system-api maps these with an exhaustive switch.
 */
export class BillingConnectorException extends DomainException<BillingConnectorExceptionCode> {
  /** From the platform's Retry-After, when it sent one with a 429 or 503. */
  readonly retryAfterMs?: number;
  /** The existing account or charge a duplicate collided with. */
  readonly existing?: string;
  /** The vendor's own error code, for the logs of whoever reads them next. */
  readonly vendorCode?: string;

  constructor(
    code: BillingConnectorExceptionCode,
    message: string,
    readonly httpStatus?: number,
    options: { cause?: unknown; retryAfterMs?: number; fieldErrors?: FieldError[]; existing?: string; vendorCode?: string } = {},
  ) {
    super(code, message, options.fieldErrors ?? [], { cause: options.cause });
    this.retryAfterMs = options.retryAfterMs;
    this.existing = options.existing;
    this.vendorCode = options.vendorCode;
  }

  get category(): ErrorCategory {
    switch (this.code) {
      case BillingConnectorExceptionCode.NOT_FOUND:
        return ErrorCategory.NOT_FOUND;
      case BillingConnectorExceptionCode.INVALID_REQUEST:
        return ErrorCategory.INVALID_INPUT;
      case BillingConnectorExceptionCode.UNKNOWN_FACILITY:
      case BillingConnectorExceptionCode.UNKNOWN_PAYER:
      case BillingConnectorExceptionCode.UNKNOWN_CHARGE_CODE:
      case BillingConnectorExceptionCode.NO_PRICE_ON_DATE:
      case BillingConnectorExceptionCode.IDEMPOTENCY_KEY_REUSED:
        return ErrorCategory.UNPROCESSABLE;
      case BillingConnectorExceptionCode.DUPLICATE_ACCOUNT:
      case BillingConnectorExceptionCode.DUPLICATE_CHARGE:
      case BillingConnectorExceptionCode.ACCOUNT_CLOSED:
      case BillingConnectorExceptionCode.VERSION_CONFLICT:
        return ErrorCategory.CONFLICT;
      case BillingConnectorExceptionCode.SERVER_THROTTLED:
      case BillingConnectorExceptionCode.SERVER_UNAVAILABLE:
        return ErrorCategory.UPSTREAM_UNAVAILABLE;
      case BillingConnectorExceptionCode.SERVER_TIMEOUT:
        return ErrorCategory.UPSTREAM_TIMEOUT;
      case BillingConnectorExceptionCode.SERVER_ERROR:
      case BillingConnectorExceptionCode.INVALID_RESPONSE:
        return ErrorCategory.UPSTREAM_ERROR;
    }
  }
}
