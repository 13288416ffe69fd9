import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CodingDto } from '../common/coding.dto';
import { MoneyDto } from '../common/money.dto';
import { ENCOUNTER_CLASSES, type EncounterClass } from '../clinical/encounter.dto';
import { defineEvent, type EventContract } from './event-contract';

/**
 * EHR events: what system-api learns from the EHR (HL7 v2 over MLLP, FHIR R4) and publishes through
 * its outbox in the transaction that stores the message. Every EHR event is ordered by patient (the
 * EHR patient id, or `mrn:<MRN>` while only the MRN is known), so an admission is handled before its
 * discharge and a merge after both. Data carries ids, codes and dates; the MRN is PHI.
 */

export const EHR_EVENT_ORIGINS = ['hl7v2', 'fhir', 'api'] as const;
export type EhrEventOrigin = (typeof EHR_EVENT_ORIGINS)[number];

/** Where the fact came from: the channel and, for HL7 v2, the message control id (MSH-10). */
export class EhrEventSourceDto {
  @ApiProperty({ enum: EHR_EVENT_ORIGINS, example: 'hl7v2' })
  origin!: EhrEventOrigin;

  @ApiPropertyOptional({ description: 'HL7 v2 message control id (MSH-10)', example: 'MSG00001' })
  controlId?: string;

  @ApiPropertyOptional({ description: 'HL7 v2 message type and trigger (MSH-9)', example: 'ADT^A03' })
  messageType?: string;

  @ApiPropertyOptional({ description: 'Id of the stored inbound message in /ehr/v1/messages' })
  messageId?: string;
}

/** The patient a clinical fact belongs to. */
abstract class PatientScopedDataDto {
  @ApiProperty({ description: 'Patient id at the EHR, or mrn:<MRN> when the feed only knows the MRN', example: 'avery-quinn' })
  patientId!: string;

  @ApiPropertyOptional({ description: 'Medical record number (PHI)', example: 'CG-100234' })
  mrn?: string;

  @ApiProperty({ type: EhrEventSourceDto })
  source!: EhrEventSourceDto;
}

export class PatientRegisteredDataDto extends PatientScopedDataDto {
  @ApiPropertyOptional({ description: 'Administrative sex (FHIR code)', example: 'female' })
  sex?: string;
}

export class PatientUpdatedDataDto extends PatientScopedDataDto {
  @ApiProperty({ description: 'Canonical fields that changed', example: ['address'], type: [String] })
  changedFields!: string[];
}

export class PatientMergedDataDto extends PatientScopedDataDto {
  @ApiProperty({ description: 'Patient id that was merged into patientId and no longer exists', example: 'avery-quinn-dup' })
  mergedPatientId!: string;

  @ApiPropertyOptional({ description: 'MRN of the merged (retired) record (PHI)', example: 'CG-100999' })
  mergedMrn?: string;
}

export class PotentialDuplicateDataDto extends PatientScopedDataDto {
  @ApiProperty({ description: 'The other patient that likely is the same person', example: 'aq-2' })
  candidatePatientId!: string;

  @ApiProperty({ description: 'Match score in [0, 1] of the documented probabilistic matcher', example: 0.93 })
  score!: number;

  @ApiProperty({ description: 'Fields that agreed', example: ['family', 'given', 'birthDate'], type: [String] })
  matchedOn!: string[];
}

/** A person's name as an encounter feed carries it (PV1-7 XCN family and given). */
export class EncounterPersonNameDto {
  @ApiProperty({ example: 'Hale' })
  family!: string;

  @ApiPropertyOptional({ example: 'Morgan' })
  given?: string;
}

/** A coverage of the encounter as the EHR knows it (HL7 IN1, FHIR Coverage). */
export class EncounterCoverageEventDto {
  @ApiProperty({ description: 'Order of benefits: 1 primary, 2 secondary, 3 tertiary', example: 1 })
  order!: number;

  @ApiProperty({ description: 'Payer id at the clearinghouse', example: 'MCRA1' })
  payerId!: string;

  @ApiPropertyOptional({ description: 'Subscriber member id (IN1-36, PHI)', example: '1EG4TE5MK73' })
  memberId?: string;

  @ApiPropertyOptional({ example: 'KHP-GOLD-2026' })
  groupNumber?: string;

  @ApiProperty({ description: 'Patient relationship to the subscriber', example: 'self' })
  relationship!: string;
}

