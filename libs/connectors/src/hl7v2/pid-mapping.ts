import type { IdentifierDto, PatientDto, PatientReferenceDto } from '@concord/contracts';
import { pickMrn, readAddresses, readGender, readIdentifiers, readName, readTelecom } from './hl7-data-types';
import type { Hl7MappingContext } from './hl7-mapping-context';
import { Hl7MappingErrorCode } from './hl7-mapping.error';
import type { Hl7Segment } from './hl7-message';

/**
 * PID → canonical Patient. PID-3 must hold the MRN (typed MR, or untyped in older feeds); an identifier typed PI
 * is the EHR's own patient id. HL7 feeds know patients by MRN, so without a PI the MRN stands in as the record id
 * and the integrator resolves it through the cross-reference.
 */
export function mapPatient(ctx: Hl7MappingContext, pid: Hl7Segment): PatientDto {
  const identifiers = readIdentifiers(ctx, pid, 3);
  const mrn = pickMrn(identifiers);
  if (!mrn) {
    throw ctx.error(Hl7MappingErrorCode.MISSING_FIELD, pid, 3, { component: 1 }, 'the patient MRN (an identifier typed MR) is required');
  }
  const id = identifiers.find((i) => i.type === 'PI')?.value ?? mrn;
  const birthDate = ctx.date(pid, 7, 'date of birth');
  return {
    id,
    mrn,
    identifiers,
    name: readName(ctx, pid, 5),
    gender: readGender(ctx.value(pid, 8)),
    ...(birthDate ? { birthDate } : {}),
    deceased: ctx.value(pid, 30)?.toUpperCase() === 'Y' || ctx.value(pid, 29) !== undefined,
    telecom: [...readTelecom(ctx, pid, 13, 'home'), ...readTelecom(ctx, pid, 14, 'work')],
    addresses: readAddresses(ctx, pid, 11),
    source: { system: 'ehr', recordId: id },
  };
}

/** How other records point at the patient: the MRN, and the EHR id when the message carried one (PID-3 PI). */
export function patientReference(patient: PatientDto): PatientReferenceDto {
  return { ...(patient.id !== patient.mrn ? { id: patient.id } : {}), mrn: patient.mrn };
}

/** MRG-1 prior patient identifier list: the MRN merged away, and every prior identifier. */
export function mapPriorIdentifiers(ctx: Hl7MappingContext, mrg: Hl7Segment): { priorMrn: string; priorIdentifiers: IdentifierDto[] } {
  const priorIdentifiers = readIdentifiers(ctx, mrg, 1);
  const priorMrn = pickMrn(priorIdentifiers);
  if (!priorMrn)
    throw ctx.error(Hl7MappingErrorCode.MISSING_FIELD, mrg, 1, { component: 1 }, 'the prior MRN (an identifier typed MR) is required');
  return { priorMrn, priorIdentifiers };
}
