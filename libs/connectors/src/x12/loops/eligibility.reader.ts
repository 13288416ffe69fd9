import {
  type BillingProviderDto,
  type EligibilityBenefitDto,
  type EligibilityRequestDto,
  type EligibilityResponseDto,
  type PersonNameDto,
  usd,
} from '@concord/contracts';
import type { X12TransactionEnd } from '../x12-envelope';
import { X12IssueCode } from '../x12-issue';
import { elementOf, repetitionsOf, type X12Segment } from '../x12-segment';
import { parseDecimal } from '../x12-values';
import * as rules from './eligibility-rules';
import { type IssueSink, LoopReporter, readDatePeriod, type TransactionReader } from './transaction-reader';

/** What a 270 transaction set holds: one request per subscriber (or dependent) asked about. */
export interface EligibilityRequestContent {
  kind: '270';
  requests: EligibilityRequestDto[];
}

/** What a 271 transaction set holds: one response per subscriber (or dependent) answered. */
export interface EligibilityResponseContent {
  kind: '271';
  responses: EligibilityResponseDto[];
}

const GENDERS = { F: 'female', M: 'male', U: 'unknown' } as const;

interface Person {
  level: '22' | '23';
  position: number;
  trace?: string;
  name?: PersonNameDto;
  memberId?: string;
  birthDate?: string;
  gender?: 'male' | 'female' | 'unknown';
  serviceDate?: string;
  serviceTypes: string[];
  benefits: EligibilityBenefitDto[];
  rejections: { loop: string; reasonCode: string; followUp?: string }[];
}

/**
 * Reads 270 eligibility inquiries and 271 responses (005010X279A1): the payer (2100A), provider
 * (2100B), and each subscriber (2100C) or dependent (2100D) with its EQ or EB lines and AAA rejections.
 */
export class EligibilityReader implements TransactionReader<EligibilityRequestContent | EligibilityResponseContent> {
  private readonly report: LoopReporter;
  private hasBht = false;
  private hlCount = 0;
  private readonly hlLevels = new Map<string, string>();
  private level = 'HEADER';
  private payer: { name: string; id: string } | undefined;
  private payerRejections: { loop: string; reasonCode: string; followUp?: string }[] = [];
  private provider: Partial<BillingProviderDto> | undefined;
  private subscriber: Person | undefined;
  private person: Person | undefined;
  private readonly people: { subscriber: Person; dependent?: Person }[] = [];
  private inBenefitEntity = false;

  constructor(
    private readonly kind: '270' | '271',
    sink: IssueSink,
  ) {
    this.report = new LoopReporter(sink);
  }

  private loopId(): string {
    return this.level === '20'
      ? '2100A'
      : this.level === '21'
        ? '2100B'
        : this.level === '22'
          ? '2100C'
          : this.level === '23'
            ? '2100D'
            : 'HEADER';
  }

  segment(segment: X12Segment, position: number): void {
    const loop = this.loopId();
    switch (segment.id) {
      case 'BHT':
        if (this.hasBht || this.level !== 'HEADER') return this.report.unexpected(segment, position, loop);
        this.hasBht = true;
        return this.report.elements(segment, position, 'HEADER', this.kind === '270' ? rules.BHT_270 : rules.BHT_271);
      case 'HL':
        return this.onHl(segment, position);
      case 'NM1':
        return this.onNm1(segment, position);
      case 'TRN':
        if (!this.person) return this.report.unexpected(segment, position, loop);
        this.report.elements(segment, position, loop, rules.TRN);
        // A 271 echoes the inquirer's trace (TRN01 = 2); a 270 carries its own (TRN01 = 1).
        if (this.person.trace === undefined) this.person.trace = elementOf(segment, 2);
        return;
      case 'DMG': {
        if (!this.person) return this.report.unexpected(segment, position, loop);
        this.report.elements(segment, position, loop, rules.DMG);
        const date = readDatePeriod('D8', elementOf(segment, 2));
        if (date) this.person.birthDate = date.start;
        const gender = GENDERS[elementOf(segment, 3) as keyof typeof GENDERS];
        if (gender) this.person.gender = gender;
        return;
      }
      case 'DTP': {
        if (!this.person) return this.report.unexpected(segment, position, loop);
        const period = readDatePeriod(elementOf(segment, 2), elementOf(segment, 3));
        if (!period)
          return this.report.element(X12IssueCode.INVALID_DATE, segment, position, loop, 3, 'DTP03 is not a valid date or period', {
            elementReference: 1251,
          });
        if (elementOf(segment, 1) === '291') this.person.serviceDate = period.start;
        return;
      }
      case 'EQ':
        if (this.kind !== '270' || !this.person) return this.report.unexpected(segment, position, loop);
        this.report.elements(segment, position, loop === '2100C' ? '2110C' : '2110D', rules.EQ);
        this.person.serviceTypes.push(...repetitionsOf(segment, 1));
        return;
      case 'EB':
        if (this.kind !== '271' || !this.person) return this.report.unexpected(segment, position, loop);
        return this.onEb(segment, position, loop === '2100C' ? '2110C' : '2110D');
      case 'AAA': {
        this.report.elements(segment, position, loop, rules.AAA);
        const rejection = {
          loop,
          reasonCode: elementOf(segment, 3),
          ...(elementOf(segment, 4) ? { followUp: elementOf(segment, 4) } : {}),
        };
        if (this.person) this.person.rejections.push(rejection);
        else this.payerRejections.push(rejection);
        return;
      }
      case 'LS':
        if (this.kind !== '271' || !this.person || this.inBenefitEntity) return this.report.unexpected(segment, position, loop);
        this.inBenefitEntity = true;
        return;
      case 'LE':
        if (!this.inBenefitEntity) return this.report.unexpected(segment, position, loop);
        this.inBenefitEntity = false;
        return;
      case 'N3':
      case 'N4':
      case 'REF':
      case 'PRV':
      case 'INS':
      case 'HI':
      case 'PER':
      case 'III':
      case 'MSG':
        return;
      default:
        return this.report.unexpected(segment, position, loop);
    }
  }

