import { DomainException } from '../problem/domain.exception';
import { ErrorCategory } from '../problem/error-category';

export enum ThrottleExceptionCode {
  RATE_LIMITED = 'RATE_LIMITED',
}

export class ThrottleException extends DomainException<ThrottleExceptionCode> {
  get category(): ErrorCategory {
    switch (this.code) {
      case ThrottleExceptionCode.RATE_LIMITED:
        return ErrorCategory.RATE_LIMITED;
    }
  }
}
