import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { EHR_MESSAGE_STATUSES, type EhrMessageStatus } from '../ehr-message.entity';

export class EhrMessageIdParams {
  @ApiProperty({ description: 'Id of the stored message', format: 'uuid', maxLength: 36, example: '0f8e7c2a-51b4-4d59-9a0e-3f1c1d2b7e11' })
  @IsUUID()
  id!: string;
}

export class SearchEhrMessagesQuery {
  @ApiPropertyOptional({ description: 'MSH-10 message control id (exact)', example: 'CG-ADT-0001', maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  controlId?: string;

  @ApiPropertyOptional({ description: 'MSH-9 code, or code^trigger', example: 'ADT^A01', maxLength: 7 })
  @IsOptional()
  @Matches(/^[A-Z0-9]{3}(\^[A-Z0-9]{2,3})?$/, { message: 'messageType must look like ADT or ADT^A01' })
  messageType?: string;

  @ApiPropertyOptional({
    description: 'A patient identifier value from PID-3 or MRG-1 (exact), e.g. the MRN',
    example: 'CG-100234',
    maxLength: 200,
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @Matches(/^[^|%_\s]+$/, { message: 'patientIdentifier must be one identifier value' })
  patientIdentifier?: string;

  @ApiPropertyOptional({ enum: EHR_MESSAGE_STATUSES, example: 'failed' })
  @IsOptional()
  @IsIn(EHR_MESSAGE_STATUSES)
  status?: EhrMessageStatus;

  @ApiPropertyOptional({
    description: 'Received at or after (ISO 8601 date-time)',
    format: 'date-time',
    maxLength: 35,
    example: '2026-11-02T00:00:00Z',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  @MaxLength(35)
  receivedFrom?: string;

  @ApiPropertyOptional({
    description: 'Received before (ISO 8601 date-time)',
    format: 'date-time',
    maxLength: 35,
    example: '2026-11-03T00:00:00Z',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  @MaxLength(35)
  receivedTo?: string;

  @ApiPropertyOptional({ description: 'Page size', minimum: 1, maximum: 200, default: 50, example: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({ description: 'Opaque cursor from the previous page’s nextCursor (same filters)', maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}

export class EhrMessageSummaryDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ description: 'MSH-10 ("" when unreadable)', example: 'CG-ADT-0001' })
  controlId!: string;

  @ApiPropertyOptional({ description: 'MSH-3', example: 'EPIC' })
  sendingApplication?: string;

  @ApiPropertyOptional({ description: 'MSH-4', example: 'CONCORD-GENERAL' })
  sendingFacility?: string;

  @ApiProperty({ description: 'MSH-9 code^trigger ("" when unreadable)', example: 'ADT^A01' })
  messageType!: string;

  @ApiProperty({ description: 'Patient identifier values from PID-3 and MRG-1 (PHI)', type: [String], example: ['CG-100234'] })
  patientIdentifiers!: string[];

  @ApiProperty({ enum: EHR_MESSAGE_STATUSES, example: 'processed' })
  status!: EhrMessageStatus;

  @ApiPropertyOptional({
    description: 'Why it failed: segment, field and rule',
    example: 'mapping-error: PID-3.1: the patient MRN is required',
  })
  reason?: string;

  @ApiProperty({ description: 'MSA-1 of the ACK sent', enum: ['AA', 'AE', 'AR'], example: 'AA' })
  ackCode!: string;

  @ApiProperty({ description: 'Events published for it', example: 2 })
  eventCount!: number;

  @ApiProperty({ description: 'Processing attempts (1 + reprocessings)', example: 1 })
  attempts!: number;

  @ApiProperty({ description: 'Retransmissions acknowledged without processing', example: 0 })
  duplicates!: number;

  @ApiProperty({ format: 'date-time' })
  receivedAt!: string;

  @ApiPropertyOptional({ format: 'date-time' })
  processedAt?: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;
}

export class EhrMessageDto extends EhrMessageSummaryDto {
  @ApiProperty({ description: 'The message as received, segments ended by CR (PHI)' })
  raw!: string;

  @ApiProperty({ description: 'The ACK that was sent' })
  ack!: string;
}

export class EhrMessagePageDto {
  @ApiProperty({ type: [EhrMessageSummaryDto] })
  items!: EhrMessageSummaryDto[];

  @ApiPropertyOptional({ description: 'Cursor of the next page; absent on the last one' })
  nextCursor?: string;
}

export class ReprocessEhrMessagesDto {
  @ApiPropertyOptional({
    description: 'Messages to reprocess by id (else the filters select them)',
    type: 'array',
    items: { type: 'string', format: 'uuid', maxLength: 36 },
    maxItems: 1000,
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @IsUUID('all', { each: true })
  ids?: string[];

  @ApiPropertyOptional({ enum: EHR_MESSAGE_STATUSES, default: 'failed', description: 'Filter: status (failed unless ids are given)' })
  @IsOptional()
  @IsIn(EHR_MESSAGE_STATUSES)
  status?: EhrMessageStatus;

  @ApiPropertyOptional({ description: 'Filter: MSH-9 code or code^trigger', example: 'ADT^A01', maxLength: 7 })
  @IsOptional()
  @Matches(/^[A-Z0-9]{3}(\^[A-Z0-9]{2,3})?$/, { message: 'messageType must look like ADT or ADT^A01' })
  messageType?: string;

  @ApiPropertyOptional({ format: 'date-time', maxLength: 35, description: 'Filter: received at or after' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @MaxLength(35)
  receivedFrom?: string;

  @ApiPropertyOptional({ format: 'date-time', maxLength: 35, description: 'Filter: received before' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @MaxLength(35)
  receivedTo?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 100, description: 'Most messages taken by the filters' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}

export class ReprocessResultDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: EHR_MESSAGE_STATUSES })
  status!: EhrMessageStatus;

  @ApiPropertyOptional()
  reason?: string;

  @ApiProperty({ description: 'Events the message announces (already published ones are not published again)' })
  eventCount!: number;

  @ApiProperty()
  attempts!: number;
}

export class BulkReprocessResultDto {
  @ApiProperty({ description: 'Messages selected' })
  matched!: number;

  @ApiProperty({ description: 'Now processed' })
  processed!: number;

  @ApiProperty({ description: 'Still failed' })
  failed!: number;

  @ApiProperty({ type: [ReprocessResultDto] })
  results!: ReprocessResultDto[];
}
