import { FUNCTIONAL_ID_BY_TRANSACTION_SET, guideFor, type X12Guide } from './x12-guides';
import { x12Issue, X12IssueCode, type X12Location, type X12ValidationIssue } from './x12-issue';
import { elementOf, type X12Segment, type X12Separators } from './x12-segment';
import type { X12TokenSink } from './x12-tokenizer';
import { isX12Date, isX12Time } from './x12-values';

/** ISA header, as read. */
export interface X12InterchangeHeader {
  readonly controlNumber: string;
  readonly senderQualifier: string;
  readonly senderId: string;
  readonly receiverQualifier: string;
  readonly receiverId: string;
  /** ISA09 YYMMDD and ISA10 HHMM, raw. */
  readonly date: string;
  readonly time: string;
  /** ISA12, e.g. 00501. */
  readonly version: string;
  readonly acknowledgmentRequested: string;
  /** ISA15: P production, T test, I information. */
  readonly usage: string;
  readonly separators: X12Separators;
  readonly offset: number;
  /** False when ISA12 is not 00501: the envelope is checked, the transaction sets are not read. */
  readonly supported: boolean;
}

/** GS header, as read. */
export interface X12GroupHeader {
  readonly functionalId: string;
  readonly senderCode: string;
  readonly receiverCode: string;
  readonly date: string;
  readonly time: string;
  readonly controlNumber: string;
  readonly version: string;
  readonly offset: number;
  /** The guide GS08 names, when Concord implements it. */
  readonly guide: X12Guide | undefined;
}

/** ST header, as read. */
export interface X12TransactionHeader {
  readonly id: string;
  readonly controlNumber: string;
  readonly implementationReference: string | undefined;
  readonly offset: number;
}

export interface X12TransactionEnd {
  /** Segments from ST to SE inclusive as counted (SE included even when missing). */
  readonly segmentCount: number;
  readonly trailerFound: boolean;
  /** Position SE has (or would have had) in the transaction set. */
  readonly trailerPosition: number;
}

export interface X12GroupEnd {
  readonly transactionCount: number;
  readonly declaredTransactionCount: number | undefined;
  readonly trailerFound: boolean;
}

export interface X12InterchangeEnd {
  readonly groupCount: number;
  readonly trailerFound: boolean;
}

/** Envelope events, in input order. Transaction body segments come with their position (ST = 1). */
export interface X12EnvelopeHandler {
  interchangeStart(header: X12InterchangeHeader): void;
  interchangeAcknowledgement(segment: X12Segment): void;
  groupStart(header: X12GroupHeader): void;
  transactionStart(header: X12TransactionHeader): void;
  transactionSegment(segment: X12Segment, position: number): void;
  transactionEnd(end: X12TransactionEnd): void;
  groupEnd(end: X12GroupEnd): void;
  interchangeEnd(end: X12InterchangeEnd): void;
  issue(issue: X12ValidationIssue): void;
}

const ISA_AUTHORIZATION_QUALIFIERS = ['00', '01', '02', '03', '04', '05', '06'];
const ISA_SECURITY_QUALIFIERS = ['00', '01'];
const ISA_ID_QUALIFIERS = [
  '01',
  '02',
  '03',
  '04',
  '07',
  '08',
  '09',
  '10',
  '11',
  '12',
  '13',
  '14',
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
  '27',
  '28',
  '29',
  '30',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '38',
  'AM',
  'NR',
  'SA',
  'SN',
  'ZZ',
];
const SUPPORTED_INTERCHANGE_VERSION = '00501';

interface OpenInterchange {
  header: X12InterchangeHeader;
  groupCount: number;
  groupControlNumbers: Set<string>;
}

interface OpenGroup {
  header: X12GroupHeader;
  transactionCount: number;
  transactionControlNumbers: Set<string>;
}

interface OpenTransaction {
  header: X12TransactionHeader;
  count: number;
}

/**
 * SNIP level 1 envelope checks over a stream of segments: ISA/IEA, GS/GE and ST/SE pairing, control
 * numbers and counts, header element values and guide versions. Forwards the structure to a handler,
 * so transaction sets can be read one segment at a time.
 */
export class X12EnvelopeReader implements X12TokenSink {
  private interchange: OpenInterchange | undefined;
  private group: OpenGroup | undefined;
  private transaction: OpenTransaction | undefined;

  constructor(private readonly handler: X12EnvelopeHandler) {}

