import { DomainException, ErrorCategory } from '@concord/platform';

export enum ReconciliationExceptionCode {
  RULE_UNKNOWN = 'RECONCILIATION_RULE_UNKNOWN',
  RUN_NOT_FOUND = 'RECONCILIATION_RUN_NOT_FOUND',
  BREAK_NOT_FOUND = 'RECONCILIATION_BREAK_NOT_FOUND',
  RUN_IN_PROGRESS = 'RECONCILIATION_RUN_IN_PROGRESS',
  BREAK_CLOSED = 'RECONCILIATION_BREAK_CLOSED',
  NO_HEAL_ACTION = 'RECONCILIATION_NO_HEAL_ACTION',
}

export class ReconciliationException extends DomainException<ReconciliationExceptionCode> {
  get category(): ErrorCategory {
    switch (this.code) {
      case ReconciliationExceptionCode.RULE_UNKNOWN:
      case ReconciliationExceptionCode.RUN_NOT_FOUND:
      case ReconciliationExceptionCode.BREAK_NOT_FOUND:
        return ErrorCategory.NOT_FOUND;
      case ReconciliationExceptionCode.RUN_IN_PROGRESS:
      case ReconciliationExceptionCode.BREAK_CLOSED:
        return ErrorCategory.CONFLICT;
      case ReconciliationExceptionCode.NO_HEAL_ACTION:
        return ErrorCategory.UNPROCESSABLE;
    }
  }
}
