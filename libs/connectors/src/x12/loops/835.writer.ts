import type { AdjustmentDto, ClaimPaymentDto, PostalAddressDto, RemittanceDto } from '@concord/contracts';
import { X12Error, X12ErrorCode } from '../x12-error';
import { transactionControlNumber, writeX12Interchange, type X12EnvelopeOptions } from '../x12-envelope-writer';
import { X12_GUIDE_VERSIONS } from '../x12-guides';
import type { X12SegmentWriter } from '../x12-segment-writer';
import { dateToX12, formatAmount, formatDecimal } from '../x12-values';
import { CDT_SYSTEM, NDC_SYSTEM } from './835.reader';
import { X12_PRODUCT_SERVICE_SYSTEM } from './837.reader';

/** What an 835 needs beyond the canonical remittance: the payer's address and contact, and bank details for ACH. */
export interface RemittanceWriteDetails {
  payerAddress: PostalAddressDto;
  /** PER*BL, required by the guide: a phone number or a web address. */
  payerTechnicalContact: { name?: string; phone?: string; url?: string };
  /** BPR05–BPR15, required when the payment method is ACH. */
  bank?: { senderRoutingNumber: string; senderAccountNumber: string; receiverRoutingNumber: string; receiverAccountNumber: string };
}

export interface RemittanceWriteOptions extends X12EnvelopeOptions, RemittanceWriteDetails {
  transactionControlNumber?: string;
}

function unwritable(message: string): X12Error {
  return new X12Error(X12ErrorCode.UNWRITABLE_CLAIM, `remittance: ${message}`);
}

/** CAS segments of a list of adjustments: one per group code, up to six reason/amount/quantity triplets each. */
export function writeAdjustments(w: X12SegmentWriter, adjustments: readonly AdjustmentDto[]): void {
  const byGroup = new Map<string, AdjustmentDto[]>();
  for (const adjustment of adjustments) {
    const list = byGroup.get(adjustment.group) ?? [];
    list.push(adjustment);
    byGroup.set(adjustment.group, list);
  }
  for (const [group, list] of byGroup) {
    for (let i = 0; i < list.length; i += 6) {
      const elements: (string | undefined)[] = [group];
      for (const a of list.slice(i, i + 6)) {
        elements.push(a.reason.code, formatAmount(a.amount.amount), a.quantity !== undefined ? formatDecimal(a.quantity) : undefined);
      }
      w.segment('CAS', ...elements);
    }
  }
}

function procedureQualifier(system: string): string {
  if (system === CDT_SYSTEM) return 'AD';
  if (system === NDC_SYSTEM) return 'N4';
  if (system.startsWith(X12_PRODUCT_SERVICE_SYSTEM)) return system.slice(X12_PRODUCT_SERVICE_SYSTEM.length);
  return 'HC';
}

function writeClaimPayment(w: X12SegmentWriter, claim: ClaimPaymentDto): void {
  w.segment(
    'CLP',
    claim.patientControlNumber,
    claim.statusCode,
    formatAmount(claim.charge.amount),
    formatAmount(claim.paid.amount),
    claim.patientResponsibility ? formatAmount(claim.patientResponsibility.amount) : undefined,
    claim.claimFilingIndicator,
    claim.payerClaimControlNumber,
    claim.facilityTypeCode,
    claim.frequencyCode,
    undefined,
    claim.drg,
  );
  writeAdjustments(w, claim.adjustments);
  const name = claim.patientName;
  w.segment(
    'NM1',
    'QC',
    '1',
    name?.family,
    name?.given[0],
    name?.given[1],
    '',
    '',
    claim.patientMemberId ? 'MI' : undefined,
    claim.patientMemberId,
  );
  if (claim.remarks.length) {
    if (claim.remarks.length > 5)
      throw unwritable(`claim ${claim.patientControlNumber} has more than five claim-level remark codes (MOA03-07)`);
    w.segment('MOA', '', '', ...claim.remarks.map((r) => r.code));
  }
  if (claim.statementPeriod?.start) w.segment('DTM', '232', dateToX12(claim.statementPeriod.start));
  if (claim.statementPeriod?.end) w.segment('DTM', '233', dateToX12(claim.statementPeriod.end));
  for (const line of claim.serviceLines) {
    const procedure = line.procedureCode
      ? [procedureQualifier(line.procedureCode.system), line.procedureCode.code, ...(line.modifiers ?? [])]
      : line.revenueCode
        ? ['NU', line.revenueCode]
        : undefined;
    if (!procedure)
      throw unwritable(`a service line of claim ${claim.patientControlNumber} has neither a procedure nor a revenue code (SVC01)`);
    w.segment(
      'SVC',
      procedure,
      formatAmount(line.charge.amount),
      formatAmount(line.paid.amount),
      line.procedureCode ? line.revenueCode : undefined,
      line.units !== undefined ? formatDecimal(line.units) : undefined,
    );
    if (line.serviceDate !== undefined) {
      if (line.serviceDateEnd !== undefined && line.serviceDateEnd !== line.serviceDate) {
        w.segment('DTM', '150', dateToX12(line.serviceDate));
        w.segment('DTM', '151', dateToX12(line.serviceDateEnd));
      } else {
        w.segment('DTM', '472', dateToX12(line.serviceDate));
      }
    }
    writeAdjustments(w, line.adjustments);
    if (line.lineControlNumber) w.segment('REF', '6R', line.lineControlNumber);
    if (line.allowed) w.segment('AMT', 'B6', formatAmount(line.allowed.amount));
    for (const remark of line.remarks) w.segment('LQ', 'HE', remark.code);
  }
}

