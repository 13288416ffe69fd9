import { DomainException, ErrorCategory } from '@concord/platform';

export enum PatientExceptionCode {
  PATIENT_NOT_FOUND = 'PATIENT_NOT_FOUND',
  SEARCH_CRITERIA_REQUIRED = 'SEARCH_CRITERIA_REQUIRED',
  INVALID_CURSOR = 'INVALID_CURSOR',
  EHR_UNAVAILABLE = 'EHR_UNAVAILABLE',
  EHR_TIMEOUT = 'EHR_TIMEOUT',
  EHR_ERROR = 'EHR_ERROR',
}

export class PatientException extends DomainException<PatientExceptionCode> {
  get category(): ErrorCategory {
    switch (this.code) {
      case PatientExceptionCode.PATIENT_NOT_FOUND:
        return ErrorCategory.NOT_FOUND;
      case PatientExceptionCode.SEARCH_CRITERIA_REQUIRED:
      case PatientExceptionCode.INVALID_CURSOR:
        return ErrorCategory.INVALID_INPUT;
      case PatientExceptionCode.EHR_UNAVAILABLE:
        return ErrorCategory.UPSTREAM_UNAVAILABLE;
      case PatientExceptionCode.EHR_TIMEOUT:
        return ErrorCategory.UPSTREAM_TIMEOUT;
      case PatientExceptionCode.EHR_ERROR:
        return ErrorCategory.UPSTREAM_ERROR;
    }
  }
}
