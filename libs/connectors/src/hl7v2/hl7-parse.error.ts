import { DomainException, ErrorCategory } from '@concord/platform';
import { describeHl7Location, Hl7ErrorCode, type Hl7ErrorLocation } from './hl7-error-codes';

export enum Hl7ParseErrorCode {
  EMPTY_MESSAGE = 'HL7_EMPTY_MESSAGE',
  MISSING_MSH = 'HL7_MISSING_MSH',
  INVALID_DELIMITERS = 'HL7_INVALID_DELIMITERS',
  ENCODING_CHARACTERS_TOO_SHORT = 'HL7_ENCODING_CHARACTERS_TOO_SHORT',
  UNTERMINATED_ESCAPE = 'HL7_UNTERMINATED_ESCAPE',
  INVALID_SEGMENT_NAME = 'HL7_INVALID_SEGMENT_NAME',
  MISSING_MESSAGE_TYPE = 'HL7_MISSING_MESSAGE_TYPE',
  MISSING_CONTROL_ID = 'HL7_MISSING_CONTROL_ID',
  UNEXPECTED_MSH = 'HL7_UNEXPECTED_MSH',
}

/**
 * A message that cannot be read as HL7 v2. Carries where (segment index and name, field) and why; the text names
 * positions only, never field contents, so it is safe to log and to send back in an ERR segment.
 */
export class Hl7ParseError extends DomainException<Hl7ParseErrorCode> {
  constructor(
    code: Hl7ParseErrorCode,
    readonly reason: string,
    readonly location: Hl7ErrorLocation = {},
  ) {
    const where = describeHl7Location(location);
    super(code, where ? `${where}: ${reason}` : reason);
  }

  get segmentIndex(): number | undefined {
    return this.location.segmentIndex;
  }

  get segmentName(): string | undefined {
    return this.location.segmentName;
  }

  get field(): number | undefined {
    return this.location.field;
  }

  get category(): ErrorCategory {
    return ErrorCategory.INVALID_INPUT;
  }

  /** The table 0357 code an ACK reports for this error. */
  get hl7ErrorCode(): Hl7ErrorCode {
    switch (this.code) {
      case Hl7ParseErrorCode.EMPTY_MESSAGE:
      case Hl7ParseErrorCode.MISSING_MSH:
      case Hl7ParseErrorCode.INVALID_SEGMENT_NAME:
      case Hl7ParseErrorCode.UNEXPECTED_MSH:
        return Hl7ErrorCode.SEGMENT_SEQUENCE_ERROR;
      case Hl7ParseErrorCode.MISSING_MESSAGE_TYPE:
      case Hl7ParseErrorCode.MISSING_CONTROL_ID:
        return Hl7ErrorCode.REQUIRED_FIELD_MISSING;
      case Hl7ParseErrorCode.INVALID_DELIMITERS:
      case Hl7ParseErrorCode.ENCODING_CHARACTERS_TOO_SHORT:
      case Hl7ParseErrorCode.UNTERMINATED_ESCAPE:
        return Hl7ErrorCode.DATA_TYPE_ERROR;
    }
  }
}
