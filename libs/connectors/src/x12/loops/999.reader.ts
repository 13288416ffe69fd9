import type { AcknowledgementStatus, FunctionalAcknowledgement, SegmentErrorAck, TransactionSetAck } from '../ack-999.model';
import type { X12TransactionEnd } from '../x12-envelope';
import { X12IssueCode } from '../x12-issue';
import { componentsOf, elementOf, type X12Segment } from '../x12-segment';
import { el, segmentRule } from '../snip-validator';
import { type IssueSink, LoopReporter, type TransactionReader } from './transaction-reader';

/** What a 999 transaction set holds. */
export interface FunctionalAckContent {
  kind: '999';
  acknowledgement: FunctionalAcknowledgement;
}

const { an, id, n0, composite } = el;
const S = { usage: 'S' as const };
const IK304 = ['1', '2', '3', '4', '5', '6', '7', '8', 'I4', 'I6', 'I7', 'I8', 'I9'];
const IK403 = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '12', '13', 'I10', 'I11', 'I12', 'I13', 'I6', 'I9'];
const IK502 = [
  '1',
  '2',
  '3',
  '4',
  '5',
  '6',
  '7',
  '8',
  '9',
  '10',
  '11',
  '12',
  '13',
  '15',
  '16',
  '17',
  '18',
  '19',
  '23',
  '24',
  '25',
  '26',
  '27',
  'I5',
  'I6',
];
const AK905 = [
  '1',
  '2',
  '3',
  '4',
  '5',
  '6',
  '10',
  '11',
  '12',
  '13',
  '15',
  '16',
  '17',
  '18',
  '19',
  '20',
  '21',
  '22',
  '23',
  '24',
  '25',
  '26',
];
const STATUS = ['A', 'E', 'M', 'P', 'R', 'W', 'X'];

const AK1 = segmentRule('AK1', { 1: id(undefined, 2, 2, { ref: 479 }), 2: n0(1, 9, { ref: 28 }), 3: an(1, 12, { ref: 480 }) });
const AK2 = segmentRule('AK2', { 1: id(undefined, 3, 3, { ref: 143 }), 2: an(4, 9, { ref: 329 }), 3: an(1, 35, { ...S, ref: 1705 }) });
const IK3 = segmentRule('IK3', {
  1: id(undefined, 2, 3, { ref: 721 }),
  2: n0(1, 10, { ref: 719 }),
  3: an(1, 4, { ...S, ref: 447 }),
  4: id(IK304, 1, 3, { ref: 620 }),
});
const IK4 = segmentRule('IK4', {
  1: composite('R', [n0(1, 2, { ref: 722 }), n0(1, 2, { ...S, ref: 1528 }), n0(1, 4, { ...S, ref: 1686 })]),
  2: n0(1, 4, { ...S, ref: 725 }),
  3: id(IK403, 1, 3, { ref: 621 }),
  4: an(1, 99, { ...S, ref: 724 }),
});
const IK5 = segmentRule('IK5', {
  1: id(
    STATUS.filter((s) => s !== 'P'),
    1,
    1,
    { ref: 717 },
  ),
  2: id(IK502, 1, 3, { ...S, ref: 618 }),
  3: id(IK502, 1, 3, { ...S, ref: 618 }),
  4: id(IK502, 1, 3, { ...S, ref: 618 }),
  5: id(IK502, 1, 3, { ...S, ref: 618 }),
  6: id(IK502, 1, 3, { ...S, ref: 618 }),
});
const AK9 = segmentRule('AK9', {
  1: id(STATUS, 1, 1, { ref: 715 }),
  2: n0(1, 6, { ref: 97 }),
  3: n0(1, 6, { ref: 123 }),
  4: n0(1, 6, { ref: 2 }),
  5: id(AK905, 1, 3, { ...S, ref: 716 }),
  6: id(AK905, 1, 3, { ...S, ref: 716 }),
  7: id(AK905, 1, 3, { ...S, ref: 716 }),
  8: id(AK905, 1, 3, { ...S, ref: 716 }),
  9: id(AK905, 1, 3, { ...S, ref: 716 }),
});

type Loop = 'HEADER' | '2000' | '2100' | '2110' | 'TRAILER';

/** Reads a 999 implementation acknowledgement (005010X231A1), checking its structure and that AK9's counts agree with its AK2 loops. */
export class FunctionalAckReader implements TransactionReader<FunctionalAckContent> {
  private readonly report: LoopReporter;
  private loop: Loop = 'HEADER';
  private readonly ack: FunctionalAcknowledgement = {
    functionalId: '',
    groupControlNumber: '',
    transactionSets: [],
    status: 'R',
    includedCount: 0,
    receivedCount: 0,
    acceptedCount: 0,
    groupErrorCodes: [],
  };
  private hasAk1 = false;
  private ak9: { segment: X12Segment; position: number } | undefined;
  private set: (TransactionSetAck & { closed: boolean }) | undefined;
  private segmentError: SegmentErrorAck | undefined;

  constructor(sink: IssueSink) {
    this.report = new LoopReporter(sink);
  }

