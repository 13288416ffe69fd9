import { DomainException, ErrorCategory } from '@concord/platform';

export enum FhirMappingExceptionCode {
  /** An element the canonical model needs is absent. */
  MISSING_ELEMENT = 'FHIR_MAPPING_MISSING_ELEMENT',
  /** An element is present but its value is not usable (bad check digit, fraction of a cent, ...). */
  INVALID_VALUE = 'FHIR_MAPPING_INVALID_VALUE',
  /** A code (or code system) the canonical model has no place for. */
  UNSUPPORTED_CODE = 'FHIR_MAPPING_UNSUPPORTED_CODE',
  /** A reference whose target the mapping needs was not among the resources it was given. */
  UNRESOLVED_REFERENCE = 'FHIR_MAPPING_UNRESOLVED_REFERENCE',
  /** A well-formed record of a kind the canonical model deliberately does not carry (self-pay coverage, a planned charge). */
  UNSUPPORTED_RECORD = 'FHIR_MAPPING_UNSUPPORTED_RECORD',
}

/**
 * A resource that cannot be mapped, naming the element by its FHIR path (`Encounter.class`,
 * `Procedure.usedCode[0]`) and why. Messages carry paths, code systems and codes, never values that
 * could identify a patient.
 */
export class FhirMappingException extends DomainException<FhirMappingExceptionCode> {
  constructor(
    code: FhirMappingExceptionCode,
    readonly path: string,
    reason: string,
  ) {
    super(code, `${path}: ${reason}`, [{ in: 'body', name: path, detail: reason }]);
  }

  get category(): ErrorCategory {
    switch (this.code) {
      case FhirMappingExceptionCode.MISSING_ELEMENT:
      case FhirMappingExceptionCode.INVALID_VALUE:
      case FhirMappingExceptionCode.UNSUPPORTED_CODE:
      case FhirMappingExceptionCode.UNRESOLVED_REFERENCE:
      case FhirMappingExceptionCode.UNSUPPORTED_RECORD:
        return ErrorCategory.UNPROCESSABLE;
    }
  }
}

export const missing = (path: string, reason = 'is required'): FhirMappingException =>
  new FhirMappingException(FhirMappingExceptionCode.MISSING_ELEMENT, path, reason);
export const invalid = (path: string, reason: string): FhirMappingException =>
  new FhirMappingException(FhirMappingExceptionCode.INVALID_VALUE, path, reason);
export const unsupportedCode = (path: string, reason: string): FhirMappingException =>
  new FhirMappingException(FhirMappingExceptionCode.UNSUPPORTED_CODE, path, reason);
export const unresolved = (path: string, reason: string): FhirMappingException =>
  new FhirMappingException(FhirMappingExceptionCode.UNRESOLVED_REFERENCE, path, reason);
export const unsupportedRecord = (path: string, reason: string): FhirMappingException =>
  new FhirMappingException(FhirMappingExceptionCode.UNSUPPORTED_RECORD, path, reason);
