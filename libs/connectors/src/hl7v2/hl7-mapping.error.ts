import { DomainException, ErrorCategory } from '@concord/platform';
import { describeHl7Location, Hl7ErrorCode, type Hl7ErrorLocation } from './hl7-error-codes';

export enum Hl7MappingErrorCode {
  MISSING_SEGMENT = 'HL7_MISSING_SEGMENT',
  MISSING_FIELD = 'HL7_MISSING_FIELD',
  INVALID_VALUE = 'HL7_INVALID_VALUE',
  UNKNOWN_CODE = 'HL7_UNKNOWN_CODE',
}

/**
 * A well-formed message that lacks what its meaning requires (A01 without an MRN, A03 without PV1, a quantity
 * that is not a number). Names the segment and field; the text never quotes values.
 */
export class Hl7MappingError extends DomainException<Hl7MappingErrorCode> {
  constructor(
    code: Hl7MappingErrorCode,
    readonly reason: string,
    readonly location: Hl7ErrorLocation,
  ) {
    super(code, `${describeHl7Location(location)}: ${reason}`);
  }

  get segmentName(): string | undefined {
    return this.location.segmentName;
  }

  get field(): number | undefined {
    return this.location.field;
  }

  get category(): ErrorCategory {
    return ErrorCategory.UNPROCESSABLE;
  }

  /** The table 0357 code an AE reports for this error. */
  get hl7ErrorCode(): Hl7ErrorCode {
    return hl7ErrorCodeForMapping(this.code);
  }
}

/** Table 0357 code for a mapping problem (used for errors and for warnings alike). */
export function hl7ErrorCodeForMapping(code: Hl7MappingErrorCode): Hl7ErrorCode {
  switch (code) {
    case Hl7MappingErrorCode.MISSING_SEGMENT:
      return Hl7ErrorCode.SEGMENT_SEQUENCE_ERROR;
    case Hl7MappingErrorCode.MISSING_FIELD:
      return Hl7ErrorCode.REQUIRED_FIELD_MISSING;
    case Hl7MappingErrorCode.INVALID_VALUE:
      return Hl7ErrorCode.DATA_TYPE_ERROR;
    case Hl7MappingErrorCode.UNKNOWN_CODE:
      return Hl7ErrorCode.TABLE_VALUE_NOT_FOUND;
  }
}
