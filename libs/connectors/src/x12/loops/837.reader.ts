import {
  type BillingProviderDto,
  type ClaimDiagnosisDto,
  type ClaimDto,
  type ClaimLineDto,
  type ClaimPatientDto,
  type ClaimProcedureDto,
  CodeSystem,
  isValidNpi,
  type PatientRelationship,
  type PersonNameDto,
  type PostalAddressDto,
  type SubscriberDto,
  type UnitBasisCode,
  usd,
} from '@concord/contracts';
import type { X12TransactionEnd } from '../x12-envelope';
import { X12IssueCode } from '../x12-issue';
import { componentsOf, elementOf, type X12Segment } from '../x12-segment';
import { icd10FromX12, parseDecimal } from '../x12-values';
import * as rules from './837-rules';
import { type IssueSink, LoopReporter, readDatePeriod, type TransactionReader } from './transaction-reader';

export type Claim837Kind = '837P' | '837I';

/** What an 837 transaction set holds: its header parties and its claims in canonical form. */
export interface Claim837Content {
  kind: Claim837Kind;
  /** BHT03. */
  reference?: string;
  submitter?: { name: string; id: string };
  receiver?: { name: string; id: string };
  claims: ClaimDto[];
}

/** ICD-9-CM, for 5010 claims with dates of service before October 2015 (HI BK/BF …). */
export const ICD9_CM_SYSTEM = 'http://hl7.org/fhir/sid/icd-9-cm';
/** Product/service id qualifiers other than HC (CPT/HCPCS) keep their X12 qualifier as the system. */
export const X12_PRODUCT_SERVICE_SYSTEM = 'urn:x12:product-service-id-qualifier:';

const RELATIONSHIPS: Readonly<Record<string, PatientRelationship>> = { '01': 'spouse', '19': 'child' };
const GENDERS = { F: 'female', M: 'male', U: 'unknown' } as const;
const ICD10_CM = /^[A-Z][0-9][0-9A-Z]{1,5}$/;
const ICD9_CM = /^[0-9EV][0-9]{1,4}$/;
const ICD10_PCS = /^[0-9A-HJ-NP-Z]{7}$/;
const CPT = /^\d{4}[0-9FTU]$/;

/** A code under HC (or another SV101/SV202 qualifier) as a canonical coding. */
export function procedureCoding(qualifier: string, code: string): { system: string; code: string } {
  if (qualifier === 'HC') return { system: CPT.test(code) ? CodeSystem.CPT : CodeSystem.HCPCS, code };
  return { system: `${X12_PRODUCT_SERVICE_SYSTEM}${qualifier}`, code };
}

type Loop = string;

interface BillingContext {
  position: number;
  provider: Partial<BillingProviderDto>;
  hasName: boolean;
  hasAddress: boolean;
  hasTaxId: boolean;
}

interface SubscriberContext {
  position: number;
  sbrPosition?: number;
  subscriberIsPatient: boolean;
  responsibility: 'P' | 'S' | 'T';
  claimFilingIndicator: string;
  subscriber: Partial<SubscriberDto>;
  payer: { payerId: string; name: string } | undefined;
  hasSubscriberName: boolean;
  hasChildPatient: boolean;
}

interface PatientContext {
  position: number;
  patient: Partial<ClaimPatientDto>;
  hasPat: boolean;
  hasName: boolean;
}

interface LineBuild {
  segment: X12Segment;
  position: number;
  line: Partial<ClaimLineDto> & { lineNumber: number };
  hasService: boolean;
  hasServiceDate: boolean;
  pointerSegment?: { segment: X12Segment; position: number };
}

interface ClaimBuild {
  segment: X12Segment;
  position: number;
  claim: Partial<ClaimDto>;
  frequencyCode: string;
  facilityCode: string;
  diagnoses: ClaimDiagnosisDto[];
  procedures: ClaimProcedureDto[];
  /** Diagnoses SV107 may point at (837P: ABK and ABF in HI order). */
  pointableDiagnoses: number;
  hasPrincipalDiagnosis: boolean;
  hasAdmittingDiagnosis: boolean;
  hasF8: boolean;
  hasStatementDates: boolean;
  hasAdmissionDate: boolean;
  hasCl1: boolean;
  hasAttending: boolean;
  lines: LineBuild[];
  /** The provider whose PRV follows (2310x), to attach a taxonomy. */
  lastProvider?: BillingProviderDto;
  billing: BillingContext;
  subscriber: SubscriberContext;
  patient: PatientContext | undefined;
}

/** Key of a loop in LOOP_SEGMENTS_837: provider sub-loops (2310B, 2420A …) share their parent's list. */
function loopKey(loop: Loop): string {
  return /^(2310|2330|2420)/.test(loop) ? loop.slice(0, 4) : loop;
}

function family(loop: Loop): 'header' | '2000A' | '2000B' | '2000C' | '2300' | '2320' | '2400' | 'none' {
  if (loop === 'HEADER' || loop === '1000A' || loop === '1000B') return 'header';
  if (loop === '2000A' || loop.startsWith('2010A')) return '2000A';
  if (loop === '2000B' || loop.startsWith('2010B')) return '2000B';
  if (loop === '2000C' || loop.startsWith('2010C')) return '2000C';
  if (loop === '2300' || loop.startsWith('2310')) return '2300';
  if (loop === '2320' || loop.startsWith('2330')) return '2320';
  if (loop.startsWith('24')) return '2400';
  return 'none';
}

/**
 * Loop-aware reader of 837P (005010X222A1) and 837I (005010X223A2) transaction sets. Builds the HL
 * hierarchy, reads each claim into a canonical ClaimDto as soon as its 2300 loop closes, and checks
 * SNIP levels 1–4 on the way: element rules, required loops and segments, CLM02 against the line
 * charges, HL04 child codes, 2000C presence against SBR02, REF*F8 on replacements and voids, NPI
 * check digits and diagnosis pointers.
 */
export class Claim837Reader implements TransactionReader<Claim837Content> {
  private readonly report: LoopReporter;
  private readonly content: Claim837Content;
  private loop: Loop = 'HEADER';
  private hasBht = false;
  private hlCount = 0;
  private readonly hlLevels = new Map<string, string>();
  private lastHl: { id: string; childCode: string; segment: X12Segment; position: number; loop: string } | undefined;
  private billing: BillingContext | undefined;
  private subscriber: SubscriberContext | undefined;
  private patient: PatientContext | undefined;
  private claim: ClaimBuild | undefined;
  private line: LineBuild | undefined;
  private lastPosition = 1;

