import { DomainException, ErrorCategory } from '@concord/platform';

export enum EngineExceptionCode {
  FLOW_TYPE_UNKNOWN = 'FLOW_TYPE_UNKNOWN',
  STEP_UNKNOWN = 'STEP_UNKNOWN',
  FLOW_NOT_FOUND = 'FLOW_NOT_FOUND',
  FLOW_NOT_STARTABLE = 'FLOW_NOT_STARTABLE',
  START_INPUT_INVALID = 'START_INPUT_INVALID',
  EXCEPTION_NOT_FOUND = 'EXCEPTION_NOT_FOUND',
  EXCEPTION_NOT_OPEN = 'EXCEPTION_NOT_OPEN',
  ACTION_NOT_ALLOWED = 'ACTION_NOT_ALLOWED',
  EDIT_NOT_FOUND = 'EDIT_NOT_FOUND',
  EDIT_ALREADY_DECIDED = 'EDIT_ALREADY_DECIDED',
  EDIT_INVALID = 'EDIT_INVALID',
  FOUR_EYES_REQUIRED = 'FOUR_EYES_REQUIRED',
  APPROVAL_NOT_FOUND = 'APPROVAL_NOT_FOUND',
  APPROVAL_ALREADY_DECIDED = 'APPROVAL_ALREADY_DECIDED',
  APPROVER_ROLE_MISSING = 'APPROVER_ROLE_MISSING',
  CONCURRENT_CHANGE = 'CONCURRENT_CHANGE',
}

export class EngineException extends DomainException<EngineExceptionCode> {
  get category(): ErrorCategory {
    switch (this.code) {
      case EngineExceptionCode.FLOW_TYPE_UNKNOWN:
      case EngineExceptionCode.FLOW_NOT_FOUND:
      case EngineExceptionCode.EXCEPTION_NOT_FOUND:
      case EngineExceptionCode.EDIT_NOT_FOUND:
      case EngineExceptionCode.APPROVAL_NOT_FOUND:
      case EngineExceptionCode.STEP_UNKNOWN:
        return ErrorCategory.NOT_FOUND;
      case EngineExceptionCode.START_INPUT_INVALID:
      case EngineExceptionCode.EDIT_INVALID:
        return ErrorCategory.UNPROCESSABLE;
      case EngineExceptionCode.FLOW_NOT_STARTABLE:
      case EngineExceptionCode.ACTION_NOT_ALLOWED:
        return ErrorCategory.UNPROCESSABLE;
      case EngineExceptionCode.EXCEPTION_NOT_OPEN:
      case EngineExceptionCode.EDIT_ALREADY_DECIDED:
      case EngineExceptionCode.APPROVAL_ALREADY_DECIDED:
      case EngineExceptionCode.CONCURRENT_CHANGE:
        return ErrorCategory.CONFLICT;
      case EngineExceptionCode.FOUR_EYES_REQUIRED:
      case EngineExceptionCode.APPROVER_ROLE_MISSING:
        return ErrorCategory.FORBIDDEN;
    }
  }
}
