import {
  ADJUSTMENT_GROUP_CODES,
  type AdjustmentDto,
  type AdjustmentGroupCode,
  type ClaimPaymentDto,
  CodeSystem,
  isValidNpi,
  type ProviderAdjustmentDto,
  type RemittanceDto,
  type ServicePaymentDto,
  usd,
} from '@concord/contracts';
import type { X12TransactionEnd } from '../x12-envelope';
import { X12IssueCode } from '../x12-issue';
import { componentsOf, elementOf, type X12Segment } from '../x12-segment';
import { dateFromX12, isX12Date, parseDecimal } from '../x12-values';
import { procedureCoding } from './837.reader';
import * as rules from './835-rules';
import { type IssueSink, LoopReporter, type TransactionReader } from './transaction-reader';

/** What an 835 transaction set holds. With streaming hooks, `claimPayments` stays empty. */
export interface RemittanceContent {
  kind: '835';
  remittance: RemittanceDto;
  /** Number of claim payments read (also when they were streamed out). */
  claimPaymentCount: number;
}

/** ADA CDT codes (SVC01 qualifier AD). */
export const CDT_SYSTEM = 'http://www.ada.org/cdt';
/** National Drug Codes (SVC01 qualifier N4). */
export const NDC_SYSTEM = 'http://hl7.org/fhir/sid/ndc';

const GROUPS = new Set<string>(ADJUSTMENT_GROUP_CODES);

interface ServiceBuild {
  segment: X12Segment;
  position: number;
  line: ServicePaymentDto;
  adjusted: number;
  chargeKnown: boolean;
  paidKnown: boolean;
}

interface ClaimBuild {
  segment: X12Segment;
  position: number;
  claim: ClaimPaymentDto;
  chargeKnown: boolean;
  paidKnown: boolean;
  claimAdjusted: number;
  lineAdjusted: number;
  linePaid: number;
  hasPatientName: boolean;
  service: ServiceBuild | undefined;
}

type Loop = 'HEADER' | '1000A' | '1000B' | '2000' | '2100' | '2110' | 'SUMMARY';

/**
 * Loop-aware reader of 835 remittance advice (005010X221A1). Claim payments are emitted one at a time
 * as each CLP loop closes, so memory holds one claim, not the file. Checks SNIP 1–4 on the way and
 * balances to the cent (SNIP 3): per service line SVC02 − SVC03 = its CAS amounts; per claim
 * CLP03 − CLP04 = all its CAS amounts and CLP04 = ΣSVC03 − claim-level CAS; and BPR02 = ΣCLP04 − ΣPLB.
 */
export class RemittanceReader implements TransactionReader<RemittanceContent> {
  private readonly report: LoopReporter;
  private loop: Loop = 'HEADER';
  private readonly remittance: RemittanceDto = {
    payerName: '',
    payeeName: '',
    handlingCode: '',
    totalPaid: usd(0),
    paymentMethod: '',
    traceNumber: '',
    claimPayments: [],
    providerAdjustments: [],
  };
  private bpr: { segment: X12Segment; position: number; total: number | undefined } | undefined;
  private hasTrn = false;
  private hasPayer = false;
  private hasPayerAddress = false;
  private hasPayerContact = false;
  private hasPayee = false;
  private headerEmitted = false;
  private claim: ClaimBuild | undefined;
  private claimCount = 0;
  private paidTotal = 0;
  private adjustmentTotal = 0;

  constructor(
    sink: IssueSink,
    /** When given, each claim payment goes here as its loop closes instead of into the content. */
    private readonly onClaimPayment?: (claimPayment: ClaimPaymentDto) => void,
    /** When given, called once with the header (payer, payee, BPR, TRN) before the first claim payment. */
    private readonly onHeader?: (remittance: RemittanceDto) => void,
  ) {
    this.report = new LoopReporter(sink);
  }

