/** HL7 table 0357, message error condition codes (ERR-3, or ERR-1.4 before v2.5). */
export enum Hl7ErrorCode {
  MESSAGE_ACCEPTED = '0',
  SEGMENT_SEQUENCE_ERROR = '100',
  REQUIRED_FIELD_MISSING = '101',
  DATA_TYPE_ERROR = '102',
  TABLE_VALUE_NOT_FOUND = '103',
  UNSUPPORTED_MESSAGE_TYPE = '200',
  UNSUPPORTED_EVENT_CODE = '201',
  UNSUPPORTED_PROCESSING_ID = '202',
  UNSUPPORTED_VERSION_ID = '203',
  UNKNOWN_KEY_IDENTIFIER = '204',
  DUPLICATE_KEY_IDENTIFIER = '205',
  APPLICATION_RECORD_LOCKED = '206',
  APPLICATION_INTERNAL_ERROR = '207',
}

/** The table's own wording, sent as ERR-3.2 (or ERR-1.4.2). */
export const HL7_ERROR_CODE_TEXT: Record<Hl7ErrorCode, string> = {
  [Hl7ErrorCode.MESSAGE_ACCEPTED]: 'Message accepted',
  [Hl7ErrorCode.SEGMENT_SEQUENCE_ERROR]: 'Segment sequence error',
  [Hl7ErrorCode.REQUIRED_FIELD_MISSING]: 'Required field missing',
  [Hl7ErrorCode.DATA_TYPE_ERROR]: 'Data type error',
  [Hl7ErrorCode.TABLE_VALUE_NOT_FOUND]: 'Table value not found',
  [Hl7ErrorCode.UNSUPPORTED_MESSAGE_TYPE]: 'Unsupported message type',
  [Hl7ErrorCode.UNSUPPORTED_EVENT_CODE]: 'Unsupported event code',
  [Hl7ErrorCode.UNSUPPORTED_PROCESSING_ID]: 'Unsupported processing id',
  [Hl7ErrorCode.UNSUPPORTED_VERSION_ID]: 'Unsupported version id',
  [Hl7ErrorCode.UNKNOWN_KEY_IDENTIFIER]: 'Unknown key identifier',
  [Hl7ErrorCode.DUPLICATE_KEY_IDENTIFIER]: 'Duplicate key identifier',
  [Hl7ErrorCode.APPLICATION_RECORD_LOCKED]: 'Application record locked',
  [Hl7ErrorCode.APPLICATION_INTERNAL_ERROR]: 'Application internal error',
};

/**
 * Where in a message a problem is (HL7 ERL: segment ID ^ segment sequence ^ field ^ repetition ^ component ^ subcomponent).
 * Positions are 1-based like HL7's own; `segmentIndex` is the 0-based position of the segment in the message.
 */
export interface Hl7ErrorLocation {
  segmentIndex?: number;
  segmentName?: string;
  /** Which occurrence of `segmentName` in the message, 1 = the first. */
  segmentOccurrence?: number;
  field?: number;
  repetition?: number;
  component?: number;
  subcomponent?: number;
}

/** "segment 3 (PID #1), field 5, component 2": positions only, never values (no PHI in messages). */
export function describeHl7Location(location: Hl7ErrorLocation): string {
  const parts: string[] = [];
  if (location.segmentIndex !== undefined || location.segmentName) {
    const name = location.segmentName
      ? `${location.segmentName}${location.segmentOccurrence ? ` #${location.segmentOccurrence}` : ''}`
      : '';
    if (location.segmentIndex === undefined) parts.push(`segment ${name}`);
    else parts.push(`segment ${location.segmentIndex + 1}${name ? ` (${name})` : ''}`);
  }
  if (location.field !== undefined) parts.push(`field ${location.field}`);
  if (location.repetition !== undefined && location.repetition > 1) parts.push(`repetition ${location.repetition}`);
  if (location.component !== undefined) parts.push(`component ${location.component}`);
  if (location.subcomponent !== undefined && location.subcomponent > 1) parts.push(`subcomponent ${location.subcomponent}`);
  return parts.join(', ');
}
