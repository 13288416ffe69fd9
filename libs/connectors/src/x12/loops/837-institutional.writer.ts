import type { ClaimDiagnosisDto, ClaimDto } from '@concord/contracts';
import { writeX12Interchange, transactionControlNumber } from '../x12-envelope-writer';
import { X12_GUIDE_VERSIONS } from '../x12-guides';
import type { X12ElementValue, X12SegmentWriter } from '../x12-segment-writer';
import { dateToX12, icd10ToX12 } from '../x12-values';
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
import type { Claim837WriteOptions } from './837-professional.writer';

/** HI composite of a diagnosis: qualifier, code without its dot, and the POA indicator in C022-09. */
function diagnosisComposite(qualifier: string, diagnosis: ClaimDiagnosisDto): X12ElementValue {
  const code = icd10ToX12(diagnosis.code.code);
  return diagnosis.presentOnAdmission ? [qualifier, code, '', '', '', '', '', '', diagnosis.presentOnAdmission] : [qualifier, code];
}

/** Writes the body (BHT … last 2400) of one 837I transaction set for these claims. */
export function write837InstitutionalBody(
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
    claim: (writer, claim) => writeInstitutionalClaim(writer, claim),
  });
}

function writeInstitutionalClaim(w: X12SegmentWriter, claim: ClaimDto): void {
  if (claim.kind !== 'institutional') throw unwritable(claim, 'a professional claim cannot be written as an 837I');
  const typeOfBill = claim.typeOfBill;
  if (!typeOfBill) throw unwritable(claim, 'an institutional claim needs a type of bill (CLM05)');
  if (typeOfBill[3] !== claim.frequencyCode) throw unwritable(claim, 'the last digit of the type of bill must be the frequency code');
  if (!claim.statementPeriod) throw unwritable(claim, 'an institutional claim needs its statement period (DTP*434)');
  const principal = claim.diagnoses.filter((d) => d.role === 'principal');
  if (principal.length !== 1) throw unwritable(claim, 'an institutional claim needs exactly one principal diagnosis (HI ABK)');
  const admitting = claim.diagnoses.filter((d) => d.role === 'admitting');
  const reasons = claim.diagnoses.filter((d) => d.role === 'reason-for-visit');
  const others = claim.diagnoses.filter((d) => d.role === 'other');
  if (admitting.length > 1) throw unwritable(claim, 'an institutional claim has at most one admitting diagnosis (HI ABJ)');
  if (reasons.length > 3) throw unwritable(claim, 'an institutional claim has at most three reasons for visit (HI APR)');
  if (others.length > 24) throw unwritable(claim, 'an institutional claim has at most 24 other diagnoses (HI ABF)');

  w.segment(
    'CLM',
    claim.patientControlNumber,
    amount(claim.totalCharge.amount),
    '',
    '',
    [typeOfBill.slice(1, 3), 'A', claim.frequencyCode],
    '',
    'A',
    'Y',
    'Y',
  );
  w.segment('DTP', '434', 'RD8', `${dateToX12(claim.statementPeriod.start)}-${dateToX12(claim.statementPeriod.end)}`);
  const { admission } = claim;
  if (admission?.date) {
    if (admission.hour) w.segment('DTP', '435', 'DT', `${dateToX12(admission.date)}${admission.hour}`);
    else w.segment('DTP', '435', 'D8', dateToX12(admission.date));
  }
  if (admission && (admission.typeCode || admission.sourceCode || admission.patientStatusCode)) {
    w.segment('CL1', admission.typeCode, admission.sourceCode, admission.patientStatusCode);
  }
  writeOriginalClaimReference(w, claim);
  w.segment('HI', diagnosisComposite('ABK', principal[0]));
  if (admitting[0]) w.segment('HI', diagnosisComposite('ABJ', admitting[0]));
  if (reasons.length) w.segment('HI', ...reasons.map((d) => ['APR', icd10ToX12(d.code.code)]));
  if (claim.drg) w.segment('HI', ['DR', claim.drg]);
  for (let i = 0; i < others.length; i += 12) w.segment('HI', ...others.slice(i, i + 12).map((d) => diagnosisComposite('ABF', d)));
  const procedures = claim.procedures ?? [];
  const principalProcedure = procedures.filter((p) => p.role === 'principal');
  const otherProcedures = procedures.filter((p) => p.role === 'other');
  if (principalProcedure.length > 1) throw unwritable(claim, 'an institutional claim has at most one principal procedure (HI BBR)');
  if (principalProcedure[0]) w.segment('HI', ['BBR', principalProcedure[0].code.code, 'D8', dateToX12(principalProcedure[0].date)]);
  for (let i = 0; i < otherProcedures.length; i += 12) {
    w.segment('HI', ...otherProcedures.slice(i, i + 12).map((p) => ['BBQ', p.code.code, 'D8', dateToX12(p.date)]));
  }
  if (claim.attendingProvider) {
    const attending = claim.attendingProvider;
    writeProviderName(w, '71', attending);
    if (attending.taxonomy) w.segment('PRV', 'AT', 'PXC', attending.taxonomy);
  }
  for (const line of claim.lines) {
    if (!line.revenueCode) throw unwritable(claim, `line ${line.lineNumber} needs a revenue code (SV201)`);
    if (line.diagnosisPointers?.length) throw unwritable(claim, `line ${line.lineNumber}: institutional lines carry no diagnosis pointers`);
    if (line.unitBasis === 'MJ') throw unwritable(claim, `line ${line.lineNumber}: institutional lines count units (UN) or days (DA)`);
    w.segment('LX', String(line.lineNumber));
    w.segment(
      'SV2',
      line.revenueCode,
      line.procedureCode ? ['HC', line.procedureCode.code, ...(line.modifiers ?? [])] : undefined,
      amount(line.charge.amount),
      line.unitBasis,
      String(line.units),
    );
    writeServiceDate(w, line.serviceDate, line.serviceDateEnd);
    if (line.chargeId) w.segment('REF', '6R', line.chargeId);
    if (line.renderingProvider) writeProviderName(w, '82', line.renderingProvider);
  }
}

/** Writes claims as one 837I (005010X223A2) interchange: one group, one transaction set. */
export function write837Institutional(claims: readonly ClaimDto[], options: Claim837WriteOptions): string {
  const st02 = options.transactionControlNumber ?? transactionControlNumber(1);
  const date = options.date ?? new Date();
  return writeX12Interchange({ ...options, date }, [
    {
      functionalId: 'HC',
      version: X12_GUIDE_VERSIONS.institutionalClaim,
      transactions: [
        {
          transactionSetId: '837',
          controlNumber: st02,
          implementationReference: X12_GUIDE_VERSIONS.institutionalClaim,
          write: (w) => write837InstitutionalBody(w, claims, options, st02, date),
        },
      ],
    },
  ]);
}
