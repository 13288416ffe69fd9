import { DomainException, ErrorCategory } from '@concord/platform';

export enum EncounterExceptionCode {
  ENCOUNTER_NOT_FOUND = 'ENCOUNTER_NOT_FOUND',
  SEARCH_CRITERIA_REQUIRED = 'SEARCH_CRITERIA_REQUIRED',
  INVALID_CURSOR = 'INVALID_CURSOR',
  EHR_UNAVAILABLE = 'EHR_UNAVAILABLE',
  EHR_TIMEOUT = 'EHR_TIMEOUT',
  EHR_ERROR = 'EHR_ERROR',
}

export class EncounterException extends DomainException<EncounterExceptionCode> {
  get category(): ErrorCategory {
    switch (this.code) {
      case EncounterExceptionCode.ENCOUNTER_NOT_FOUND:
        return ErrorCategory.NOT_FOUND;
      case EncounterExceptionCode.SEARCH_CRITERIA_REQUIRED:
      case EncounterExceptionCode.INVALID_CURSOR:
        return ErrorCategory.INVALID_INPUT;
      case EncounterExceptionCode.EHR_UNAVAILABLE:
        return ErrorCategory.UPSTREAM_UNAVAILABLE;
      case EncounterExceptionCode.EHR_TIMEOUT:
        return ErrorCategory.UPSTREAM_TIMEOUT;
      case EncounterExceptionCode.EHR_ERROR:
        return ErrorCategory.UPSTREAM_ERROR;
    }
  }
}
