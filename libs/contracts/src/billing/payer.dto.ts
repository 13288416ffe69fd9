import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { CodingDto } from '../common/coding.dto';
import { MoneyDto } from '../common/money.dto';

/** X12 claim filing indicator codes (SBR09 in 837, CLP06 in 835), 5010 code list. */
export const CLAIM_FILING_INDICATORS = [
  '11', '12', '13', '14', '15', '16', '17', 'AM', 'BL', 'CH', 'CI', 'DS', 'FI', 'HM', 'LM', 'MA', 'MB', 'MC', 'OF', 'TV', 'VA', 'WC', 'ZZ',
] as const; // prettier-ignore
export type ClaimFilingIndicator = (typeof CLAIM_FILING_INDICATORS)[number];

/** One priced service in a payer's contract: by CPT/HCPCS code, or by revenue code when no code applies. */
export class FeeScheduleEntryDto {
  @ApiPropertyOptional({ type: CodingDto, description: 'CPT or HCPCS code the price applies to' })
  @IsOptional()
  @ValidateNested()
  @Type(() => CodingDto)
  procedureCode?: CodingDto;

  @ApiPropertyOptional({ description: 'NUBC revenue code the price applies to (institutional lines without a CPT/HCPCS)', example: '0120' })
  @IsOptional()
  @Matches(/^\d{4}$/)
  revenueCode?: string;

  @ApiPropertyOptional({ type: [String], description: 'Modifiers the price is specific to', example: ['26'] })
  @IsOptional()
  @IsArray()
  @Matches(/^[0-9A-Z]{2}$/, { each: true })
  modifiers?: string[];

  @ApiProperty({ type: MoneyDto, description: 'Allowed amount per unit' })
  @ValidateNested()
  @Type(() => MoneyDto)
  allowed!: MoneyDto;
}

/** Case rate for an inpatient stay grouped to an MS-DRG. */
export class DrgPaymentDto {
  @ApiProperty({ description: 'MS-DRG code', example: '470' })
  @Matches(/^\d{3}$/)
  drg!: string;

  @ApiProperty({ type: MoneyDto, description: 'Payment for the stay before patient share', example: { amount: 1495000, currency: 'USD' } })
  @ValidateNested()
  @Type(() => MoneyDto)
  payment!: MoneyDto;
}

/** What the patient owes under the plan: deductible first, then coinsurance or a copay. */
export class PatientShareRulesDto {
  @ApiPropertyOptional({
    type: MoneyDto,
    description: 'Deductible per benefit period (PR-1 on the 835)',
    example: { amount: 167600, currency: 'USD' },
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => MoneyDto)
  deductible?: MoneyDto;

  @ApiPropertyOptional({ description: 'Coinsurance in percent of the allowed amount (PR-2 on the 835)', example: 20 })
  @IsOptional()
  @Min(0)
  @Max(100)
  coinsurancePercent?: number;

  @ApiPropertyOptional({ type: MoneyDto, description: 'Copay per visit (PR-3 on the 835)' })
  @IsOptional()
  @ValidateNested()
  @Type(() => MoneyDto)
  copay?: MoneyDto;
}

/** A payer and its contract with the hospital. */
export class PayerDto {
  @ApiProperty({ description: 'Payer id at the clearinghouse (NM109 of loop 2010BB)', example: 'KHP01' })
  @Matches(/^[0-9A-Z]{2,80}$/)
  payerId!: string;

  @ApiProperty({ example: 'Keystone Health Plan' })
  @IsString()
  @MaxLength(60)
  name!: string;

  @ApiProperty({ enum: CLAIM_FILING_INDICATORS, description: 'Claim filing indicator (SBR09)', example: 'CI' })
  @IsIn(CLAIM_FILING_INDICATORS)
  claimFilingIndicator!: ClaimFilingIndicator;

  @ApiProperty({ description: 'Days after the service date within which a claim must be filed', example: 365 })
  @IsInt()
  @Min(1)
  @Max(3650)
  timelyFilingDays!: number;

  @ApiProperty({ type: [FeeScheduleEntryDto], description: 'Contracted prices by CPT/HCPCS or revenue code' })
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => FeeScheduleEntryDto)
  feeSchedule!: FeeScheduleEntryDto[];

  @ApiPropertyOptional({ type: [DrgPaymentDto], description: 'DRG case rates for inpatient stays' })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => DrgPaymentDto)
  drgPayments?: DrgPaymentDto[];

  @ApiProperty({ type: PatientShareRulesDto })
  @ValidateNested()
  @Type(() => PatientShareRulesDto)
  patientShare!: PatientShareRulesDto;

  @ApiPropertyOptional({ description: 'Rejects claims whose subscriber has no member id (Bayview Medicaid)', example: false })
  @IsOptional()
  requiresMemberId?: boolean;
}
