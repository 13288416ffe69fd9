import { DomainException, ErrorCategory } from '@concord/platform';

export enum FhirConnectorExceptionCode {
  RESOURCE_NOT_FOUND = 'FHIR_RESOURCE_NOT_FOUND',
  RESOURCE_GONE = 'FHIR_RESOURCE_GONE',
  REQUEST_REJECTED = 'FHIR_REQUEST_REJECTED',
  SERVER_UNAVAILABLE = 'FHIR_SERVER_UNAVAILABLE',
  SERVER_THROTTLED = 'FHIR_SERVER_THROTTLED',
  SERVER_TIMEOUT = 'FHIR_SERVER_TIMEOUT',
  SERVER_ERROR = 'FHIR_SERVER_ERROR',
  INVALID_RESPONSE = 'FHIR_INVALID_RESPONSE',
  /** An update's If-Match named a version the EHR no longer holds (412, or 409 on a write): re-read, merge, retry. */
  VERSION_CONFLICT = 'FHIR_VERSION_CONFLICT',
  /** A conditional create (If-None-Exist) matched more than one resource (412). */
  MULTIPLE_MATCHES = 'FHIR_MULTIPLE_MATCHES',
  /**
   * A write that is not safe to repeat was sent, and no answer came back (timeout, dropped connection,
   * 500/502/504): the EHR may or may not have applied it. Look it up (by business identifier) before
   * writing again.
   */
  OUTCOME_UNKNOWN = 'FHIR_OUTCOME_UNKNOWN',
  /** The EHR's authorization server refused Concord's client, or the EHR refused a fresh token (401). */
  UNAUTHORIZED = 'FHIR_UNAUTHORIZED',
  /** The token is valid but lacks the scope for this call (403). */
  FORBIDDEN = 'FHIR_FORBIDDEN',
}

/** What can go wrong talking to a FHIR server; services translate these into their own codes. */
export class FhirConnectorException extends DomainException<FhirConnectorExceptionCode> {
  constructor(
    code: FhirConnectorExceptionCode,
    message: string,
    readonly httpStatus?: number,
    options?: { cause?: unknown; retryAfterMs?: number },
  ) {
    super(code, message, [], options);
    this.retryAfterMs = options?.retryAfterMs;
  }

  /** From the server's Retry-After, when it sent one with a 429 or 503. */
  readonly retryAfterMs?: number;

  get category(): ErrorCategory {
    switch (this.code) {
      case FhirConnectorExceptionCode.RESOURCE_NOT_FOUND:
      case FhirConnectorExceptionCode.RESOURCE_GONE:
        return ErrorCategory.NOT_FOUND;
      case FhirConnectorExceptionCode.VERSION_CONFLICT:
      case FhirConnectorExceptionCode.MULTIPLE_MATCHES:
        return ErrorCategory.CONFLICT;
      // UNAUTHORIZED and FORBIDDEN: Concord's own credentials at the EHR are wrong, not the caller's (no 401/403).
      case FhirConnectorExceptionCode.REQUEST_REJECTED:
      case FhirConnectorExceptionCode.SERVER_ERROR:
      case FhirConnectorExceptionCode.INVALID_RESPONSE:
      case FhirConnectorExceptionCode.UNAUTHORIZED:
      case FhirConnectorExceptionCode.FORBIDDEN:
        return ErrorCategory.UPSTREAM_ERROR;
      case FhirConnectorExceptionCode.SERVER_UNAVAILABLE:
      case FhirConnectorExceptionCode.SERVER_THROTTLED:
        return ErrorCategory.UPSTREAM_UNAVAILABLE;
      case FhirConnectorExceptionCode.SERVER_TIMEOUT:
      case FhirConnectorExceptionCode.OUTCOME_UNKNOWN:
        return ErrorCategory.UPSTREAM_TIMEOUT;
    }
  }
}