  /** Where the reader is: control numbers for issue locations. */
  get context(): X12Location {
    return {
      ...(this.interchange ? { interchangeControlNumber: this.interchange.header.controlNumber } : {}),
      ...(this.group ? { groupControlNumber: this.group.header.controlNumber } : {}),
      ...(this.transaction
        ? { transactionSetId: this.transaction.header.id, transactionSetControlNumber: this.transaction.header.controlNumber }
        : {}),
    };
  }

  issue(issue: X12ValidationIssue): void {
    this.handler.issue({ ...issue, location: { ...this.context, ...issue.location } });
  }

  segment(segment: X12Segment): void {
    switch (segment.id) {
      case 'ISA':
        return this.onIsa(segment);
      case 'IEA':
        return this.onIea(segment);
      case 'GS':
        return this.onGs(segment);
      case 'GE':
        return this.onGe(segment);
      case 'ST':
        return this.onSt(segment);
      case 'SE':
        return this.onSe(segment);
      default:
        return this.onBody(segment);
    }
  }

  /** Closes whatever is still open at the end of input. */
  end(): void {
    if (this.interchange) this.closeInterchange(undefined, 'input ends');
  }

  private onIsa(segment: X12Segment): void {
    if (this.interchange) this.closeInterchange(segment, 'a new ISA starts');
    const e = (n: number) => elementOf(segment, n);
    const version = e(12);
    const header: X12InterchangeHeader = {
      controlNumber: e(13),
      senderQualifier: e(5),
      senderId: e(6).trimEnd(),
      receiverQualifier: e(7),
      receiverId: e(8).trimEnd(),
      date: e(9),
      time: e(10),
      version,
      acknowledgmentRequested: e(14),
      usage: e(15),
      separators: segment.separators,
      offset: segment.offset,
      supported: version === SUPPORTED_INTERCHANGE_VERSION,
    };
    this.interchange = { header, groupCount: 0, groupControlNumbers: new Set() };
    this.handler.interchangeStart(header);
    const bad = (position: number, message: string, ta105: string, badValue?: string) =>
      this.issue(
        x12Issue(
          X12IssueCode.INVALID_ISA_VALUE,
          message,
          { offset: segment.offset, segmentId: 'ISA', elementPosition: position },
          {
            ack: { ta105 },
            ...(badValue !== undefined ? { badValue } : {}),
          },
        ),
      );
    if (!ISA_AUTHORIZATION_QUALIFIERS.includes(e(1))) bad(1, 'ISA01 is not an authorization information qualifier', '010', e(1));
    if (!ISA_SECURITY_QUALIFIERS.includes(e(3))) bad(3, 'ISA03 is not a security information qualifier', '012', e(3));
    if (!ISA_ID_QUALIFIERS.includes(e(5))) bad(5, 'ISA05 is not an interchange id qualifier', '005', e(5));
    if (e(6).trim() === '') bad(6, 'ISA06 interchange sender id is blank', '006');
    if (!ISA_ID_QUALIFIERS.includes(e(7))) bad(7, 'ISA07 is not an interchange id qualifier', '007', e(7));
    if (e(8).trim() === '') bad(8, 'ISA08 interchange receiver id is blank', '008');
    if (!isX12Date(e(9)) || e(9).length !== 6) bad(9, 'ISA09 is not a YYMMDD date', '014', e(9));
    if (!/^\d{4}$/.test(e(10)) || !isX12Time(e(10))) bad(10, 'ISA10 is not an HHMM time', '015', e(10));
    if (!/^\d{9}$/.test(e(13))) bad(13, 'ISA13 interchange control number is not 9 digits', '018', e(13));
    if (e(14) !== '0' && e(14) !== '1') bad(14, 'ISA14 acknowledgment requested must be 0 or 1', '019', e(14));
    if (!['P', 'T', 'I'].includes(e(15))) bad(15, 'ISA15 usage indicator must be P, T or I', '020', e(15));
    if (!header.supported) {
      this.issue(
        x12Issue(
          X12IssueCode.UNSUPPORTED_VERSION,
          `interchange version ISA12 ${/^\d{5}$/.test(version) ? version : '(invalid)'} is not supported; Concord reads 00501 (5010) only, so its transaction sets are not read`,
          { offset: segment.offset, segmentId: 'ISA', elementPosition: 12 },
          { badValue: version },
        ),
      );
    }
  }