  segment(segment: X12Segment, position: number): void {
    const id = segment.id;
    switch (id) {
      case 'CLP':
        return this.onClp(segment, position);
      case 'SVC':
        return this.onSvc(segment, position);
      case 'CAS':
        return this.onCas(segment, position);
      case 'LX':
        return this.onLx(segment, position);
      case 'N1':
        return this.onN1(segment, position);
      case 'PLB':
        return this.onPlb(segment, position);
      default:
        if (!rules.LOOP_SEGMENTS_835[this.loop].has(id)) return this.report.unexpected(segment, position, this.loop);
        return this.onOther(segment, position);
    }
  }

  end(end: X12TransactionEnd): RemittanceContent {
    const position = end.trailerPosition;
    this.closeClaim();
    this.emitHeader();
    if (!this.bpr)
      this.report.missing(X12IssueCode.REQUIRED_SEGMENT_MISSING, 'BPR', 2, 'HEADER', 'financial information (BPR) is required');
    if (!this.hasTrn)
      this.report.missing(X12IssueCode.REQUIRED_SEGMENT_MISSING, 'TRN', position, 'HEADER', 'reassociation trace number (TRN) is required');
    if (!this.hasPayer)
      this.report.missing(X12IssueCode.REQUIRED_SEGMENT_MISSING, 'N1', position, '1000A', 'payer identification (N1*PR) is required');
    else {
      if (!this.hasPayerAddress)
        this.report.missing(X12IssueCode.REQUIRED_SEGMENT_MISSING, 'N3', position, '1000A', 'payer address (N3/N4) is required');
      if (!this.hasPayerContact)
        this.report.missing(
          X12IssueCode.REQUIRED_SEGMENT_MISSING,
          'PER',
          position,
          '1000A',
          'payer technical contact (PER*BL) is required',
        );
    }
    if (!this.hasPayee)
      this.report.missing(X12IssueCode.REQUIRED_SEGMENT_MISSING, 'N1', position, '1000B', 'payee identification (N1*PE) is required');
    const bpr = this.bpr;
    if (bpr && bpr.total !== undefined) {
      const expected = this.paidTotal - this.adjustmentTotal;
      if (expected !== bpr.total) {
        this.report.element(
          X12IssueCode.REMITTANCE_TOTAL_MISMATCH,
          bpr.segment,
          bpr.position,
          'HEADER',
          2,
          `BPR02 total payment ${cents(bpr.total)} is not the ${this.claimCount} claim payments (CLP04) ${cents(this.paidTotal)} less provider adjustments (PLB) ${cents(this.adjustmentTotal)} = ${cents(expected)}`,
          { elementReference: 782 },
        );
      }
    }
    return { kind: '835', remittance: this.remittance, claimPaymentCount: this.claimCount };
  }

  // ---- header and parties ----

  private onOther(segment: X12Segment, position: number): void {
    const loop = this.loop;
    const id = segment.id;
    if (loop === 'HEADER') {
      if (id === 'BPR') return this.onBpr(segment, position);
      if (id === 'TRN') {
        if (this.hasTrn)
          return this.report.segment(X12IssueCode.SEGMENT_REPEATS_TOO_OFTEN, segment, position, loop, 'TRN appears more than once');
        this.report.elements(segment, position, loop, rules.TRN);
        this.hasTrn = true;
        this.remittance.traceNumber = elementOf(segment, 2);
        const originator = elementOf(segment, 3);
        if (originator) this.remittance.originatingCompanyId = originator;
        return;
      }
      if (id === 'DTM') {
        this.report.elements(segment, position, loop, rules.DTM_PRODUCTION);
        const date = elementOf(segment, 2);
        if (isX12Date(date) && date.length === 8) this.remittance.productionDate = dateFromX12(date);
      }
      return;
    }
    if (loop === '1000A') {
      if (id === 'N3') this.hasPayerAddress = true;
      else if (id === 'REF' && elementOf(segment, 1) === '2U' && !this.remittance.payerId) this.remittance.payerId = elementOf(segment, 2);
      else if (id === 'PER') {
        this.report.elements(segment, position, loop, rules.PER_PAYER);
        if (elementOf(segment, 1) === 'BL') this.hasPayerContact = true;
      }
      return;
    }
    if (loop === '1000B') {
      if (id === 'REF' && elementOf(segment, 1) === 'TJ' && !this.remittance.payeeTaxId) this.remittance.payeeTaxId = elementOf(segment, 2);
      return;
    }
    if (loop === '2100') return this.onClaimDetail(segment, position);
    if (loop === '2110') return this.onServiceDetail(segment, position);
  }

