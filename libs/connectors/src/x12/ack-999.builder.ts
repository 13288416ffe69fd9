import type { X12ValidationIssue } from './x12-issue';
import type { X12FunctionalGroup, X12Interchange, X12ReadResult, X12TransactionSet } from './x12-reader';
import type {
  AcknowledgementStatus,
  ElementErrorAck,
  FunctionalAcknowledgement,
  InterchangeAck,
  SegmentErrorAck,
  TransactionSetAck,
} from './ack-999.model';

/** Which issues a 999 reports: errors always; warnings that name a segment make the set "accepted with errors noted". */
export interface AcknowledgementOptions {
  /** Report only issues up to this SNIP level (a clearinghouse may leave balancing to the payer); 4 by default. */
  maxSnipLevel?: 1 | 2 | 3 | 4;
}

const MAX_CODES = 5;

function reportable(issue: X12ValidationIssue, options: AcknowledgementOptions): boolean {
  return issue.snip <= (options.maxSnipLevel ?? 4);
}

/** Groups a transaction set's segment and element issues into IK3/IK4 loops, in segment order. */
function segmentErrors(issues: readonly X12ValidationIssue[]): SegmentErrorAck[] {
  const byKey = new Map<string, SegmentErrorAck>();
  for (const issue of issues) {
    const { ik304, ik403 } = issue.ack;
    const position = issue.location.segmentPosition;
    if (ik304 === undefined || position === undefined) continue;
    const segmentId = issue.location.segmentId ?? '';
    const key = `${position}|${segmentId}|${ik304}`;
    let ack = byKey.get(key);
    if (!ack) {
      const loopId = issue.location.loopId && /^\d{4}/.test(issue.location.loopId) ? issue.location.loopId.slice(0, 4) : undefined;
      ack = { segmentId, position, ...(loopId ? { loopId } : {}), code: ik304, elementErrors: [] };
      byKey.set(key, ack);
    }
    const elementPosition = issue.location.elementPosition;
    if (ik403 !== undefined && elementPosition !== undefined) {
      const element: ElementErrorAck = {
        position: elementPosition,
        ...(issue.location.componentPosition !== undefined ? { componentPosition: issue.location.componentPosition } : {}),
        ...(issue.location.repetitionPosition !== undefined ? { repetitionPosition: issue.location.repetitionPosition } : {}),
        ...(issue.location.elementReference !== undefined ? { reference: issue.location.elementReference } : {}),
        code: ik403,
        ...(issue.badValue !== undefined ? { badValue: issue.badValue.slice(0, 99) } : {}),
      };
      if (
        !ack.elementErrors.some(
          (e) => e.position === element.position && e.componentPosition === element.componentPosition && e.code === element.code,
        )
      ) {
        ack.elementErrors.push(element);
      }
    }
  }
  return [...byKey.values()].sort((a, b) => a.position - b.position);
}

/** The AK2 … IK5 of one transaction set. */
export function acknowledgeTransactionSet(
  set: X12TransactionSet,
  group: X12FunctionalGroup,
  options: AcknowledgementOptions = {},
): TransactionSetAck {
  const issues = set.issues.filter((i) => reportable(i, options));
  const errors = issues.filter((i) => i.severity === 'error');
  const codes: string[] = [];
  const addCode = (code: string | undefined) => {
    if (code !== undefined && !codes.includes(code) && codes.length < MAX_CODES) codes.push(code);
  };
  for (const issue of errors) addCode(issue.ack.ik502);
  // A set in a group whose guide Concord does not implement was never read: say so.
  if (set.kind === undefined && group.header.guide === undefined && codes.length === 0) addCode('I6');
  const errorSegments = segmentErrors(errors);
  const noted = segmentErrors(issues.filter((i) => i.severity === 'warning'));
  if (errorSegments.length) addCode('5');
  const rejected = codes.length > 0 || errorSegments.length > 0 || (set.kind === undefined && group.header.guide === undefined);
  const status: AcknowledgementStatus = rejected ? 'R' : noted.length ? 'E' : 'A';
  if (status === 'E') addCode('5');
  return {
    transactionSetId: set.header.id,
    controlNumber: set.header.controlNumber,
    ...(set.header.implementationReference !== undefined ? { implementationReference: set.header.implementationReference } : {}),
    segmentErrors: rejected ? errorSegments : noted,
    status,
    errorCodes: status === 'A' ? [] : codes,
  };
}

