import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { CLAIM_STATUSES, ClaimDto, type ClaimStatus, IsResourceId, MoneyDto, RESOURCE_ID_PATTERN } from '@concord/contracts';
import { ClaimEditCode, SOFT_CLAIM_EDITS } from '../claim-edits';

const CLAIM_ID = /^clm-[0-9a-f]{12}$/;
const PATIENT_ID_LIST = /^[A-Za-z0-9\-.]{1,64}(,[A-Za-z0-9\-.]{1,64}){0,99}$/;

export class CreateClaimDto {
  @ApiProperty({ description: 'Account to bill', example: 'CG-A-000001', pattern: RESOURCE_ID_PATTERN.source, maxLength: 64 })
  @IsResourceId()
  accountId!: string;

  @ApiPropertyOptional({
    description: 'A submitted claim this one replaces (corrected claim, frequency 7, REF*F8 with its payer claim control number)',
    example: 'clm-0a1b2c3d4e5f',
    pattern: CLAIM_ID.source,
    maxLength: 16,
  })
  @IsOptional()
  @Matches(CLAIM_ID)
  replacesClaimId?: string;

  @ApiPropertyOptional({
    description: 'Soft payer-rule edits to switch off for this claim (the clearinghouse or payer will judge instead)',
    type: 'array',
    items: { type: 'string', enum: [...SOFT_CLAIM_EDITS] },
    maxItems: 5,
    example: ['SUBSCRIBER_MEMBER_ID_MISSING'],
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5)
  @IsIn(SOFT_CLAIM_EDITS, { each: true })
  skipEdits?: ClaimEditCode[];
}

export class ClaimExpectationDto {
  @ApiProperty({ type: MoneyDto, description: 'Allowed by the contract (DRG rate or fee schedule)' }) allowed!: MoneyDto;
  @ApiProperty({ type: MoneyDto, description: 'Expected patient share' }) patientShare!: MoneyDto;
  @ApiProperty({ type: MoneyDto, description: 'Expected payer payment' }) payerPayment!: MoneyDto;
  @ApiProperty({ type: MoneyDto, description: 'Expected contractual allowance' }) contractualAllowance!: MoneyDto;
  @ApiProperty({
    type: 'integer',
    format: 'int32',
    minimum: 0,
    maximum: 2147483647,
    description: 'Lines the contract does not price',
    example: 0,
  })
  unpricedLines!: number;
}

export class ClaimDepartmentChargeDto {
  @ApiProperty({ example: '6300' }) departmentCode!: string;
  @ApiProperty({ type: MoneyDto }) charge!: MoneyDto;
}

export class ClaimPaymentSummaryDto {
  @ApiProperty({ example: 'cpy-0a1b2c3d4e5f' }) claimPaymentId!: string;
  @ApiProperty({ example: 'rmt-0a1b2c3d4e5f' }) remittanceId!: string;
  @ApiProperty({ description: 'CLP02', example: '1' }) statusCode!: string;
  @ApiProperty({ type: MoneyDto }) paid!: MoneyDto;
  @ApiProperty({ type: MoneyDto }) patientResponsibility!: MoneyDto;
  @ApiProperty({ enum: ['pending', 'posted', 'failed', 'nothing', 'denied'], example: 'posted' }) postingStatus!: string;
}

/** A claim with its status history, what the contract leads to expect, and the payments received. */
export class ClaimViewDto extends ClaimDto {
  @ApiPropertyOptional({ example: 'clm-0a1b2c3d4e5f' }) replacesClaimId?: string;
  @ApiPropertyOptional({ example: 'clm-5f4e3d2c1b0a' }) replacedByClaimId?: string;
  @ApiProperty({ type: ClaimExpectationDto }) expected!: ClaimExpectationDto;
  @ApiProperty({ type: [ClaimDepartmentChargeDto], description: 'Gross charges by department' }) departments!: ClaimDepartmentChargeDto[];
  @ApiPropertyOptional({ description: 'Patient id at the EHR, when the account named one', example: 'avery-quinn' }) patientId?: string;
  @ApiProperty({ description: 'Earliest date of service', example: '2026-11-02' }) serviceDate!: string;
  @ApiProperty({ description: 'Last day the payer accepts the claim', example: '2027-11-02' }) timelyFilingDeadline!: string;
  @ApiPropertyOptional({ description: 'The 837 that carried the claim last', example: 'x12-0a1b2c3d4e5f' }) interchangeId?: string;
  @ApiPropertyOptional({ example: '2026-11-05T09:00:00.000Z' }) submittedAt?: string;
  @ApiProperty({ example: '2026-11-05T08:59:00.000Z' }) createdAt!: string;
  @ApiProperty({ example: '2026-11-05T09:00:00.000Z' }) updatedAt!: string;
  @ApiProperty({ type: [ClaimPaymentSummaryDto] }) payments!: ClaimPaymentSummaryDto[];
}

export class ClaimPageDto {
  @ApiProperty({ type: [ClaimViewDto] }) items!: ClaimViewDto[];
  @ApiPropertyOptional({ description: 'Pass as `cursor` to get the next page; absent on the last page' }) nextCursor?: string;
}

export class ClaimIdParams {
  @ApiProperty({ example: 'clm-0a1b2c3d4e5f', pattern: CLAIM_ID.source, maxLength: 16 })
  @Matches(CLAIM_ID)
  id!: string;
}

export class ListClaimsQuery {
  @ApiPropertyOptional({ example: 'CG-A-000001', pattern: RESOURCE_ID_PATTERN.source, maxLength: 64 })
  @IsOptional()
  @IsResourceId()
  accountId?: string;

  @ApiPropertyOptional({
    description: 'Comma-separated EHR patient ids, up to 100: the claims of all of them in one call (batch readers such as experience-api)',
    example: 'avery-quinn,jordan-rivera',
    pattern: PATIENT_ID_LIST.source,
    maxLength: 6500,
  })
  @IsOptional()
  @Matches(PATIENT_ID_LIST, { message: 'patientIds must be 1 to 100 comma-separated resource ids' })
  patientIds?: string;

  @ApiPropertyOptional({ enum: CLAIM_STATUSES })
  @IsOptional()
  @IsIn(CLAIM_STATUSES)
  status?: ClaimStatus;

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
