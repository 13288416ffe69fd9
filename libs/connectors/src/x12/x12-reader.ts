import type { ClaimDto, ClaimPaymentDto, RemittanceDto } from '@concord/contracts';
import {
  X12EnvelopeReader,
  type X12EnvelopeHandler,
  type X12GroupEnd,
  type X12GroupHeader,
  type X12InterchangeEnd,
  type X12InterchangeHeader,
  type X12TransactionEnd,
  type X12TransactionHeader,
} from './x12-envelope';
import { transactionKindOf, type X12TransactionKind } from './x12-guides';
import { hasX12Errors, x12Issue, X12IssueCode, type X12ValidationIssue } from './x12-issue';
import type { X12Segment } from './x12-segment';
import { X12Tokenizer } from './x12-tokenizer';
import { elementOf } from './x12-segment';
import { createTransactionReader, type TransactionContentHooks, type X12TransactionContent } from './x12-transaction-readers';
import type { TransactionReader } from './loops/transaction-reader';

/** A TA1 interchange acknowledgement found in an interchange. */
export interface InterchangeAcknowledgement {
  controlNumber: string;
  date: string;
  time: string;
  /** TA104: A accepted, E accepted with errors, R rejected. */
  status: string;
  /** TA105 note code. */
  noteCode: string;
}

export interface X12TransactionSet {
  header: X12TransactionHeader;
  /** What the set was read as; undefined when it could not be (unsupported, or its interchange or group is). */
  kind: X12TransactionKind | undefined;
  segmentCount: number;
  trailerFound: boolean;
  content: X12TransactionContent | undefined;
  /** Issues inside this transaction set (ST to SE). */
  issues: X12ValidationIssue[];
}

export interface X12FunctionalGroup {
  header: X12GroupHeader;
  transactionSets: X12TransactionSet[];
  trailerFound: boolean;
  declaredTransactionCount: number | undefined;
  /** Issues of the group itself (GS, GE, segments between sets). */
  issues: X12ValidationIssue[];
}

export interface X12Interchange {
  header: X12InterchangeHeader;
  groups: X12FunctionalGroup[];
  interchangeAcknowledgements: InterchangeAcknowledgement[];
  trailerFound: boolean;
  groupCount: number;
  /** Issues of the interchange itself (ISA, IEA, segments outside groups). */
  issues: X12ValidationIssue[];
}

/** Everything read from an input: its interchanges and every issue, in input order. */
export interface X12ReadResult {
  interchanges: X12Interchange[];
  /** All issues, including those outside any interchange (text that is not X12). */
  issues: X12ValidationIssue[];
  /** No error-level issue anywhere. */
  valid: boolean;
}

/** Events of a streamed read, in input order; claims and claim payments come one by one. */
export type X12StreamEvent =
  | { type: 'interchange-start'; header: X12InterchangeHeader }
  | { type: 'group-start'; header: X12GroupHeader }
  | { type: 'transaction-start'; header: X12TransactionHeader; kind: X12TransactionKind | undefined }
  | { type: 'claim'; claim: ClaimDto }
  | { type: 'remittance-header'; remittance: RemittanceDto }
  | { type: 'claim-payment'; claimPayment: ClaimPaymentDto }
  | { type: 'transaction-end'; transactionSet: X12TransactionSet }
  | { type: 'group-end'; end: X12GroupEnd }
  | { type: 'interchange-end'; end: X12InterchangeEnd }
  | { type: 'issue'; issue: X12ValidationIssue };

interface OpenTransaction {
  set: X12TransactionSet;
  reader: TransactionReader<X12TransactionContent> | undefined;
}

/**
 * Routes the envelope's events: picks a loop reader per transaction set from ST01 and the guide
 * version, buckets issues into the innermost open envelope, and either keeps everything (readX12) or
 * hands claims and claim payments out one by one (streamX12), keeping nothing but the current loop.
 */
class X12Dispatcher implements X12EnvelopeHandler {
  readonly result: X12ReadResult = { interchanges: [], issues: [], valid: true };
  private interchange: X12Interchange | undefined;
  private group: X12FunctionalGroup | undefined;
  private transaction: OpenTransaction | undefined;

  constructor(private readonly streaming: ((event: X12StreamEvent) => void) | undefined) {}

  issue(issue: X12ValidationIssue): void {
    if (issue.severity === 'error') this.result.valid = false;
    if (this.streaming) {
      this.streaming({ type: 'issue', issue });
      return;
    }
    this.result.issues.push(issue);
    (this.transaction?.set.issues ?? this.group?.issues ?? this.interchange?.issues)?.push(issue);
  }

  interchangeStart(header: X12InterchangeHeader): void {
    this.interchange = { header, groups: [], interchangeAcknowledgements: [], trailerFound: false, groupCount: 0, issues: [] };
    if (this.streaming) this.streaming({ type: 'interchange-start', header });
    else this.result.interchanges.push(this.interchange);
  }

