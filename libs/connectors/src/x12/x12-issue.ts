/**
 * Validation findings of the X12 engine. Every issue names where it is (control numbers, segment
 * position in the transaction set, segment id, loop, element) and why, and carries the codes a TA1 or
 * 999 needs to report it. Messages never quote patient data: positions and element ids only.
 */

/** WEDI SNIP test types: 1 syntax, 2 implementation-guide requirements, 3 balancing, 4 situational rules. */
export type SnipLevel = 1 | 2 | 3 | 4;

export type X12IssueSeverity = 'error' | 'warning';

export enum X12IssueCode {
  // Interchange (TA1)
  NOT_X12 = 'X12_NOT_X12',
  ISA_TRUNCATED = 'X12_ISA_TRUNCATED',
  ISA_FIELD_WIDTH = 'X12_ISA_FIELD_WIDTH',
  INVALID_ISA_VALUE = 'X12_INVALID_ISA_VALUE',
  INVALID_SEPARATOR = 'X12_INVALID_SEPARATOR',
  UNSUPPORTED_VERSION = 'X12_UNSUPPORTED_VERSION',
  INTERCHANGE_CONTROL_NUMBER_MISMATCH = 'X12_INTERCHANGE_CONTROL_NUMBER_MISMATCH',
  INTERCHANGE_GROUP_COUNT_MISMATCH = 'X12_INTERCHANGE_GROUP_COUNT_MISMATCH',
  INTERCHANGE_TRAILER_MISSING = 'X12_INTERCHANGE_TRAILER_MISSING',
  DATA_OUTSIDE_INTERCHANGE = 'X12_DATA_OUTSIDE_INTERCHANGE',
  SEGMENT_OUTSIDE_GROUP = 'X12_SEGMENT_OUTSIDE_GROUP',
  SEGMENT_TERMINATOR_MISSING = 'X12_SEGMENT_TERMINATOR_MISSING',
  // Functional group (AK9)
  INVALID_GROUP_HEADER = 'X12_INVALID_GROUP_HEADER',
  UNSUPPORTED_FUNCTIONAL_GROUP = 'X12_UNSUPPORTED_FUNCTIONAL_GROUP',
  UNSUPPORTED_GUIDE_VERSION = 'X12_UNSUPPORTED_GUIDE_VERSION',
  EARLIER_GUIDE_RELEASE = 'X12_EARLIER_GUIDE_RELEASE',
  GROUP_TRAILER_MISSING = 'X12_GROUP_TRAILER_MISSING',
  GROUP_CONTROL_NUMBER_MISMATCH = 'X12_GROUP_CONTROL_NUMBER_MISMATCH',
  GROUP_TRANSACTION_COUNT_MISMATCH = 'X12_GROUP_TRANSACTION_COUNT_MISMATCH',
  DUPLICATE_GROUP_CONTROL_NUMBER = 'X12_DUPLICATE_GROUP_CONTROL_NUMBER',
  SEGMENT_OUTSIDE_TRANSACTION = 'X12_SEGMENT_OUTSIDE_TRANSACTION',
  // Transaction set (IK5)
  UNSUPPORTED_TRANSACTION_SET = 'X12_UNSUPPORTED_TRANSACTION_SET',
  UNSUPPORTED_IMPLEMENTATION = 'X12_UNSUPPORTED_IMPLEMENTATION',
  TRANSACTION_NOT_IN_GROUP = 'X12_TRANSACTION_NOT_IN_GROUP',
  GUIDE_VERSION_MISMATCH = 'X12_GUIDE_VERSION_MISMATCH',
  TRANSACTION_TRAILER_MISSING = 'X12_TRANSACTION_TRAILER_MISSING',
  TRANSACTION_CONTROL_NUMBER_MISMATCH = 'X12_TRANSACTION_CONTROL_NUMBER_MISMATCH',
  INVALID_TRANSACTION_CONTROL_NUMBER = 'X12_INVALID_TRANSACTION_CONTROL_NUMBER',
  DUPLICATE_TRANSACTION_CONTROL_NUMBER = 'X12_DUPLICATE_TRANSACTION_CONTROL_NUMBER',
  SEGMENT_COUNT_MISMATCH = 'X12_SEGMENT_COUNT_MISMATCH',
  // Segment (IK3)
  INVALID_SEGMENT_ID = 'X12_INVALID_SEGMENT_ID',
  UNEXPECTED_SEGMENT = 'X12_UNEXPECTED_SEGMENT',
  REQUIRED_SEGMENT_MISSING = 'X12_REQUIRED_SEGMENT_MISSING',
  SEGMENT_REPEATS_TOO_OFTEN = 'X12_SEGMENT_REPEATS_TOO_OFTEN',
  LOOP_REPEATS_TOO_OFTEN = 'X12_LOOP_REPEATS_TOO_OFTEN',
  SITUATIONAL_SEGMENT_MISSING = 'X12_SITUATIONAL_SEGMENT_MISSING',
  SITUATIONAL_SEGMENT_NOT_ALLOWED = 'X12_SITUATIONAL_SEGMENT_NOT_ALLOWED',
  // Element (IK4)
  REQUIRED_ELEMENT_MISSING = 'X12_REQUIRED_ELEMENT_MISSING',
  SITUATIONAL_ELEMENT_MISSING = 'X12_SITUATIONAL_ELEMENT_MISSING',
  ELEMENT_NOT_USED = 'X12_ELEMENT_NOT_USED',
  TOO_MANY_ELEMENTS = 'X12_TOO_MANY_ELEMENTS',
  TOO_MANY_COMPONENTS = 'X12_TOO_MANY_COMPONENTS',
  TOO_MANY_REPETITIONS = 'X12_TOO_MANY_REPETITIONS',
  ELEMENT_TOO_SHORT = 'X12_ELEMENT_TOO_SHORT',
  ELEMENT_TOO_LONG = 'X12_ELEMENT_TOO_LONG',
  INVALID_CHARACTER = 'X12_INVALID_CHARACTER',
  INVALID_NUMBER = 'X12_INVALID_NUMBER',
  INVALID_CODE_VALUE = 'X12_INVALID_CODE_VALUE',
  INVALID_DATE = 'X12_INVALID_DATE',
  INVALID_TIME = 'X12_INVALID_TIME',
  PATTERN_MISMATCH = 'X12_PATTERN_MISMATCH',
  AMOUNT_PRECISION = 'X12_AMOUNT_PRECISION',
  // Hierarchy and situational rules
  HL_STRUCTURE = 'X12_HL_STRUCTURE',
  HL_CHILD_CODE = 'X12_HL_CHILD_CODE',
  INVALID_NPI = 'X12_INVALID_NPI',
  DIAGNOSIS_POINTER_INVALID = 'X12_DIAGNOSIS_POINTER_INVALID',
  // Balancing
  CLAIM_TOTAL_MISMATCH = 'X12_CLAIM_TOTAL_MISMATCH',
  CLAIM_PAYMENT_UNBALANCED = 'X12_CLAIM_PAYMENT_UNBALANCED',
  SERVICE_PAYMENT_UNBALANCED = 'X12_SERVICE_PAYMENT_UNBALANCED',
  REMITTANCE_TOTAL_MISMATCH = 'X12_REMITTANCE_TOTAL_MISMATCH',
}

