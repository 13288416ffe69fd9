import type { ChargeDto, EncounterClass, PatientDto, ProcedureDto } from '@concord/contracts';
import { formatHl7Timestamp } from './hl7-datetime';
import { Hl7MessageBuilder } from './hl7-message-builder';
import { type Hl7FeedHeader, headerValues } from './feed-header';
import { ft1Values, pidValues, pr1Values, ziuValues } from './segment-builders';

export interface DftMessageInput {
  patient: PatientDto;
  /** The visit the charges belong to (PV1-19); its class gives PV1-2 (unknown when absent). */
  encounter?: { id: string; class?: EncounterClass };
  charges: ChargeDto[];
  /** Each is written after the first charge of its department (the DFT FINANCIAL group it belongs to), with its ZIU items. */
  procedures?: ProcedureDto[];
}

const PATIENT_CLASS: Record<EncounterClass, string> = {
  inpatient: 'I',
  emergency: 'E',
  ambulatory: 'O',
  outpatient: 'R',
  observation: 'O',
};

/**
 * Canonical charges (+ procedures with items used) → DFT^P03 text, the inverse of the DFT mapping. Billing-side
 * charge fields (revenue code, status) are not sent: the EHR captures, billing prices. A procedure whose department
 * no charge has cannot be placed in a FINANCIAL group and is refused (RangeError).
 */
export function buildDftP03Message(input: DftMessageInput, header: Hl7FeedHeader): string {
  const builder = new Hl7MessageBuilder(headerValues(header, { code: 'DFT', trigger: 'P03', structure: 'DFT_P03' }));
  builder.add('EVN', { 1: 'P03', 2: formatHl7Timestamp(header.timestamp) });
  builder.add('PID', pidValues(input.patient));
  if (input.encounter)
    builder.add('PV1', { 1: '1', 2: input.encounter.class ? PATIENT_CLASS[input.encounter.class] : 'U', 19: input.encounter.id });
  const procedures = input.procedures ?? [];
  const placement = procedures.map((p) => input.charges.findIndex((c) => c.departmentCode === p.departmentCode));
  const unplaced = placement.indexOf(-1);
  if (unplaced !== -1) throw new RangeError(`procedure ${unplaced + 1} has a department no charge in the message has`);
  let item = 0;
  input.charges.forEach((charge, i) => {
    builder.add('FT1', ft1Values(charge, i + 1));
    procedures.forEach((procedure, p) => {
      if (placement[p] !== i) return;
      builder.add('PR1', pr1Values(procedure, p + 1));
      for (const used of procedure.itemsUsed) builder.add('ZIU', ziuValues(used, ++item, p + 1));
    });
  });
  return builder.toString();
}
