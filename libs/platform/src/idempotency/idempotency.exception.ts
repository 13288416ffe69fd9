import { DomainException } from '../problem/domain.exception';
import { ErrorCategory } from '../problem/error-category';

export enum IdempotencyExceptionCode {
  IDEMPOTENCY_KEY_REQUIRED = 'IDEMPOTENCY_KEY_REQUIRED',
  IDEMPOTENCY_KEY_INVALID = 'IDEMPOTENCY_KEY_INVALID',
  IDEMPOTENCY_KEY_REUSED = 'IDEMPOTENCY_KEY_REUSED',
  IDEMPOTENCY_REQUEST_IN_PROGRESS = 'IDEMPOTENCY_REQUEST_IN_PROGRESS',
}

export class IdempotencyException extends DomainException<IdempotencyExceptionCode> {
  get category(): ErrorCategory {
    switch (this.code) {
      case IdempotencyExceptionCode.IDEMPOTENCY_KEY_REQUIRED:
      case IdempotencyExceptionCode.IDEMPOTENCY_KEY_INVALID:
        return ErrorCategory.INVALID_INPUT;
      case IdempotencyExceptionCode.IDEMPOTENCY_KEY_REUSED:
        return ErrorCategory.UNPROCESSABLE;
      case IdempotencyExceptionCode.IDEMPOTENCY_REQUEST_IN_PROGRESS:
        return ErrorCategory.CONFLICT;
    }
  }
}
