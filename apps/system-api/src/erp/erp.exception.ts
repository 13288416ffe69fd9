import { centsToDecimal } from '@concord/connectors/odata';
import { ErpConnectorException, ErpConnectorExceptionCode } from '@concord/connectors/erp';
import { DomainException, ErrorCategory } from '@concord/platform';

export enum ErpExceptionCode {
  RECORD_NOT_FOUND = 'ERP_RECORD_NOT_FOUND',
  /** A write names a record (item, supplier, order) the ERP does not have. */
  REFERENCED_RECORD_NOT_FOUND = 'ERP_REFERENCED_RECORD_NOT_FOUND',
  /** A clinical supply id (EHR item code, GTIN) that no ERP item answers to; recorded for the supply chain team. */
  UNKNOWN_CLINICAL_ITEM = 'ERP_UNKNOWN_CLINICAL_ITEM',
  REQUEST_INVALID = 'ERP_REQUEST_INVALID',
  INVALID_CURSOR = 'ERP_INVALID_CURSOR',
  /** A clinical supply id already belongs to another ERP item in the cross-reference. */
  CROSS_REFERENCE_CONFLICT = 'ERP_CROSS_REFERENCE_CONFLICT',
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
  NOT_SUPPORTED = 'ERP_NOT_SUPPORTED',
  ERP_UNAVAILABLE = 'ERP_UNAVAILABLE',
  ERP_TIMEOUT = 'ERP_TIMEOUT',
  ERP_ERROR = 'ERP_ERROR',
}

/** What /erp/v1 answers when a request cannot be served; services throw these, never HTTP errors. */
export class ErpException extends DomainException<ErpExceptionCode> {
  get category(): ErrorCategory {
    switch (this.code) {
      case ErpExceptionCode.RECORD_NOT_FOUND:
        return ErrorCategory.NOT_FOUND;
      case ErpExceptionCode.REQUEST_INVALID:
      case ErpExceptionCode.INVALID_CURSOR:
        return ErrorCategory.INVALID_INPUT;
      case ErpExceptionCode.REFERENCED_RECORD_NOT_FOUND:
      case ErpExceptionCode.UNKNOWN_CLINICAL_ITEM:
      case ErpExceptionCode.COST_CENTRE_INVALID:
      case ErpExceptionCode.JOURNAL_UNBALANCED:
      case ErpExceptionCode.JOURNAL_INVALID:
      case ErpExceptionCode.INSUFFICIENT_STOCK:
      case ErpExceptionCode.SERIAL_OR_LOT_MISMATCH:
      case ErpExceptionCode.MASTER_DATA_BLOCKED:
      case ErpExceptionCode.OVER_RECEIPT:
      case ErpExceptionCode.APPROVAL_NOT_ALLOWED:
      case ErpExceptionCode.VARIANCE_NOT_APPROVABLE:
      case ErpExceptionCode.OVERPAYMENT:
      case ErpExceptionCode.IDEMPOTENCY_KEY_REUSED:
      case ErpExceptionCode.NOT_SUPPORTED:
        return ErrorCategory.UNPROCESSABLE;
      case ErpExceptionCode.DOCUMENT_STATE_CONFLICT:
      case ErpExceptionCode.CROSS_REFERENCE_CONFLICT:
      case ErpExceptionCode.DUPLICATE_INVOICE:
      case ErpExceptionCode.VERSION_CONFLICT:
        return ErrorCategory.CONFLICT;
      case ErpExceptionCode.ERP_UNAVAILABLE:
        return ErrorCategory.UPSTREAM_UNAVAILABLE;
      case ErpExceptionCode.ERP_TIMEOUT:
        return ErrorCategory.UPSTREAM_TIMEOUT;
      case ErpExceptionCode.ERP_ERROR:
        return ErrorCategory.UPSTREAM_ERROR;
    }
  }
}

/** Whether a failed call read something (a missing record is 404) or posted something (a missing reference is 422). */
export type ErpCallKind = 'read' | 'write';

/** Translates what an ERP adapter threw; anything that is not an ERP failure passes through unchanged. */
export function translateErpError(error: unknown, kind: ErpCallKind): unknown {
  return error instanceof ErpConnectorException ? fromConnector(error, kind) : error;
}

/**
 * Exhaustive: a new connector code fails to compile until it is mapped here. Refusals keep the ERP's
 * business message and the fields it named; failures of the ERP itself say only that it failed.
 */