/** The 999 of one functional group: every transaction set's outcome and the group's own. */
export function acknowledgeGroup(group: X12FunctionalGroup, options: AcknowledgementOptions = {}): FunctionalAcknowledgement {
  const transactionSets = group.transactionSets.map((set) => acknowledgeTransactionSet(set, group, options));
  const groupCodes: string[] = [];
  for (const issue of group.issues) {
    if (
      issue.severity === 'error' &&
      reportable(issue, options) &&
      issue.ack.ak905 !== undefined &&
      !groupCodes.includes(issue.ack.ak905) &&
      groupCodes.length < MAX_CODES
    ) {
      groupCodes.push(issue.ack.ak905);
    }
  }
  const received = transactionSets.length;
  const accepted = transactionSets.filter((t) => t.status === 'A' || t.status === 'E').length;
  const status: AcknowledgementStatus =
    groupCodes.length > 0 || accepted === 0 ? 'R' : accepted < received ? 'P' : transactionSets.some((t) => t.status === 'E') ? 'E' : 'A';
  return {
    functionalId: group.header.functionalId,
    groupControlNumber: group.header.controlNumber,
    ...(group.header.version ? { version: group.header.version } : {}),
    transactionSets,
    status: received === 0 && groupCodes.length === 0 ? 'R' : status,
    includedCount: group.declaredTransactionCount ?? received,
    receivedCount: received,
    acceptedCount: accepted,
    groupErrorCodes: groupCodes,
  };
}

/** Every issue of an interchange, wherever it was bucketed. */
function allIssues(interchange: X12Interchange): X12ValidationIssue[] {
  return [...interchange.issues, ...interchange.groups.flatMap((g) => [...g.issues, ...g.transactionSets.flatMap((t) => t.issues)])];
}

/**
 * The TA1 of an interchange: rejected (R) with the first envelope error's note code when the ISA/IEA
 * or the content between groups is wrong, accepted (A, note 000) otherwise.
 */
export function acknowledgeInterchange(interchange: X12Interchange): InterchangeAck {
  const envelopeErrors = allIssues(interchange).filter((i) => i.severity === 'error' && i.ack.ta105 !== undefined);
  const first = envelopeErrors[0];
  return {
    controlNumber: interchange.header.controlNumber,
    date: interchange.header.date,
    time: interchange.header.time,
    status: first ? 'R' : 'A',
    noteCode: first?.ack.ta105 ?? '000',
  };
}

/** Whether an interchange's envelope needs a TA1: it asked for one (ISA14 = 1) or its envelope is in error. */
export function needsInterchangeAck(interchange: X12Interchange): boolean {
  return interchange.header.acknowledgmentRequested === '1' || acknowledgeInterchange(interchange).status !== 'A';
}

/** What an acknowledgement of a whole read says: TA1s and 999s per interchange. */
export interface X12Acknowledgements {
  interchanges: { interchange: X12Interchange; ta1: InterchangeAck | undefined; functionalAcknowledgements: FunctionalAcknowledgement[] }[];
  /** Issues outside any interchange (the input, or part of it, is not X12): no TA1 can name them. */
  unacknowledgeable: X12ValidationIssue[];
}

/** Builds the TA1s and 999s that answer a read. */
export function buildAcknowledgements(read: X12ReadResult, options: AcknowledgementOptions = {}): X12Acknowledgements {
  const inside = new Set(read.interchanges.flatMap(allIssues));
  return {
    interchanges: read.interchanges.map((interchange) => ({
      interchange,
      ta1: needsInterchangeAck(interchange) ? acknowledgeInterchange(interchange) : undefined,
      // An interchange in a version Concord does not read gets a TA1 only: its groups were not read.
      functionalAcknowledgements: interchange.header.supported ? interchange.groups.map((g) => acknowledgeGroup(g, options)) : [],
    })),
    unacknowledgeable: read.issues.filter((i) => !inside.has(i)),
  };
}