  private onBpr(segment: X12Segment, position: number): void {
    if (this.bpr)
      return this.report.segment(X12IssueCode.SEGMENT_REPEATS_TOO_OFTEN, segment, position, 'HEADER', 'BPR appears more than once');
    this.report.elements(segment, position, 'HEADER', rules.BPR);
    const total = this.report.amount(segment, position, 'HEADER', 2);
    this.bpr = { segment, position, total };
    const r = this.remittance;
    r.handlingCode = elementOf(segment, 1);
    r.totalPaid = usd(total ?? 0);
    r.paymentMethod = elementOf(segment, 4);
    const date = elementOf(segment, 16);
    if (isX12Date(date) && date.length === 8) r.paymentDate = dateFromX12(date);
    if (r.paymentMethod === 'ACH' && elementOf(segment, 5) === '') {
      this.report.element(
        X12IssueCode.SITUATIONAL_ELEMENT_MISSING,
        segment,
        position,
        'HEADER',
        5,
        'BPR05-BPR15 (banking details) are required when BPR04 is ACH',
        { elementReference: 812 },
      );
    }
  }

  private onN1(segment: X12Segment, position: number): void {
    const entity = elementOf(segment, 1);
    if (entity === 'PR' && this.loop === 'HEADER' && !this.hasPayer) {
      this.loop = '1000A';
      this.hasPayer = true;
      this.report.elements(segment, position, '1000A', rules.N1_PAYER);
      this.remittance.payerName = elementOf(segment, 2);
      const payerId = elementOf(segment, 4);
      if (payerId) this.remittance.payerId = payerId;
      return;
    }
    if (entity === 'PE' && (this.loop === '1000A' || this.loop === 'HEADER') && !this.hasPayee) {
      this.loop = '1000B';
      this.hasPayee = true;
      this.report.elements(segment, position, '1000B', rules.N1_PAYEE);
      this.remittance.payeeName = elementOf(segment, 2);
      const qualifier = elementOf(segment, 3);
      const value = elementOf(segment, 4);
      if (qualifier === 'XX') {
        this.remittance.payeeNpi = value;
        if (!isValidNpi(value))
          this.report.element(
            X12IssueCode.INVALID_NPI,
            segment,
            position,
            '1000B',
            4,
            'N104 is not a valid NPI (10 digits with a Luhn check digit under prefix 80840)',
            { elementReference: 67 },
          );
      } else if (qualifier === 'FI') this.remittance.payeeTaxId = value;
      return;
    }
    this.report.unexpected(segment, position, this.loop);
  }

  private emitHeader(): void {
    if (this.headerEmitted) return;
    this.headerEmitted = true;
    this.onHeader?.({ ...this.remittance, claimPayments: [], providerAdjustments: [] });
  }

  // ---- claims ----

  private onLx(segment: X12Segment, position: number): void {
    if (this.loop === 'HEADER' || this.loop === '1000A' || this.loop === 'SUMMARY')
      return this.report.unexpected(segment, position, this.loop);
    this.closeClaim();
    this.emitHeader();
    this.loop = '2000';
    this.report.elements(segment, position, '2000', rules.LX);
  }

