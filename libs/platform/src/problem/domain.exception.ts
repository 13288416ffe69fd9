import { ErrorCategory } from './error-category';
import type { FieldError } from './field-error';

/**
 * Base of every module's exception. Services and connectors throw these, never HTTP errors;
 * `category` is what transports map, `code` is what clients branch on.
 */
export abstract class DomainException<Code extends string = string> extends Error {
  constructor(
    readonly code: Code,
    message: string,
    readonly fieldErrors: FieldError[] = [],
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }

  abstract get category(): ErrorCategory;
}

export enum RequestExceptionCode {
  VALIDATION_FAILED = 'VALIDATION_FAILED',
  MALFORMED_BODY = 'MALFORMED_BODY',
  BODY_TOO_LARGE = 'BODY_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE = 'UNSUPPORTED_MEDIA_TYPE',
  ROUTE_NOT_FOUND = 'ROUTE_NOT_FOUND',
  METHOD_NOT_ALLOWED = 'METHOD_NOT_ALLOWED',
}

/** Problems with the shape of a request, raised by the platform before any service runs. */
export class RequestException extends DomainException<RequestExceptionCode> {
  get category(): ErrorCategory {
    switch (this.code) {
      case RequestExceptionCode.VALIDATION_FAILED:
      case RequestExceptionCode.MALFORMED_BODY:
        return ErrorCategory.INVALID_INPUT;
      case RequestExceptionCode.METHOD_NOT_ALLOWED:
        return ErrorCategory.METHOD_NOT_ALLOWED;
      case RequestExceptionCode.BODY_TOO_LARGE:
        return ErrorCategory.PAYLOAD_TOO_LARGE;
      case RequestExceptionCode.UNSUPPORTED_MEDIA_TYPE:
        return ErrorCategory.UNSUPPORTED_MEDIA_TYPE;
      case RequestExceptionCode.ROUTE_NOT_FOUND:
        return ErrorCategory.NOT_FOUND;
    }
  }
}
