import { BillingConnectorException, BillingConnectorExceptionCode } from '@concord/connectors/billing';
import { ClearinghouseConnectorException, ClearinghouseConnectorExceptionCode } from '@concord/connectors/clearinghouse';
import { DomainException, ErrorCategory, type FieldError } from '@concord/platform';

export enum BillingExceptionCode {
  ACCOUNT_NOT_FOUND = 'ACCOUNT_NOT_FOUND',
  CLAIM_NOT_FOUND = 'CLAIM_NOT_FOUND',
  REMITTANCE_NOT_FOUND = 'REMITTANCE_NOT_FOUND',
  CLAIM_PAYMENT_NOT_FOUND = 'CLAIM_PAYMENT_NOT_FOUND',
  INTERCHANGE_NOT_FOUND = 'INTERCHANGE_NOT_FOUND',
  ELIGIBILITY_INQUIRY_NOT_FOUND = 'ELIGIBILITY_INQUIRY_NOT_FOUND',
  REFERENCE_NOT_FOUND = 'REFERENCE_NOT_FOUND',
  INVALID_CURSOR = 'INVALID_CURSOR',
  INVALID_BILLING_REQUEST = 'INVALID_BILLING_REQUEST',
  ACCOUNT_EXISTS = 'ACCOUNT_EXISTS',
  CHARGE_ALREADY_POSTED = 'CHARGE_ALREADY_POSTED',
  ACCOUNT_CLOSED = 'ACCOUNT_CLOSED',
  ACCOUNT_VERSION_CONFLICT = 'ACCOUNT_VERSION_CONFLICT',
  UNKNOWN_PAYER = 'UNKNOWN_PAYER',
  UNKNOWN_FACILITY = 'UNKNOWN_FACILITY',
  UNKNOWN_CHARGE_CODE = 'UNKNOWN_CHARGE_CODE',
  NO_PRICE_ON_DATE = 'NO_PRICE_ON_DATE',
  /** Payer-rule edits failed: `errors` lists every one, with its edit code and field. */
  CLAIM_EDITS_FAILED = 'CLAIM_EDITS_FAILED',
  CLAIM_EXISTS = 'CLAIM_EXISTS',
  CLAIM_STATE_CONFLICT = 'CLAIM_STATE_CONFLICT',
  CLAIM_PAYMENT_ALREADY_MATCHED = 'CLAIM_PAYMENT_ALREADY_MATCHED',
  /** The body is not an X12 interchange at all. */
  X12_NOT_X12 = 'X12_NOT_X12',
  /** The interchange has errors: nothing of it was applied; `errors` names each, the stored 999 says the same. */
  X12_INTERCHANGE_REJECTED = 'X12_INTERCHANGE_REJECTED',
  BILLING_PLATFORM_UNAVAILABLE = 'BILLING_PLATFORM_UNAVAILABLE',
  BILLING_PLATFORM_TIMEOUT = 'BILLING_PLATFORM_TIMEOUT',
  BILLING_PLATFORM_ERROR = 'BILLING_PLATFORM_ERROR',
  CLEARINGHOUSE_UNAVAILABLE = 'CLEARINGHOUSE_UNAVAILABLE',
  CLEARINGHOUSE_TIMEOUT = 'CLEARINGHOUSE_TIMEOUT',
  CLEARINGHOUSE_ERROR = 'CLEARINGHOUSE_ERROR',
}

export class BillingException extends DomainException<BillingExceptionCode> {
  get category(): ErrorCategory {
    switch (this.code) {
      case BillingExceptionCode.ACCOUNT_NOT_FOUND:
      case BillingExceptionCode.CLAIM_NOT_FOUND:
      case BillingExceptionCode.REMITTANCE_NOT_FOUND:
      case BillingExceptionCode.CLAIM_PAYMENT_NOT_FOUND:
      case BillingExceptionCode.INTERCHANGE_NOT_FOUND:
      case BillingExceptionCode.ELIGIBILITY_INQUIRY_NOT_FOUND:
      case BillingExceptionCode.REFERENCE_NOT_FOUND:
        return ErrorCategory.NOT_FOUND;
      case BillingExceptionCode.INVALID_CURSOR:
      case BillingExceptionCode.INVALID_BILLING_REQUEST:
      case BillingExceptionCode.X12_NOT_X12:
        return ErrorCategory.INVALID_INPUT;
      case BillingExceptionCode.ACCOUNT_EXISTS:
      case BillingExceptionCode.CHARGE_ALREADY_POSTED:
      case BillingExceptionCode.ACCOUNT_CLOSED:
      case BillingExceptionCode.ACCOUNT_VERSION_CONFLICT:
      case BillingExceptionCode.CLAIM_EXISTS:
      case BillingExceptionCode.CLAIM_STATE_CONFLICT:
      case BillingExceptionCode.CLAIM_PAYMENT_ALREADY_MATCHED:
        return ErrorCategory.CONFLICT;
      case BillingExceptionCode.UNKNOWN_PAYER:
      case BillingExceptionCode.UNKNOWN_FACILITY:
      case BillingExceptionCode.UNKNOWN_CHARGE_CODE:
      case BillingExceptionCode.NO_PRICE_ON_DATE:
      case BillingExceptionCode.CLAIM_EDITS_FAILED:
      case BillingExceptionCode.X12_INTERCHANGE_REJECTED:
        return ErrorCategory.UNPROCESSABLE;
      case BillingExceptionCode.BILLING_PLATFORM_UNAVAILABLE:
      case BillingExceptionCode.CLEARINGHOUSE_UNAVAILABLE:
        return ErrorCategory.UPSTREAM_UNAVAILABLE;
      case BillingExceptionCode.BILLING_PLATFORM_TIMEOUT:
      case BillingExceptionCode.CLEARINGHOUSE_TIMEOUT:
        return ErrorCategory.UPSTREAM_TIMEOUT;
      case BillingExceptionCode.BILLING_PLATFORM_ERROR:
      case BillingExceptionCode.CLEARINGHOUSE_ERROR:
        return ErrorCategory.UPSTREAM_ERROR;
    }
  }
}