  private onIea(segment: X12Segment): void {
    if (!this.interchange) {
      this.issue(
        x12Issue(X12IssueCode.DATA_OUTSIDE_INTERCHANGE, 'IEA without a preceding ISA', { offset: segment.offset, segmentId: 'IEA' }),
      );
      return;
    }
    this.closeInterchange(segment, 'IEA');
  }

  private closeInterchange(iea: X12Segment | undefined, reason: string): void {
    const interchange = this.interchange!;
    if (this.group) this.closeGroup(undefined, reason);
    const trailerFound = iea?.id === 'IEA';
    if (!trailerFound) {
      this.issue(
        x12Issue(X12IssueCode.INTERCHANGE_TRAILER_MISSING, `IEA missing: ${reason} before the interchange is closed`, {
          offset: iea?.offset ?? interchange.header.offset,
          segmentId: 'IEA',
        }),
      );
    } else {
      const declared = elementOf(iea, 1);
      if (!/^\d+$/.test(declared) || Number(declared) !== interchange.groupCount) {
        this.issue(
          x12Issue(
            X12IssueCode.INTERCHANGE_GROUP_COUNT_MISMATCH,
            `IEA01 says ${/^\d+$/.test(declared) ? declared : '(not a number)'} functional groups, the interchange has ${interchange.groupCount}`,
            { offset: iea.offset, segmentId: 'IEA', elementPosition: 1 },
          ),
        );
      }
      if (elementOf(iea, 2) !== interchange.header.controlNumber) {
        this.issue(
          x12Issue(X12IssueCode.INTERCHANGE_CONTROL_NUMBER_MISMATCH, 'IEA02 does not match the ISA13 interchange control number', {
            offset: iea.offset,
            segmentId: 'IEA',
            elementPosition: 2,
          }),
        );
      }
    }
    this.handler.interchangeEnd({ groupCount: interchange.groupCount, trailerFound });
    this.interchange = undefined;
  }

  private onGs(segment: X12Segment): void {
    if (!this.interchange) {
      this.issue(x12Issue(X12IssueCode.DATA_OUTSIDE_INTERCHANGE, 'GS outside an interchange', { offset: segment.offset, segmentId: 'GS' }));
      return;
    }
    if (this.group) this.closeGroup(segment, 'a new GS starts');
    const e = (n: number) => elementOf(segment, n);
    const version = e(8);
    const header: X12GroupHeader = {
      functionalId: e(1),
      senderCode: e(2),
      receiverCode: e(3),
      date: e(4),
      time: e(5),
      controlNumber: e(6),
      version,
      offset: segment.offset,
      guide: guideFor(version),
    };
    this.interchange.groupCount++;
    this.group = { header, transactionCount: 0, transactionControlNumbers: new Set() };
    this.handler.groupStart(header);
    const at = (position: number) => ({ offset: segment.offset, segmentId: 'GS', elementPosition: position });
    const bad = (position: number, message: string, badValue?: string) =>
      this.issue(x12Issue(X12IssueCode.INVALID_GROUP_HEADER, message, at(position), badValue !== undefined ? { badValue } : {}));
    if (!/^[A-Z]{2}$/.test(e(1))) bad(1, 'GS01 functional identifier code must be two letters', e(1));
    if (!/^.{2,15}$/.test(e(2))) bad(2, 'GS02 application sender code must be 2-15 characters');
    if (!/^.{2,15}$/.test(e(3))) bad(3, 'GS03 application receiver code must be 2-15 characters');
    if (e(4).length !== 8 || !isX12Date(e(4))) bad(4, 'GS04 is not a CCYYMMDD date', e(4));
    if (!isX12Time(e(5))) bad(5, 'GS05 is not an HHMM[SS[d..]] time', e(5));
    if (!/^\d{1,9}$/.test(e(6))) {
      this.issue(
        x12Issue(X12IssueCode.INVALID_GROUP_HEADER, 'GS06 group control number must be 1-9 digits', at(6), { ack: { ak905: '6' } }),
      );
    } else if (this.interchange.groupControlNumbers.has(e(6))) {
      this.issue(x12Issue(X12IssueCode.DUPLICATE_GROUP_CONTROL_NUMBER, 'GS06 repeats a group control number of this interchange', at(6)));
    }
    this.interchange.groupControlNumbers.add(e(6));
    if (e(7) !== 'X') bad(7, 'GS07 responsible agency code must be X', e(7));
    if (this.interchange.header.supported) {
      if (!header.guide) {
        this.issue(
          x12Issue(
            X12IssueCode.UNSUPPORTED_GUIDE_VERSION,
            `GS08 ${/^[0-9A-Z]{1,12}$/.test(version) ? version : '(invalid)'} is not an implementation guide Concord reads`,
            at(8),
            { badValue: version },
          ),
        );
      } else if (header.guide.version !== header.guide.currentVersion) {
        this.issue(
          x12Issue(
            X12IssueCode.EARLIER_GUIDE_RELEASE,
            `GS08 ${version} is an earlier release of ${header.guide.currentVersion}; read as ${header.guide.currentVersion}`,
            at(8),
            { severity: 'warning', badValue: version },
          ),
        );
      }
    }
  }

