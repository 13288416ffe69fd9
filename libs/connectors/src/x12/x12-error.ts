import { DomainException, ErrorCategory } from '@concord/platform';
import type { X12ValidationIssue } from './x12-issue';

export enum X12ErrorCode {
  /** The input is not an X12 interchange (no ISA header where one must be). */
  NOT_X12 = 'X12_NOT_X12',
  /** The input is X12 but has errors that stop it from being used; the issues say which. */
  INVALID_INTERCHANGE = 'X12_INVALID_INTERCHANGE',
  /** A canonical object lacks what the implementation guide requires, so it cannot be written. */
  UNWRITABLE_CLAIM = 'X12_UNWRITABLE_CLAIM',
  /** A value to write contains a separator or a character X12 cannot carry. */
  UNWRITABLE_VALUE = 'X12_UNWRITABLE_VALUE',
  /** Envelope options (ids, control numbers, dates) are not valid for an ISA/GS/ST. */
  INVALID_ENVELOPE_OPTIONS = 'X12_INVALID_ENVELOPE_OPTIONS',
}

/**
 * What the X12 engine throws. Readers never throw for bad input (they return issues); writers and
 * the `…OrThrow` helpers do, with the issues that explain why.
 */
export class X12Error extends DomainException<X12ErrorCode> {
  constructor(
    code: X12ErrorCode,
    message: string,
    readonly issues: readonly X12ValidationIssue[] = [],
  ) {
    super(code, message);
  }

  get category(): ErrorCategory {
    switch (this.code) {
      case X12ErrorCode.NOT_X12:
      case X12ErrorCode.INVALID_INTERCHANGE:
        return ErrorCategory.INVALID_INPUT;
      case X12ErrorCode.UNWRITABLE_CLAIM:
      case X12ErrorCode.UNWRITABLE_VALUE:
      case X12ErrorCode.INVALID_ENVELOPE_OPTIONS:
        return ErrorCategory.UNPROCESSABLE;
    }
  }
}