/** An encounter-level fact (admission, transfer, discharge, cancel). */
export class EncounterEventDataDto extends PatientScopedDataDto {
  @ApiProperty({ description: 'Encounter id at the EHR (FHIR id, or the visit number PV1-19 from HL7 v2)', example: 'enc-aq-tka' })
  encounterId!: string;

  @ApiPropertyOptional({ description: 'Visit or account number (PV1-19)', example: 'V-2026-0001' })
  visitNumber?: string;

  @ApiProperty({ enum: ENCOUNTER_CLASSES, example: 'inpatient' })
  class!: EncounterClass;

  @ApiPropertyOptional({ description: 'Department (cost centre) responsible for the encounter', example: '6300' })
  departmentCode?: string;

  @ApiPropertyOptional({ description: 'Facility id', example: 'CGH' })
  facilityId?: string;

  @ApiPropertyOptional({ description: 'Assigned location (PV1-3) after the fact', example: 'ORTHO^401^A' })
  locationId?: string;

  @ApiPropertyOptional({ description: 'Attending physician NPI', example: '1234567893' })
  attendingNpi?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Admission time' })
  admittedAt?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Discharge time' })
  dischargedAt?: string;

  @ApiPropertyOptional({ description: 'Discharge disposition (UB-04 patient status / PV1-36)', example: '01' })
  dischargeDisposition?: string;

  @ApiPropertyOptional({ description: 'Payer id of the primary coverage, when the EHR knows it', example: 'MCRA1' })
  primaryPayerId?: string;

  @ApiProperty({ type: [CodingDto], description: 'Diagnoses known at the time (ICD-10-CM), principal first' })
  diagnoses!: CodingDto[];

  @ApiPropertyOptional({ description: 'Attending physician name (PV1-7 family and given)', type: EncounterPersonNameDto })
  attendingName?: EncounterPersonNameDto;

  @ApiPropertyOptional({ description: 'Admit source (PV1-14, UB-04 point of origin)', example: '1' })
  admitSource?: string;

  @ApiPropertyOptional({
    type: [EncounterCoverageEventDto],
    description: 'Coverages in order of benefits (HL7 IN1, FHIR Coverage) when the source carries them; member ids are PHI',
  })
  coverages?: EncounterCoverageEventDto[];
}

/** An item (supply, implant, drug) consumed during a procedure. */
export class ItemUsedEventDto {
  @ApiProperty({ description: 'Hospital item code (the ERP item or its clinical cross-reference)', example: 'IMP-KNEE-01' })
  itemCode!: string;

  @ApiProperty({ description: 'Quantity in the item unit of measure', example: 1 })
  quantity!: number;

  @ApiPropertyOptional({ example: '00812345678906' })
  gtin?: string;

  @ApiPropertyOptional({ example: 'SN-88231' })
  serialNumber?: string;

  @ApiPropertyOptional({ example: 'LOT-2026-11' })
  lotNumber?: string;
}

export class ProcedurePerformedDataDto extends PatientScopedDataDto {
  @ApiProperty({ example: 'proc-aq-tka' })
  procedureId!: string;

  @ApiPropertyOptional({ example: 'enc-aq-tka' })
  encounterId?: string;

  @ApiProperty({ type: [CodingDto], description: 'Procedure codes (CPT, HCPCS, ICD-10-PCS)' })
  codes!: CodingDto[];

  @ApiPropertyOptional({ format: 'date-time' })
  performedAt?: string;

  @ApiPropertyOptional({ description: 'Department that performed it (cost centre)', example: '6300' })
  departmentCode?: string;

  @ApiPropertyOptional({ example: '1234567893' })
  performerNpi?: string;

  @ApiProperty({ type: [ItemUsedEventDto], description: 'Supplies and implants consumed' })
  itemsUsed!: ItemUsedEventDto[];
}

export class ChargeCapturedDataDto extends PatientScopedDataDto {
  @ApiProperty({ description: 'Charge id at the EHR (FT1 transaction id or ChargeItem id)', example: 'chg-1' })
  chargeId!: string;

  @ApiPropertyOptional({ example: 'enc-aq-tka' })
  encounterId?: string;

  @ApiPropertyOptional({ example: 'V-2026-0001' })
  visitNumber?: string;

