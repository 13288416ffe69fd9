import type { MoneyDto } from '@concord/contracts';
import { DomainException, ErrorCategory, type FieldError } from '@concord/platform';

export enum ErpConnectorExceptionCode {
  NOT_FOUND = 'ERP_NOT_FOUND',
  INVALID_REQUEST = 'ERP_INVALID_REQUEST',
  COST_CENTRE_INVALID = 'ERP_COST_CENTRE_INVALID',
  JOURNAL_UNBALANCED = 'ERP_JOURNAL_UNBALANCED',
  JOURNAL_INVALID = 'ERP_JOURNAL_INVALID',
  INSUFFICIENT_STOCK = 'ERP_INSUFFICIENT_STOCK',
  SERIAL_OR_LOT_MISMATCH = 'ERP_SERIAL_OR_LOT_MISMATCH',
  MASTER_DATA_BLOCKED = 'ERP_MASTER_DATA_BLOCKED',
  DOCUMENT_STATE_CONFLICT = 'ERP_DOCUMENT_STATE_CONFLICT',
  OVER_RECEIPT = 'ERP_OVER_RECEIPT',
  APPROVAL_NOT_ALLOWED = 'ERP_APPROVAL_NOT_ALLOWED',
  DUPLICATE_INVOICE = 'ERP_DUPLICATE_INVOICE',
  VARIANCE_NOT_APPROVABLE = 'ERP_VARIANCE_NOT_APPROVABLE',
  OVERPAYMENT = 'ERP_OVERPAYMENT',
  IDEMPOTENCY_KEY_REUSED = 'ERP_IDEMPOTENCY_KEY_REUSED',
  VERSION_CONFLICT = 'ERP_VERSION_CONFLICT',
  /** The ERP (or its adapter) has no such operation, e.g. rejecting a requisition over an API that can only release. */
  NOT_SUPPORTED = 'ERP_NOT_SUPPORTED',
  SERVER_THROTTLED = 'ERP_SERVER_THROTTLED',
  SERVER_UNAVAILABLE = 'ERP_SERVER_UNAVAILABLE',
  SERVER_TIMEOUT = 'ERP_SERVER_TIMEOUT',
  SERVER_ERROR = 'ERP_SERVER_ERROR',
  INVALID_RESPONSE = 'ERP_INVALID_RESPONSE',
}

/**
 * What an ERP adapter reports, whatever the vendor: the ERP refused a request (with the fields it
 * named, and the difference of an unbalanced journal) or could not be reached. Services map these.
 */
export class ErpConnectorException extends DomainException<ErpConnectorExceptionCode> {
  /** From the ERP's Retry-After, when it sent one with a 429 or 503. */
  readonly retryAfterMs?: number;
  /** Debits minus credits of a refused unbalanced journal. */
  readonly difference?: MoneyDto;

  constructor(
    code: ErpConnectorExceptionCode,
    message: string,
    readonly httpStatus?: number,
    options: { cause?: unknown; retryAfterMs?: number; fieldErrors?: FieldError[]; difference?: MoneyDto; vendorCode?: string } = {},
  ) {
    super(code, message, options.fieldErrors ?? [], { cause: options.cause });
    this.retryAfterMs = options.retryAfterMs;
    this.difference = options.difference;
    this.vendorCode = options.vendorCode;
  }

  /** The vendor's own error code, for the logs of whoever reads them next. */
  readonly vendorCode?: string;

  get category(): ErrorCategory {
    switch (this.code) {
      case ErpConnectorExceptionCode.NOT_FOUND:
        return ErrorCategory.NOT_FOUND;
      case ErpConnectorExceptionCode.INVALID_REQUEST:
        return ErrorCategory.INVALID_INPUT;
      case ErpConnectorExceptionCode.COST_CENTRE_INVALID:
      case ErpConnectorExceptionCode.JOURNAL_UNBALANCED:
      case ErpConnectorExceptionCode.JOURNAL_INVALID:
      case ErpConnectorExceptionCode.INSUFFICIENT_STOCK:
      case ErpConnectorExceptionCode.SERIAL_OR_LOT_MISMATCH:
      case ErpConnectorExceptionCode.MASTER_DATA_BLOCKED:
      case ErpConnectorExceptionCode.OVER_RECEIPT:
      case ErpConnectorExceptionCode.APPROVAL_NOT_ALLOWED:
      case ErpConnectorExceptionCode.VARIANCE_NOT_APPROVABLE:
      case ErpConnectorExceptionCode.OVERPAYMENT:
      case ErpConnectorExceptionCode.IDEMPOTENCY_KEY_REUSED:
      case ErpConnectorExceptionCode.NOT_SUPPORTED:
        return ErrorCategory.UNPROCESSABLE;
      case ErpConnectorExceptionCode.DOCUMENT_STATE_CONFLICT:
      case ErpConnectorExceptionCode.DUPLICATE_INVOICE:
      case ErpConnectorExceptionCode.VERSION_CONFLICT:
        return ErrorCategory.CONFLICT;
      case ErpConnectorExceptionCode.SERVER_THROTTLED:
      case ErpConnectorExceptionCode.SERVER_UNAVAILABLE:
        return ErrorCategory.UPSTREAM_UNAVAILABLE;
      case ErpConnectorExceptionCode.SERVER_TIMEOUT:
        return ErrorCategory.UPSTREAM_TIMEOUT;
      case ErpConnectorExceptionCode.SERVER_ERROR:
      case ErpConnectorExceptionCode.INVALID_RESPONSE:
        return ErrorCategory.UPSTREAM_ERROR;
    }
  }
}
