import type { X12TransactionEnd } from '../x12-envelope';
import { safeId } from '../x12-envelope';
import { x12Issue, X12IssueCode, type X12AckCodes, type X12ValidationIssue } from '../x12-issue';
import type { X12Segment } from '../x12-segment';
import { checkSegmentElements, elementIssue, isSegmentId, type SegmentRule } from '../snip-validator';
import { amountCents, dateFromX12, isX12Date } from '../x12-values';

/** Reads the body of one transaction set, one segment at a time, into its content. */
export interface TransactionReader<T> {
  /** A segment between ST and SE; position counts from ST = 1. */
  segment(segment: X12Segment, position: number): void;
  /** SE reached (or the transaction set ended without one): closes open loops, returns the content. */
  end(end: X12TransactionEnd): T;
}

export type IssueSink = (issue: X12ValidationIssue) => void;

/**
 * Reports issues of one transaction set with their segment position, segment id and loop. Shared by
 * the loop readers so every message has the same shape and never quotes patient data.
 */
export class LoopReporter {
  constructor(private readonly sink: IssueSink) {}

  /** Element checks (SNIP 1 and 2) of a segment against the guide's rule for this loop. */
  elements(segment: X12Segment, position: number, loopId: string, rule: SegmentRule): void {
    const problems = checkSegmentElements(segment, rule);
    if (problems === undefined) return;
    for (const problem of problems) this.sink(elementIssue(problem, segment, position, loopId));
  }

  /** An issue about a whole segment. */
  segment(
    code: X12IssueCode,
    segment: X12Segment,
    position: number,
    loopId: string,
    message: string,
    options: { ack?: X12AckCodes; severity?: 'error' | 'warning' } = {},
  ): void {
    this.sink(
      x12Issue(
        code,
        `${message} (loop ${loopId}, segment ${position})`,
        { offset: segment.offset, segmentPosition: position, segmentId: safeId(segment.id), loopId },
        options,
      ),
    );
  }

  /** An issue about one element (or component) of a segment. */
  element(
    code: X12IssueCode,
    segment: X12Segment,
    position: number,
    loopId: string,
    elementPosition: number,
    message: string,
    options: { componentPosition?: number; elementReference?: number; badValue?: string; severity?: 'error' | 'warning' } = {},
  ): void {
    const { componentPosition, elementReference, badValue, severity } = options;
    this.sink(
      x12Issue(
        code,
        `${message} (loop ${loopId}, segment ${position})`,
        {
          offset: segment.offset,
          segmentPosition: position,
          segmentId: safeId(segment.id),
          loopId,
          elementPosition,
          ...(componentPosition !== undefined ? { componentPosition } : {}),
          ...(elementReference !== undefined ? { elementReference } : {}),
        },
        { ...(badValue !== undefined ? { badValue } : {}), ...(severity ? { severity } : {}) },
      ),
    );
  }

  /** A segment (or loop) that should be there and is not; `position` is where the reader noticed. */
  missing(code: X12IssueCode, segmentId: string, position: number, loopId: string, message: string): void {
    this.sink(x12Issue(code, `${message} (loop ${loopId}, by segment ${position})`, { segmentPosition: position, segmentId, loopId }));
  }

  /** A segment the guide does not allow where it is. */
  unexpected(segment: X12Segment, position: number, loopId: string): void {
    if (!isSegmentId(segment.id)) {
      this.segment(
        X12IssueCode.INVALID_SEGMENT_ID,
        segment,
        position,
        loopId,
        'segment id is not two or three upper-case letters or digits',
      );
      return;
    }
    this.segment(X12IssueCode.UNEXPECTED_SEGMENT, segment, position, loopId, `segment ${segment.id} is not expected here`);
  }

  /** Reads an amount element as cents, reporting invalid or sub-cent values; undefined when absent or bad. */
  amount(segment: X12Segment, position: number, loopId: string, elementPosition: number): number | undefined {
    const text = segment.elements[elementPosition];
    if (text === undefined || text === '') return undefined;
    const cents = amountCents(text);
    if (Number.isFinite(cents)) return cents;
    // An invalid number has already been reported by the element rule; precision is ours to report.
    if (cents === Infinity) {
      this.element(
        X12IssueCode.AMOUNT_PRECISION,
        segment,
        position,
        loopId,
        elementPosition,
        `${segment.id}${pad(elementPosition)} has fractions of a cent`,
      );
    }
    return undefined;
  }
}

export function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** A DTP/DTM date value as ISO: D8 → date; RD8 → [start, end]; DT → date and HHMM. Undefined when malformed. */
export function readDatePeriod(format: string, value: string): { start: string; end?: string; time?: string } | undefined {
  if (format === 'D8') return isX12Date(value) && value.length === 8 ? { start: dateFromX12(value) } : undefined;
  if (format === 'RD8') {
    const [from, to] = value.split('-');
    if (from === undefined || to === undefined || from.length !== 8 || to.length !== 8 || !isX12Date(from) || !isX12Date(to) || from > to)
      return undefined;
    return { start: dateFromX12(from), end: dateFromX12(to) };
  }
  if (format === 'DT') {
    const date = value.slice(0, 8);
    const time = value.slice(8);
    if (value.length !== 12 || !isX12Date(date) || !/^([01]\d|2[0-3])[0-5]\d$/.test(time)) return undefined;
    return { start: dateFromX12(date), time };
  }
  return undefined;
}