  segment(segment: X12Segment, position: number): void {
    switch (segment.id) {
      case 'AK1':
        if (this.hasAk1 || this.loop !== 'HEADER') return this.report.unexpected(segment, position, this.loop);
        this.report.elements(segment, position, 'HEADER', AK1);
        this.hasAk1 = true;
        this.ack.functionalId = elementOf(segment, 1);
        this.ack.groupControlNumber = elementOf(segment, 2);
        if (elementOf(segment, 3)) this.ack.version = elementOf(segment, 3);
        return;
      case 'AK2': {
        if (!this.hasAk1 || this.loop === 'TRAILER') return this.report.unexpected(segment, position, this.loop);
        this.closeSet(position);
        this.loop = '2000';
        this.report.elements(segment, position, '2000', AK2);
        this.set = {
          transactionSetId: elementOf(segment, 1),
          controlNumber: elementOf(segment, 2),
          ...(elementOf(segment, 3) ? { implementationReference: elementOf(segment, 3) } : {}),
          segmentErrors: [],
          status: 'R',
          errorCodes: [],
          closed: false,
        };
        return;
      }
      case 'IK3':
        if (!this.set || this.set.closed) return this.report.unexpected(segment, position, this.loop);
        this.loop = '2100';
        this.report.elements(segment, position, '2100', IK3);
        this.segmentError = {
          segmentId: elementOf(segment, 1),
          position: Number(elementOf(segment, 2)) || 0,
          ...(elementOf(segment, 3) ? { loopId: elementOf(segment, 3) } : {}),
          code: elementOf(segment, 4),
          elementErrors: [],
        };
        this.set.segmentErrors.push(this.segmentError);
        return;
      case 'IK4': {
        if (!this.segmentError || (this.loop !== '2100' && this.loop !== '2110'))
          return this.report.unexpected(segment, position, this.loop);
        this.loop = '2110';
        this.report.elements(segment, position, '2110', IK4);
        const [elementPosition = '', component = '', repetition = ''] = componentsOf(segment, 1);
        this.segmentError.elementErrors.push({
          position: Number(elementPosition) || 0,
          ...(component ? { componentPosition: Number(component) } : {}),
          ...(repetition ? { repetitionPosition: Number(repetition) } : {}),
          ...(elementOf(segment, 2) ? { reference: Number(elementOf(segment, 2)) } : {}),
          code: elementOf(segment, 3),
          ...(elementOf(segment, 4) ? { badValue: elementOf(segment, 4) } : {}),
        });
        return;
      }
      case 'CTX':
        if (this.loop !== '2100' && this.loop !== '2110') return this.report.unexpected(segment, position, this.loop);
        return;
      case 'IK5':
        if (!this.set || this.set.closed) return this.report.unexpected(segment, position, this.loop);
        this.report.elements(segment, position, '2000', IK5);
        this.set.status = elementOf(segment, 1) as AcknowledgementStatus;
        this.set.errorCodes = segment.elements.slice(2).filter((c) => c !== '');
        this.set.closed = true;
        this.segmentError = undefined;
        this.loop = '2000';
        return;
      case 'AK9':
        if (!this.hasAk1 || this.ak9) return this.report.unexpected(segment, position, this.loop);
        this.closeSet(position);
        this.loop = 'TRAILER';
        this.report.elements(segment, position, 'TRAILER', AK9);
        this.ak9 = { segment, position };
        this.ack.status = elementOf(segment, 1) as AcknowledgementStatus;
        this.ack.includedCount = Number(elementOf(segment, 2)) || 0;
        this.ack.receivedCount = Number(elementOf(segment, 3)) || 0;
        this.ack.acceptedCount = Number(elementOf(segment, 4)) || 0;
        this.ack.groupErrorCodes = segment.elements.slice(5).filter((c) => c !== '');
        return;
      default:
        return this.report.unexpected(segment, position, this.loop);
    }
  }

  private closeSet(position: number): void {
    const set = this.set;
    if (!set) return;
    if (!set.closed)
      this.report.missing(
        X12IssueCode.REQUIRED_SEGMENT_MISSING,
        'IK5',
        position,
        '2000',
        'transaction set response trailer (IK5) is required after each AK2',
      );
    const { closed: _closed, ...ack } = set;
    this.ack.transactionSets.push(ack);
    this.set = undefined;
    this.segmentError = undefined;
  }

  end(end: X12TransactionEnd): FunctionalAckContent {
    this.closeSet(end.trailerPosition);
    if (!this.hasAk1)
      this.report.missing(X12IssueCode.REQUIRED_SEGMENT_MISSING, 'AK1', 2, 'HEADER', 'functional group response header (AK1) is required');
    if (!this.ak9)
      this.report.missing(
        X12IssueCode.REQUIRED_SEGMENT_MISSING,
        'AK9',
        end.trailerPosition,
        'TRAILER',
        'functional group response trailer (AK9) is required',
      );
    else {
      const { segment, position } = this.ak9;
      const received = this.ack.transactionSets.length;
      const accepted = this.ack.transactionSets.filter((t) => t.status === 'A' || t.status === 'E').length;
      // Only when the 999 lists every set (a 999 may omit AK2 loops of accepted sets).
      if (received > 0 && this.ack.receivedCount === received && this.ack.acceptedCount !== accepted) {
        this.report.element(
          X12IssueCode.PATTERN_MISMATCH,
          segment,
          position,
          'TRAILER',
          4,
          `AK904 says ${this.ack.acceptedCount} accepted transaction sets, the IK5s accept ${accepted}`,
          { elementReference: 2 },
        );
      }
    }
    return { kind: '999', acknowledgement: this.ack };
  }
}