function fromConnector(error: ErpConnectorException, kind: ErpCallKind): ErpException {
  const same = (code: ErpExceptionCode) => new ErpException(code, error.message, error.fieldErrors, { cause: error });
  switch (error.code) {
    case ErpConnectorExceptionCode.NOT_FOUND:
      return same(kind === 'read' ? ErpExceptionCode.RECORD_NOT_FOUND : ErpExceptionCode.REFERENCED_RECORD_NOT_FOUND);
    case ErpConnectorExceptionCode.INVALID_REQUEST:
      return same(ErpExceptionCode.REQUEST_INVALID);
    case ErpConnectorExceptionCode.COST_CENTRE_INVALID:
      return same(ErpExceptionCode.COST_CENTRE_INVALID);
    case ErpConnectorExceptionCode.JOURNAL_UNBALANCED: {
      const difference = error.difference;
      if (!difference) return same(ErpExceptionCode.JOURNAL_UNBALANCED);
      const side = difference.amount > 0 ? 'debits exceed credits' : 'credits exceed debits';
      const amount = `${centsToDecimal(Math.abs(difference.amount))} ${difference.currency}`;
      return new ErpException(
        ErpExceptionCode.JOURNAL_UNBALANCED,
        `The journal does not balance: ${side} by ${amount} (difference ${difference.amount} cents)`,
        [{ in: 'body', name: 'lines', pointer: '/lines', detail: `debits minus credits is ${difference.amount < 0 ? '-' : ''}${amount}` }],
        { cause: error },
      );
    }
    case ErpConnectorExceptionCode.JOURNAL_INVALID:
      return same(ErpExceptionCode.JOURNAL_INVALID);
    case ErpConnectorExceptionCode.INSUFFICIENT_STOCK:
      return same(ErpExceptionCode.INSUFFICIENT_STOCK);
    case ErpConnectorExceptionCode.SERIAL_OR_LOT_MISMATCH:
      return same(ErpExceptionCode.SERIAL_OR_LOT_MISMATCH);
    case ErpConnectorExceptionCode.MASTER_DATA_BLOCKED:
      return same(ErpExceptionCode.MASTER_DATA_BLOCKED);
    case ErpConnectorExceptionCode.DOCUMENT_STATE_CONFLICT:
      return same(ErpExceptionCode.DOCUMENT_STATE_CONFLICT);
    case ErpConnectorExceptionCode.OVER_RECEIPT:
      return same(ErpExceptionCode.OVER_RECEIPT);
    case ErpConnectorExceptionCode.APPROVAL_NOT_ALLOWED:
      return same(ErpExceptionCode.APPROVAL_NOT_ALLOWED);
    case ErpConnectorExceptionCode.DUPLICATE_INVOICE:
      return same(ErpExceptionCode.DUPLICATE_INVOICE);
    case ErpConnectorExceptionCode.VARIANCE_NOT_APPROVABLE:
      return same(ErpExceptionCode.VARIANCE_NOT_APPROVABLE);
    case ErpConnectorExceptionCode.OVERPAYMENT:
      return same(ErpExceptionCode.OVERPAYMENT);
    case ErpConnectorExceptionCode.IDEMPOTENCY_KEY_REUSED:
      return same(ErpExceptionCode.IDEMPOTENCY_KEY_REUSED);
    case ErpConnectorExceptionCode.VERSION_CONFLICT:
      return same(ErpExceptionCode.VERSION_CONFLICT);
    case ErpConnectorExceptionCode.NOT_SUPPORTED:
      return same(ErpExceptionCode.NOT_SUPPORTED);
    case ErpConnectorExceptionCode.SERVER_THROTTLED:
    case ErpConnectorExceptionCode.SERVER_UNAVAILABLE:
      return new ErpException(ErpExceptionCode.ERP_UNAVAILABLE, 'The ERP is unavailable; try again later', [], { cause: error });
    case ErpConnectorExceptionCode.SERVER_TIMEOUT:
      return new ErpException(ErpExceptionCode.ERP_TIMEOUT, 'The ERP did not answer in time', [], { cause: error });
    case ErpConnectorExceptionCode.SERVER_ERROR:
    case ErpConnectorExceptionCode.INVALID_RESPONSE:
      return new ErpException(ErpExceptionCode.ERP_ERROR, 'The ERP could not answer this request', [], { cause: error });
  }
}

/** Runs one call to the ERP, translating its failures for the caller of /erp/v1. */
export async function erpCall<T>(kind: ErpCallKind, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw translateErpError(error, kind);
  }
}