  private onClp(segment: X12Segment, position: number): void {
    if (this.loop === 'HEADER' || this.loop === '1000A' || this.loop === 'SUMMARY')
      return this.report.unexpected(segment, position, this.loop);
    this.closeClaim();
    this.emitHeader();
    this.loop = '2100';
    this.report.elements(segment, position, '2100', rules.CLP);
    const charge = this.report.amount(segment, position, '2100', 3);
    const paid = this.report.amount(segment, position, '2100', 4);
    const patientResponsibility = this.report.amount(segment, position, '2100', 5);
    const claim: ClaimPaymentDto = {
      patientControlNumber: elementOf(segment, 1),
      statusCode: elementOf(segment, 2),
      charge: usd(charge ?? 0),
      paid: usd(paid ?? 0),
      adjustments: [],
      serviceLines: [],
      remarks: [],
    };
    if (patientResponsibility !== undefined) claim.patientResponsibility = usd(patientResponsibility);
    const filing = elementOf(segment, 6);
    if (filing) claim.claimFilingIndicator = filing;
    const payerClaim = elementOf(segment, 7);
    if (payerClaim) claim.payerClaimControlNumber = payerClaim;
    const facility = elementOf(segment, 8);
    if (facility) claim.facilityTypeCode = facility;
    const frequency = elementOf(segment, 9);
    if (frequency) claim.frequencyCode = frequency;
    const drg = elementOf(segment, 11);
    if (drg) claim.drg = drg;
    this.claim = {
      segment,
      position,
      claim,
      chargeKnown: charge !== undefined,
      paidKnown: paid !== undefined,
      claimAdjusted: 0,
      lineAdjusted: 0,
      linePaid: 0,
      hasPatientName: false,
      service: undefined,
    };
  }

  private closeService(build: ClaimBuild): void {
    const service = build.service;
    if (!service) return;
    const { line } = service;
    if (service.chargeKnown && service.paidKnown && line.charge.amount - line.paid.amount !== service.adjusted) {
      this.report.element(
        X12IssueCode.SERVICE_PAYMENT_UNBALANCED,
        service.segment,
        service.position,
        '2110',
        3,
        `SVC02 charge ${cents(line.charge.amount)} − SVC03 paid ${cents(line.paid.amount)} = ${cents(line.charge.amount - line.paid.amount)}, but the line's adjustments (CAS) total ${cents(service.adjusted)}`,
        { elementReference: 782 },
      );
    }
    build.lineAdjusted += service.adjusted;
    build.linePaid += line.paid.amount;
    build.claim.serviceLines.push(line);
    build.service = undefined;
  }

  private closeClaim(): void {
    const build = this.claim;
    if (!build) return;
    this.closeService(build);
    const { claim } = build;
    if (!build.hasPatientName)
      this.report.missing(
        X12IssueCode.REQUIRED_SEGMENT_MISSING,
        'NM1',
        build.position,
        '2100',
        'patient name (NM1*QC) is required in each claim payment',
      );
    if (build.chargeKnown && build.paidKnown) {
      const adjusted = build.claimAdjusted + build.lineAdjusted;
      if (claim.charge.amount - claim.paid.amount !== adjusted) {
        this.report.element(
          X12IssueCode.CLAIM_PAYMENT_UNBALANCED,
          build.segment,
          build.position,
          '2100',
          4,
          `CLP03 charge ${cents(claim.charge.amount)} − CLP04 paid ${cents(claim.paid.amount)} = ${cents(claim.charge.amount - claim.paid.amount)}, but the claim's adjustments (CAS, claim and line level) total ${cents(adjusted)}`,
          { elementReference: 782 },
        );
      } else if (claim.serviceLines.length > 0 && claim.paid.amount !== build.linePaid - build.claimAdjusted) {
        this.report.element(
          X12IssueCode.CLAIM_PAYMENT_UNBALANCED,
          build.segment,
          build.position,
          '2100',
          4,
          `CLP04 paid ${cents(claim.paid.amount)} is not the service line payments (SVC03) ${cents(build.linePaid)} less claim-level adjustments ${cents(build.claimAdjusted)}`,
          { elementReference: 782 },
        );
      }
    }
    this.paidTotal += claim.paid.amount;
    this.claimCount++;
    if (this.onClaimPayment) this.onClaimPayment(claim);
    else this.remittance.claimPayments.push(claim);
    this.claim = undefined;
  }

