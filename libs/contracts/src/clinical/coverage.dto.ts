import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PeriodDto } from '../common/coding.dto';
import { SourceMetaDto } from '../common/source-meta.dto';
import { Phi } from '../phi/phi.decorator';
import { PatientReferenceDto } from './patient-reference.dto';

export const SUBSCRIBER_RELATIONSHIPS = ['self', 'spouse', 'child', 'other'] as const;
export type SubscriberRelationship = (typeof SUBSCRIBER_RELATIONSHIPS)[number];

/** A patient's insurance (FHIR Coverage, HL7 IN1): which payer, which member, in which order. */
export class CoverageDto {
  @ApiProperty({ description: 'Coverage id at the EHR', example: 'cov-aq-medicare-a' })
  id!: string;

  @ApiProperty({ type: PatientReferenceDto })
  patient!: PatientReferenceDto;

  @ApiProperty({ description: 'Payer id at the clearinghouse', example: 'MCRA1' })
  payerId!: string;

  @ApiPropertyOptional({ example: 'Medicare Part A' })
  payerName?: string;

  @ApiPropertyOptional({ description: 'Member (subscriber) id at the payer; absent when the EHR has none', example: '1EG4TE5MK73' })
  @Phi()
  memberId?: string;

  @ApiPropertyOptional({ description: 'Group or plan number', example: 'KHP-GOLD-2026' })
  groupNumber?: string;

  @ApiProperty({ enum: SUBSCRIBER_RELATIONSHIPS, description: "Patient's relationship to the subscriber", example: 'self' })
  relationship!: SubscriberRelationship;

  @ApiProperty({ description: 'Order of benefits: 1 primary, 2 secondary, ...', example: 1 })
  order!: number;

  @ApiPropertyOptional({ type: PeriodDto })
  period?: PeriodDto;

  @ApiProperty({ type: SourceMetaDto })
  source!: SourceMetaDto;
}
