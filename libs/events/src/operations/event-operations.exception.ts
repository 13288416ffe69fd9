import { DomainException, ErrorCategory } from '@concord/platform';

export enum EventOperationsExceptionCode {
  DEAD_LETTER_NOT_FOUND = 'DEAD_LETTER_NOT_FOUND',
  EDIT_NOT_FOUND = 'EDIT_NOT_FOUND',
  EDIT_ALREADY_DECIDED = 'EDIT_ALREADY_DECIDED',
  EDIT_INVALID = 'EDIT_INVALID',
  FOUR_EYES_REQUIRED = 'FOUR_EYES_REQUIRED',
  UNKNOWN_SUBSCRIBER = 'UNKNOWN_SUBSCRIBER',
  UNKNOWN_EVENT_TYPE = 'UNKNOWN_EVENT_TYPE',
  REPLAY_TOO_LARGE = 'REPLAY_TOO_LARGE',
}

export class EventOperationsException extends DomainException<EventOperationsExceptionCode> {
  get category(): ErrorCategory {
    switch (this.code) {
      case EventOperationsExceptionCode.DEAD_LETTER_NOT_FOUND:
      case EventOperationsExceptionCode.EDIT_NOT_FOUND:
        return ErrorCategory.NOT_FOUND;
      case EventOperationsExceptionCode.UNKNOWN_SUBSCRIBER:
      case EventOperationsExceptionCode.UNKNOWN_EVENT_TYPE:
        return ErrorCategory.INVALID_INPUT;
      case EventOperationsExceptionCode.EDIT_INVALID:
      case EventOperationsExceptionCode.REPLAY_TOO_LARGE:
        return ErrorCategory.UNPROCESSABLE;
      case EventOperationsExceptionCode.EDIT_ALREADY_DECIDED:
        return ErrorCategory.CONFLICT;
      case EventOperationsExceptionCode.FOUR_EYES_REQUIRED:
        return ErrorCategory.FORBIDDEN;
    }
  }
}