  private onGe(segment: X12Segment): void {
    if (!this.group) {
      this.issue(x12Issue(X12IssueCode.SEGMENT_OUTSIDE_GROUP, 'GE without a preceding GS', { offset: segment.offset, segmentId: 'GE' }));
      return;
    }
    this.closeGroup(segment, 'GE');
  }

  private closeGroup(ge: X12Segment | undefined, reason: string): void {
    const group = this.group!;
    if (this.transaction) this.closeTransaction(undefined, reason);
    const trailerFound = ge?.id === 'GE';
    let declared: number | undefined;
    if (!trailerFound) {
      this.issue(
        x12Issue(X12IssueCode.GROUP_TRAILER_MISSING, `GE missing: ${reason} before the functional group is closed`, {
          offset: ge?.offset ?? group.header.offset,
          segmentId: 'GE',
        }),
      );
    } else {
      const text = elementOf(ge, 1);
      declared = /^\d+$/.test(text) ? Number(text) : undefined;
      if (declared !== group.transactionCount) {
        this.issue(
          x12Issue(
            X12IssueCode.GROUP_TRANSACTION_COUNT_MISMATCH,
            `GE01 says ${declared ?? '(not a number)'} transaction sets, the group has ${group.transactionCount}`,
            { offset: ge.offset, segmentId: 'GE', elementPosition: 1 },
          ),
        );
      }
      if (elementOf(ge, 2) !== group.header.controlNumber) {
        this.issue(
          x12Issue(X12IssueCode.GROUP_CONTROL_NUMBER_MISMATCH, 'GE02 does not match the GS06 group control number', {
            offset: ge.offset,
            segmentId: 'GE',
            elementPosition: 2,
          }),
        );
      }
    }
    this.handler.groupEnd({ transactionCount: group.transactionCount, declaredTransactionCount: declared, trailerFound });
    this.group = undefined;
  }

  private onSt(segment: X12Segment): void {
    if (!this.group) {
      this.issue(
        x12Issue(X12IssueCode.TRANSACTION_NOT_IN_GROUP, 'ST outside a functional group (no GS before it)', {
          offset: segment.offset,
          segmentId: 'ST',
        }),
      );
      return;
    }
    if (this.transaction) this.closeTransaction(segment, 'a new ST starts');
    const header: X12TransactionHeader = {
      id: elementOf(segment, 1),
      controlNumber: elementOf(segment, 2),
      implementationReference: segment.elements[3] || undefined,
      offset: segment.offset,
    };
    this.group.transactionCount++;
    this.transaction = { header, count: 1 };
    this.handler.transactionStart(header);
    const at = (position: number) => ({ offset: segment.offset, segmentPosition: 1, segmentId: 'ST', elementPosition: position });
    if (!/^\d{3}$/.test(header.id)) {
      this.issue(
        x12Issue(X12IssueCode.UNSUPPORTED_TRANSACTION_SET, 'ST01 is not a transaction set identifier', at(1), { ack: { ik502: '6' } }),
      );
    } else {
      const expected = FUNCTIONAL_ID_BY_TRANSACTION_SET[header.id];
      if (expected !== undefined && expected !== this.group.header.functionalId && /^[A-Z]{2}$/.test(this.group.header.functionalId)) {
        this.issue(
          x12Issue(
            X12IssueCode.TRANSACTION_NOT_IN_GROUP,
            `transaction set ${header.id} belongs in a ${expected} functional group, not ${this.group.header.functionalId}`,
            at(1),
            { badValue: header.id },
          ),
        );
      }
    }
    if (!/^[0-9A-Za-z]{4,9}$/.test(header.controlNumber)) {
      this.issue(
        x12Issue(X12IssueCode.INVALID_TRANSACTION_CONTROL_NUMBER, 'ST02 transaction set control number must be 4-9 characters', at(2)),
      );
    } else if (this.group.transactionControlNumbers.has(header.controlNumber)) {
      this.issue(
        x12Issue(X12IssueCode.DUPLICATE_TRANSACTION_CONTROL_NUMBER, 'ST02 repeats a control number of this functional group', at(2)),
      );
    }
    this.group.transactionControlNumbers.add(header.controlNumber);
    if (header.implementationReference !== undefined && header.implementationReference !== this.group.header.version) {
      this.issue(
        x12Issue(X12IssueCode.GUIDE_VERSION_MISMATCH, 'ST03 implementation convention reference differs from GS08', at(3), {
          badValue: header.implementationReference,
        }),
      );
    }
  }

