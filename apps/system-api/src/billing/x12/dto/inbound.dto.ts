import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

export const INBOUND_STATUSES = ['applied', 'ignored', 'rejected', 'not-x12'] as const;
export type InboundStatus = (typeof INBOUND_STATUSES)[number];

/** One validation finding of the X12 engine: where (positions, ids) and why, never patient data. */
export class X12IssueDto {
  @ApiProperty({ example: 'X12_CLAIM_PAYMENT_UNBALANCED' }) code!: string;
  @ApiProperty({ enum: ['error', 'warning'], example: 'error' }) severity!: 'error' | 'warning';
  @ApiProperty({ description: 'WEDI SNIP level', example: 3, type: 'integer', format: 'int32', minimum: 1, maximum: 4 }) snip!: number;
  @ApiProperty({ example: 'CLP03 minus CLP04 is not the sum of the claim and line adjustments (loop 2100, segment 9)' }) message!: string;
  @ApiPropertyOptional({ example: '000000123' }) interchangeControlNumber?: string;
  @ApiPropertyOptional({ example: '123' }) groupControlNumber?: string;
  @ApiPropertyOptional({ example: '835' }) transactionSetId?: string;
  @ApiPropertyOptional({ example: '0001' }) transactionSetControlNumber?: string;
  @ApiPropertyOptional({
    description: 'Segment position in the transaction set (ST = 1)',
    example: 9,
    type: 'integer',
    format: 'int32',
    minimum: 0,
    maximum: 2147483647,
  })
  segmentPosition?: number;
  @ApiPropertyOptional({ example: 'CLP' }) segmentId?: string;
  @ApiPropertyOptional({ example: '2100' }) loopId?: string;
  @ApiPropertyOptional({ example: 4, type: 'integer', format: 'int32', minimum: 0, maximum: 2147483647 }) elementPosition?: number;
  @ApiPropertyOptional({ example: 1, type: 'integer', format: 'int32', minimum: 0, maximum: 2147483647 }) componentPosition?: number;
}

export class ClaimMovementDto {
  @ApiProperty({ example: 'clm-0a1b2c3d4e5f' }) claimId!: string;
  @ApiProperty({ example: 'CG-A-000001-01' }) patientControlNumber!: string;
  @ApiProperty({ enum: ['999', '277CA', '835'], example: '277CA' }) source!: string;
  @ApiProperty({ example: 'acknowledged' }) from!: string;
  @ApiProperty({ example: 'accepted' }) to!: string;
}

export class PostingStateDto {
  @ApiProperty({ example: 'cpy-0a1b2c3d4e5f' }) claimPaymentId!: string;
  @ApiPropertyOptional({ example: 'clm-0a1b2c3d4e5f' }) claimId?: string;
  @ApiProperty({ example: 'CG-A-000001-01' }) patientControlNumber!: string;
  @ApiProperty({ enum: ['pending', 'posted', 'unmatched', 'failed', 'nothing', 'denied'], example: 'posted' }) postingStatus!: string;
}

export class RemittanceOutcomeDto {
  @ApiProperty({ example: 'rmt-0a1b2c3d4e5f' }) remittanceId!: string;
  @ApiProperty({ example: 'EFT202611200001' }) traceNumber!: string;
  @ApiProperty({ description: 'The same trace number was received before: nothing was posted again', example: false }) duplicate!: boolean;
  @ApiProperty({ type: 'integer', format: 'int32', minimum: 0, maximum: 2147483647, example: 1 }) matched!: number;
  @ApiProperty({ type: 'integer', format: 'int32', minimum: 0, maximum: 2147483647, example: 0 }) unmatched!: number;
  @ApiProperty({ type: [PostingStateDto] }) postings!: PostingStateDto[];
}

export class EligibilityOutcomeDto {
  @ApiProperty({ example: 'elg-0a1b2c3d4e5f' }) inquiryId!: string;
  @ApiProperty({ example: 'ELG-20261110-000001' }) traceNumber!: string;
  @ApiProperty({ enum: ['answered', 'rejected'], example: 'answered' }) status!: string;
}