  private onHl(segment: X12Segment, position: number): void {
    this.report.elements(segment, position, 'HL', rules.HL);
    const id = elementOf(segment, 1);
    const parent = elementOf(segment, 2);
    const code = elementOf(segment, 3);
    this.hlCount++;
    const loop = code === '20' ? '2000A' : code === '21' ? '2000B' : code === '22' ? '2000C' : '2000D';
    if (id !== String(this.hlCount))
      this.report.element(
        X12IssueCode.HL_STRUCTURE,
        segment,
        position,
        loop,
        1,
        `HL01 should be ${this.hlCount}: hierarchical ids count up from 1`,
        { elementReference: 628 },
      );
    const expectedParent = code === '21' ? '20' : code === '22' ? '21' : code === '23' ? '22' : undefined;
    if (expectedParent !== undefined && this.hlLevels.get(parent) !== expectedParent) {
      this.report.element(
        X12IssueCode.HL_STRUCTURE,
        segment,
        position,
        loop,
        2,
        `HL02 must point at a preceding level ${expectedParent} HL`,
        { elementReference: 734 },
      );
    }
    this.hlLevels.set(id, code);
    this.level = code;
    this.inBenefitEntity = false;
    if (code === '22') {
      this.subscriber = { level: '22', position, serviceTypes: [], benefits: [], rejections: [] };
      this.person = this.subscriber;
      this.people.push({ subscriber: this.subscriber });
    } else if (code === '23') {
      if (!this.subscriber)
        return this.report.segment(
          X12IssueCode.HL_STRUCTURE,
          segment,
          position,
          loop,
          'dependent level without a subscriber level before it',
        );
      const dependent: Person = { level: '23', position, serviceTypes: [], benefits: [], rejections: [] };
      this.person = dependent;
      this.people.push({ subscriber: this.subscriber, dependent });
    } else {
      this.person = undefined;
    }
  }

  private onNm1(segment: X12Segment, position: number): void {
    const entity = elementOf(segment, 1);
    const loop = this.loopId();
    // Benefit related entity (loops 2120C/2120D, between LS and LE): a provider or another payer.
    if (this.inBenefitEntity) return;
    if (this.level === '20') {
      this.payer = { name: elementOf(segment, 3), id: elementOf(segment, 9) };
      return;
    }
    if (this.level === '21') {
      const person = elementOf(segment, 2) === '1';
      this.provider = {
        name: elementOf(segment, 3),
        npi: elementOf(segment, 8) === 'XX' ? elementOf(segment, 9) : '',
        ...(person && elementOf(segment, 4) ? { firstName: elementOf(segment, 4) } : {}),
      };
      return;
    }
    if ((this.level === '22' && entity === 'IL') || (this.level === '23' && entity === '03')) {
      const person = this.person!;
      const family = elementOf(segment, 3);
      const given = [elementOf(segment, 4), elementOf(segment, 5)].filter((n) => n !== '');
      if (family || given.length) person.name = { family, given };
      if (elementOf(segment, 9)) person.memberId = elementOf(segment, 9);
      return;
    }
    this.report.unexpected(segment, position, loop);
  }

