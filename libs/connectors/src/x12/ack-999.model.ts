/**
 * The 999 implementation acknowledgement (005010X231A1) and TA1 interchange acknowledgement as
 * typed structures: what the builder produces, the writer serialises and the reader returns.
 */

/** IK501 / AK901 status: A accepted, E accepted with errors noted, P partially accepted (AK9 only), R rejected, and the security codes M, W, X. */
export type AcknowledgementStatus = 'A' | 'E' | 'M' | 'P' | 'R' | 'W' | 'X';

/** IK4: one element in error. */
export interface ElementErrorAck {
  /** IK401-1, element position in the segment. */
  position: number;
  /** IK401-2, component position in a composite. */
  componentPosition?: number;
  /** IK401-3, repetition position. */
  repetitionPosition?: number;
  /** IK402, data element reference number. */
  reference?: number;
  /** IK403, implementation data element syntax error code. */
  code: string;
  /** IK404, copy of the bad data element (only code values, never patient data). */
  badValue?: string;
}

/** IK3 and its IK4s: one segment in error. */
export interface SegmentErrorAck {
  /** IK301 */
  segmentId: string;
  /** IK302, position of the segment in the transaction set (ST = 1). */
  position: number;
  /** IK303, loop identifier (at most four characters in the 999, e.g. 2300, 2010). */
  loopId?: string;
  /** IK304, implementation segment syntax error code. */
  code: string;
  elementErrors: ElementErrorAck[];
}

/** AK2 … IK5: one transaction set. */
export interface TransactionSetAck {
  transactionSetId: string;
  controlNumber: string;
  implementationReference?: string;
  segmentErrors: SegmentErrorAck[];
  /** IK501 */
  status: AcknowledgementStatus;
  /** IK502 … IK506 */
  errorCodes: string[];
}

/** One 999: the acknowledgement of one functional group. */
export interface FunctionalAcknowledgement {
  /** AK101, the acknowledged group's GS01. */
  functionalId: string;
  /** AK102, the acknowledged group's GS06. */
  groupControlNumber: string;
  /** AK103, the acknowledged group's GS08. */
  version?: string;
  transactionSets: TransactionSetAck[];
  /** AK901 */
  status: AcknowledgementStatus;
  /** AK902, transaction sets the group says it includes (GE01). */
  includedCount: number;
  /** AK903 */
  receivedCount: number;
  /** AK904 */
  acceptedCount: number;
  /** AK905 … AK909 */
  groupErrorCodes: string[];
}

/** A TA1: the acknowledgement of an interchange's envelope. */
export interface InterchangeAck {
  /** TA101, the acknowledged ISA13. */
  controlNumber: string;
  /** TA102/TA103, the acknowledged ISA09/ISA10. */
  date: string;
  time: string;
  /** TA104: A accepted, E accepted with errors, R rejected. */
  status: 'A' | 'E' | 'R';
  /** TA105 note code; 000 when there is no error. */
  noteCode: string;
}