export class UnmatchedItemDto {
  @ApiProperty({ enum: ['999', '277CA', '835', '271'], example: '277CA' }) kind!: string;
  @ApiProperty({
    description: 'What could not be matched: a patient control number, group control number or trace number',
    example: 'CG-A-999999-01',
  })
  reference!: string;
}

export class InboundSummaryDto {
  @ApiProperty({ type: [ClaimMovementDto] }) claims!: ClaimMovementDto[];
  @ApiProperty({ type: [RemittanceOutcomeDto] }) remittances!: RemittanceOutcomeDto[];
  @ApiProperty({ type: [EligibilityOutcomeDto] }) eligibility!: EligibilityOutcomeDto[];
  @ApiProperty({ type: [UnmatchedItemDto], description: 'Answers naming nothing Concord sent: listed for work' })
  unmatched!: UnmatchedItemDto[];
  @ApiProperty({ type: [String], example: ['277CA claim CG-A-000001-01 is already paid: no change'] }) notes!: string[];
}

/** What became of an inbound interchange: stored, validated, applied (all or nothing) or rejected with its 999. */
export class InboundReceiptDto {
  @ApiProperty({ example: 'x12-0a1b2c3d4e5f' }) id!: string;
  @ApiProperty({ enum: INBOUND_STATUSES, example: 'applied' }) status!: InboundStatus;
  @ApiPropertyOptional({
    description: 'Set when the same content was received before: the first receipt, nothing applied again',
    example: 'x12-5f4e3d2c1b0a',
  })
  duplicateOf?: string;
  @ApiProperty({ enum: ['folder', 'rest', 'realtime'], example: 'rest' }) channel!: string;
  @ApiPropertyOptional({ example: '000042-835-000000077.x12' }) fileName?: string;
  @ApiPropertyOptional({ description: 'ISA13', example: '000000077' }) controlNumber?: string;
  @ApiProperty({ type: [String], description: 'What each transaction set was read as (ST01 when it could not be)', example: ['835'] })
  transactionSets!: string[];
  @ApiProperty({ example: '2026-11-20T10:00:00.000Z' }) receivedAt!: string;
  @ApiProperty({ type: 'integer', format: 'int32', minimum: 0, maximum: 2147483647, example: 0 }) errorCount!: number;
  @ApiProperty({ type: [X12IssueDto] }) issues!: X12IssueDto[];
  @ApiPropertyOptional({ description: 'The 999 (and TA1) answering the interchange' }) acknowledgement?: string;
  @ApiProperty({ type: InboundSummaryDto }) summary!: InboundSummaryDto;
}

export class InboundListItemDto {
  @ApiProperty({ example: 'x12-0a1b2c3d4e5f' }) id!: string;
  @ApiProperty({ enum: INBOUND_STATUSES, example: 'rejected' }) status!: InboundStatus;
  @ApiProperty({ enum: ['folder', 'rest', 'realtime'], example: 'folder' }) channel!: string;
  @ApiPropertyOptional({ example: '000042-835-000000077.x12' }) fileName?: string;
  @ApiPropertyOptional({ example: '000000077' }) controlNumber?: string;
  @ApiProperty({ type: [String], example: ['835'] }) transactionSets!: string[];
  @ApiProperty({ type: 'integer', format: 'int32', minimum: 0, maximum: 2147483647, example: 2 }) errorCount!: number;
  @ApiProperty({ example: '2026-11-20T10:00:00.000Z' }) receivedAt!: string;
}

export class InboundPageDto {
  @ApiProperty({ type: [InboundListItemDto] }) items!: InboundListItemDto[];
  @ApiPropertyOptional({ description: 'Pass as `cursor` to get the next page; absent on the last page' }) nextCursor?: string;
}

export class InterchangeIdParams {
  @ApiProperty({ example: 'x12-0a1b2c3d4e5f', pattern: '^x12-[0-9a-f]{12}$', maxLength: 16 })
  @Matches(/^x12-[0-9a-f]{12}$/)
  id!: string;
}

export class ListInboundQuery {
  @ApiPropertyOptional({ enum: INBOUND_STATUSES })
  @IsOptional()
  @IsIn(INBOUND_STATUSES)
  status?: InboundStatus;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20, example: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional({ maxLength: 200, description: 'Opaque cursor from a previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}
