import type { EligibilityRequestDto, EligibilityResponseDto } from '@concord/contracts';
import { X12Error, X12ErrorCode } from '../x12-error';
import { transactionControlNumber, writeX12Interchange, type X12EnvelopeOptions } from '../x12-envelope-writer';
import { X12_GUIDE_VERSIONS } from '../x12-guides';
import type { X12SegmentWriter } from '../x12-segment-writer';
import { dateToX12, formatAmount, formatDecimal } from '../x12-values';
import { GENDER_CODES, personNameElements } from './837-common.writer';

export interface EligibilityWriteOptions extends X12EnvelopeOptions {
  /** BHT03. */
  reference: string;
  transactionControlNumber?: string;
}

function two(n: number): string {
  return String(n).padStart(2, '0');
}

/** TRN03: "1" and the provider's EIN, the originating company identifier of the inquiry. */
export function originatorId(request: EligibilityRequestDto): string {
  const ein = request.provider.ein?.replace('-', '');
  if (!ein || !/^\d{9}$/.test(ein))
    throw new X12Error(
      X12ErrorCode.UNWRITABLE_CLAIM,
      `eligibility ${request.traceNumber}: the provider needs an EIN for the trace (TRN03)`,
    );
  return `1${ein}`;
}

function writeBht(w: X12SegmentWriter, purpose: '13' | '11', reference: string, date: Date): void {
  w.segment(
    'BHT',
    '0022',
    purpose,
    reference,
    `${date.getUTCFullYear()}${two(date.getUTCMonth() + 1)}${two(date.getUTCDate())}`,
    `${two(date.getUTCHours())}${two(date.getUTCMinutes())}`,
  );
}

/** The payer (2000A/2100A) and provider (2000B/2100B) levels; returns the provider's HL number. */
export function writeSourceAndReceiver(w: X12SegmentWriter, request: EligibilityRequestDto, hl: number): number {
  w.segment('HL', String(hl + 1), '', '20', '1');
  w.segment('NM1', 'PR', '2', request.payerName, '', '', '', '', 'PI', request.payerId);
  w.segment('HL', String(hl + 2), String(hl + 1), '21', '1');
  const { provider } = request;
  w.segment('NM1', '1P', provider.firstName !== undefined ? '1' : '2', provider.name, provider.firstName, '', '', '', 'XX', provider.npi);
  return hl + 2;
}

/** Writes the body of one 270 transaction set: one payer/provider/subscriber hierarchy per request. */
export function write270Body(w: X12SegmentWriter, requests: readonly EligibilityRequestDto[], reference: string, date: Date): void {
  writeBht(w, '13', reference, date);
  let hl = 0;
  for (const request of requests) {
    const providerHl = writeSourceAndReceiver(w, request, hl);
    hl = providerHl;
    const subscriberHl = ++hl;
    const dependent = request.dependent && request.dependent.relationship !== 'self' ? request.dependent : undefined;
    w.segment('HL', String(subscriberHl), String(providerHl), '22', dependent ? '1' : '0');
    if (!dependent) w.segment('TRN', '1', request.traceNumber, originatorId(request));
    const [last, first, middle] = personNameElements(request.subscriber.name);
    w.segment('NM1', 'IL', '1', last, first, middle, '', '', request.subscriber.memberId ? 'MI' : undefined, request.subscriber.memberId);
    if (!dependent && request.subscriber.birthDate) {
      w.segment(
        'DMG',
        'D8',
        dateToX12(request.subscriber.birthDate),
        request.subscriber.gender ? GENDER_CODES[request.subscriber.gender] : undefined,
      );
    }
    if (!dependent) {
      w.segment('DTP', '291', 'D8', dateToX12(request.serviceDate));
      w.segment('EQ', request.serviceTypeCodes.join(w.separators.repetition ?? '^'));
      continue;
    }
    w.segment('HL', String(++hl), String(subscriberHl), '23', '0');
    w.segment('TRN', '1', request.traceNumber, originatorId(request));
    if (!dependent.name)
      throw new X12Error(X12ErrorCode.UNWRITABLE_CLAIM, `eligibility ${request.traceNumber}: the dependent needs a name (NM1*03)`);
    const [dLast, dFirst, dMiddle] = personNameElements(dependent.name);
    w.segment('NM1', '03', '1', dLast, dFirst, dMiddle);
    if (dependent.birthDate)
      w.segment('DMG', 'D8', dateToX12(dependent.birthDate), dependent.gender ? GENDER_CODES[dependent.gender] : undefined);
    w.segment('DTP', '291', 'D8', dateToX12(request.serviceDate));
    w.segment('EQ', request.serviceTypeCodes.join(w.separators.repetition ?? '^'));
  }
}