  private onClaimDetail(segment: X12Segment, position: number): void {
    const build = this.claim;
    if (!build) return;
    const { claim } = build;
    switch (segment.id) {
      case 'NM1': {
        const entity = elementOf(segment, 1);
        if (entity === 'QC') {
          if (build.hasPatientName)
            return this.report.segment(
              X12IssueCode.SEGMENT_REPEATS_TOO_OFTEN,
              segment,
              position,
              '2100',
              'patient name (NM1*QC) appears more than once',
            );
          build.hasPatientName = true;
          this.report.elements(segment, position, '2100', rules.NM1_PATIENT);
          const family = elementOf(segment, 3);
          const given = [elementOf(segment, 4), elementOf(segment, 5)].filter((n) => n !== '');
          if (family || given.length) claim.patientName = { family, given };
          const qualifier = elementOf(segment, 8);
          if (qualifier === 'MI' || qualifier === 'HN' || qualifier === 'II') claim.patientMemberId = elementOf(segment, 9);
        } else if (entity === 'IL' && claim.patientMemberId === undefined && elementOf(segment, 8) === 'MI') {
          claim.patientMemberId = elementOf(segment, 9);
        }
        return;
      }
      case 'MOA':
        for (let i = 3; i <= 7; i++) this.remark(claim.remarks, elementOf(segment, i));
        return;
      case 'MIA':
        this.remark(claim.remarks, elementOf(segment, 5));
        for (let i = 20; i <= 23; i++) this.remark(claim.remarks, elementOf(segment, i));
        return;
      case 'DTM': {
        this.report.elements(segment, position, '2100', rules.DTM_CLAIM);
        const qualifier = elementOf(segment, 1);
        const date = elementOf(segment, 2);
        if (!isX12Date(date) || date.length !== 8) return;
        if (qualifier === '232') claim.statementPeriod = { ...claim.statementPeriod, start: dateFromX12(date) };
        else if (qualifier === '233') claim.statementPeriod = { ...claim.statementPeriod, end: dateFromX12(date) };
        return;
      }
      case 'AMT':
        this.report.elements(segment, position, '2100', rules.AMT_CLAIM);
        return;
      default:
        return;
    }
  }

  private remark(remarks: { system: string; code: string }[], code: string): void {
    if (code !== '') remarks.push({ system: CodeSystem.RARC, code });
  }

  // ---- service lines ----

  private onSvc(segment: X12Segment, position: number): void {
    const build = this.claim;
    if (!build || (this.loop !== '2100' && this.loop !== '2110')) return this.report.unexpected(segment, position, this.loop);
    this.closeService(build);
    this.loop = '2110';
    this.report.elements(segment, position, '2110', rules.SVC);
    const charge = this.report.amount(segment, position, '2110', 2);
    const paid = this.report.amount(segment, position, '2110', 3);
    const [qualifier = '', code = '', ...rest] = componentsOf(segment, 1);
    const line: ServicePaymentDto = { charge: usd(charge ?? 0), paid: usd(paid ?? 0), adjustments: [], remarks: [] };
    if (qualifier === 'NU') line.revenueCode = code;
    else if (code !== '')
      line.procedureCode =
        qualifier === 'AD'
          ? { system: CDT_SYSTEM, code }
          : qualifier === 'N4'
            ? { system: NDC_SYSTEM, code }
            : procedureCoding(qualifier, code);
    const modifiers = rest.slice(0, 4).filter((m) => m !== '');
    if (modifiers.length) line.modifiers = modifiers;
    const revenue = elementOf(segment, 4);
    if (revenue) line.revenueCode = revenue;
    const units = parseDecimal(elementOf(segment, 5));
    if (units !== undefined) line.units = units;
    build.service = { segment, position, line, adjusted: 0, chargeKnown: charge !== undefined, paidKnown: paid !== undefined };
  }

