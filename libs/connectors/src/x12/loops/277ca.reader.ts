import {
  type ClaimAcknowledgementDto,
  type ClaimAcknowledgementItemDto,
  type ClaimAcknowledgementOutcome,
  type ClaimStatusCodeDto,
  isValidNpi,
  usd,
} from '@concord/contracts';
import type { X12TransactionEnd } from '../x12-envelope';
import { X12IssueCode } from '../x12-issue';
import { componentsOf, elementOf, type X12Segment } from '../x12-segment';
import { el, segmentRule } from '../snip-validator';
import { type IssueSink, LoopReporter, readDatePeriod, type TransactionReader } from './transaction-reader';

/** What a 277CA transaction set holds. */
export interface ClaimAckContent {
  kind: '277CA';
  acknowledgement: ClaimAcknowledgementDto;
}

const { an, id, r, dt, tm, composite } = el;
const S = { usage: 'S' as const };

const BHT = segmentRule('BHT', {
  1: id(['0085'], 4, 4, { ref: 1005 }),
  2: id(['08'], 2, 2, { ref: 353 }),
  3: an(1, 50, { ref: 127 }),
  4: dt(8, { ref: 373 }),
  5: tm(4, 8, { ref: 337 }),
  6: id(['TH'], 2, 2, { ref: 640 }),
});
const HL = segmentRule('HL', {
  1: an(1, 12, { ref: 628 }),
  2: an(1, 12, { ...S, ref: 734 }),
  3: id(['20', '21', '19', 'PT'], 1, 2, { ref: 735 }),
  4: id(['0', '1'], 1, 1, { ...S, ref: 736 }),
});
const STATUS_COMPOSITE = (usage: 'R' | 'S') =>
  composite(usage, [
    an(1, 30, { ref: 1271 }),
    an(1, 30, { ref: 1271 }),
    id(undefined, 2, 3, { ...S, ref: 98 }),
    an(1, 3, { ...S, ref: 1270 }),
  ]);
const STC = segmentRule('STC', {
  1: STATUS_COMPOSITE('R'),
  2: dt(8, { ref: 373 }),
  3: id(['WQ', 'U'], 1, 2, { ...S, ref: 306 }),
  4: r(1, 18, { ...S, ref: 782 }),
  10: STATUS_COMPOSITE('S'),
  11: STATUS_COMPOSITE('S'),
  12: an(1, 264, { ...S, ref: 933 }),
});
const TRN = segmentRule('TRN', { 1: id(['1', '2'], 1, 2, { ref: 481 }), 2: an(1, 50, { ref: 127 }) });

const ACCEPTED = new Set(['A2', 'A5']);
const REJECTED = new Set(['A3', 'A4', 'A6', 'A7', 'A8']);

/** Whether a set of STC statuses accepts, rejects or only acknowledges a claim. */
export function claimAcknowledgementOutcome(statuses: readonly ClaimStatusCodeDto[]): ClaimAcknowledgementOutcome {
  if (statuses.some((s) => REJECTED.has(s.categoryCode))) return 'rejected';
  if (statuses.some((s) => ACCEPTED.has(s.categoryCode))) return 'accepted';
  return 'pending';
}

type Level = 'HEADER' | '2000A' | '2000B' | '2000C' | '2000D' | '2220D';

/** Reads a 277CA claim acknowledgement (005010X214): the outcome of each claim (loop 2200D). */
export class ClaimAckReader implements TransactionReader<ClaimAckContent> {
  private readonly report: LoopReporter;
  private level: Level = 'HEADER';
  private hasBht = false;
  private hlCount = 0;
  private readonly hlLevels = new Map<string, string>();
  private readonly ack: ClaimAcknowledgementDto = { sourceName: '', claims: [] };
  private providerNpi: string | undefined;
  private providerName: string | undefined;
  private claim: { item: ClaimAcknowledgementItemDto; position: number; hasTrn: boolean; hasStc: boolean } | undefined;

  constructor(sink: IssueSink) {
    this.report = new LoopReporter(sink);
  }

