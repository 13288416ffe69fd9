import { DomainException, ErrorCategory, type FieldError } from '@concord/platform';

export enum WorkforceConnectorExceptionCode {
  NOT_FOUND = 'WORKFORCE_NOT_FOUND',
  INVALID_REQUEST = 'WORKFORCE_INVALID_REQUEST',
  CONFLICT = 'WORKFORCE_CONFLICT',
  INVALID_STATE = 'WORKFORCE_INVALID_STATE',
  VERSION_CONFLICT = 'WORKFORCE_VERSION_CONFLICT',
  IDEMPOTENCY_KEY_REUSED = 'WORKFORCE_IDEMPOTENCY_KEY_REUSED',
  NOT_SUPPORTED = 'WORKFORCE_NOT_SUPPORTED',
  SERVER_THROTTLED = 'WORKFORCE_SERVER_THROTTLED',
  SERVER_UNAVAILABLE = 'WORKFORCE_SERVER_UNAVAILABLE',
  SERVER_TIMEOUT = 'WORKFORCE_SERVER_TIMEOUT',
  SERVER_ERROR = 'WORKFORCE_SERVER_ERROR',
  INVALID_RESPONSE = 'WORKFORCE_INVALID_RESPONSE',
}

/** What a workforce (HR) adapter reports, whatever the protocol: a refusal, or the HR system failing. */
export class WorkforceConnectorException extends DomainException<WorkforceConnectorExceptionCode> {
  readonly retryAfterMs?: number;
  /**
   * The request may or may not have taken effect (a write that timed out or lost its connection)
   * and carries no idempotency key: retrying it could act twice, so the policy does not.
   */
  readonly ambiguous: boolean;

  constructor(
    code: WorkforceConnectorExceptionCode,
    message: string,
    readonly httpStatus?: number,
    options: { cause?: unknown; retryAfterMs?: number; fieldErrors?: FieldError[]; ambiguous?: boolean } = {},
  ) {
    super(code, message, options.fieldErrors ?? [], { cause: options.cause });
    this.retryAfterMs = options.retryAfterMs;
    this.ambiguous = options.ambiguous ?? false;
  }

  get category(): ErrorCategory {
    switch (this.code) {
      case WorkforceConnectorExceptionCode.NOT_FOUND:
        return ErrorCategory.NOT_FOUND;
      case WorkforceConnectorExceptionCode.INVALID_REQUEST:
        return ErrorCategory.INVALID_INPUT;
      case WorkforceConnectorExceptionCode.CONFLICT:
      case WorkforceConnectorExceptionCode.VERSION_CONFLICT:
        return ErrorCategory.CONFLICT;
      case WorkforceConnectorExceptionCode.INVALID_STATE:
      case WorkforceConnectorExceptionCode.IDEMPOTENCY_KEY_REUSED:
      case WorkforceConnectorExceptionCode.NOT_SUPPORTED:
        return ErrorCategory.UNPROCESSABLE;
      case WorkforceConnectorExceptionCode.SERVER_THROTTLED:
      case WorkforceConnectorExceptionCode.SERVER_UNAVAILABLE:
        return ErrorCategory.UPSTREAM_UNAVAILABLE;
      case WorkforceConnectorExceptionCode.SERVER_TIMEOUT:
        return ErrorCategory.UPSTREAM_TIMEOUT;
      case WorkforceConnectorExceptionCode.SERVER_ERROR:
      case WorkforceConnectorExceptionCode.INVALID_RESPONSE:
        return ErrorCategory.UPSTREAM_ERROR;
    }
  }
}
