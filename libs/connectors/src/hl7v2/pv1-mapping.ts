import type { DiagnosisDto, EncounterClass, EncounterDto, EncounterStatus, PatientReferenceDto } from '@concord/contracts';
import { readNpi } from './hl7-data-types';
import type { Hl7MappingContext } from './hl7-mapping-context';
import { Hl7MappingErrorCode } from './hl7-mapping.error';
import type { Hl7Segment } from './hl7-message';

/** PV1-2 patient class (HL7 table 0004) → encounter class. Observation is PV1-2 O with PV1-18 patient type OBS. */
const PATIENT_CLASSES: Readonly<Record<string, EncounterClass>> = {
  I: 'inpatient',
  B: 'inpatient', // obstetrics
  P: 'inpatient', // preadmit
  E: 'emergency',
  O: 'ambulatory',
  R: 'outpatient', // recurring patient
};

export const OBSERVATION_PATIENT_TYPE = 'OBS';

/**
 * PV1 → canonical Encounter.
 * - id: PV1-19 visit number, else PV1-50 alternate visit id, else `hl7:<MSH-10>` (such an encounter cannot be matched
 *   by later messages; the integrator should treat it as unmatched).
 * - departmentCode: PV1-10 hospital service. The demo hospital fills its user-defined table 0069 with its department
 *   (cost centre) codes, 6100 ... 8200: the service responsible for the stay is the department the stay belongs to.
 *   PV1-3 is a place (nursing unit, room, bed), whose department is a location master fact, not a message fact.
 * - locationId: PV1-3 point of care ^ room ^ bed; facilityId: PV1-3.4 facility, else PV1-39 servicing facility.
 */
export function mapEncounter(
  ctx: Hl7MappingContext,
  pv1: Hl7Segment,
  patient: PatientReferenceDto,
  defaults: { status: EncounterStatus; class: EncounterClass },
  diagnoses: DiagnosisDto[],
): EncounterDto {
  const visitNumber = ctx.value(pv1, 19, { component: 1 });
  const id = visitNumber ?? ctx.value(pv1, 50, { component: 1 }) ?? `hl7:${ctx.message.controlId}`;
  const start = ctx.dateTime(pv1, 44, 'admit date/time');
  const end = ctx.dateTime(pv1, 45, 'discharge date/time');
  const facilityId = ctx.value(pv1, 3, { component: 4, sub: 1 }) ?? ctx.value(pv1, 39, { component: 1 });
  const departmentCode = ctx.value(pv1, 10, { component: 1 });
  const locationId = renderLocation(ctx, pv1, 3);
  const attendingNpi = readNpi(ctx, pv1, 7);
  const attendingFamily = ctx.value(pv1, 7, { component: 2, sub: 1 });
  const attendingGiven = ctx.value(pv1, 7, { component: 3 });
  const admitSource = ctx.value(pv1, 14, { component: 1 });
  const dischargeDisposition = ctx.value(pv1, 36, { component: 1 });
  return {
    id,
    ...(visitNumber ? { visitNumber } : {}),
    patient,
    status: defaults.status,
    class: encounterClass(ctx, pv1, defaults.class),
    ...(start || end ? { period: { ...(start ? { start } : {}), ...(end ? { end } : {}) } } : {}),
    ...(facilityId ? { facilityId } : {}),
    ...(departmentCode ? { departmentCode } : {}),
    ...(locationId ? { locationId } : {}),
    ...(attendingNpi ? { attendingNpi } : {}),
    ...(attendingFamily ? { attendingName: { family: attendingFamily, ...(attendingGiven ? { given: attendingGiven } : {}) } } : {}),
    ...(admitSource ? { admitSource } : {}),
    ...(dischargeDisposition ? { dischargeDisposition } : {}),
    diagnoses,
    source: { system: 'ehr', recordId: id },
  };
}

/** A PL field as `pointOfCare^room^bed` (trailing empty parts dropped), the form EncounterDto.locationId uses. */
export function renderLocation(ctx: Hl7MappingContext, segment: Hl7Segment, field: number): string | undefined {
  const parts = [1, 2, 3].map((component) => ctx.value(segment, field, { component, sub: 1 }) ?? '');
  while (parts.length && parts[parts.length - 1] === '') parts.pop();
  return parts.length ? parts.join('^') : undefined;
}

function encounterClass(ctx: Hl7MappingContext, pv1: Hl7Segment, fallback: EncounterClass): EncounterClass {
  const code = ctx.value(pv1, 2, { component: 1 })?.toUpperCase();
  if (code === undefined) return fallback;
  if (code === 'O' && ctx.value(pv1, 18, { component: 1 })?.toUpperCase() === OBSERVATION_PATIENT_TYPE) return 'observation';
  const mapped = PATIENT_CLASSES[code];
  if (mapped) return mapped;
  if (code === 'N' || code === 'U' || code === 'C') return fallback; // not applicable, unknown, commercial account
  ctx.warn(Hl7MappingErrorCode.UNKNOWN_CODE, pv1, 2, `patient class is not in table 0004; the message type's default class was used`);
  return fallback;
}
