import type { CoverageDto, EncounterDto, PatientDto } from '@concord/contracts';
import { formatHl7Timestamp } from './hl7-datetime';
import { Hl7MessageBuilder } from './hl7-message-builder';
import { DEFAULT_FEED_VERSION, type Hl7FeedHeader, headerValues } from './feed-header';
import { dg1Values, in1Values, pidValues, pr1Values, pv1Values, ziuValues } from './segment-builders';

export interface AdtMessageInput {
  trigger: 'A01' | 'A03' | 'A04';
  patient: PatientDto;
  /** Its diagnoses become DG1, its procedures PR1 (each followed by ZIU items used). */
  encounter: EncounterDto;
  coverages?: CoverageDto[];
  /** EVN-6, when the event happened (defaults to none: the message time stands for it). */
  eventAt?: string;
}

/**
 * Canonical patient + encounter → ADT^A01/A03/A04 text (CR segment ends), the inverse of mapHl7ToClinicalChange:
 * build → parse → map gives the patient, encounter and coverages back.
 */
export function buildAdtMessage(input: AdtMessageInput, header: Hl7FeedHeader): string {
  const version = header.version ?? DEFAULT_FEED_VERSION;
  const builder = new Hl7MessageBuilder(
    headerValues(header, { code: 'ADT', trigger: input.trigger, structure: input.trigger === 'A04' ? 'ADT_A01' : `ADT_${input.trigger}` }),
  );
  builder.add('EVN', { 1: input.trigger, 2: formatHl7Timestamp(header.timestamp), 6: input.eventAt && formatHl7Timestamp(input.eventAt) });
  builder.add('PID', pidValues(input.patient));
  builder.add('PV1', pv1Values(input.encounter));
  input.encounter.diagnoses.forEach((diagnosis, i) => builder.add('DG1', dg1Values(diagnosis, i + 1, version)));
  let item = 0;
  (input.encounter.procedures ?? []).forEach((procedure, i) => {
    builder.add('PR1', pr1Values(procedure, i + 1));
    for (const used of procedure.itemsUsed) builder.add('ZIU', ziuValues(used, ++item, i + 1));
  });
  for (const coverage of input.coverages ?? []) builder.add('IN1', in1Values(coverage));
  return builder.toString();
}