  private loopId(): string {
    switch (this.level) {
      case 'HEADER':
        return 'HEADER';
      case '2000A':
        return '2100A';
      case '2000B':
        return '2200B';
      case '2000C':
        return '2200C';
      case '2000D':
        return '2200D';
      case '2220D':
        return '2220D';
    }
  }

  segment(segment: X12Segment, position: number): void {
    switch (segment.id) {
      case 'BHT':
        if (this.hasBht || this.level !== 'HEADER') return this.report.unexpected(segment, position, this.loopId());
        this.hasBht = true;
        return this.report.elements(segment, position, 'HEADER', BHT);
      case 'HL':
        return this.onHl(segment, position);
      case 'NM1':
        return this.onNm1(segment, position);
      case 'TRN':
        if (this.level === 'HEADER') return this.report.unexpected(segment, position, 'HEADER');
        this.report.elements(segment, position, this.loopId(), TRN);
        if (this.level === '2000D' && this.claim) {
          this.claim.hasTrn = true;
          this.claim.item.patientControlNumber = elementOf(segment, 2);
        }
        return;
      case 'STC':
        return this.onStc(segment, position);
      case 'REF':
        if (this.level === '2000D' && this.claim && elementOf(segment, 1) === '1K')
          this.claim.item.payerClaimControlNumber = elementOf(segment, 2);
        return;
      case 'DTP': {
        const period = readDatePeriod(elementOf(segment, 2), elementOf(segment, 3));
        if (!period) {
          this.report.element(X12IssueCode.INVALID_DATE, segment, position, this.loopId(), 3, 'DTP03 is not a valid date or period', {
            elementReference: 1251,
          });
          return;
        }
        if (this.level === '2000A' && elementOf(segment, 1) === '050') this.ack.receiptDate = period.start;
        if (this.level === '2000D' && this.claim && elementOf(segment, 1) === '472') this.claim.item.serviceDate = period.start;
        return;
      }
      case 'SVC':
        if (this.level !== '2000D' && this.level !== '2220D') return this.report.unexpected(segment, position, this.loopId());
        this.level = '2220D';
        return;
      case 'QTY':
      case 'AMT':
      case 'PER':
        return;
      default:
        return this.report.unexpected(segment, position, this.loopId());
    }
  }

  private onHl(segment: X12Segment, position: number): void {
    this.closeClaim(position);
    this.report.elements(segment, position, 'HL', HL);
    const id = elementOf(segment, 1);
    const parent = elementOf(segment, 2);
    const code = elementOf(segment, 3);
    this.hlCount++;
    const level: Level = code === '20' ? '2000A' : code === '21' ? '2000B' : code === '19' ? '2000C' : code === 'PT' ? '2000D' : this.level;
    if (id !== String(this.hlCount))
      this.report.element(
        X12IssueCode.HL_STRUCTURE,
        segment,
        position,
        level,
        1,
        `HL01 should be ${this.hlCount}: hierarchical ids count up from 1`,
        { elementReference: 628 },
      );
    const expectedParent = code === '21' ? '20' : code === '19' ? '21' : code === 'PT' ? '19' : undefined;
    if (expectedParent !== undefined && this.hlLevels.get(parent) !== expectedParent) {
      this.report.element(
        X12IssueCode.HL_STRUCTURE,
        segment,
        position,
        level,
        2,
        `HL02 must point at a preceding level ${expectedParent} HL`,
        { elementReference: 734 },
      );
    }
    this.hlLevels.set(id, code);
    this.level = level;
    if (level === '2000C') {
      this.providerNpi = undefined;
      this.providerName = undefined;
    }
    if (level === '2000D') {
      this.claim = {
        item: {
          patientControlNumber: '',
          outcome: 'pending',
          statuses: [],
          ...(this.providerNpi ? { billingProviderNpi: this.providerNpi } : {}),
          ...(this.providerName ? { billingProviderName: this.providerName } : {}),
        },
        position,
        hasTrn: false,
        hasStc: false,
      };
    }
  }

