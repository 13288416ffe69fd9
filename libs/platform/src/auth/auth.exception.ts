import { DomainException } from '../problem/domain.exception';
import { ErrorCategory } from '../problem/error-category';

export enum AuthExceptionCode {
  TOKEN_MISSING = 'TOKEN_MISSING',
  TOKEN_INVALID = 'TOKEN_INVALID',
  INSUFFICIENT_SCOPE = 'INSUFFICIENT_SCOPE',
  PATIENT_NOT_IN_CONTEXT = 'PATIENT_NOT_IN_CONTEXT',
  NO_ACCESS_POLICY = 'NO_ACCESS_POLICY',
}

export class AuthException extends DomainException<AuthExceptionCode> {
  get category(): ErrorCategory {
    switch (this.code) {
      case AuthExceptionCode.TOKEN_MISSING:
      case AuthExceptionCode.TOKEN_INVALID:
        return ErrorCategory.UNAUTHENTICATED;
      case AuthExceptionCode.INSUFFICIENT_SCOPE:
      case AuthExceptionCode.PATIENT_NOT_IN_CONTEXT:
      case AuthExceptionCode.NO_ACCESS_POLICY:
        return ErrorCategory.FORBIDDEN;
    }
  }
}
