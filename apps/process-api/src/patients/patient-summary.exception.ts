import { DomainException, ErrorCategory } from '@concord/platform';

export enum PatientSummaryExceptionCode {
  PATIENT_NOT_FOUND = 'PATIENT_NOT_FOUND',
}

export class PatientSummaryException extends DomainException<PatientSummaryExceptionCode> {
  get category(): ErrorCategory {
    switch (this.code) {
      case PatientSummaryExceptionCode.PATIENT_NOT_FOUND:
        return ErrorCategory.NOT_FOUND;
    }
  }
}