  private onNm1(segment: X12Segment, position: number): void {
    const entity = elementOf(segment, 1);
    const loop = this.level === '2000A' ? '2100A' : this.level === '2000B' ? '2100B' : this.level === '2000C' ? '2100C' : '2100D';
    if (this.level === '2000A' && (entity === 'PR' || entity === 'AY')) {
      this.ack.sourceName = elementOf(segment, 3);
      if (elementOf(segment, 9)) this.ack.sourceId = elementOf(segment, 9);
      return;
    }
    if (this.level === '2000B' && entity === '41') return;
    if (this.level === '2000C' && entity === '85') {
      this.providerName = elementOf(segment, 3);
      if (elementOf(segment, 8) === 'XX') {
        this.providerNpi = elementOf(segment, 9);
        if (!isValidNpi(this.providerNpi))
          this.report.element(
            X12IssueCode.INVALID_NPI,
            segment,
            position,
            loop,
            9,
            'NM109 is not a valid NPI (10 digits with a Luhn check digit under prefix 80840)',
            { elementReference: 67 },
          );
      }
      return;
    }
    if (this.level === '2000D' && entity === 'QC' && this.claim) {
      const family = elementOf(segment, 3);
      const given = [elementOf(segment, 4), elementOf(segment, 5)].filter((n) => n !== '');
      if (family || given.length) this.claim.item.patientName = { family, given };
      if (elementOf(segment, 8) === 'MI' && elementOf(segment, 9)) this.claim.item.patientMemberId = elementOf(segment, 9);
      return;
    }
    this.report.unexpected(segment, position, loop);
  }

  private onStc(segment: X12Segment, position: number): void {
    if (this.level === 'HEADER' || this.level === '2000A') return this.report.unexpected(segment, position, this.loopId());
    this.report.elements(segment, position, this.loopId(), STC);
    if (this.level !== '2000D' || !this.claim) return;
    const { item } = this.claim;
    this.claim.hasStc = true;
    for (const elementPosition of [1, 10, 11]) {
      const [categoryCode = '', statusCode = '', entityCode = ''] = componentsOf(segment, elementPosition);
      if (categoryCode === '') continue;
      item.statuses.push({ categoryCode, statusCode, ...(entityCode ? { entityCode } : {}) });
    }
    const date = readDatePeriod('D8', elementOf(segment, 2));
    if (date && item.statusDate === undefined) item.statusDate = date.start;
    const total = this.report.amount(segment, position, '2200D', 4);
    if (total !== undefined && item.totalCharge === undefined) item.totalCharge = usd(total);
  }

  private closeClaim(position: number): void {
    const claim = this.claim;
    if (!claim) return;
    if (!claim.hasTrn)
      this.report.missing(
        X12IssueCode.REQUIRED_SEGMENT_MISSING,
        'TRN',
        position,
        '2200D',
        'claim status tracking number (TRN*2) is required',
      );
    if (!claim.hasStc)
      this.report.missing(
        X12IssueCode.REQUIRED_SEGMENT_MISSING,
        'STC',
        position,
        '2200D',
        'claim level status information (STC) is required',
      );
    claim.item.outcome = claimAcknowledgementOutcome(claim.item.statuses);
    this.ack.claims.push(claim.item);
    this.claim = undefined;
  }

  end(end: X12TransactionEnd): ClaimAckContent {
    this.closeClaim(end.trailerPosition);
    if (!this.hasBht)
      this.report.missing(
        X12IssueCode.REQUIRED_SEGMENT_MISSING,
        'BHT',
        2,
        'HEADER',
        'BHT beginning of hierarchical transaction is required',
      );
    if (this.hlCount === 0)
      this.report.missing(
        X12IssueCode.REQUIRED_SEGMENT_MISSING,
        'HL',
        end.trailerPosition,
        '2000A',
        'information source level (HL*20) is required',
      );
    return { kind: '277CA', acknowledgement: this.ack };
  }
}