/** Writes eligibility inquiries as one 270 (005010X279A1) interchange. */
export function write270(requests: readonly EligibilityRequestDto[], options: EligibilityWriteOptions): string {
  const st02 = options.transactionControlNumber ?? transactionControlNumber(1);
  const date = options.date ?? new Date();
  return writeX12Interchange({ ...options, date }, [
    {
      functionalId: 'HS',
      version: X12_GUIDE_VERSIONS.eligibility,
      transactions: [
        {
          transactionSetId: '270',
          controlNumber: st02,
          implementationReference: X12_GUIDE_VERSIONS.eligibility,
          write: (w) => write270Body(w, requests, options.reference, date),
        },
      ],
    },
  ]);
}

/** Writes the body of one 271 transaction set: each answer under the request it answers. */
export function write271Body(
  w: X12SegmentWriter,
  answers: readonly { request: EligibilityRequestDto; response: EligibilityResponseDto }[],
  reference: string,
  date: Date,
): void {
  writeBht(w, '11', reference, date);
  let hl = 0;
  for (const { request, response } of answers) {
    const providerHl = writeSourceAndReceiver(w, request, hl);
    hl = providerHl;
    const subscriberHl = ++hl;
    const dependent = request.dependent && request.dependent.relationship !== 'self' ? request.dependent : undefined;
    w.segment('HL', String(subscriberHl), String(providerHl), '22', dependent ? '1' : '0');
    if (!dependent) w.segment('TRN', '2', request.traceNumber, originatorId(request));
    const [last, first, middle] = personNameElements(request.subscriber.name);
    const memberId = response.memberId ?? request.subscriber.memberId;
    w.segment('NM1', 'IL', '1', last, first, middle, '', '', memberId ? 'MI' : undefined, memberId);
    const rejections = (loop: string) => {
      for (const rejection of response.rejections.filter((r) => r.loop === loop))
        w.segment('AAA', 'N', '', rejection.reasonCode, rejection.followUp ?? 'C');
    };
    if (!dependent) {
      rejections('2100C');
      writeBenefits(w, response);
      continue;
    }
    w.segment('HL', String(++hl), String(subscriberHl), '23', '0');
    w.segment('TRN', '2', request.traceNumber, originatorId(request));
    const [dLast, dFirst, dMiddle] = personNameElements(dependent.name ?? { family: '', given: [] });
    w.segment('NM1', '03', '1', dLast, dFirst, dMiddle);
    rejections('2100D');
    writeBenefits(w, response);
  }
}

function writeBenefits(w: X12SegmentWriter, response: EligibilityResponseDto): void {
  for (const b of response.benefits) {
    w.segment(
      'EB',
      b.code,
      b.coverageLevel,
      b.serviceTypeCodes.join(w.separators.repetition ?? '^'),
      b.insuranceType,
      b.planName,
      b.timePeriod,
      b.amount ? formatAmount(b.amount.amount) : undefined,
      b.percent !== undefined ? formatDecimal(b.percent / 100) : undefined,
      '',
      '',
      '',
      b.inNetwork,
    );
  }
}

/** Writes eligibility answers as one 271 (005010X279A1) interchange. */
export function write271(
  answers: readonly { request: EligibilityRequestDto; response: EligibilityResponseDto }[],
  options: EligibilityWriteOptions,
): string {
  const st02 = options.transactionControlNumber ?? transactionControlNumber(1);
  const date = options.date ?? new Date();
  return writeX12Interchange({ ...options, date }, [
    {
      functionalId: 'HB',
      version: X12_GUIDE_VERSIONS.eligibility,
      transactions: [
        {
          transactionSetId: '271',
          controlNumber: st02,
          implementationReference: X12_GUIDE_VERSIONS.eligibility,
          write: (w) => write271Body(w, answers, options.reference, date),
        },
      ],
    },
  ]);
}