/** Writes the body (BPR … PLB) of one 835 transaction set. */
export function write835Body(w: X12SegmentWriter, remittance: RemittanceDto, details: RemittanceWriteDetails): void {
  const r = remittance;
  if (r.paymentMethod === 'ACH') {
    const bank = details.bank;
    if (!bank) throw unwritable('an ACH payment needs the bank routing and account numbers (BPR05-BPR15)');
    if (!r.originatingCompanyId) throw unwritable('an ACH payment needs the originating company id (BPR10, TRN03)');
    w.segment(
      'BPR',
      r.handlingCode,
      formatAmount(r.totalPaid.amount),
      'C',
      'ACH',
      'CCP',
      '01',
      bank.senderRoutingNumber,
      'DA',
      bank.senderAccountNumber,
      r.originatingCompanyId,
      '',
      '01',
      bank.receiverRoutingNumber,
      'DA',
      bank.receiverAccountNumber,
      r.paymentDate ? dateToX12(r.paymentDate) : undefined,
    );
  } else {
    w.segment(
      'BPR',
      r.handlingCode,
      formatAmount(r.totalPaid.amount),
      'C',
      r.paymentMethod,
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      r.paymentDate ? dateToX12(r.paymentDate) : undefined,
    );
  }
  if (!r.originatingCompanyId) throw unwritable('the trace needs the payer identifier (TRN03)');
  w.segment('TRN', '1', r.traceNumber, r.originatingCompanyId);
  if (r.productionDate) w.segment('DTM', '405', dateToX12(r.productionDate));
  w.segment('N1', 'PR', r.payerName);
  w.segment('N3', details.payerAddress.line[0], details.payerAddress.line[1]);
  w.segment('N4', details.payerAddress.city, details.payerAddress.state, details.payerAddress.postalCode);
  if (r.payerId) w.segment('REF', '2U', r.payerId);
  const contact = details.payerTechnicalContact;
  if (contact.phone) w.segment('PER', 'BL', contact.name, 'TE', contact.phone, contact.url ? 'UR' : undefined, contact.url);
  else if (contact.url) w.segment('PER', 'BL', contact.name, 'UR', contact.url);
  else throw unwritable('the payer technical contact (PER*BL) needs a phone number or a web address');
  if (r.payeeNpi) w.segment('N1', 'PE', r.payeeName, 'XX', r.payeeNpi);
  else if (r.payeeTaxId) w.segment('N1', 'PE', r.payeeName, 'FI', r.payeeTaxId);
  else throw unwritable('the payee needs an NPI or a tax id (N1*PE)');
  if (r.payeeNpi && r.payeeTaxId) w.segment('REF', 'TJ', r.payeeTaxId);
  if (r.claimPayments.length) {
    w.segment('LX', '1');
    for (const claim of r.claimPayments) writeClaimPayment(w, claim);
  }
  for (const plb of r.providerAdjustments) {
    w.segment('PLB', plb.providerId, dateToX12(plb.fiscalPeriodDate), [plb.reasonCode, plb.reference], formatAmount(plb.amount.amount));
  }
}

/** Writes a remittance as one 835 (005010X221A1) interchange. */
export function write835(remittance: RemittanceDto, options: RemittanceWriteOptions): string {
  const st02 = options.transactionControlNumber ?? transactionControlNumber(1);
  return writeX12Interchange(options, [
    {
      functionalId: 'HP',
      version: X12_GUIDE_VERSIONS.remittance,
      transactions: [{ transactionSetId: '835', controlNumber: st02, write: (w) => write835Body(w, remittance, options) }],
    },
  ]);
}