  constructor(
    private readonly kind: Claim837Kind,
    sink: IssueSink,
    /** Called with each claim as its loop closes; claims are not kept when given (streaming). */
    private readonly onClaim?: (claim: ClaimDto) => void,
  ) {
    this.report = new LoopReporter(sink);
    this.content = { kind, claims: [] };
  }

  segment(segment: X12Segment, position: number): void {
    this.lastPosition = position;
    switch (segment.id) {
      case 'BHT':
        return this.onBht(segment, position);
      case 'HL':
        return this.onHl(segment, position);
      case 'NM1':
        return this.onNm1(segment, position);
      case 'SBR':
        return this.onSbr(segment, position);
      case 'CLM':
        return this.onClm(segment, position);
      case 'LX':
        return this.onLx(segment, position);
      default:
        return this.onOther(segment, position);
    }
  }

  end(end: X12TransactionEnd): Claim837Content {
    const position = end.trailerPosition;
    this.closeClaim(position);
    this.closePatient(position);
    this.closeSubscriber(position);
    this.closeBilling(position);
    if (!this.hasBht)
      this.report.missing(
        X12IssueCode.REQUIRED_SEGMENT_MISSING,
        'BHT',
        2,
        'HEADER',
        'BHT beginning of hierarchical transaction is required',
      );
    if (!this.content.submitter)
      this.report.missing(X12IssueCode.REQUIRED_SEGMENT_MISSING, 'NM1', position, '1000A', 'submitter name (NM1*41) is required');
    if (!this.content.receiver)
      this.report.missing(X12IssueCode.REQUIRED_SEGMENT_MISSING, 'NM1', position, '1000B', 'receiver name (NM1*40) is required');
    if (this.hlCount === 0)
      this.report.missing(
        X12IssueCode.REQUIRED_SEGMENT_MISSING,
        'HL',
        position,
        '2000A',
        'billing provider hierarchical level (HL*20) is required',
      );
    if (this.lastHl && this.lastHl.childCode === '1') {
      this.report.element(
        X12IssueCode.HL_CHILD_CODE,
        this.lastHl.segment,
        this.lastHl.position,
        this.lastHl.loop,
        4,
        'HL04 says a child level follows, but the transaction set ends',
        { elementReference: 736 },
      );
    }
    return this.content;
  }

  // ---- header ----

  private onBht(segment: X12Segment, position: number): void {
    if (this.loop !== 'HEADER' || this.hasBht) return this.report.unexpected(segment, position, this.loop);
    this.hasBht = true;
    this.report.elements(segment, position, 'HEADER', rules.BHT);
    this.content.reference = elementOf(segment, 3);
  }

  // ---- hierarchy ----

  private onHl(segment: X12Segment, position: number): void {
    this.closeClaim(position);
    const id = elementOf(segment, 1);
    const parent = elementOf(segment, 2);
    const level = elementOf(segment, 3);
    const childCode = elementOf(segment, 4);
    const loop = level === '20' ? '2000A' : level === '22' ? '2000B' : level === '23' ? '2000C' : 'HL';
    this.report.elements(segment, position, loop, rules.HL);
    this.hlCount++;
    if (id !== String(this.hlCount)) {
      this.report.element(
        X12IssueCode.HL_STRUCTURE,
        segment,
        position,
        loop,
        1,
        `HL01 should be ${this.hlCount}: hierarchical ids count up from 1`,
        { elementReference: 628 },
      );
    }
    const previous = this.lastHl;
    if (previous) {
      const isChildOfPrevious = parent === previous.id;
      if (previous.childCode === '1' && !isChildOfPrevious) {
        this.report.element(
          X12IssueCode.HL_CHILD_CODE,
          previous.segment,
          previous.position,
          previous.loop,
          4,
          'HL04 says a child level follows, but the next HL is not its child',
          { elementReference: 736 },
        );
      } else if (previous.childCode === '0' && isChildOfPrevious) {
        this.report.element(
          X12IssueCode.HL_CHILD_CODE,
          previous.segment,
          previous.position,
          previous.loop,
          4,
          'HL04 says no child level follows, but the next HL is its child',
          { elementReference: 736 },
        );
      }
    }
    const expectedParentLevel = level === '22' ? '20' : level === '23' ? '22' : undefined;
    if (level === '20' && parent !== '') {
      this.report.element(X12IssueCode.HL_STRUCTURE, segment, position, loop, 2, 'HL02 must be empty on the billing provider level', {
        elementReference: 734,
      });
    } else if (expectedParentLevel !== undefined && this.hlLevels.get(parent) !== expectedParentLevel) {
      this.report.element(
        X12IssueCode.HL_STRUCTURE,
        segment,
        position,
        loop,
        2,
        `HL02 must point at a preceding level ${expectedParentLevel} HL`,
        { elementReference: 734 },
      );
    }
    this.hlLevels.set(id, level);
    this.lastHl = { id, childCode, segment, position, loop };

    if (level === '20') {
      this.closePatient(position);
      this.closeSubscriber(position);
      this.closeBilling(position);
      this.billing = { position, provider: {}, hasName: false, hasAddress: false, hasTaxId: false };
    } else if (level === '22') {
      this.closePatient(position);
      this.closeSubscriber(position);
      if (!this.billing)
        this.report.segment(
          X12IssueCode.HL_STRUCTURE,
          segment,
          position,
          loop,
          'subscriber level without a billing provider level before it',
        );
      this.subscriber = {
        position,
        subscriberIsPatient: false,
        responsibility: 'P',
        claimFilingIndicator: '',
        subscriber: {},
        payer: undefined,
        hasSubscriberName: false,
        hasChildPatient: false,
      };
    } else if (level === '23') {
      this.closePatient(position);
      if (this.subscriber) {
        this.subscriber.hasChildPatient = true;
        if (this.subscriber.subscriberIsPatient) {
          this.report.segment(
            X12IssueCode.SITUATIONAL_SEGMENT_NOT_ALLOWED,
            segment,
            position,
            '2000C',
            'patient level (2000C) is not used when the subscriber is the patient (SBR02 = 18)',
          );
        }
      } else {
        this.report.segment(X12IssueCode.HL_STRUCTURE, segment, position, loop, 'patient level without a subscriber level before it');
      }
      this.patient = { position, patient: {}, hasPat: false, hasName: false };
    }
    this.loop = loop;
  }

