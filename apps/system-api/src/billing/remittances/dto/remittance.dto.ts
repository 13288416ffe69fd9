import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { ClaimPaymentDto, MoneyDto, Phi } from '@concord/contracts';

export class ClaimPaymentViewDto {
  @ApiProperty({ example: 'cpy-0a1b2c3d4e5f' }) id!: string;
  @ApiProperty({ example: 'rmt-0a1b2c3d4e5f' }) remittanceId!: string;
  @ApiProperty({
    description: 'Position of the CLP in the 835',
    type: 'integer',
    format: 'int32',
    minimum: 0,
    maximum: 2147483647,
    example: 1,
  })
  position!: number;
  @ApiPropertyOptional({ description: 'The claim it was matched to (by CLP01, or by an operator)', example: 'clm-0a1b2c3d4e5f' })
  claimId?: string;
  @ApiPropertyOptional({ example: 'CG-A-000001' }) accountId?: string;
  @ApiProperty({ description: 'CLP01', example: 'CG-A-000001-01' }) patientControlNumber!: string;
  @ApiPropertyOptional({ description: 'CLP07', example: 'MCR2026110500001' }) payerClaimControlNumber?: string;
  @ApiProperty({ description: 'CLP02', example: '1' }) statusCode!: string;
  @ApiProperty({ type: MoneyDto }) charge!: MoneyDto;
  @ApiProperty({ type: MoneyDto }) paid!: MoneyDto;
  @ApiProperty({ type: MoneyDto, description: 'Group PR' }) patientResponsibility!: MoneyDto;
  @ApiProperty({ type: MoneyDto, description: 'Group CO' }) contractualAdjustment!: MoneyDto;
  @ApiProperty({ type: MoneyDto, description: 'Groups OA and PI' }) otherAdjustment!: MoneyDto;
  @ApiProperty({ enum: ['pending', 'posted', 'unmatched', 'failed', 'nothing', 'denied'], example: 'posted' }) postingStatus!: string;
  @ApiPropertyOptional({ description: 'Why the last posting attempt failed' }) postingError?: string;
  @ApiPropertyOptional({ example: 'clp01', enum: ['clp01', 'operator'] }) matchedBy?: string;
  @ApiPropertyOptional({ example: '2026-11-20T10:00:01.000Z' }) postedAt?: string;
  @ApiProperty({ type: ClaimPaymentDto, description: 'The claim payment as the 835 carried it' })
  @Phi()
  detail!: ClaimPaymentDto;
}

export class RemittanceViewDto {
  @ApiProperty({ example: 'rmt-0a1b2c3d4e5f' }) id!: string;
  @ApiProperty({ description: 'The inbound interchange (835) it came in', example: 'x12-0a1b2c3d4e5f' }) interchangeId!: string;
  @ApiPropertyOptional({ example: 'MCRA1' }) payerId?: string;
  @ApiProperty({ example: 'Medicare Part A' }) payerName!: string;
  @ApiProperty({ example: 'EFT202611200001' }) traceNumber!: string;
  @ApiProperty({ type: MoneyDto }) totalPaid!: MoneyDto;
  @ApiProperty({ example: 'ACH' }) paymentMethod!: string;
  @ApiPropertyOptional({ example: '2026-11-20' }) paymentDate?: string;
  @ApiProperty({ type: MoneyDto, description: 'Provider-level adjustments (PLB)' }) providerAdjustments!: MoneyDto;
  @ApiProperty({ type: 'integer', format: 'int32', minimum: 0, maximum: 2147483647, example: 1 }) matchedCount!: number;
  @ApiProperty({ type: 'integer', format: 'int32', minimum: 0, maximum: 2147483647, example: 0 }) unmatchedCount!: number;
  @ApiProperty({ example: '2026-11-20T10:00:00.000Z' }) receivedAt!: string;
  @ApiProperty({ type: [ClaimPaymentViewDto] }) claimPayments!: ClaimPaymentViewDto[];
}

export class RemittancePageDto {
  @ApiProperty({ type: [RemittanceViewDto] }) items!: RemittanceViewDto[];
  @ApiPropertyOptional({ description: 'Pass as `cursor` to get the next page; absent on the last page' }) nextCursor?: string;
}

export class ClaimPaymentListDto {
  @ApiProperty({ type: [ClaimPaymentViewDto] }) items!: ClaimPaymentViewDto[];
}

export class RemittanceIdParams {
  @ApiProperty({ example: 'rmt-0a1b2c3d4e5f', pattern: '^rmt-[0-9a-f]{12}$', maxLength: 16 })
  @Matches(/^rmt-[0-9a-f]{12}$/)
  id!: string;
}

export class ClaimPaymentIdParams {
  @ApiProperty({ example: 'cpy-0a1b2c3d4e5f', pattern: '^cpy-[0-9a-f]{12}$', maxLength: 16 })
  @Matches(/^cpy-[0-9a-f]{12}$/)
  id!: string;
}

export class MatchClaimPaymentDto {
  @ApiProperty({
    description: 'The claim the payment belongs to',
    example: 'clm-0a1b2c3d4e5f',
    pattern: '^clm-[0-9a-f]{12}$',
    maxLength: 16,
  })
  @Matches(/^clm-[0-9a-f]{12}$/)
  claimId!: string;
}

export class ListRemittancesQuery {
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
