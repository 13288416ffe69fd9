import type { EncounterClass, EncounterDto, EncounterStatus } from '@concord/contracts';
import type { Hl7ClinicalChange, Hl7MessageFacts, PatientMerge } from './clinical-change';
import { mapDiagnoses } from './dg1-mapping';
import { mapCoverages } from './in1-mapping';
import type { Hl7MappingContext } from './hl7-mapping-context';
import type { Hl7Segment } from './hl7-message';
import { Hl7MappingErrorCode } from './hl7-mapping.error';
import { mapPatient, mapPriorIdentifiers, patientReference } from './pid-mapping';
import { mapProcedures } from './pr1-mapping';
import { mapEncounter, renderLocation } from './pv1-mapping';

/** ADT triggers Concord maps, with the encounter status and default class each one implies. */
const ADT_TRIGGERS = {
  A01: { status: 'in-progress', class: 'inpatient' },
  A02: { status: 'in-progress', class: 'inpatient' },
  A03: { status: 'finished', class: 'inpatient' },
  A04: { status: 'arrived', class: 'ambulatory' },
  A08: { status: 'unknown', class: 'inpatient' },
  A11: { status: 'cancelled', class: 'inpatient' },
  A13: { status: 'in-progress', class: 'inpatient' },
  A40: { status: 'unknown', class: 'inpatient' },
} as const satisfies Record<string, { status: EncounterStatus; class: EncounterClass }>;

export type AdtTrigger = keyof typeof ADT_TRIGGERS;

export function isMappedAdtTrigger(trigger: string): trigger is AdtTrigger {
  return Object.hasOwn(ADT_TRIGGERS, trigger);
}

/** ADT^A01/A02/A03/A04/A08/A11/A13/A40 → the clinical change it means. */
export function mapAdt(ctx: Hl7MappingContext, trigger: AdtTrigger, message: Hl7MessageFacts): Hl7ClinicalChange {
  const base = { message, warnings: ctx.warnings };
  if (trigger === 'A40') return { ...base, kind: 'patient-merged', merges: mapMerges(ctx) };

  const patient = mapPatient(ctx, ctx.requireSegment('PID', `in ADT^${trigger}`));
  const reference = patientReference(patient);
  const diagnoses = mapDiagnoses(ctx);
  if (trigger === 'A08') {
    // An A08 often carries a placeholder PV1 (`PV1|1|N`): only a PV1 that identifies a visit is reported.
    const pv1 = ctx.message.getSegment('PV1');
    const encounter = pv1 && mapEncounter(ctx, pv1, reference, { class: 'inpatient', status: statusFromDates(ctx, pv1) }, diagnoses);
    const identified = encounter && !encounter.id.startsWith('hl7:') ? withProcedures(ctx, encounter) : undefined;
    return {
      ...base,
      kind: 'patient-updated',
      patient,
      ...(identified ? { encounter: identified } : {}),
      coverages: mapCoverages(ctx, reference),
    };
  }

  const pv1 = ctx.requireSegment('PV1', `in ADT^${trigger}`);
  const encounter = withProcedures(ctx, mapEncounter(ctx, pv1, reference, ADT_TRIGGERS[trigger], diagnoses));
  switch (trigger) {
    case 'A01':
      return { ...base, kind: 'encounter-admitted', patient, encounter, coverages: mapCoverages(ctx, reference) };
    case 'A04':
      return { ...base, kind: 'patient-registered', patient, encounter, coverages: mapCoverages(ctx, reference) };
    case 'A02': {
      const priorLocationId = renderLocation(ctx, pv1, 6);
      return { ...base, kind: 'encounter-transferred', patient, encounter, ...(priorLocationId ? { priorLocationId } : {}) };
    }
    case 'A03': {
      // The discharge time is what an A03 is about: a PV1-45 that cannot be read fails the message instead of a warning.
      if (ctx.value(pv1, 45)) ctx.dateTime(pv1, 45, 'the discharge date/time', { required: true });
      const end = encounter.period?.end ?? eventTime(ctx);
      if (!end)
        throw ctx.error(Hl7MappingErrorCode.MISSING_FIELD, pv1, 45, {}, 'the discharge date/time (PV1-45, or EVN-6/EVN-2) is required');
      const period = { ...encounter.period, end };
      return {
        ...base,
        kind: 'encounter-discharged',
        patient,
        encounter: { ...encounter, period, procedures: encounter.procedures ?? [] },
        coverages: mapCoverages(ctx, reference),
      };
    }
    case 'A11':
      return { ...base, kind: 'admission-cancelled', patient, encounter };
    case 'A13': {
      // The discharge is undone: the stay is open again, so its period loses the end.
      const { period, ...rest } = encounter;
      const reopened = period?.start ? { ...rest, period: { start: period.start } } : rest;
      return { ...base, kind: 'discharge-cancelled', patient, encounter: reopened };
    }
  }
}

/** PR1 segments of an ADT become the encounter's procedures (when there are any). */
function withProcedures(ctx: Hl7MappingContext, encounter: EncounterDto): EncounterDto {
  const procedures = mapProcedures(ctx, { patient: encounter.patient, encounterId: encounter.id });
  return procedures.length ? { ...encounter, procedures } : encounter;
}

/** A40 (ADT_A39 structure): each PID is a survivor, followed by the MRG naming the record merged into it. */
function mapMerges(ctx: Hl7MappingContext): PatientMerge[] {
  const merges: PatientMerge[] = [];
  const segments = ctx.message.segments;
  for (let i = 0; i < segments.length; i++) {
    if (segments[i].name !== 'PID') continue;
    const mrg = segments.slice(i + 1).find((s) => s.name === 'MRG' || s.name === 'PID');
    if (!mrg || mrg.name !== 'MRG') {
      throw ctx.error(Hl7MappingErrorCode.MISSING_FIELD, segments[i], 3, {}, 'a merged patient needs an MRG segment after its PID');
    }
    merges.push({ patient: mapPatient(ctx, segments[i]), ...mapPriorIdentifiers(ctx, mrg) });
  }
  if (!merges.length) ctx.requireSegment('PID', 'in ADT^A40');
  return merges;
}

/** A08 status: finished once PV1-45 is set, in progress once PV1-44 is, otherwise unknown. */
function statusFromDates(ctx: Hl7MappingContext, pv1: Hl7Segment): EncounterStatus {
  if (ctx.value(pv1, 45)) return 'finished';
  if (ctx.value(pv1, 44)) return 'in-progress';
  return 'unknown';
}

function eventTime(ctx: Hl7MappingContext): string | undefined {
  const evn = ctx.message.getSegment('EVN');
  return evn && (ctx.dateTime(evn, 6, 'event occurred') ?? ctx.dateTime(evn, 2, 'recorded date/time'));
}