  private closeBilling(position: number): void {
    const billing = this.billing;
    if (!billing) return;
    if (!billing.hasName)
      this.report.missing(X12IssueCode.REQUIRED_SEGMENT_MISSING, 'NM1', position, '2010AA', 'billing provider name (NM1*85) is required');
    else {
      if (!billing.hasAddress)
        this.report.missing(
          X12IssueCode.REQUIRED_SEGMENT_MISSING,
          'N3',
          position,
          '2010AA',
          'billing provider street address (N3/N4) is required',
        );
      if (!billing.hasTaxId)
        this.report.missing(
          X12IssueCode.REQUIRED_SEGMENT_MISSING,
          'REF',
          position,
          '2010AA',
          'billing provider tax id (REF*EI or REF*SY) is required',
        );
    }
    this.billing = undefined;
  }

  private closeSubscriber(position: number): void {
    const subscriber = this.subscriber;
    if (!subscriber) return;
    if (subscriber.sbrPosition === undefined)
      this.report.missing(X12IssueCode.REQUIRED_SEGMENT_MISSING, 'SBR', position, '2000B', 'subscriber information (SBR) is required');
    if (!subscriber.hasSubscriberName)
      this.report.missing(X12IssueCode.REQUIRED_SEGMENT_MISSING, 'NM1', position, '2010BA', 'subscriber name (NM1*IL) is required');
    if (!subscriber.payer)
      this.report.missing(X12IssueCode.REQUIRED_SEGMENT_MISSING, 'NM1', position, '2010BB', 'payer name (NM1*PR) is required');
    this.subscriber = undefined;
  }

  private closePatient(position: number): void {
    const patient = this.patient;
    if (!patient) return;
    if (!patient.hasPat)
      this.report.missing(X12IssueCode.REQUIRED_SEGMENT_MISSING, 'PAT', position, '2000C', 'patient information (PAT) is required');
    if (!patient.hasName)
      this.report.missing(X12IssueCode.REQUIRED_SEGMENT_MISSING, 'NM1', position, '2010CA', 'patient name (NM1*QC) is required');
    this.patient = undefined;
  }

  // ---- names ----

  private onNm1(segment: X12Segment, position: number): void {
    const entity = elementOf(segment, 1);
    const loops = rules.PROVIDER_LOOPS[this.kind];
    switch (family(this.loop)) {
      case 'header':
        if (entity === '41' && !this.content.submitter) {
          this.loop = '1000A';
          this.report.elements(segment, position, '1000A', rules.NM1_SUBMITTER);
          this.content.submitter = { name: elementOf(segment, 3), id: elementOf(segment, 9) };
          return;
        }
        if (entity === '40' && this.content.submitter && !this.content.receiver) {
          this.loop = '1000B';
          this.report.elements(segment, position, '1000B', rules.NM1_RECEIVER);
          this.content.receiver = { name: elementOf(segment, 3), id: elementOf(segment, 9) };
          return;
        }
        return this.report.unexpected(segment, position, this.loop);
      case '2000A':
        if (entity === '85' && this.billing && !this.billing.hasName) {
          this.loop = '2010AA';
          this.report.elements(segment, position, '2010AA', rules.NM1_BILLING_PROVIDER);
          this.billing.hasName = true;
          Object.assign(this.billing.provider, this.providerName(segment, position, '2010AA'));
          return;
        }
        if (entity === '87' || entity === 'PE') {
          this.loop = entity === '87' ? '2010AB' : '2010AC';
          this.report.elements(segment, position, this.loop, entity === '87' ? rules.NM1_PAY_TO_ADDRESS : rules.NM1_PAY_TO_PLAN);
          return;
        }
        return this.report.unexpected(segment, position, this.loop);
      case '2000B':
        if (entity === 'IL' && this.subscriber && !this.subscriber.hasSubscriberName) {
          this.loop = '2010BA';
          this.report.elements(segment, position, '2010BA', rules.NM1_SUBSCRIBER);
          this.subscriber.hasSubscriberName = true;
          this.subscriber.subscriber.name = personName(segment);
          const memberId = elementOf(segment, 9);
          if (memberId) this.subscriber.subscriber.memberId = memberId;
          return;
        }
        if (entity === 'PR' && this.subscriber && !this.subscriber.payer) {
          this.loop = '2010BB';
          this.report.elements(segment, position, '2010BB', rules.NM1_PAYER);
          this.subscriber.payer = { payerId: elementOf(segment, 9), name: elementOf(segment, 3) };
          return;
        }
        return this.report.unexpected(segment, position, this.loop);
      case '2000C':
        if (entity === 'QC' && this.patient && !this.patient.hasName) {
          this.loop = '2010CA';
          this.report.elements(segment, position, '2010CA', rules.NM1_PATIENT);
          this.patient.hasName = true;
          this.patient.patient.name = personName(segment);
          return;
        }
        return this.report.unexpected(segment, position, this.loop);
      case '2300': {
        const loop = (loops.claim as Record<string, string>)[entity];
        if (loop === undefined || !this.claim) return this.report.unexpected(segment, position, this.loop);
        this.loop = loop;
        this.report.elements(
          segment,
          position,
          loop,
          entity === 'PW' || entity === '45' ? rules.NM1_AMBULANCE_LOCATION : rules.NM1_CLAIM_PROVIDER,
        );
        const provider = this.providerName(segment, position, loop);
        this.claim.lastProvider = undefined;
        if (provider.npi !== undefined) {
          if (this.kind === '837P' && loop === '2310B') {
            this.claim.claim.renderingProvider = provider as BillingProviderDto;
            this.claim.lastProvider = this.claim.claim.renderingProvider;
          } else if (this.kind === '837I' && loop === '2310A') {
            this.claim.claim.attendingProvider = provider as BillingProviderDto;
            this.claim.lastProvider = this.claim.claim.attendingProvider;
          }
        }
        if (this.kind === '837I' && loop === '2310A') this.claim.hasAttending = true;
        return;
      }
      case '2320': {
        const loop = (loops.otherPayer as Record<string, string>)[entity];
        if (loop === undefined) return this.report.unexpected(segment, position, this.loop);
        this.loop = loop;
        return;
      }
      case '2400': {
        const loop = (loops.line as Record<string, string>)[entity];
        if (loop === undefined || !this.line) return this.report.unexpected(segment, position, this.loop);
        this.loop = loop;
        this.report.elements(
          segment,
          position,
          loop,
          entity === 'PW' || entity === '45' ? rules.NM1_AMBULANCE_LOCATION : rules.NM1_CLAIM_PROVIDER,
        );
        const renderingLoop = this.kind === '837P' ? '2420A' : '2420C';
        if (loop === renderingLoop) {
          const provider = this.providerName(segment, position, loop);
          if (provider.npi !== undefined) this.line.line.renderingProvider = provider as BillingProviderDto;
        }
        return;
      }
      case 'none':
        return this.report.unexpected(segment, position, this.loop);
    }
  }