/** A billing-platform refusal or failure as the billing API reports it. Exhaustive: a new connector code fails to compile until mapped. */
export function fromBillingConnector(
  error: BillingConnectorException,
  notFound = BillingExceptionCode.ACCOUNT_NOT_FOUND,
): BillingException {
  const wrap = (code: BillingExceptionCode, message: string, fieldErrors: FieldError[] = []) =>
    new BillingException(code, message, fieldErrors, { cause: error });
  switch (error.code) {
    case BillingConnectorExceptionCode.NOT_FOUND:
      return wrap(notFound, 'The billing platform has no such record');
    case BillingConnectorExceptionCode.INVALID_REQUEST:
      return wrap(BillingExceptionCode.INVALID_BILLING_REQUEST, 'The billing platform refused the request as invalid', error.fieldErrors);
    case BillingConnectorExceptionCode.UNKNOWN_FACILITY:
      return wrap(BillingExceptionCode.UNKNOWN_FACILITY, 'The facility does not bill through this platform', error.fieldErrors);
    case BillingConnectorExceptionCode.UNKNOWN_PAYER:
      return wrap(BillingExceptionCode.UNKNOWN_PAYER, 'The payer has no contract with the hospital', error.fieldErrors);
    case BillingConnectorExceptionCode.UNKNOWN_CHARGE_CODE:
      return wrap(BillingExceptionCode.UNKNOWN_CHARGE_CODE, 'The charge code is not in the chargemaster', error.fieldErrors);
    case BillingConnectorExceptionCode.NO_PRICE_ON_DATE:
      return wrap(
        BillingExceptionCode.NO_PRICE_ON_DATE,
        'The chargemaster has no price for the code on the service date',
        error.fieldErrors,
      );
    case BillingConnectorExceptionCode.DUPLICATE_ACCOUNT:
      return wrap(BillingExceptionCode.ACCOUNT_EXISTS, `The encounter already has account ${error.existing ?? '(unknown)'}`);
    case BillingConnectorExceptionCode.DUPLICATE_CHARGE:
      return wrap(
        BillingExceptionCode.CHARGE_ALREADY_POSTED,
        `The source charge is already posted as ${error.existing ?? '(unknown)'}`,
        error.fieldErrors,
      );
    case BillingConnectorExceptionCode.ACCOUNT_CLOSED:
      return wrap(BillingExceptionCode.ACCOUNT_CLOSED, 'The account is closed');
    case BillingConnectorExceptionCode.VERSION_CONFLICT:
      return wrap(BillingExceptionCode.ACCOUNT_VERSION_CONFLICT, 'The account changed since the version given in If-Match');
    case BillingConnectorExceptionCode.SERVER_THROTTLED:
    case BillingConnectorExceptionCode.SERVER_UNAVAILABLE:
      return wrap(BillingExceptionCode.BILLING_PLATFORM_UNAVAILABLE, 'The billing platform is unavailable; try again later');
    case BillingConnectorExceptionCode.SERVER_TIMEOUT:
      return wrap(BillingExceptionCode.BILLING_PLATFORM_TIMEOUT, 'The billing platform did not answer in time');
    // Concord's own idempotency keys colliding, or an answer it cannot read, is not the caller's fault.
    case BillingConnectorExceptionCode.IDEMPOTENCY_KEY_REUSED:
    case BillingConnectorExceptionCode.SERVER_ERROR:
    case BillingConnectorExceptionCode.INVALID_RESPONSE:
      return wrap(BillingExceptionCode.BILLING_PLATFORM_ERROR, 'The billing platform could not answer this request');
  }
}

export function fromClearinghouseConnector(error: ClearinghouseConnectorException): BillingException {
  const wrap = (code: BillingExceptionCode, message: string) => new BillingException(code, message, [], { cause: error });
  switch (error.code) {
    case ClearinghouseConnectorExceptionCode.DELIVERY_FAILED:
    case ClearinghouseConnectorExceptionCode.COLLECTION_FAILED:
    case ClearinghouseConnectorExceptionCode.REALTIME_UNAVAILABLE:
    case ClearinghouseConnectorExceptionCode.REALTIME_NOT_CONFIGURED:
      return wrap(BillingExceptionCode.CLEARINGHOUSE_UNAVAILABLE, 'The clearinghouse is unavailable; try again later');
    case ClearinghouseConnectorExceptionCode.REALTIME_TIMEOUT:
      return wrap(BillingExceptionCode.CLEARINGHOUSE_TIMEOUT, 'The clearinghouse did not answer in time');
    case ClearinghouseConnectorExceptionCode.INVALID_FILE_NAME:
    case ClearinghouseConnectorExceptionCode.FILE_EXISTS:
    case ClearinghouseConnectorExceptionCode.REALTIME_REJECTED:
      return wrap(BillingExceptionCode.CLEARINGHOUSE_ERROR, 'The clearinghouse could not take the interchange');
  }
}

/** Translates what connectors throw; anything else passes through. */
export function translateConnectorError(error: unknown, notFound?: BillingExceptionCode): unknown {
  if (error instanceof BillingConnectorException) return fromBillingConnector(error, notFound);
  if (error instanceof ClearinghouseConnectorException) return fromClearinghouseConnector(error);
  return error;
}