/** Where an issue is. Positions are 1-based; segment position counts from ST (= 1) as a 999 does. */
export interface X12Location {
  /** Character offset of the segment (or of the problem) in the whole input, 0-based. */
  offset?: number;
  interchangeControlNumber?: string;
  groupControlNumber?: string;
  transactionSetId?: string;
  transactionSetControlNumber?: string;
  segmentPosition?: number;
  segmentId?: string;
  loopId?: string;
  elementPosition?: number;
  componentPosition?: number;
  repetitionPosition?: number;
  /** X12 data element reference number (IK402), when known. */
  elementReference?: number;
}

/** Codes the acknowledgements need: TA1 note code, AK905, IK502, IK304, IK403. */
export interface X12AckCodes {
  ta105?: string;
  ak905?: string;
  ik502?: string;
  ik304?: string;
  ik403?: string;
}

export interface X12ValidationIssue {
  code: X12IssueCode;
  severity: X12IssueSeverity;
  snip: SnipLevel;
  /** What is wrong, by position and element id; never a patient data value. */
  message: string;
  location: X12Location;
  ack: X12AckCodes;
  /** The offending value, only for code-set and structural elements (never patient data): IK404. */
  badValue?: string;
}

interface IssueDefinition {
  snip: SnipLevel;
  ack: X12AckCodes;
}

