import type { Hl7ClinicalChange } from '@concord/connectors/hl7v2';
import type {
  ChargeCapturedDataDto,
  ChargeDto,
  CoverageDto,
  EhrEventSourceDto,
  EncounterDto,
  EncounterEventDataDto,
  PatientDto,
  PatientMergedDataDto,
  PatientRegisteredDataDto,
  PatientUpdatedDataDto,
  ProcedureDto,
  ProcedurePerformedDataDto,
} from '@concord/contracts';
import { eventIdFor, type NewEvent } from '@concord/events';

export const EHR_EVENT_TYPES = {
  registered: 'ehr.patient.registered.v1',
  updated: 'ehr.patient.updated.v1',
  merged: 'ehr.patient.merged.v1',
  potentialDuplicate: 'ehr.patient.potential-duplicate.v1',
  admitted: 'ehr.encounter.admitted.v1',
  transferred: 'ehr.encounter.transferred.v1',
  discharged: 'ehr.encounter.discharged.v1',
  cancelled: 'ehr.encounter.cancelled.v1',
  procedurePerformed: 'ehr.procedure.performed.v1',
  chargeCaptured: 'ehr.charge.captured.v1',
} as const;

/** The EHR patient id when the feed sent one (PID-3 typed PI), else `mrn:<MRN>` as the event catalog asks. */
export function eventPatientId(patient: Pick<PatientDto, 'id' | 'mrn'>): string {
  return patient.mrn && patient.id === patient.mrn ? `mrn:${patient.mrn}` : patient.id;
}

/**
 * The ehr.* events one stored HL7 v2 message announces. Pure. Event ids derive from the stored message's id and the
 * event's position, so processing the same message again (reprocess, a crash between steps) writes the same ids,
 * which the outbox ignores: a message never announces its facts twice.
 *
 * A01 and A04 → registered + admitted; A02 → transferred; A03 → discharged; A08 → updated; A11, A13 → cancelled;
 * A40 → merged per MRG; DFT^P03 → charge.captured per FT1 and procedure.performed per PR1 (with its ZIU items used).
 * Procedures on an A03 are not announced again: the DFT that charges them is their announcement.
 */
export function eventsForChange(change: Hl7ClinicalChange, messageId: string): NewEvent[] {
  const source: EhrEventSourceDto = {
    origin: 'hl7v2',
    controlId: change.message.controlId,
    messageType: change.message.messageType,
    messageId,
  };
  const events: Omit<NewEvent, 'id'>[] = [];
  switch (change.kind) {
    case 'encounter-admitted':
    case 'patient-registered':
      events.push(
        registered(change.patient, source),
        encounterEvent(EHR_EVENT_TYPES.admitted, change.patient, change.encounter, source, change.coverages),
      );
      break;
    case 'encounter-transferred':
      events.push(encounterEvent(EHR_EVENT_TYPES.transferred, change.patient, change.encounter, source));
      break;
    case 'encounter-discharged':
      events.push(encounterEvent(EHR_EVENT_TYPES.discharged, change.patient, change.encounter, source, change.coverages));
      break;
    case 'patient-updated':
      events.push(updated(change.patient, source));
      break;
    case 'admission-cancelled':
    case 'discharge-cancelled':
      events.push(encounterEvent(EHR_EVENT_TYPES.cancelled, change.patient, change.encounter, source));
      break;
    case 'patient-merged':
      for (const merge of change.merges) {
        const patientId = eventPatientId(merge.patient);
        const priorPi = merge.priorIdentifiers.find((identifier) => identifier.type === 'PI')?.value;
        const data: PatientMergedDataDto = compact({
          patientId,
          mrn: merge.patient.mrn,
          source,
          mergedPatientId: priorPi ?? `mrn:${merge.priorMrn}`,
          mergedMrn: merge.priorMrn,
        });
        events.push({ type: EHR_EVENT_TYPES.merged, data, subject: `Patient/${patientId}` });
      }
      break;
    case 'charges-captured':
      for (const procedure of change.procedures) events.push(procedurePerformed(change.patient, procedure, source));
      for (const charge of change.charges) events.push(chargeCaptured(change.patient, charge, source));
      break;
    case 'unsupported':
      break;
  }
  return events.map((event, index) => ({ ...event, id: eventIdFor('ehr-message', messageId, String(index), event.type) }));
}

function registered(patient: PatientDto, source: EhrEventSourceDto): Omit<NewEvent, 'id'> {
  const patientId = eventPatientId(patient);
  const data: PatientRegisteredDataDto = compact({ patientId, mrn: patient.mrn, source, sex: patient.gender });
  return { type: EHR_EVENT_TYPES.registered, data, subject: `Patient/${patientId}` };
}

