import type { ClaimAcknowledgementDto, ClaimAcknowledgementItemDto } from '@concord/contracts';
import { X12Error, X12ErrorCode } from '../x12-error';
import { transactionControlNumber, writeX12Interchange, type X12EnvelopeOptions } from '../x12-envelope-writer';
import { X12_GUIDE_VERSIONS } from '../x12-guides';
import type { X12SegmentWriter } from '../x12-segment-writer';
import { dateToX12, formatAmount } from '../x12-values';

/** Who the 277CA comes from and goes to, and what it answers. */
export interface ClaimAckWriteDetails {
  /** NM101 of loop 2100A: PR payer or AY clearinghouse. */
  sourceEntity: 'PR' | 'AY';
  receiver: { name: string; id: string };
  /** BHT03 of the 837 acknowledged, echoed in TRN02 of loop 2200B. */
  acknowledgedReference: string;
  /** BHT03 of this 277CA. */
  reference: string;
  /** When the claims were processed (DTP*009), and BHT04; the envelope date by default. */
  processedOn?: string;
}

export interface ClaimAckWriteOptions extends X12EnvelopeOptions, ClaimAckWriteDetails {
  transactionControlNumber?: string;
}

function two(n: number): string {
  return String(n).padStart(2, '0');
}

/** Writes the body (BHT … last 2200D) of one 277CA transaction set. */
export function write277caBody(w: X12SegmentWriter, ack: ClaimAcknowledgementDto, details: ClaimAckWriteDetails, date: Date): void {
  const today = `${date.getUTCFullYear()}${two(date.getUTCMonth() + 1)}${two(date.getUTCDate())}`;
  const processed = details.processedOn ? dateToX12(details.processedOn) : today;
  w.segment('BHT', '0085', '08', details.reference, processed, `${two(date.getUTCHours())}${two(date.getUTCMinutes())}`, 'TH');
  let hl = 1;
  w.segment('HL', '1', '', '20', '1');
  w.segment('NM1', details.sourceEntity, '2', ack.sourceName, '', '', '', '', '46', ack.sourceId);
  w.segment('TRN', '1', details.reference);
  w.segment('DTP', '050', 'D8', ack.receiptDate ? dateToX12(ack.receiptDate) : processed);
  w.segment('DTP', '009', 'D8', processed);
  const receiverHl = ++hl;
  w.segment('HL', String(receiverHl), '1', '21', '1');
  w.segment('NM1', '41', '2', details.receiver.name, '', '', '', '', '46', details.receiver.id);
  w.segment('TRN', '2', details.acknowledgedReference);
  const accepted = ack.claims.filter((c) => c.outcome !== 'rejected');
  const rejected = ack.claims.filter((c) => c.outcome === 'rejected');
  const total = (claims: readonly ClaimAcknowledgementItemDto[]) => claims.reduce((sum, c) => sum + (c.totalCharge?.amount ?? 0), 0);
  w.segment('STC', ['A1', '19', 'PR'], processed, 'WQ', formatAmount(total(ack.claims)));
  if (accepted.length) w.segment('QTY', '90', String(accepted.length));
  if (rejected.length) w.segment('QTY', 'AA', String(rejected.length));
  if (accepted.length) w.segment('AMT', 'YU', formatAmount(total(accepted)));
  if (rejected.length) w.segment('AMT', 'YY', formatAmount(total(rejected)));
  const byProvider = new Map<string, ClaimAcknowledgementItemDto[]>();
  for (const claim of ack.claims) {
    const key = `${claim.billingProviderNpi ?? ''}|${claim.billingProviderName ?? ''}`;
    byProvider.set(key, [...(byProvider.get(key) ?? []), claim]);
  }
  for (const claims of byProvider.values()) {
    const first = claims[0];
    const providerHl = ++hl;
    w.segment('HL', String(providerHl), String(receiverHl), '19', '1');
    w.segment(
      'NM1',
      '85',
      '2',
      first.billingProviderName ?? 'UNKNOWN',
      '',
      '',
      '',
      '',
      first.billingProviderNpi ? 'XX' : undefined,
      first.billingProviderNpi,
    );
    w.segment('TRN', '1', '0');
    for (const claim of claims) {
      w.segment('HL', String(++hl), String(providerHl), 'PT');
      const name = claim.patientName;
      w.segment(
        'NM1',
        'QC',
        '1',
        name?.family ?? 'UNKNOWN',
        name?.given[0],
        name?.given[1],
        '',
        '',
        claim.patientMemberId ? 'MI' : undefined,
        claim.patientMemberId,
      );
      w.segment('TRN', '2', claim.patientControlNumber);
      const [status, ...more] = claim.statuses;
      if (more.length > 2)
        throw new X12Error(
          X12ErrorCode.UNWRITABLE_CLAIM,
          `claim ${claim.patientControlNumber}: an STC carries at most three statuses (STC01, STC10, STC11)`,
        );
      if (status) {
        w.segment(
          'STC',
          [status.categoryCode, status.statusCode, status.entityCode],
          claim.statusDate ? dateToX12(claim.statusDate) : processed,
          claim.outcome === 'rejected' ? 'U' : 'WQ',
          claim.totalCharge ? formatAmount(claim.totalCharge.amount) : undefined,
          '',
          '',
          '',
          '',
          '',
          more[0] ? [more[0].categoryCode, more[0].statusCode, more[0].entityCode] : undefined,
          more[1] ? [more[1].categoryCode, more[1].statusCode, more[1].entityCode] : undefined,
        );
      }
      if (claim.payerClaimControlNumber) w.segment('REF', '1K', claim.payerClaimControlNumber);
      if (claim.serviceDate) w.segment('DTP', '472', 'D8', dateToX12(claim.serviceDate));
    }
  }
}

/** Writes a claim acknowledgement as one 277CA (005010X214) interchange. */
export function write277ca(ack: ClaimAcknowledgementDto, options: ClaimAckWriteOptions): string {
  const st02 = options.transactionControlNumber ?? transactionControlNumber(1);
  const date = options.date ?? new Date();
  return writeX12Interchange({ ...options, date }, [
    {
      functionalId: 'HN',
      version: X12_GUIDE_VERSIONS.claimAcknowledgement,
      transactions: [
        {
          transactionSetId: '277',
          controlNumber: st02,
          implementationReference: X12_GUIDE_VERSIONS.claimAcknowledgement,
          write: (w) => write277caBody(w, ack, options, date),
        },
      ],
    },
  ]);
}
