import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CodingDto } from '../common/coding.dto';
import { SourceMetaDto } from '../common/source-meta.dto';
import { Phi } from '../phi/phi.decorator';
import { PatientReferenceDto } from './patient-reference.dto';

/**
 * A supply or device used in a procedure (FHIR Procedure.usedReference/focalDevice, HL7 PR1/FT1):
 * what the ERP must issue from stock and billing may charge for.
 */
export class ItemUsedDto {
  @ApiProperty({
    description: 'Clinical supply id as the EHR knows it (mapped to an ERP item through the cross-reference)',
    example: 'KNEE-TOT-CR',
  })
  itemCode!: string;

  @ApiPropertyOptional({ example: 'Total knee system, cruciate-retaining' })
  description?: string;

  @ApiProperty({ description: 'Quantity used, in the item unit of measure', example: 1 })
  quantity!: number;

  @ApiPropertyOptional({ description: 'GTIN (UDI device identifier)', example: '00812345678906' })
  gtin?: string;

  @ApiPropertyOptional({ description: 'Serial number of an implant', example: 'SN-KN-55012' })
  serialNumber?: string;

  @ApiPropertyOptional({ description: 'Lot number', example: 'LOT-2026-114' })
  lotNumber?: string;
}

export const PROCEDURE_STATUSES = ['preparation', 'in-progress', 'completed', 'not-done', 'entered-in-error', 'unknown'] as const;
export type ProcedureStatus = (typeof PROCEDURE_STATUSES)[number];

/** A procedure performed during an encounter (FHIR Procedure, HL7 PR1), with the items it consumed. */
export class ProcedureDto {
  @ApiProperty({ description: 'Procedure id at the EHR (or the HL7 message id and PR1 set id)', example: 'proc-tka-aq' })
  id!: string;

  @ApiProperty({ type: PatientReferenceDto })
  patient!: PatientReferenceDto;

  @ApiPropertyOptional({ description: 'Encounter id at the EHR', example: 'enc-aq-tka' })
  encounterId?: string;

  @ApiProperty({ enum: PROCEDURE_STATUSES, example: 'completed' })
  status!: ProcedureStatus;

  @ApiProperty({ type: [CodingDto], description: 'CPT and/or ICD-10-PCS codes' })
  @Phi()
  codes!: CodingDto[];

  @ApiPropertyOptional({ description: 'When it was performed (ISO 8601)', example: '2026-11-02T13:00:00.000Z' })
  performedAt?: string;

  @ApiPropertyOptional({ description: 'Performing practitioner NPI', example: '1245319599' })
  performerNpi?: string;

  @ApiPropertyOptional({ description: 'Department (cost centre) where it was performed', example: '6300' })
  departmentCode?: string;

  @ApiProperty({ type: [ItemUsedDto] })
  itemsUsed!: ItemUsedDto[];

  @ApiProperty({ type: SourceMetaDto })
  source!: SourceMetaDto;
}