/** A08 does not say what changed; the fields it carried are the ones the receiver must take over. */
function updated(patient: PatientDto, source: EhrEventSourceDto): Omit<NewEvent, 'id'> {
  const patientId = eventPatientId(patient);
  const changedFields = [
    patient.name.family || patient.name.given.length ? 'name' : undefined,
    patient.birthDate ? 'birthDate' : undefined,
    patient.gender !== 'unknown' ? 'gender' : undefined,
    patient.addresses.length ? 'address' : undefined,
    patient.telecom.length ? 'telecom' : undefined,
    patient.identifiers.length ? 'identifiers' : undefined,
  ].filter((field): field is string => field !== undefined);
  const data: PatientUpdatedDataDto = compact({ patientId, mrn: patient.mrn, source, changedFields });
  return { type: EHR_EVENT_TYPES.updated, data, subject: `Patient/${patientId}` };
}

function encounterEvent(
  type: string,
  patient: PatientDto,
  encounter: EncounterDto,
  source: EhrEventSourceDto,
  coverages: CoverageDto[] = [],
): Omit<NewEvent, 'id'> {
  const patientId = eventPatientId(patient);
  const primary = [...coverages].sort((a, b) => a.order - b.order)[0];
  const diagnoses = [...encounter.diagnoses].sort((a, b) => a.rank - b.rank).map((diagnosis) => diagnosis.code);
  const data: EncounterEventDataDto = compact({
    patientId,
    mrn: patient.mrn,
    source,
    encounterId: encounter.id,
    visitNumber: encounter.visitNumber,
    class: encounter.class,
    departmentCode: encounter.departmentCode,
    facilityId: encounter.facilityId,
    locationId: encounter.locationId,
    attendingNpi: encounter.attendingNpi,
    attendingName: encounter.attendingName,
    admitSource: encounter.admitSource,
    admittedAt: instant(encounter.period?.start),
    dischargedAt: instant(encounter.period?.end),
    dischargeDisposition: encounter.dischargeDisposition,
    primaryPayerId: primary?.payerId,
    diagnoses,
    coverages: coverages.length
      ? coverages.map((coverage) =>
          compact({
            order: coverage.order,
            payerId: coverage.payerId,
            memberId: coverage.memberId,
            groupNumber: coverage.groupNumber,
            relationship: coverage.relationship,
          }),
        )
      : undefined,
  });
  return { type, data, subject: `Encounter/${encounter.id}` };
}

function procedurePerformed(patient: PatientDto, procedure: ProcedureDto, source: EhrEventSourceDto): Omit<NewEvent, 'id'> {
  const data: ProcedurePerformedDataDto = compact({
    patientId: eventPatientId(patient),
    mrn: patient.mrn,
    source,
    procedureId: procedure.id,
    encounterId: procedure.encounterId,
    codes: procedure.codes,
    performedAt: instant(procedure.performedAt),
    departmentCode: procedure.departmentCode,
    performerNpi: procedure.performerNpi,
    itemsUsed: procedure.itemsUsed.map((item) =>
      compact({
        itemCode: item.itemCode,
        quantity: item.quantity,
        gtin: item.gtin,
        serialNumber: item.serialNumber,
        lotNumber: item.lotNumber,
      }),
    ),
  });
  return { type: EHR_EVENT_TYPES.procedurePerformed, data, subject: `Procedure/${procedure.id}` };
}

function chargeCaptured(patient: PatientDto, charge: ChargeDto, source: EhrEventSourceDto): Omit<NewEvent, 'id'> {
  const data: ChargeCapturedDataDto = compact({
    patientId: eventPatientId(patient),
    mrn: patient.mrn,
    source,
    chargeId: charge.id,
    encounterId: charge.encounterId,
    visitNumber: charge.visitNumber,
    chargeCode: charge.chargeCode,
    quantity: charge.quantity,
    serviceDate: charge.serviceDate,
    departmentCode: charge.departmentCode,
    procedureCode: charge.procedureCode,
    amount: charge.amount,
    // The mapping turns FT1-6 CR/CD into a negative quantity: the reversal is what the receiver must know.
    transactionType: charge.quantity < 0 ? 'CR' : 'CG',
  });
  return { type: EHR_EVENT_TYPES.chargeCaptured, data, subject: `ChargeItem/${charge.id}` };
}

/**
 * Event times are instants (RFC 3339 with a zone). HL7 v2 times without a UTC offset map to local date-times or
 * bare dates, and a zone is never guessed: such a time is left out of the event (the stored message keeps it).
 */
function instant(value: string | undefined): string | undefined {
  return value && /T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value) ? value : undefined;
}

/** Drops undefined members so the event JSON carries only what is known. */
function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
