import type { ClaimDto } from '@concord/contracts';
import { writeX12Interchange, transactionControlNumber, type X12EnvelopeOptions } from '../x12-envelope-writer';
import { X12_GUIDE_VERSIONS } from '../x12-guides';
import type { X12SegmentWriter } from '../x12-segment-writer';
import { icd10ToX12 } from '../x12-values';
import {
  amount,
  type Claim837Header,
  einDigits,
  unwritable,
  writeAddress,
  writeClaimHeader,
  writeHierarchy,
  writeOriginalClaimReference,
  writeProviderName,
  writeServiceDate,
} from './837-common.writer';

/** Writes the body (BHT … last 2400) of one 837P transaction set for these claims. */
export function write837ProfessionalBody(
  w: X12SegmentWriter,
  claims: readonly ClaimDto[],
  header: Claim837Header,
  reference: string,
  date: Date,
): void {
  writeClaimHeader(w, header, reference, date);
  writeHierarchy(w, claims, {
    billingProvider: (writer, claim) => {
      const provider = claim.billingProvider;
      if (provider.taxonomy) writer.segment('PRV', 'BI', 'PXC', provider.taxonomy);
      writeProviderName(writer, '85', provider);
      if (!provider.address) throw unwritable(claim, 'the billing provider needs a street address (loop 2010AA N3/N4)');
      writeAddress(writer, provider.address);
      if (!provider.ein) throw unwritable(claim, 'the billing provider needs an EIN (REF*EI)');
      writer.segment('REF', 'EI', einDigits(provider.ein));
    },
    claim: (writer, claim) => writeProfessionalClaim(writer, claim),
  });
}

function writeProfessionalClaim(w: X12SegmentWriter, claim: ClaimDto): void {
  if (claim.kind !== 'professional') throw unwritable(claim, 'an institutional claim cannot be written as an 837P');
  if (!claim.placeOfService) throw unwritable(claim, 'a professional claim needs a place of service (CLM05-1)');
  const [principal, ...others] = claim.diagnoses;
  if (principal?.role !== 'principal') throw unwritable(claim, 'the first diagnosis must be the principal one (HI ABK)');
  if (others.some((d) => d.role !== 'other')) throw unwritable(claim, 'an 837P carries one principal and up to 11 other diagnoses');
  if (claim.diagnoses.length > 12) throw unwritable(claim, 'an 837P carries at most 12 diagnoses');

  w.segment(
    'CLM',
    claim.patientControlNumber,
    amount(claim.totalCharge.amount),
    '',
    '',
    [claim.placeOfService, 'B', claim.frequencyCode],
    'Y',
    'A',
    'Y',
    'Y',
  );
  writeOriginalClaimReference(w, claim);
  w.segment('HI', ...claim.diagnoses.map((d, i) => [i === 0 ? 'ABK' : 'ABF', icd10ToX12(d.code.code)]));
  if (claim.renderingProvider) {
    const rendering = claim.renderingProvider;
    writeProviderName(w, '82', rendering);
    if (rendering.taxonomy) w.segment('PRV', 'PE', 'PXC', rendering.taxonomy);
  }
  for (const line of claim.lines) {
    if (!line.procedureCode) throw unwritable(claim, `line ${line.lineNumber} needs a CPT/HCPCS code (SV101)`);
    if (line.serviceDate === undefined) throw unwritable(claim, `line ${line.lineNumber} needs a service date (DTP*472)`);
    if (!line.diagnosisPointers?.length) throw unwritable(claim, `line ${line.lineNumber} needs at least one diagnosis pointer (SV107)`);
    w.segment('LX', String(line.lineNumber));
    w.segment(
      'SV1',
      ['HC', line.procedureCode.code, ...(line.modifiers ?? [])],
      amount(line.charge.amount),
      line.unitBasis,
      String(line.units),
      line.placeOfService,
      '',
      line.diagnosisPointers.map(String),
    );
    writeServiceDate(w, line.serviceDate, line.serviceDateEnd);
    if (line.chargeId) w.segment('REF', '6R', line.chargeId);
    if (line.renderingProvider) writeProviderName(w, '82', line.renderingProvider);
  }
}

/** Options to write an 837: the envelope, the 1000A/1000B parties and the ST02 to use. */
export interface Claim837WriteOptions extends X12EnvelopeOptions, Claim837Header {
  /** ST02; 0001 by default. */
  transactionControlNumber?: string;
}

/** Writes claims as one 837P (005010X222A1) interchange: one group, one transaction set. */
export function write837Professional(claims: readonly ClaimDto[], options: Claim837WriteOptions): string {
  const st02 = options.transactionControlNumber ?? transactionControlNumber(1);
  const date = options.date ?? new Date();
  return writeX12Interchange({ ...options, date }, [
    {
      functionalId: 'HC',
      version: X12_GUIDE_VERSIONS.professionalClaim,
      transactions: [
        {
          transactionSetId: '837',
          controlNumber: st02,
          implementationReference: X12_GUIDE_VERSIONS.professionalClaim,
          write: (w) => write837ProfessionalBody(w, claims, options, st02, date),
        },
      ],
    },
  ]);
}
