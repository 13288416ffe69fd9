import { DomainException, ErrorCategory } from '@concord/platform';

export enum ODataExceptionCode {
  /** The query or key could not be built safely (bad literal, bad property name, malformed text). */
  INVALID_QUERY = 'ODATA_INVALID_QUERY',
  /** A paging link pointed outside the configured service root. */
  FOREIGN_NEXT_LINK = 'ODATA_FOREIGN_NEXT_LINK',
  NOT_FOUND = 'ODATA_NOT_FOUND',
  /** If-Match did not match: someone else changed the entity since it was read (412). */
  PRECONDITION_FAILED = 'ODATA_PRECONDITION_FAILED',
  /** The server requires If-Match for this change and none was sent (428). */
  PRECONDITION_REQUIRED = 'ODATA_PRECONDITION_REQUIRED',
  CONFLICT = 'ODATA_CONFLICT',
  /** The server refused the request as invalid or against a business rule (400, 405, 422, other 4xx). */
  REQUEST_REJECTED = 'ODATA_REQUEST_REJECTED',
  UNAUTHORIZED = 'ODATA_UNAUTHORIZED',
  FORBIDDEN = 'ODATA_FORBIDDEN',
  /** The CSRF token was refused again after one refetch. */
  CSRF_TOKEN_REJECTED = 'ODATA_CSRF_TOKEN_REJECTED',
  THROTTLED = 'ODATA_THROTTLED',
  SERVER_UNAVAILABLE = 'ODATA_SERVER_UNAVAILABLE',
  SERVER_TIMEOUT = 'ODATA_SERVER_TIMEOUT',
  SERVER_ERROR = 'ODATA_SERVER_ERROR',
  INVALID_RESPONSE = 'ODATA_INVALID_RESPONSE',
  /** A request inside a failed $batch change set that was rolled back with it. */
  CHANGE_SET_ROLLED_BACK = 'ODATA_CHANGE_SET_ROLLED_BACK',
}

/** One entry of an OData error body (`error` or one of `error.details`). */
export interface ODataErrorDetail {
  code: string;
  message: string;
  /** What the error is about, relative to the request's resource (e.g. `to_Item(2)/GLAccount`). */
  target?: string;
}

/** The OData JSON error body (OData v4 §21 JSON format; SAP v2-style `message.value` normalised). */
export interface ODataError extends ODataErrorDetail {
  details: ODataErrorDetail[];
}

/** What can go wrong talking to an OData service; adapters translate these into their own codes. */
export class ODataException extends DomainException<ODataExceptionCode> {
  /** HTTP status of the answer, when there was one. */
  readonly httpStatus?: number;
  /** The server's error body, parsed; absent when the server sent none or something unparsable. */
  readonly odataError?: ODataError;
  /** From the server's Retry-After, when it sent one with a 429 or 503. */
  readonly retryAfterMs?: number;
  /** Whether the failed request may be sent again without risk of a second effect. */
  readonly idempotent: boolean;

  constructor(
    code: ODataExceptionCode,
    message: string,
    options: { httpStatus?: number; odataError?: ODataError; retryAfterMs?: number; idempotent?: boolean; cause?: unknown } = {},
  ) {
    super(code, message, [], { cause: options.cause });
    this.httpStatus = options.httpStatus;
    this.odataError = options.odataError;
    this.retryAfterMs = options.retryAfterMs;
    this.idempotent = options.idempotent ?? false;
  }

  get category(): ErrorCategory {
    switch (this.code) {
      case ODataExceptionCode.INVALID_QUERY:
        return ErrorCategory.INVALID_INPUT;
      case ODataExceptionCode.NOT_FOUND:
        return ErrorCategory.NOT_FOUND;
      case ODataExceptionCode.PRECONDITION_FAILED:
      case ODataExceptionCode.PRECONDITION_REQUIRED:
      case ODataExceptionCode.CONFLICT:
        return ErrorCategory.CONFLICT;
      case ODataExceptionCode.REQUEST_REJECTED:
      case ODataExceptionCode.CHANGE_SET_ROLLED_BACK:
        return ErrorCategory.UNPROCESSABLE;
      case ODataExceptionCode.FOREIGN_NEXT_LINK:
      case ODataExceptionCode.UNAUTHORIZED:
      case ODataExceptionCode.FORBIDDEN:
      case ODataExceptionCode.CSRF_TOKEN_REJECTED:
      case ODataExceptionCode.SERVER_ERROR:
      case ODataExceptionCode.INVALID_RESPONSE:
        return ErrorCategory.UPSTREAM_ERROR;
      case ODataExceptionCode.THROTTLED:
      case ODataExceptionCode.SERVER_UNAVAILABLE:
        return ErrorCategory.UPSTREAM_UNAVAILABLE;
      case ODataExceptionCode.SERVER_TIMEOUT:
        return ErrorCategory.UPSTREAM_TIMEOUT;
    }
  }
}

/** A client-side refusal to build a request: names what was wrong and where, never the value itself. */
export function invalidQuery(message: string): ODataException {
  return new ODataException(ODataExceptionCode.INVALID_QUERY, message);
}
