import type { ChargeDto, CoverageDto, EncounterDto, IdentifierDto, PatientDto, ProcedureDto } from '@concord/contracts';
import type { Hl7MappingWarning } from './hl7-mapping-context';

/** Facts about the message itself that every clinical change carries (for the message store and event metadata). */
export interface Hl7MessageFacts {
  controlId: string;
  /** MSH-9 code and trigger, e.g. ADT^A01. */
  messageType: string;
  version?: string;
  sendingApplication?: string;
  sendingFacility?: string;
  /** MSH-7 as ISO 8601. */
  sentAt?: string;
  /** EVN-6 (event occurred), else EVN-2 (recorded), as ISO 8601. */
  eventAt?: string;
}

interface ChangeBase {
  message: Hl7MessageFacts;
  /** What was left out while mapping (ACK them as ERR with severity W). */
  warnings: Hl7MappingWarning[];
}

/** A01: an inpatient admission (or a preadmit turned admission); the patient, the stay, its diagnoses and coverage. */
export interface EncounterAdmitted extends ChangeBase {
  kind: 'encounter-admitted';
  patient: PatientDto;
  encounter: EncounterDto;
  coverages: CoverageDto[];
}

/** A04: a patient registered for an outpatient or ambulatory visit. */
export interface PatientRegistered extends ChangeBase {
  kind: 'patient-registered';
  patient: PatientDto;
  encounter: EncounterDto;
  coverages: CoverageDto[];
}

/** A02: the patient moved; the encounter carries the new location and department. */
export interface EncounterTransferred extends ChangeBase {
  kind: 'encounter-transferred';
  patient: PatientDto;
  encounter: EncounterDto;
  /** PV1-6 prior patient location, rendered like EncounterDto.locationId. */
  priorLocationId?: string;
}

/** A03: the stay ended; period end, discharge disposition, final diagnoses and procedures (with items used). */
export interface EncounterDischarged extends ChangeBase {
  kind: 'encounter-discharged';
  patient: PatientDto;
  encounter: EncounterDto & { procedures: ProcedureDto[] };
  /** IN1 segments of the A03 (empty when the feed sends none): what patient-to-cash bills. */
  coverages: CoverageDto[];
}

/** A08: demographics or visit data changed; the encounter is present when the message identifies one. */
export interface PatientUpdated extends ChangeBase {
  kind: 'patient-updated';
  patient: PatientDto;
  encounter?: EncounterDto;
  coverages: CoverageDto[];
}

/** A11: the admission (or registration) was entered in error and is cancelled. */
export interface AdmissionCancelled extends ChangeBase {
  kind: 'admission-cancelled';
  patient: PatientDto;
  encounter: EncounterDto;
}

/** A13: the discharge was cancelled; the encounter is in progress again. */
export interface DischargeCancelled extends ChangeBase {
  kind: 'discharge-cancelled';
  patient: PatientDto;
  encounter: EncounterDto;
}

export interface PatientMerge {
  /** The surviving patient (PID). */
  patient: PatientDto;
  /** MRN that was merged into the survivor (MRG-1). */
  priorMrn: string;
  priorIdentifiers: IdentifierDto[];
}

/** A40: one or more patient records merged into survivors. */
export interface PatientMerged extends ChangeBase {
  kind: 'patient-merged';
  merges: PatientMerge[];
}

export interface SkippedTransaction {
  /** FT1-1. */
  setId: number;
  /** FT1-6, e.g. PY (payment) or AJ (adjustment): not charges, so not the EHR's to post. */
  transactionType: string;
}

/** DFT^P03: charges (FT1), the procedures they came with (PR1) and the supplies those procedures used (ZIU). */
export interface ChargesCaptured extends ChangeBase {
  kind: 'charges-captured';
  patient: PatientDto;
  /** Present when PV1 names the visit. */
  encounter?: { id: string; visitNumber?: string };
  charges: ChargeDto[];
  procedures: ProcedureDto[];
  skippedTransactions: SkippedTransaction[];
}

/** Any other message type or trigger (ORU, SIU, MDM, VXU, BAR, ADT^A05 ...): answer AR with ERR 200. */
export interface UnsupportedMessage extends ChangeBase {
  kind: 'unsupported';
  messageType: string;
}

/** What an inbound HL7 v2 message means for the canonical model: one case per meaning. */
export type Hl7ClinicalChange =
  | EncounterAdmitted
  | PatientRegistered
  | EncounterTransferred
  | EncounterDischarged
  | PatientUpdated
  | AdmissionCancelled
  | DischargeCancelled
  | PatientMerged
  | ChargesCaptured
  | UnsupportedMessage;

export type Hl7ClinicalChangeKind = Hl7ClinicalChange['kind'];