  interchangeAcknowledgement(segment: X12Segment): void {
    this.interchange?.interchangeAcknowledgements.push({
      controlNumber: elementOf(segment, 1),
      date: elementOf(segment, 2),
      time: elementOf(segment, 3),
      status: elementOf(segment, 4),
      noteCode: elementOf(segment, 5),
    });
  }

  groupStart(header: X12GroupHeader): void {
    this.group = { header, transactionSets: [], trailerFound: false, declaredTransactionCount: undefined, issues: [] };
    if (this.streaming) this.streaming({ type: 'group-start', header });
    else this.interchange?.groups.push(this.group);
  }

  transactionStart(header: X12TransactionHeader): void {
    const set: X12TransactionSet = { header, kind: undefined, segmentCount: 0, trailerFound: false, content: undefined, issues: [] };
    this.transaction = { set, reader: undefined };
    if (!this.streaming) this.group?.transactionSets.push(set);
    const guide = this.group?.header.guide;
    if (this.interchange?.header.supported && guide) {
      const kind = transactionKindOf(header.id, guide);
      if (kind === undefined) {
        this.issue(
          x12Issue(
            X12IssueCode.UNSUPPORTED_TRANSACTION_SET,
            `transaction set ${/^\d{3}$/.test(header.id) ? header.id : '(invalid id)'} does not belong to guide ${guide.version}`,
            { offset: header.offset, segmentPosition: 1, segmentId: 'ST', elementPosition: 1 },
          ),
        );
      } else {
        set.kind = kind;
        this.transaction.reader = createTransactionReader(kind, (issue) => this.issue(issue), this.hooks());
      }
    }
    if (this.streaming) this.streaming({ type: 'transaction-start', header, kind: set.kind });
  }

  private hooks(): TransactionContentHooks | undefined {
    const emit = this.streaming;
    if (!emit) return undefined;
    return {
      onClaim: (claim) => emit({ type: 'claim', claim }),
      onClaimPayment: (claimPayment) => emit({ type: 'claim-payment', claimPayment }),
      onRemittanceHeader: (remittance) => emit({ type: 'remittance-header', remittance }),
    };
  }

  transactionSegment(segment: X12Segment, position: number): void {
    this.transaction?.reader?.segment(segment, position);
  }

  transactionEnd(end: X12TransactionEnd): void {
    const open = this.transaction;
    if (!open) return;
    open.set.segmentCount = end.segmentCount;
    open.set.trailerFound = end.trailerFound;
    open.set.content = open.reader?.end(end);
    this.transaction = undefined;
    if (this.streaming) this.streaming({ type: 'transaction-end', transactionSet: open.set });
  }

  groupEnd(end: X12GroupEnd): void {
    if (this.group) {
      this.group.trailerFound = end.trailerFound;
      this.group.declaredTransactionCount = end.declaredTransactionCount;
    }
    this.group = undefined;
    if (this.streaming) this.streaming({ type: 'group-end', end });
  }

  interchangeEnd(end: X12InterchangeEnd): void {
    if (this.interchange) {
      this.interchange.trailerFound = end.trailerFound;
      this.interchange.groupCount = end.groupCount;
    }
    this.interchange = undefined;
    if (this.streaming) this.streaming({ type: 'interchange-end', end });
  }
}

function pipeline(streaming?: (event: X12StreamEvent) => void): {
  tokenizer: X12Tokenizer;
  envelope: X12EnvelopeReader;
  dispatcher: X12Dispatcher;
} {
  const dispatcher = new X12Dispatcher(streaming);
  const envelope = new X12EnvelopeReader(dispatcher);
  const tokenizer = new X12Tokenizer(envelope);
  return { tokenizer, envelope, dispatcher };
}

/**
 * Reads a whole input (one or more interchanges): envelopes, every supported transaction set into
 * its canonical content, and every issue of SNIP levels 1–4. Never throws on bad input.
 */
export function readX12(input: string | Uint8Array): X12ReadResult {
  const { tokenizer, envelope, dispatcher } = pipeline();
  tokenizer.write(input);
  tokenizer.end();
  envelope.end();
  dispatcher.result.valid = !hasX12Errors(dispatcher.result.issues);
  return dispatcher.result;
}

/**
 * Reads an input as it arrives (a Node Readable, or any async iterable of chunks) and yields events:
 * claims of an 837 and claim payments of an 835 one at a time, and issues as they are found. Memory
 * stays bounded by the largest segment, one claim (or claim payment) loop and the chunk size — not by
 * the input: the transaction-end event carries the content without the claims already yielded.
 */
export async function* streamX12(
  source: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>,
): AsyncGenerator<X12StreamEvent> {
  const queue: X12StreamEvent[] = [];
  const { tokenizer, envelope } = pipeline((event) => queue.push(event));
  for await (const chunk of source) {
    tokenizer.write(chunk);
    while (queue.length) yield queue.shift()!;
  }
  tokenizer.end();
  envelope.end();
  while (queue.length) yield queue.shift()!;
}