const element = (ik403: string, snip: SnipLevel = 2): IssueDefinition => ({ snip, ack: { ik304: '8', ik403 } });

/** Default SNIP level and acknowledgement codes of each issue (a location may refine them). */
export const X12_ISSUE_DEFINITIONS: Readonly<Record<X12IssueCode, IssueDefinition>> = {
  [X12IssueCode.NOT_X12]: { snip: 1, ack: { ta105: '022' } },
  [X12IssueCode.ISA_TRUNCATED]: { snip: 1, ack: { ta105: '023' } },
  [X12IssueCode.ISA_FIELD_WIDTH]: { snip: 1, ack: { ta105: '022' } },
  [X12IssueCode.INVALID_ISA_VALUE]: { snip: 1, ack: { ta105: '022' } },
  [X12IssueCode.INVALID_SEPARATOR]: { snip: 1, ack: { ta105: '026' } },
  [X12IssueCode.UNSUPPORTED_VERSION]: { snip: 1, ack: { ta105: '003' } },
  [X12IssueCode.INTERCHANGE_CONTROL_NUMBER_MISMATCH]: { snip: 1, ack: { ta105: '001' } },
  [X12IssueCode.INTERCHANGE_GROUP_COUNT_MISMATCH]: { snip: 1, ack: { ta105: '021' } },
  [X12IssueCode.INTERCHANGE_TRAILER_MISSING]: { snip: 1, ack: { ta105: '023' } },
  [X12IssueCode.DATA_OUTSIDE_INTERCHANGE]: { snip: 1, ack: { ta105: '024' } },
  [X12IssueCode.SEGMENT_OUTSIDE_GROUP]: { snip: 1, ack: { ta105: '024' } },
  [X12IssueCode.SEGMENT_TERMINATOR_MISSING]: { snip: 1, ack: { ta105: '023' } },
  [X12IssueCode.INVALID_GROUP_HEADER]: { snip: 1, ack: { ta105: '024' } },
  [X12IssueCode.UNSUPPORTED_FUNCTIONAL_GROUP]: { snip: 1, ack: { ak905: '1' } },
  [X12IssueCode.UNSUPPORTED_GUIDE_VERSION]: { snip: 1, ack: { ak905: '2' } },
  [X12IssueCode.EARLIER_GUIDE_RELEASE]: { snip: 1, ack: {} },
  [X12IssueCode.GROUP_TRAILER_MISSING]: { snip: 1, ack: { ak905: '3' } },
  [X12IssueCode.GROUP_CONTROL_NUMBER_MISMATCH]: { snip: 1, ack: { ak905: '4' } },
  [X12IssueCode.GROUP_TRANSACTION_COUNT_MISMATCH]: { snip: 1, ack: { ak905: '5' } },
  [X12IssueCode.DUPLICATE_GROUP_CONTROL_NUMBER]: { snip: 1, ack: { ak905: '19' } },
  [X12IssueCode.SEGMENT_OUTSIDE_TRANSACTION]: { snip: 1, ack: { ta105: '024' } },
  [X12IssueCode.UNSUPPORTED_TRANSACTION_SET]: { snip: 1, ack: { ik502: '1' } },
  [X12IssueCode.UNSUPPORTED_IMPLEMENTATION]: { snip: 2, ack: { ik502: 'I6' } },
  [X12IssueCode.TRANSACTION_NOT_IN_GROUP]: { snip: 1, ack: { ik502: '6' } },
  [X12IssueCode.GUIDE_VERSION_MISMATCH]: { snip: 1, ack: { ik502: '19' } },
  [X12IssueCode.TRANSACTION_TRAILER_MISSING]: { snip: 1, ack: { ik502: '2' } },
  [X12IssueCode.TRANSACTION_CONTROL_NUMBER_MISMATCH]: { snip: 1, ack: { ik502: '3' } },
  [X12IssueCode.INVALID_TRANSACTION_CONTROL_NUMBER]: { snip: 1, ack: { ik502: '7' } },
  [X12IssueCode.DUPLICATE_TRANSACTION_CONTROL_NUMBER]: { snip: 1, ack: { ik502: '23' } },
  [X12IssueCode.SEGMENT_COUNT_MISMATCH]: { snip: 1, ack: { ik502: '4' } },
  [X12IssueCode.INVALID_SEGMENT_ID]: { snip: 1, ack: { ik304: '1' } },
  [X12IssueCode.UNEXPECTED_SEGMENT]: { snip: 2, ack: { ik304: '2' } },
  [X12IssueCode.REQUIRED_SEGMENT_MISSING]: { snip: 2, ack: { ik304: '3' } },
  [X12IssueCode.SEGMENT_REPEATS_TOO_OFTEN]: { snip: 2, ack: { ik304: '5' } },
  [X12IssueCode.LOOP_REPEATS_TOO_OFTEN]: { snip: 2, ack: { ik304: '4' } },
  [X12IssueCode.SITUATIONAL_SEGMENT_MISSING]: { snip: 4, ack: { ik304: 'I6' } },
  [X12IssueCode.SITUATIONAL_SEGMENT_NOT_ALLOWED]: { snip: 4, ack: { ik304: 'I9' } },
  [X12IssueCode.REQUIRED_ELEMENT_MISSING]: element('1'),
  [X12IssueCode.SITUATIONAL_ELEMENT_MISSING]: element('I9', 4),
  [X12IssueCode.ELEMENT_NOT_USED]: element('I10'),
  [X12IssueCode.TOO_MANY_ELEMENTS]: element('3', 1),
  [X12IssueCode.TOO_MANY_COMPONENTS]: element('13', 1),
  [X12IssueCode.TOO_MANY_REPETITIONS]: element('12', 1),
  [X12IssueCode.ELEMENT_TOO_SHORT]: element('4', 1),
  [X12IssueCode.ELEMENT_TOO_LONG]: element('5', 1),
  [X12IssueCode.INVALID_CHARACTER]: element('6', 1),
  [X12IssueCode.INVALID_NUMBER]: element('6', 1),
  [X12IssueCode.INVALID_CODE_VALUE]: element('7'),
  [X12IssueCode.INVALID_DATE]: element('8', 1),
  [X12IssueCode.INVALID_TIME]: element('9', 1),
  [X12IssueCode.PATTERN_MISMATCH]: element('I12'),
  [X12IssueCode.AMOUNT_PRECISION]: element('I12'),
  [X12IssueCode.HL_STRUCTURE]: element('I12'),
  [X12IssueCode.HL_CHILD_CODE]: element('I12', 4),
  [X12IssueCode.INVALID_NPI]: element('I12', 4),
  [X12IssueCode.DIAGNOSIS_POINTER_INVALID]: element('I12', 4),
  [X12IssueCode.CLAIM_TOTAL_MISMATCH]: element('I12', 3),
  [X12IssueCode.CLAIM_PAYMENT_UNBALANCED]: element('I12', 3),
  [X12IssueCode.SERVICE_PAYMENT_UNBALANCED]: element('I12', 3),
  [X12IssueCode.REMITTANCE_TOTAL_MISMATCH]: element('I12', 3),
};

/** Builds an issue with its definition's SNIP level and acknowledgement codes. */
export function x12Issue(
  code: X12IssueCode,
  message: string,
  location: X12Location,
  options: { severity?: X12IssueSeverity; ack?: X12AckCodes; badValue?: string } = {},
): X12ValidationIssue {
  const definition = X12_ISSUE_DEFINITIONS[code];
  return {
    code,
    severity: options.severity ?? 'error',
    snip: definition.snip,
    message,
    location,
    ack: { ...definition.ack, ...options.ack },
    ...(options.badValue !== undefined ? { badValue: options.badValue } : {}),
  };
}

/** Whether any issue is an error (warnings do not make an interchange invalid). */
export function hasX12Errors(issues: readonly X12ValidationIssue[]): boolean {
  return issues.some((issue) => issue.severity === 'error');
}
