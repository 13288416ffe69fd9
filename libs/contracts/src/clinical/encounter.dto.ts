import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PeriodDto } from '../common/coding.dto';
import { SourceMetaDto } from '../common/source-meta.dto';
import { Phi } from '../phi/phi.decorator';
import { ChargeDto } from '../billing/charge.dto';
import { DiagnosisDto } from './diagnosis.dto';
import { PatientReferenceDto } from './patient-reference.dto';
import { ProcedureDto } from './procedure.dto';

/** HL7 v3 ActCode encounter classes (FHIR Encounter.class, HL7 PV1-2 I/O/E/P). */
export const ENCOUNTER_CLASSES = ['inpatient', 'outpatient', 'ambulatory', 'emergency', 'observation'] as const;
export type EncounterClass = (typeof ENCOUNTER_CLASSES)[number];

export const ENCOUNTER_STATUSES = ['planned', 'arrived', 'in-progress', 'finished', 'cancelled', 'entered-in-error', 'unknown'] as const;
export type EncounterStatus = (typeof ENCOUNTER_STATUSES)[number];

/** A practitioner's name as an encounter carries it (PV1-7 XCN, FHIR Encounter.participant display). */
export class EncounterPractitionerNameDto {
  @ApiProperty({ example: 'Park' })
  family!: string;

  @ApiPropertyOptional({ example: 'Ellis' })
  given?: string;
}

/** A visit or stay (FHIR Encounter, HL7 PV1/PV2), with what happened during it. */
export class EncounterDto {
  @ApiProperty({ description: 'Encounter id at the EHR', example: 'enc-aq-tka' })
  id!: string;

  @ApiPropertyOptional({ description: 'Visit (account) number the EHR gives the stay (PV1-19)', example: 'V-CG-7781' })
  visitNumber?: string;

  @ApiProperty({ type: PatientReferenceDto })
  patient!: PatientReferenceDto;

  @ApiProperty({ enum: ENCOUNTER_STATUSES, example: 'finished' })
  status!: EncounterStatus;

  @ApiProperty({ enum: ENCOUNTER_CLASSES, example: 'inpatient' })
  class!: EncounterClass;

  @ApiPropertyOptional({ type: PeriodDto, description: 'Admission to discharge' })
  @Phi()
  period?: PeriodDto;

  @ApiPropertyOptional({ description: 'Facility (Organization id)', example: 'concord-general' })
  facilityId?: string;

  @ApiPropertyOptional({ description: 'Department (cost centre) responsible for the stay', example: '6100' })
  departmentCode?: string;

  @ApiPropertyOptional({ description: 'Current or last location (Location id or HL7 point of care)', example: 'cg-4w-412' })
  locationId?: string;

  @ApiPropertyOptional({ description: 'Attending practitioner NPI', example: '1245319599' })
  attendingNpi?: string;

  @ApiPropertyOptional({ type: EncounterPractitionerNameDto, description: 'Attending physician name (PV1-7)' })
  attendingName?: EncounterPractitionerNameDto;

  @ApiPropertyOptional({ description: 'Admit source (UB-04 point of origin / PV1-14)', example: '1' })
  admitSource?: string;

  @ApiPropertyOptional({ description: 'Discharge disposition (UB-04 patient status / PV1-36)', example: '01' })
  dischargeDisposition?: string;

  @ApiProperty({ type: [DiagnosisDto] })
  diagnoses!: DiagnosisDto[];

  @ApiPropertyOptional({ type: [ProcedureDto], description: 'Present when the encounter is read with its details' })
  procedures?: ProcedureDto[];

  @ApiPropertyOptional({ type: [ChargeDto], description: 'Present when the encounter is read with its details' })
  charges?: ChargeDto[];

  @ApiProperty({ type: SourceMetaDto })
  source!: SourceMetaDto;
}
