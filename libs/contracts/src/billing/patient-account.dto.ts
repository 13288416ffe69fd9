import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsIn, IsInt, IsObject, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { MoneyDto } from '../common/money.dto';
import { PatientReferenceDto } from '../clinical/patient-reference.dto';
import { Phi } from '../phi/phi.decorator';
import { IsResourceId } from '../validation/resource-id.validator';
import { PATIENT_RELATIONSHIPS, type PatientRelationship } from './billing-party.dto';

export const PATIENT_ACCOUNT_STATUSES = ['open', 'ready-to-bill', 'billed', 'settled', 'closed'] as const;
export type PatientAccountStatus = (typeof PATIENT_ACCOUNT_STATUSES)[number];

/** One payer on the account, in coordination-of-benefits order. */
export class AccountCoverageDto {
  @ApiProperty({ description: 'Order of benefits: 1 primary, 2 secondary, 3 tertiary', example: 1 })
  @IsInt()
  @Min(1)
  @Max(3)
  order!: number;

  @ApiProperty({ description: 'Payer id at the clearinghouse', example: 'MCRA1' })
  @Matches(/^[0-9A-Z]{2,80}$/)
  payerId!: string;

  @ApiPropertyOptional({ description: 'Member id at the payer', example: '1EG4TE5MK73' })
  @IsOptional()
  @IsString()
  @MaxLength(80)
  @Phi()
  memberId?: string;

  @ApiPropertyOptional({ description: 'Group or policy number', example: 'KHP-GOLD-2026' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  groupNumber?: string;

  @ApiProperty({ enum: PATIENT_RELATIONSHIPS, description: "Patient's relationship to the subscriber", example: 'self' })
  @IsIn(PATIENT_RELATIONSHIPS)
  relationship!: PatientRelationship;

  @ApiPropertyOptional({ description: 'Coverage id at the EHR', example: 'cov-aq-medicare-a' })
  @IsOptional()
  @IsString()
  coverageId?: string;
}

/** A billing account for one encounter: what is owed, by whom, in which order payers are billed. */
export class PatientAccountDto {
  @ApiProperty({ description: 'Account id in billing', example: 'acct-aq-tka' })
  @IsResourceId()
  id!: string;

  @ApiProperty({ description: 'Account number (becomes CLM01, the patient control number)', example: 'CG-A-100234-01' })
  @Matches(/^[0-9A-Za-z-]{1,20}$/)
  accountNumber!: string;

  @ApiProperty({ type: PatientReferenceDto })
  @IsObject()
  patient!: PatientReferenceDto;

  @ApiPropertyOptional({ description: 'Encounter id at the EHR', example: 'enc-aq-tka' })
  @IsOptional()
  @IsString()
  encounterId?: string;

  @ApiPropertyOptional({ description: 'Visit number (PV1-19)', example: 'V-CG-7781' })
  @IsOptional()
  @IsString()
  visitNumber?: string;

  @ApiProperty({ description: 'Facility (Organization id)', example: 'concord-general' })
  @IsString()
  facilityId!: string;

  @ApiProperty({ type: [AccountCoverageDto], description: 'Payers in coordination-of-benefits order; empty for self-pay' })
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => AccountCoverageDto)
  coverages!: AccountCoverageDto[];

  @ApiProperty({ enum: PATIENT_ACCOUNT_STATUSES, example: 'open' })
  @IsIn(PATIENT_ACCOUNT_STATUSES)
  status!: PatientAccountStatus;

  @ApiProperty({ type: MoneyDto, description: 'Charges minus payments and adjustments', example: { amount: 2865000, currency: 'USD' } })
  @ValidateNested()
  @Type(() => MoneyDto)
  balance!: MoneyDto;
}