  private onServiceDetail(segment: X12Segment, position: number): void {
    const line = this.claim?.service?.line;
    if (!line) return;
    switch (segment.id) {
      case 'DTM': {
        this.report.elements(segment, position, '2110', rules.DTM_SERVICE);
        const qualifier = elementOf(segment, 1);
        const date = elementOf(segment, 2);
        if (!isX12Date(date) || date.length !== 8) return;
        if (qualifier === '472' || qualifier === '150') line.serviceDate = dateFromX12(date);
        else if (qualifier === '151') line.serviceDateEnd = dateFromX12(date);
        return;
      }
      case 'REF':
        if (elementOf(segment, 1) === '6R') line.lineControlNumber = elementOf(segment, 2);
        return;
      case 'AMT': {
        this.report.elements(segment, position, '2110', rules.AMT_SERVICE);
        if (elementOf(segment, 1) === 'B6') {
          const allowed = this.report.amount(segment, position, '2110', 2);
          if (allowed !== undefined) line.allowed = usd(allowed);
        }
        return;
      }
      case 'LQ':
        this.report.elements(segment, position, '2110', rules.LQ);
        if (elementOf(segment, 1) === 'HE') this.remark(line.remarks, elementOf(segment, 2));
        return;
      default:
        return;
    }
  }

  // ---- adjustments ----

  private onCas(segment: X12Segment, position: number): void {
    const build = this.claim;
    if (!build || (this.loop !== '2100' && this.loop !== '2110')) return this.report.unexpected(segment, position, this.loop);
    const loop = this.loop;
    this.report.elements(segment, position, loop, rules.CAS);
    const group = elementOf(segment, 1);
    const target = loop === '2110' && build.service ? build.service.line.adjustments : build.claim.adjustments;
    let total = 0;
    for (let k = 0; k < 6; k++) {
      const reasonPosition = 2 + 3 * k;
      const reason = elementOf(segment, reasonPosition);
      const amountText = elementOf(segment, reasonPosition + 1);
      if (reason === '' && amountText === '') continue;
      if (reason === '' || amountText === '') {
        this.report.element(
          X12IssueCode.SITUATIONAL_ELEMENT_MISSING,
          segment,
          position,
          loop,
          reason === '' ? reasonPosition : reasonPosition + 1,
          `CAS${String(reason === '' ? reasonPosition : reasonPosition + 1).padStart(2, '0')} is required: a reason code and an amount go together`,
          { elementReference: reason === '' ? 1034 : 782 },
        );
        continue;
      }
      const amount = this.report.amount(segment, position, loop, reasonPosition + 1);
      if (amount === undefined) continue;
      total += amount;
      const adjustment: AdjustmentDto = {
        group: (GROUPS.has(group) ? group : 'OA') as AdjustmentGroupCode,
        reason: { system: CodeSystem.CARC, code: reason },
        amount: usd(amount),
      };
      const quantity = parseDecimal(elementOf(segment, reasonPosition + 2));
      if (quantity !== undefined) adjustment.quantity = quantity;
      target.push(adjustment);
    }
    if (loop === '2110' && build.service) build.service.adjusted += total;
    else build.claimAdjusted += total;
  }

  // ---- summary ----

  private onPlb(segment: X12Segment, position: number): void {
    if (this.loop === 'HEADER' || this.loop === '1000A') return this.report.unexpected(segment, position, this.loop);
    this.closeClaim();
    this.emitHeader();
    this.loop = 'SUMMARY';
    this.report.elements(segment, position, 'SUMMARY', rules.PLB);
    const providerId = elementOf(segment, 1);
    const date = elementOf(segment, 2);
    const fiscalPeriodDate = isX12Date(date) && date.length === 8 ? dateFromX12(date) : '';
    for (let k = 0; k < 6; k++) {
      const reasonPosition = 3 + 2 * k;
      const [reasonCode = '', reference = ''] = componentsOf(segment, reasonPosition);
      const amount = this.report.amount(segment, position, 'SUMMARY', reasonPosition + 1);
      if (reasonCode === '' && elementOf(segment, reasonPosition + 1) === '') continue;
      if (amount === undefined) continue;
      this.adjustmentTotal += amount;
      const adjustment: ProviderAdjustmentDto = { providerId, fiscalPeriodDate, reasonCode, amount: usd(amount) };
      if (reference) adjustment.reference = reference;
      this.remittance.providerAdjustments.push(adjustment);
    }
  }
}

function cents(value: number): string {
  const sign = value < 0 ? '-' : '';
  const abs = Math.abs(value);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