  private onSe(segment: X12Segment): void {
    if (!this.transaction) {
      this.issue(
        x12Issue(X12IssueCode.SEGMENT_OUTSIDE_TRANSACTION, 'SE without a preceding ST', { offset: segment.offset, segmentId: 'SE' }),
      );
      return;
    }
    this.closeTransaction(segment, 'SE');
  }

  private closeTransaction(se: X12Segment | undefined, reason: string): void {
    const transaction = this.transaction!;
    const trailerFound = se?.id === 'SE';
    const trailerPosition = transaction.count + 1;
    if (!trailerFound) {
      this.issue(
        x12Issue(X12IssueCode.TRANSACTION_TRAILER_MISSING, `SE missing: ${reason} before the transaction set is closed`, {
          offset: se?.offset ?? transaction.header.offset,
          segmentId: 'SE',
          segmentPosition: trailerPosition,
        }),
      );
    } else {
      const at = (position: number) => ({
        offset: se.offset,
        segmentPosition: trailerPosition,
        segmentId: 'SE',
        elementPosition: position,
      });
      const declared = elementOf(se, 1);
      if (!/^\d+$/.test(declared) || Number(declared) !== trailerPosition) {
        this.issue(
          x12Issue(
            X12IssueCode.SEGMENT_COUNT_MISMATCH,
            `SE01 says ${/^\d+$/.test(declared) ? declared : '(not a number)'} segments, the transaction set has ${trailerPosition} (ST to SE)`,
            at(1),
          ),
        );
      }
      if (elementOf(se, 2) !== transaction.header.controlNumber) {
        this.issue(
          x12Issue(X12IssueCode.TRANSACTION_CONTROL_NUMBER_MISMATCH, 'SE02 does not match the ST02 transaction set control number', at(2)),
        );
      }
    }
    this.handler.transactionEnd({ segmentCount: trailerPosition, trailerFound, trailerPosition });
    this.transaction = undefined;
  }

  private onBody(segment: X12Segment): void {
    if (this.transaction) {
      this.transaction.count++;
      this.handler.transactionSegment(segment, this.transaction.count);
      return;
    }
    if (!this.interchange) {
      this.issue(
        x12Issue(X12IssueCode.DATA_OUTSIDE_INTERCHANGE, 'segment outside any interchange', {
          offset: segment.offset,
          segmentId: safeId(segment.id),
        }),
      );
    } else if (!this.group) {
      if (segment.id === 'TA1') this.handler.interchangeAcknowledgement(segment);
      else
        this.issue(
          x12Issue(X12IssueCode.SEGMENT_OUTSIDE_GROUP, `segment ${safeId(segment.id)} between ISA and GS, outside any functional group`, {
            offset: segment.offset,
            segmentId: safeId(segment.id),
          }),
        );
    } else {
      this.issue(
        x12Issue(X12IssueCode.SEGMENT_OUTSIDE_TRANSACTION, `segment ${safeId(segment.id)} between GS and ST, outside any transaction set`, {
          offset: segment.offset,
          segmentId: safeId(segment.id),
        }),
      );
    }
  }
}

/**
 * A segment id fit to quote in a message or an IK301: an id as it is; otherwise (it could be patient
 * data) its first letters and digits, at most three, upper-cased, or UNK.
 */
export function safeId(id: string): string {
  if (/^[A-Z][A-Z0-9]{1,2}$/.test(id)) return id;
  const letters = id
    .replace(/[^A-Za-z0-9]/g, '')
    .slice(0, 3)
    .toUpperCase();
  return letters.length >= 2 ? letters : 'UNK';
}
