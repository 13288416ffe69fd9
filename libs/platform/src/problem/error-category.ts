/**
 * Transport-neutral error categories. Each module's exception codes map onto one of these with an
 * exhaustive switch; each transport (REST, GraphQL) maps the categories with another one.
 */
export enum ErrorCategory {
  INVALID_INPUT = 'invalid-input',
  UNAUTHENTICATED = 'unauthenticated',
  FORBIDDEN = 'forbidden',
  NOT_FOUND = 'not-found',
  METHOD_NOT_ALLOWED = 'method-not-allowed',
  CONFLICT = 'conflict',
  PAYLOAD_TOO_LARGE = 'payload-too-large',
  UNSUPPORTED_MEDIA_TYPE = 'unsupported-media-type',
  UNPROCESSABLE = 'unprocessable',
  RATE_LIMITED = 'rate-limited',
  UPSTREAM_ERROR = 'upstream-error',
  UPSTREAM_UNAVAILABLE = 'upstream-unavailable',
  UPSTREAM_TIMEOUT = 'upstream-timeout',
  INTERNAL = 'internal',
}

/** Compile-time exhaustiveness check for switches over unions and enums. */
export function assertUnreachable(value: never): never {
  throw new Error(`Unhandled case: ${String(value)}`);
}

export function httpStatusOf(category: ErrorCategory): number {
  switch (category) {
    case ErrorCategory.INVALID_INPUT:
      return 400;
    case ErrorCategory.UNAUTHENTICATED:
      return 401;
    case ErrorCategory.FORBIDDEN:
      return 403;
    case ErrorCategory.NOT_FOUND:
      return 404;
    case ErrorCategory.METHOD_NOT_ALLOWED:
      return 405;
    case ErrorCategory.CONFLICT:
      return 409;
    case ErrorCategory.PAYLOAD_TOO_LARGE:
      return 413;
    case ErrorCategory.UNSUPPORTED_MEDIA_TYPE:
      return 415;
    case ErrorCategory.UNPROCESSABLE:
      return 422;
    case ErrorCategory.RATE_LIMITED:
      return 429;
    case ErrorCategory.UPSTREAM_ERROR:
      return 502;
    case ErrorCategory.UPSTREAM_UNAVAILABLE:
      return 503;
    case ErrorCategory.UPSTREAM_TIMEOUT:
      return 504;
    case ErrorCategory.INTERNAL:
      return 500;
    default:
      return assertUnreachable(category);
  }
}

export function categoryOfHttpStatus(status: number): ErrorCategory {
  if (status === 400) return ErrorCategory.INVALID_INPUT;
  if (status === 401) return ErrorCategory.UNAUTHENTICATED;
  if (status === 403) return ErrorCategory.FORBIDDEN;
  if (status === 404 || status === 410) return ErrorCategory.NOT_FOUND;
  if (status === 405) return ErrorCategory.METHOD_NOT_ALLOWED;
  if (status === 409 || status === 412) return ErrorCategory.CONFLICT;
  if (status === 413) return ErrorCategory.PAYLOAD_TOO_LARGE;
  if (status === 415) return ErrorCategory.UNSUPPORTED_MEDIA_TYPE;
  if (status === 422) return ErrorCategory.UNPROCESSABLE;
  if (status === 429) return ErrorCategory.RATE_LIMITED;
  if (status === 503) return ErrorCategory.UPSTREAM_UNAVAILABLE;
  if (status === 504) return ErrorCategory.UPSTREAM_TIMEOUT;
  if (status >= 400 && status < 500) return ErrorCategory.INVALID_INPUT;
  // Only INTERNAL maps to a bare 500; downstream 5xx answers are re-labelled 502/503/504 before this.
  if (status === 500) return ErrorCategory.INTERNAL;
  return ErrorCategory.UPSTREAM_ERROR;
}
