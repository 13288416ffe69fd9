import { DomainException, ErrorCategory } from '@concord/platform';

export enum EhrMessageExceptionCode {
  MESSAGE_NOT_FOUND = 'MESSAGE_NOT_FOUND',
  INVALID_CURSOR = 'INVALID_CURSOR',
}

export class EhrMessageException extends DomainException<EhrMessageExceptionCode> {
  get category(): ErrorCategory {
    switch (this.code) {
      case EhrMessageExceptionCode.MESSAGE_NOT_FOUND:
        return ErrorCategory.NOT_FOUND;
      case EhrMessageExceptionCode.INVALID_CURSOR:
        return ErrorCategory.INVALID_INPUT;
    }
  }
}