  /** Name and NPI of a provider NM1, checking the NPI's check digit. */
  private providerName(segment: X12Segment, position: number, loop: string): Partial<BillingProviderDto> {
    const person = elementOf(segment, 2) === '1';
    const npi = elementOf(segment, 8) === 'XX' ? elementOf(segment, 9) : '';
    if (npi !== '' && !isValidNpi(npi)) {
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
    const firstName = elementOf(segment, 4);
    return {
      name: elementOf(segment, 3),
      ...(person && firstName ? { firstName } : {}),
      ...(npi !== '' ? { npi } : {}),
    };
  }

  // ---- subscriber ----

  private onSbr(segment: X12Segment, position: number): void {
    const f = family(this.loop);
    if (f === '2300' || f === '2320') {
      // Other subscriber information (2320): read for structure only.
      this.loop = '2320';
      return;
    }
    if (this.loop !== '2000B' || !this.subscriber || this.subscriber.sbrPosition !== undefined)
      return this.report.unexpected(segment, position, this.loop);
    this.report.elements(segment, position, '2000B', rules.SBR_SUBSCRIBER);
    const subscriber = this.subscriber;
    subscriber.sbrPosition = position;
    const responsibility = elementOf(segment, 1);
    subscriber.responsibility = responsibility === 'S' || responsibility === 'T' ? responsibility : 'P';
    subscriber.subscriberIsPatient = elementOf(segment, 2) === '18';
    subscriber.claimFilingIndicator = elementOf(segment, 9);
    const group = elementOf(segment, 3);
    if (group) subscriber.subscriber.groupNumber = group;
  }

  // ---- claim ----

  private onClm(segment: X12Segment, position: number): void {
    const f = family(this.loop);
    const subscriber = this.subscriber;
    const billing = this.billing;
    if (!subscriber || !billing || (f !== '2000B' && f !== '2000C' && f !== '2300' && f !== '2320' && f !== '2400')) {
      return this.report.unexpected(segment, position, this.loop);
    }
    this.closeClaim(position);
    if (!this.patient && !subscriber.subscriberIsPatient) {
      this.report.segment(
        X12IssueCode.SITUATIONAL_SEGMENT_MISSING,
        segment,
        position,
        '2300',
        'the patient level (2000C) is required before this claim because SBR02 is not 18 (the subscriber is not the patient)',
      );
    }
    this.loop = '2300';
    this.report.elements(segment, position, '2300', this.kind === '837P' ? rules.CLM_PROFESSIONAL : rules.CLM_INSTITUTIONAL);
    const facility = componentsOf(segment, 5);
    const total = this.report.amount(segment, position, '2300', 2);
    this.claim = {
      segment,
      position,
      claim: {
        patientControlNumber: elementOf(segment, 1),
        totalCharge: usd(total ?? 0),
      },
      frequencyCode: facility[2] ?? '',
      facilityCode: facility[0] ?? '',
      diagnoses: [],
      procedures: [],
      pointableDiagnoses: 0,
      hasPrincipalDiagnosis: false,
      hasAdmittingDiagnosis: false,
      hasF8: false,
      hasStatementDates: false,
      hasAdmissionDate: false,
      hasCl1: false,
      hasAttending: false,
      lines: [],
      billing,
      subscriber,
      patient: this.patient,
    };
  }

  private onLx(segment: X12Segment, position: number): void {
    const f = family(this.loop);
    if (!this.claim || (f !== '2300' && f !== '2320' && f !== '2400')) return this.report.unexpected(segment, position, this.loop);
    this.closeLine(position);
    this.loop = '2400';
    this.report.elements(segment, position, '2400', rules.LX);
    const lineNumber = Number(elementOf(segment, 1)) || this.claim.lines.length + 1;
    if (lineNumber !== this.claim.lines.length + 1) {
      this.report.element(
        X12IssueCode.PATTERN_MISMATCH,
        segment,
        position,
        '2400',
        1,
        `LX01 should be ${this.claim.lines.length + 1}: service lines are numbered from 1 in order`,
        { elementReference: 554 },
      );
    }
    this.line = { segment, position, line: { lineNumber }, hasService: false, hasServiceDate: false };
    this.claim.lines.push(this.line);
  }

  private closeLine(position: number): void {
    const line = this.line;
    if (!line) return;
    if (!line.hasService) {
      this.report.missing(
        X12IssueCode.REQUIRED_SEGMENT_MISSING,
        this.kind === '837P' ? 'SV1' : 'SV2',
        position,
        '2400',
        `service line ${line.line.lineNumber} has no ${this.kind === '837P' ? 'SV1 professional' : 'SV2 institutional'} service`,
      );
    }
    if (this.kind === '837P' && !line.hasServiceDate) {
      this.report.missing(
        X12IssueCode.REQUIRED_SEGMENT_MISSING,
        'DTP',
        position,
        '2400',
        `service line ${line.line.lineNumber} has no service date (DTP*472)`,
      );
    }
    this.line = undefined;
  }

  private closeClaim(position: number): void {
    const build = this.claim;
    if (!build) return;
    this.closeLine(position);
    const { segment, position: clm } = build;
    if (build.lines.length === 0)
      this.report.missing(
        X12IssueCode.REQUIRED_SEGMENT_MISSING,
        'LX',
        position,
        '2400',
        'a claim needs at least one service line (loop 2400)',
      );
    if (!build.hasPrincipalDiagnosis)
      this.report.missing(X12IssueCode.REQUIRED_SEGMENT_MISSING, 'HI', position, '2300', 'principal diagnosis (HI ABK) is required');
    if ((build.frequencyCode === '7' || build.frequencyCode === '8') && !build.hasF8) {
      this.report.missing(
        X12IssueCode.SITUATIONAL_SEGMENT_MISSING,
        'REF',
        clm,
        '2300',
        `a replacement or void (CLM05-3 = ${build.frequencyCode}) needs the payer claim control number of the original (REF*F8)`,
      );
    }
    if (this.kind === '837I') {
      if (!build.hasStatementDates)
        this.report.missing(X12IssueCode.REQUIRED_SEGMENT_MISSING, 'DTP', position, '2300', 'statement dates (DTP*434) are required');
      if (!build.hasAttending)
        this.report.missing(
          X12IssueCode.SITUATIONAL_SEGMENT_MISSING,
          'NM1',
          position,
          '2310A',
          'attending provider (NM1*71) is required on institutional claims with services',
        );
      // Type of bill 11x is a hospital inpatient bill: admission date, CL1 and an admitting diagnosis are required.
      if (build.facilityCode === '11') {
        if (!build.hasAdmissionDate)
          this.report.missing(
            X12IssueCode.SITUATIONAL_SEGMENT_MISSING,
            'DTP',
            position,
            '2300',
            'admission date (DTP*435) is required on inpatient claims',
          );
        if (!build.hasCl1)
          this.report.missing(
            X12IssueCode.SITUATIONAL_SEGMENT_MISSING,
            'CL1',
            position,
            '2300',
            'institutional claim code (CL1) is required on inpatient claims',
          );
        if (!build.hasAdmittingDiagnosis)
          this.report.missing(
            X12IssueCode.SITUATIONAL_SEGMENT_MISSING,
            'HI',
            position,
            '2300',
            'admitting diagnosis (HI ABJ) is required on inpatient claims',
          );
      }
    }
    // SNIP 3: the claim total is the sum of the line charges.
    let sum = 0;
    let allPriced = true;
    for (const line of build.lines) {
      if (line.line.charge) sum += line.line.charge.amount;
      else allPriced = false;
    }
    const total = build.claim.totalCharge?.amount ?? 0;
    if (allPriced && build.lines.length > 0 && sum !== total && segment.elements[2]) {
      this.report.element(
        X12IssueCode.CLAIM_TOTAL_MISMATCH,
        segment,
        clm,
        '2300',
        2,
        `CLM02 total charge ${formatCents(total)} is not the sum of the ${build.lines.length} line charges ${formatCents(sum)}`,
        { elementReference: 782 },
      );
    }
    if (this.kind === '837P') {
      for (const line of build.lines) {
        for (const pointer of line.line.diagnosisPointers ?? []) {
          if (pointer > build.pointableDiagnoses && line.pointerSegment) {
            this.report.element(
              X12IssueCode.DIAGNOSIS_POINTER_INVALID,
              line.pointerSegment.segment,
              line.pointerSegment.position,
              '2400',
              7,
              `SV107 points at diagnosis ${pointer}, but the claim lists ${build.pointableDiagnoses}`,
              { elementReference: 1328 },
            );
          }
        }
      }
    }
    if (build.frequencyCode !== '' && build.frequencyCode !== '1' && build.frequencyCode !== '7' && build.frequencyCode !== '8') {
      this.report.element(
        X12IssueCode.INVALID_CODE_VALUE,
        segment,
        clm,
        '2300',
        5,
        'CLM05-3: Concord claims carry frequency 1, 7 or 8; this claim is read as frequency 1',
        {
          componentPosition: 3,
          elementReference: 1325,
          badValue: build.frequencyCode,
          severity: 'warning',
        },
      );
    }
    const claim = this.buildClaim(build);
    if (this.onClaim) this.onClaim(claim);
    else this.content.claims.push(claim);
    this.claim = undefined;
    this.loop = build.patient ? '2000C' : '2000B';
  }

  private buildClaim(build: ClaimBuild): ClaimDto {
    const frequency = build.frequencyCode === '7' || build.frequencyCode === '8' ? build.frequencyCode : '1';
    const { claim, subscriber, billing } = build;
    const patient: ClaimPatientDto = build.patient
      ? { relationship: build.patient.patient.relationship ?? 'other', ...withoutRelationship(build.patient.patient) }
      : { relationship: 'self' };
    const result: ClaimDto = {
      id: claim.patientControlNumber ?? '',
      kind: this.kind === '837P' ? 'professional' : 'institutional',
      patientControlNumber: claim.patientControlNumber ?? '',
      frequencyCode: frequency,
      ...(claim.originalPayerClaimNumber !== undefined ? { originalPayerClaimNumber: claim.originalPayerClaimNumber } : {}),
      ...(this.kind === '837I' ? { typeOfBill: `0${build.facilityCode}${build.frequencyCode}` } : { placeOfService: build.facilityCode }),
      ...(claim.admission ? { admission: claim.admission } : {}),
      ...(claim.statementPeriod ? { statementPeriod: claim.statementPeriod } : {}),
      ...(claim.drg !== undefined ? { drg: claim.drg } : {}),
      diagnoses: build.diagnoses,
      ...(build.procedures.length ? { procedures: build.procedures } : {}),
      lines: build.lines.map((l) => l.line as ClaimLineDto),
      totalCharge: claim.totalCharge ?? usd(0),
      billingProvider: billing.provider as BillingProviderDto,
      ...(claim.renderingProvider ? { renderingProvider: claim.renderingProvider } : {}),
      ...(claim.attendingProvider ? { attendingProvider: claim.attendingProvider } : {}),
      payer: {
        payerId: subscriber.payer?.payerId ?? '',
        name: subscriber.payer?.name ?? '',
        claimFilingIndicator: subscriber.claimFilingIndicator as ClaimDto['payer']['claimFilingIndicator'],
        responsibility: subscriber.responsibility,
      },
      subscriber: { name: { family: '', given: [] }, ...subscriber.subscriber },
      patient,
      status: 'submitted',
      statusHistory: [],
    };
    return result;
  }

  // ---- everything else ----

  private onOther(segment: X12Segment, position: number): void {
    const loop = this.loop;
    const allowed = rules.LOOP_SEGMENTS_837[loopKey(loop)];
    const id = segment.id;
    // Segments that open a loop of their own.
    if (id === 'LIN' || id === 'SVD' || id === 'LQ') {
      if (family(loop) !== '2400' || !this.line) return this.report.unexpected(segment, position, loop);
      this.loop = id === 'LIN' ? '2410' : id === 'SVD' ? '2430' : '2440';
      return;
    }
    if (!allowed?.has(id)) return this.report.unexpected(segment, position, loop);
    switch (loop) {
      case '1000A':
        if (id === 'PER') this.report.elements(segment, position, loop, rules.PER_SUBMITTER);
        return;
      case '2000A':
        if (id === 'PRV' && this.billing) {
          this.report.elements(segment, position, loop, rules.PRV);
          this.billing.provider.taxonomy = elementOf(segment, 3);
        }
        return;
      case '2010AA':
        return this.onBillingDetail(segment, position);
      case '2010BA':
        return this.onSubscriberDetail(segment, position);
      case '2000C':
        if (id === 'PAT' && this.patient) {
          if (this.patient.hasPat)
            return this.report.segment(X12IssueCode.SEGMENT_REPEATS_TOO_OFTEN, segment, position, loop, 'PAT appears more than once');
          this.report.elements(segment, position, loop, rules.PAT);
          this.patient.hasPat = true;
          this.patient.patient.relationship = RELATIONSHIPS[elementOf(segment, 1)] ?? 'other';
        }
        return;
      case '2010CA':
        return this.onPatientDetail(segment, position);
      case '2300':
        return this.onClaimDetail(segment, position);
      case '2400':
        return this.onLineDetail(segment, position);
      default:
        if (id === 'PRV' && loop.startsWith('2310') && this.claim) {
          this.report.elements(segment, position, loop, rules.PRV);
          if (this.claim.lastProvider) this.claim.lastProvider.taxonomy = elementOf(segment, 3);
        }
        if ((id === 'N3' || id === 'N4') && (loop.startsWith('2310') || loop.startsWith('2420') || loop.startsWith('2010'))) {
          this.report.elements(segment, position, loop, id === 'N3' ? rules.N3 : rules.N4);
        }
        return;
    }
  }

  private onBillingDetail(segment: X12Segment, position: number): void {
    const billing = this.billing!;
    const loop = '2010AA';
    switch (segment.id) {
      case 'N3':
        this.report.elements(segment, position, loop, rules.N3);
        billing.provider.address = { ...(billing.provider.address ?? emptyAddress()), line: streetLines(segment) };
        return;
      case 'N4': {
        this.report.elements(segment, position, loop, rules.N4);
        billing.hasAddress = billing.provider.address !== undefined;
        const zip = elementOf(segment, 3);
        if (zip !== '' && !/^\d{9}$/.test(zip)) {
          this.report.element(
            X12IssueCode.PATTERN_MISMATCH,
            segment,
            position,
            loop,
            3,
            'N403 billing provider ZIP code must be all nine digits (ZIP+4)',
            { elementReference: 116 },
          );
        }
        billing.provider.address = { ...(billing.provider.address ?? emptyAddress()), ...cityStateZip(segment) };
        return;
      }
      case 'REF': {
        const qualifier = elementOf(segment, 1);
        if (qualifier === 'EI' || qualifier === 'SY') {
          this.report.elements(segment, position, loop, rules.REF_BILLING_TAX_ID);
          if (billing.hasTaxId)
            return this.report.segment(
              X12IssueCode.SEGMENT_REPEATS_TOO_OFTEN,
              segment,
              position,
              loop,
              'billing provider tax id (REF*EI or REF*SY) appears more than once',
            );
          billing.hasTaxId = true;
          const value = elementOf(segment, 2);
          if (qualifier === 'EI') {
            if (!/^\d{9}$/.test(value))
              this.report.element(
                X12IssueCode.PATTERN_MISMATCH,
                segment,
                position,
                loop,
                2,
                'REF02 employer identification number must be nine digits',
                { elementReference: 127 },
              );
            else billing.provider.ein = `${value.slice(0, 2)}-${value.slice(2)}`;
          }
          return;
        }
        this.report.elements(segment, position, loop, rules.ref(['0B', '1G']));
        return;
      }
      default:
        return;
    }
  }

  private onSubscriberDetail(segment: X12Segment, position: number): void {
    const subscriber = this.subscriber!;
    const loop = '2010BA';
    switch (segment.id) {
      case 'N3':
        this.report.elements(segment, position, loop, rules.N3);
        subscriber.subscriber.address = { ...(subscriber.subscriber.address ?? emptyAddress()), line: streetLines(segment) };
        return;
      case 'N4':
        this.report.elements(segment, position, loop, rules.N4);
        subscriber.subscriber.address = { ...(subscriber.subscriber.address ?? emptyAddress()), ...cityStateZip(segment) };
        return;
      case 'DMG': {
        this.report.elements(segment, position, loop, rules.DMG);
        const { birthDate, gender } = demographics(segment);
        if (birthDate) subscriber.subscriber.birthDate = birthDate;
        if (gender) subscriber.subscriber.gender = gender;
        return;
      }
      default:
        return;
    }
  }

  private onPatientDetail(segment: X12Segment, position: number): void {
    const patient = this.patient!;
    const loop = '2010CA';
    switch (segment.id) {
      case 'N3':
        this.report.elements(segment, position, loop, rules.N3);
        patient.patient.address = { ...(patient.patient.address ?? emptyAddress()), line: streetLines(segment) };
        return;
      case 'N4':
        this.report.elements(segment, position, loop, rules.N4);
        patient.patient.address = { ...(patient.patient.address ?? emptyAddress()), ...cityStateZip(segment) };
        return;
      case 'DMG': {
        this.report.elements(segment, position, loop, rules.DMG);
        const { birthDate, gender } = demographics(segment);
        if (birthDate) patient.patient.birthDate = birthDate;
        if (gender) patient.patient.gender = gender;
        return;
      }
      default:
        return;
    }
  }

  private onClaimDetail(segment: X12Segment, position: number): void {
    const build = this.claim;
    if (!build) return;
    const loop = '2300';
    switch (segment.id) {
      case 'DTP':
        return this.onClaimDate(segment, position, build);
      case 'CL1':
        if (this.kind !== '837I') return this.report.unexpected(segment, position, loop);
        this.report.elements(segment, position, loop, rules.CL1);
        build.hasCl1 = true;
        build.claim.admission = {
          ...build.claim.admission,
          ...(elementOf(segment, 1) ? { typeCode: elementOf(segment, 1) } : {}),
          ...(elementOf(segment, 2) ? { sourceCode: elementOf(segment, 2) } : {}),
          ...(elementOf(segment, 3) ? { patientStatusCode: elementOf(segment, 3) } : {}),
        };
        return;
      case 'REF':
        if (elementOf(segment, 1) === 'F8') {
          this.report.elements(segment, position, loop, rules.ref(['F8']));
          build.hasF8 = true;
          build.claim.originalPayerClaimNumber = elementOf(segment, 2);
          if (build.frequencyCode === '1') {
            this.report.segment(
              X12IssueCode.SITUATIONAL_SEGMENT_NOT_ALLOWED,
              segment,
              position,
              loop,
              'payer claim control number (REF*F8) is only sent on a replacement or void (CLM05-3 7 or 8)',
              { severity: 'warning' },
            );
          }
        }
        return;
      case 'HI':
        return this.onDiagnoses(segment, position, build);
      default:
        return;
    }
  }

  private onClaimDate(segment: X12Segment, position: number, build: ClaimBuild): void {
    const qualifier = elementOf(segment, 1);
    const format = elementOf(segment, 2);
    const value = elementOf(segment, 3);
    const period = readDatePeriod(format, value);
    if (!period) {
      this.report.element(
        X12IssueCode.INVALID_DATE,
        segment,
        position,
        '2300',
        3,
        `DTP03 is not a valid ${format === 'RD8' ? 'CCYYMMDD-CCYYMMDD period' : format === 'DT' ? 'CCYYMMDDHHMM date and time' : 'CCYYMMDD date'}`,
        { elementReference: 1251 },
      );
    }
    if (this.kind === '837I' && qualifier === '434') {
      this.report.elements(segment, position, '2300', rules.dtp(['434'], ['RD8']));
      build.hasStatementDates = true;
      if (period?.end) build.claim.statementPeriod = { start: period.start, end: period.end };
    } else if (this.kind === '837I' && qualifier === '435') {
      this.report.elements(segment, position, '2300', rules.dtp(['435'], ['D8', 'DT']));
      build.hasAdmissionDate = true;
      if (period) build.claim.admission = { ...build.claim.admission, date: period.start, ...(period.time ? { hour: period.time } : {}) };
    }
  }

  private onDiagnoses(segment: X12Segment, position: number, build: ClaimBuild): void {
    const loop = '2300';
    const composites = segment.elements.length - 1;
    for (let i = 1; i <= composites; i++) {
      const parts = componentsOf(segment, i);
      if (parts.length === 0) continue;
      const qualifier = parts[0] ?? '';
      const code = parts[1] ?? '';
      const bad = (message: string, component: number, badValue?: string) =>
        this.report.element(X12IssueCode.INVALID_CODE_VALUE, segment, position, loop, i, message, {
          componentPosition: component,
          elementReference: 1270,
          ...(badValue ? { badValue } : {}),
        });
      if (code === '') {
        this.report.element(
          X12IssueCode.REQUIRED_ELEMENT_MISSING,
          segment,
          position,
          loop,
          i,
          `HI${String(i).padStart(2, '0')}-2 code is required`,
          { componentPosition: 2, elementReference: 1271 },
        );
        continue;
      }
      const role = diagnosisRole(this.kind, qualifier);
      if (role) {
        const icd9 = role.icd9;
        if (!(icd9 ? ICD9_CM : ICD10_CM).test(code)) {
          this.report.element(
            X12IssueCode.PATTERN_MISMATCH,
            segment,
            position,
            loop,
            i,
            `HI${String(i).padStart(2, '0')}-2 is not an ${icd9 ? 'ICD-9-CM' : 'ICD-10-CM'} code written without its dot`,
            { componentPosition: 2, elementReference: 1271 },
          );
        }
        if (role.role === 'principal') {
          if (build.hasPrincipalDiagnosis) bad('a claim has one principal diagnosis (ABK)', 1, qualifier);
          else if (this.kind === '837P' && (i !== 1 || build.pointableDiagnoses > 0))
            bad('the principal diagnosis (ABK) must come first', 1, qualifier);
          build.hasPrincipalDiagnosis = true;
        } else if (this.kind === '837P' && !build.hasPrincipalDiagnosis) {
          bad('the principal diagnosis (ABK) must come before other diagnoses', 1, qualifier);
        }
        if (role.role === 'admitting') build.hasAdmittingDiagnosis = true;
        const diagnosis: ClaimDiagnosisDto = {
          code: { system: icd9 ? ICD9_CM_SYSTEM : CodeSystem.ICD10_CM, code: icd9 ? code : icd10FromX12(code) },
          role: role.role,
          ...(parts[8] ? { presentOnAdmission: parts[8] } : {}),
        };
        if (this.kind === '837P' || role.role === 'principal' || role.role === 'other') build.pointableDiagnoses++;
        // Keep the canonical order principal, admitting, reasons for visit, other, whatever the HI order.
        build.diagnoses.splice(insertionIndex(build.diagnoses, role.role), 0, diagnosis);
        continue;
      }
      if (this.kind === '837I' && qualifier === 'DR') {
        if (!/^\d{3}$/.test(code))
          this.report.element(X12IssueCode.PATTERN_MISMATCH, segment, position, loop, i, 'HI DRG code must be three digits', {
            componentPosition: 2,
            elementReference: 1271,
          });
        else build.claim.drg = code;
        continue;
      }
      if (
        this.kind === '837I' &&
        (qualifier === 'BBR' || qualifier === 'BBQ' || qualifier === 'BR' || qualifier === 'BQ' || qualifier === 'CAH')
      ) {
        const pcs = qualifier === 'BBR' || qualifier === 'BBQ';
        if (pcs && !ICD10_PCS.test(code)) {
          this.report.element(
            X12IssueCode.PATTERN_MISMATCH,
            segment,
            position,
            loop,
            i,
            'HI procedure code is not a seven-character ICD-10-PCS code',
            { componentPosition: 2, elementReference: 1271 },
          );
        }
        const date = parts[2] === 'D8' ? readDatePeriod('D8', parts[3] ?? '') : undefined;
        if (!date) {
          this.report.element(
            X12IssueCode.INVALID_DATE,
            segment,
            position,
            loop,
            i,
            'HI procedure date (components 3 and 4) must be D8 and a CCYYMMDD date',
            { componentPosition: 4, elementReference: 1251 },
          );
          continue;
        }
        build.procedures.push({
          code: { system: pcs ? CodeSystem.ICD10_PCS : ICD9_CM_SYSTEM, code },
          role: qualifier === 'BBR' || qualifier === 'BR' || qualifier === 'CAH' ? 'principal' : 'other',
          date: date.start,
        });
        continue;
      }
      if (!KNOWN_HI_QUALIFIERS[this.kind].has(qualifier)) bad('HI qualifier is not one the guide allows', 1, qualifier);
    }
  }

  private onLineDetail(segment: X12Segment, position: number): void {
    const line = this.line;
    if (!line) return;
    const loop = '2400';
    switch (segment.id) {
      case 'SV1':
        if (this.kind !== '837P') return this.report.unexpected(segment, position, loop);
        return this.onProfessionalService(segment, position, line);
      case 'SV2':
        if (this.kind !== '837I') return this.report.unexpected(segment, position, loop);
        return this.onInstitutionalService(segment, position, line);
      case 'DTP': {
        if (elementOf(segment, 1) !== '472') return;
        this.report.elements(segment, position, loop, rules.dtp(['472'], ['D8', 'RD8']));
        const period = readDatePeriod(elementOf(segment, 2), elementOf(segment, 3));
        if (!period) {
          this.report.element(X12IssueCode.INVALID_DATE, segment, position, loop, 3, 'DTP03 service date is not a valid date or period', {
            elementReference: 1251,
          });
          return;
        }
        line.hasServiceDate = true;
        line.line.serviceDate = period.start;
        if (period.end !== undefined && period.end !== period.start) line.line.serviceDateEnd = period.end;
        return;
      }
      case 'REF':
        if (elementOf(segment, 1) === '6R') {
          this.report.elements(segment, position, loop, rules.ref(['6R']));
          line.line.chargeId = elementOf(segment, 2);
        }
        return;
      default:
        return;
    }
  }

  private onProfessionalService(segment: X12Segment, position: number, line: LineBuild): void {
    const loop = '2400';
    if (line.hasService)
      return this.report.segment(X12IssueCode.SEGMENT_REPEATS_TOO_OFTEN, segment, position, loop, 'a service line has one SV1');
    line.hasService = true;
    this.report.elements(segment, position, loop, rules.SV1);
    const procedure = componentsOf(segment, 1);
    Object.assign(line.line, this.procedure(procedure));
    const charge = this.report.amount(segment, position, loop, 2);
    line.line.charge = usd(charge ?? 0);
    if (charge === undefined) line.line.charge = undefined;
    line.line.unitBasis = (elementOf(segment, 3) || 'UN') as UnitBasisCode;
    line.line.units = parseDecimal(elementOf(segment, 4)) ?? 0;
    const pos = elementOf(segment, 5);
    if (pos) line.line.placeOfService = pos;
    const pointers = componentsOf(segment, 7)
      .filter((p) => p !== '')
      .map(Number)
      .filter((n) => Number.isInteger(n) && n >= 1);
    if (pointers.length) line.line.diagnosisPointers = pointers;
    line.pointerSegment = { segment, position };
  }

  private onInstitutionalService(segment: X12Segment, position: number, line: LineBuild): void {
    const loop = '2400';
    if (line.hasService)
      return this.report.segment(X12IssueCode.SEGMENT_REPEATS_TOO_OFTEN, segment, position, loop, 'a service line has one SV2');
    line.hasService = true;
    this.report.elements(segment, position, loop, rules.SV2);
    const revenueCode = elementOf(segment, 1);
    if (revenueCode !== '' && !/^\d{4}$/.test(revenueCode)) {
      this.report.element(X12IssueCode.PATTERN_MISMATCH, segment, position, loop, 1, 'SV201 revenue code must be four digits', {
        elementReference: 234,
        badValue: revenueCode,
      });
    }
    line.line.revenueCode = revenueCode;
    const procedure = componentsOf(segment, 2);
    if (procedure.length) Object.assign(line.line, this.procedure(procedure));
    const charge = this.report.amount(segment, position, loop, 3);
    if (charge !== undefined) line.line.charge = usd(charge);
    line.line.unitBasis = (elementOf(segment, 4) || 'UN') as UnitBasisCode;
    line.line.units = parseDecimal(elementOf(segment, 5)) ?? 0;
  }

  private procedure(components: string[]): Pick<ClaimLineDto, 'procedureCode' | 'modifiers'> {
    const [qualifier = '', code = '', ...rest] = components;
    const modifiers = rest.slice(0, 4).filter((m) => m !== '');
    return {
      ...(code !== '' ? { procedureCode: procedureCoding(qualifier, code) } : {}),
      ...(modifiers.length ? { modifiers } : {}),
    };
  }

  /** Position of the last segment read (for issues raised after it). */
  get position(): number {
    return this.lastPosition;
  }
}

const KNOWN_HI_QUALIFIERS: Readonly<Record<Claim837Kind, ReadonlySet<string>>> = {
  '837P': new Set(['BP', 'BO', 'BG', 'TC']),
  '837I': new Set(['ABN', 'BN', 'BI', 'BH', 'BE', 'BG', 'TC', 'PR', 'APR']),
};

function diagnosisRole(kind: Claim837Kind, qualifier: string): { role: ClaimDiagnosisDto['role']; icd9: boolean } | undefined {
  switch (qualifier) {
    case 'ABK':
      return { role: 'principal', icd9: false };
    case 'BK':
      return { role: 'principal', icd9: true };
    case 'ABF':
      return { role: 'other', icd9: false };
    case 'BF':
      return { role: 'other', icd9: true };
    case 'ABJ':
      return kind === '837I' ? { role: 'admitting', icd9: false } : undefined;
    case 'BJ':
      return kind === '837I' ? { role: 'admitting', icd9: true } : undefined;
    case 'APR':
      return kind === '837I' ? { role: 'reason-for-visit', icd9: false } : undefined;
    case 'PR':
      return kind === '837I' ? { role: 'reason-for-visit', icd9: true } : undefined;
    default:
      return undefined;
  }
}

const ROLE_ORDER: Readonly<Record<ClaimDiagnosisDto['role'], number>> = { principal: 0, admitting: 1, 'reason-for-visit': 2, other: 3 };

function insertionIndex(diagnoses: readonly ClaimDiagnosisDto[], role: ClaimDiagnosisDto['role']): number {
  let index = diagnoses.length;
  while (index > 0 && ROLE_ORDER[diagnoses[index - 1].role] > ROLE_ORDER[role]) index--;
  return index;
}

function personName(segment: X12Segment): PersonNameDto {
  const given = [elementOf(segment, 4), elementOf(segment, 5)].filter((n) => n !== '');
  return { family: elementOf(segment, 3), given };
}

function demographics(segment: X12Segment): { birthDate?: string; gender?: SubscriberDto['gender'] } {
  const period = elementOf(segment, 1) === 'D8' ? readDatePeriod('D8', elementOf(segment, 2)) : undefined;
  const gender = GENDERS[elementOf(segment, 3) as keyof typeof GENDERS] as SubscriberDto['gender'] | undefined;
  return { ...(period ? { birthDate: period.start } : {}), ...(gender ? { gender } : {}) };
}

function emptyAddress(): PostalAddressDto {
  return { line: [], city: '', state: '', postalCode: '' };
}

function streetLines(segment: X12Segment): string[] {
  return [elementOf(segment, 1), elementOf(segment, 2)].filter((l) => l !== '');
}

function cityStateZip(segment: X12Segment): Pick<PostalAddressDto, 'city' | 'state' | 'postalCode'> {
  return { city: elementOf(segment, 1), state: elementOf(segment, 2), postalCode: elementOf(segment, 3) };
}

function withoutRelationship(patient: Partial<ClaimPatientDto>): Omit<Partial<ClaimPatientDto>, 'relationship'> {
  const { relationship: _relationship, ...rest } = patient;
  return rest;
}

function formatCents(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