  private onEb(segment: X12Segment, position: number, loop: string): void {
    this.report.elements(segment, position, loop, rules.EB);
    const amount = this.report.amount(segment, position, loop, 7);
    const percent = parseDecimal(elementOf(segment, 8));
    const benefit: EligibilityBenefitDto = {
      code: elementOf(segment, 1),
      serviceTypeCodes: repetitionsOf(segment, 3),
      ...(elementOf(segment, 2) ? { coverageLevel: elementOf(segment, 2) } : {}),
      ...(elementOf(segment, 4) ? { insuranceType: elementOf(segment, 4) } : {}),
      ...(elementOf(segment, 5) ? { planName: elementOf(segment, 5) } : {}),
      ...(elementOf(segment, 6) ? { timePeriod: elementOf(segment, 6) } : {}),
      ...(amount !== undefined ? { amount: usd(amount) } : {}),
      // EB08 is a fraction (.2 is 20 %); rounding keeps 0.1 + 0.2 style float noise out.
      ...(percent !== undefined ? { percent: Math.round(percent * 100 * 1000) / 1000 } : {}),
      ...(elementOf(segment, 12) ? { inNetwork: elementOf(segment, 12) } : {}),
    };
    this.person!.benefits.push(benefit);
  }

  end(end: X12TransactionEnd): EligibilityRequestContent | EligibilityResponseContent {
    if (!this.hasBht)
      this.report.missing(
        X12IssueCode.REQUIRED_SEGMENT_MISSING,
        'BHT',
        2,
        'HEADER',
        'BHT beginning of hierarchical transaction is required',
      );
    if (!this.payer)
      this.report.missing(
        X12IssueCode.REQUIRED_SEGMENT_MISSING,
        'NM1',
        end.trailerPosition,
        '2100A',
        'information source name (payer, loop 2100A) is required',
      );
    if (this.kind === '270') {
      const requests = this.people
        .filter((p) => p.dependent !== undefined || !this.people.some((q) => q.subscriber === p.subscriber && q.dependent !== undefined))
        .map(({ subscriber, dependent }): EligibilityRequestDto => {
          const asked = dependent ?? subscriber;
          return {
            traceNumber: asked.trace ?? '',
            payerId: this.payer?.id ?? '',
            payerName: this.payer?.name ?? '',
            provider: { name: '', npi: '', ...this.provider },
            subscriber: {
              name: subscriber.name ?? { family: '', given: [] },
              ...(subscriber.memberId ? { memberId: subscriber.memberId } : {}),
              ...(subscriber.birthDate ? { birthDate: subscriber.birthDate } : {}),
              ...(subscriber.gender ? { gender: subscriber.gender } : {}),
            },
            ...(dependent
              ? {
                  dependent: {
                    relationship: 'other' as const,
                    ...(dependent.name ? { name: dependent.name } : {}),
                    ...(dependent.birthDate ? { birthDate: dependent.birthDate } : {}),
                    ...(dependent.gender ? { gender: dependent.gender } : {}),
                  },
                }
              : {}),
            serviceDate: asked.serviceDate ?? '',
            serviceTypeCodes: asked.serviceTypes,
          };
        });
      return { kind: '270', requests };
    }
    const responses = this.people
      .filter((p) => p.dependent !== undefined || !this.people.some((q) => q.subscriber === p.subscriber && q.dependent !== undefined))
      .map(({ subscriber, dependent }) => this.response(subscriber, dependent));
    if (responses.length === 0 && (this.payerRejections.length || this.payer)) {
      // A 271 that rejects the inquiry before any subscriber level (AAA in 2100A/2100B) still answers it.
      responses.push({
        ...(this.payer ? { payerId: this.payer.id, payerName: this.payer.name } : {}),
        active: false,
        benefits: [],
        rejections: this.payerRejections,
      });
    }
    return { kind: '271', responses };
  }

  private response(subscriber: Person, dependent: Person | undefined): EligibilityResponseDto {
    const answered = dependent ?? subscriber;
    const benefits = answered.benefits;
    const activeCoverage = benefits.find((b) => b.code === '1');
    const inactive = benefits.some((b) => b.code === '6');
    const deductible = benefits.find((b) => b.code === 'C' && b.timePeriod === '29' && (b.coverageLevel ?? 'IND') === 'IND' && b.amount);
    const coinsurance = benefits.find((b) => b.code === 'A' && b.percent !== undefined);
    const trace = answered.trace ?? subscriber.trace;
    const memberId = subscriber.memberId ?? answered.memberId;
    return {
      ...(trace ? { traceNumber: trace } : {}),
      ...(this.payer ? { payerId: this.payer.id, payerName: this.payer.name } : {}),
      ...(memberId ? { memberId } : {}),
      active: activeCoverage !== undefined && !inactive,
      ...(activeCoverage?.planName ? { planName: activeCoverage.planName } : {}),
      ...(deductible?.amount ? { deductibleRemaining: deductible.amount } : {}),
      ...(coinsurance?.percent !== undefined ? { coinsurancePercent: coinsurance.percent } : {}),
      benefits,
      rejections: [...this.payerRejections, ...subscriber.rejections, ...(dependent ? dependent.rejections : [])],
    };
  }
}
