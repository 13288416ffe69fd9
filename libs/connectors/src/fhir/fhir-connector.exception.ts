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
      case FhirConnectorExceptionCode.REQUEST_REJECTED:
      case FhirConnectorExceptionCode.SERVER_ERROR:
      case FhirConnectorExceptionCode.INVALID_RESPONSE:
        return ErrorCategory.UPSTREAM_ERROR;
      case FhirConnectorExceptionCode.SERVER_UNAVAILABLE:
      case FhirConnectorExceptionCode.SERVER_THROTTLED:
        return ErrorCategory.UPSTREAM_UNAVAILABLE;
      case FhirConnectorExceptionCode.SERVER_TIMEOUT:
        return ErrorCategory.UPSTREAM_TIMEOUT;
    }
  }
}