  @ApiProperty({ description: 'Chargemaster (CDM) code', example: '3600001' })
  chargeCode!: string;

  @ApiProperty({ example: 1 })
  quantity!: number;

  @ApiProperty({ format: 'date', example: '2026-11-02' })
  serviceDate!: string;

  @ApiPropertyOptional({ example: '6300' })
  departmentCode?: string;

  @ApiPropertyOptional({ type: CodingDto })
  procedureCode?: CodingDto;

  @ApiPropertyOptional({ type: MoneyDto, description: 'Price the EHR sent, if any (the chargemaster decides)' })
  amount?: MoneyDto;

  @ApiPropertyOptional({ description: 'CR for a reversal (FT1-6), CG for a charge', example: 'CG' })
  transactionType?: string;
}

const byPatient = (data: { patientId: string }) => data.patientId;

export const EHR_EVENTS: EventContract[] = [
  defineEvent({
    type: 'ehr.patient.registered.v1',
    dataClass: PatientRegisteredDataDto,
    aggregateType: 'patient',
    orderingKey: byPatient,
    summary: 'A patient was registered at the EHR (ADT A04/A01/A28, FHIR Patient create).',
    containsPhi: true,
    deadLetterPolicy: 'hold',
  }),
  defineEvent({
    type: 'ehr.patient.updated.v1',
    dataClass: PatientUpdatedDataDto,
    aggregateType: 'patient',
    orderingKey: byPatient,
    summary: 'Patient demographics changed (ADT A08/A31).',
    containsPhi: true,
    deadLetterPolicy: 'hold',
  }),
  defineEvent({
    type: 'ehr.patient.merged.v1',
    dataClass: PatientMergedDataDto,
    aggregateType: 'patient',
    orderingKey: byPatient,
    summary: 'Two patient records were merged (ADT A40); the cross-reference follows the survivor.',
    containsPhi: true,
    deadLetterPolicy: 'hold',
  }),
  defineEvent({
    type: 'ehr.patient.potential-duplicate.v1',
    dataClass: PotentialDuplicateDataDto,
    aggregateType: 'patient',
    orderingKey: byPatient,
    summary: 'The identity matcher found a likely duplicate of a patient.',
    containsPhi: true,
    deadLetterPolicy: 'continue',
  }),
  defineEvent({
    type: 'ehr.encounter.admitted.v1',
    dataClass: EncounterEventDataDto,
    aggregateType: 'encounter',
    orderingKey: byPatient,
    summary: 'A patient was admitted or an outpatient visit started (ADT A01/A04).',
    containsPhi: true,
    deadLetterPolicy: 'hold',
  }),
  defineEvent({
    type: 'ehr.encounter.transferred.v1',
    dataClass: EncounterEventDataDto,
    aggregateType: 'encounter',
    orderingKey: byPatient,
    summary: 'A patient moved to another location or department (ADT A02).',
    containsPhi: true,
    deadLetterPolicy: 'hold',
  }),
  defineEvent({
    type: 'ehr.encounter.discharged.v1',
    dataClass: EncounterEventDataDto,
    aggregateType: 'encounter',
    orderingKey: byPatient,
    summary: 'A patient was discharged (ADT A03, FHIR Encounter finished): patient-to-cash starts here.',
    containsPhi: true,
    deadLetterPolicy: 'hold',
  }),
  defineEvent({
    type: 'ehr.encounter.cancelled.v1',
    dataClass: EncounterEventDataDto,
    aggregateType: 'encounter',
    orderingKey: byPatient,
    summary: 'An admission or a discharge was cancelled (ADT A11/A13).',
    containsPhi: true,
    deadLetterPolicy: 'hold',
  }),
  defineEvent({
    type: 'ehr.procedure.performed.v1',
    dataClass: ProcedurePerformedDataDto,
    aggregateType: 'procedure',
    orderingKey: byPatient,
    summary: 'A procedure was performed, with the supplies and implants it consumed.',
    containsPhi: true,
    deadLetterPolicy: 'continue',
  }),
  defineEvent({
    type: 'ehr.charge.captured.v1',
    dataClass: ChargeCapturedDataDto,
    aggregateType: 'charge',
    orderingKey: byPatient,
    summary: 'A charge was captured at the EHR (HL7 DFT^P03 FT1, FHIR ChargeItem).',
    containsPhi: true,
    deadLetterPolicy: 'continue',
  }),
];
