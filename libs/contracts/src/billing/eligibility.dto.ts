import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { MoneyDto } from '../common/money.dto';
import { Phi } from '../phi/phi.decorator';
import { IsCalendarDate } from '../validation/is-calendar-date.validator';
import { BillingProviderDto, ClaimPatientDto, SubscriberDto } from './billing-party.dto';

/** An eligibility and benefit inquiry (X12 270, 005010X279A1). */
export class EligibilityRequestDto {
  @ApiProperty({ description: 'Trace number echoed back in the 271 (TRN02)', example: 'ELG-20261110-0001' })
  @Matches(/^[0-9A-Za-z-]{1,50}$/)
  traceNumber!: string;

  @ApiProperty({ description: 'Payer id', example: 'KHP01' })
  @Matches(/^[0-9A-Z]{2,80}$/)
  payerId!: string;

  @ApiProperty({ example: 'Keystone Health Plan' })
  @IsString()
  @MaxLength(60)
  payerName!: string;

  @ApiProperty({ type: BillingProviderDto, description: 'Provider asking (loop 2100B)' })
  @ValidateNested()
  @Type(() => BillingProviderDto)
  provider!: BillingProviderDto;

  @ApiProperty({ type: SubscriberDto })
  @ValidateNested()
  @Type(() => SubscriberDto)
  subscriber!: SubscriberDto;

  @ApiPropertyOptional({ type: ClaimPatientDto, description: 'The dependent, when the patient is not the subscriber' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ClaimPatientDto)
  dependent?: ClaimPatientDto;

  @ApiProperty({ description: 'Date of service asked about', example: '2026-11-10' })
  @IsCalendarDate()
  serviceDate!: string;

  @ApiProperty({ type: [String], description: 'Service type codes (EQ01); 30 = health benefit plan coverage', example: ['30'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(99)
  @Matches(/^[0-9A-Z]{1,2}$/, { each: true })
  serviceTypeCodes!: string[];
}

/** One EB benefit line of a 271. */
export class EligibilityBenefitDto {
  @ApiProperty({
    description: 'Eligibility or benefit code (EB01): 1 active, 6 inactive, A coinsurance, B copay, C deductible, G out of pocket',
    example: 'C',
  })
  code!: string;

  @ApiPropertyOptional({ description: 'Coverage level (EB02): IND individual, FAM family', example: 'IND' })
  coverageLevel?: string;

  @ApiProperty({ type: [String], description: 'Service type codes (EB03)', example: ['30'] })
  serviceTypeCodes!: string[];

  @ApiPropertyOptional({ description: 'Insurance type (EB04)', example: 'HM' })
  insuranceType?: string;

  @ApiPropertyOptional({ description: 'Plan description (EB05)', example: 'KHP Gold' })
  planName?: string;

  @ApiPropertyOptional({ description: 'Time period (EB06): 23 calendar year, 29 remaining ...', example: '29' })
  timePeriod?: string;

  @ApiPropertyOptional({ type: MoneyDto, description: 'Amount (EB07)' })
  amount?: MoneyDto;

  @ApiPropertyOptional({ description: 'Percent (EB08 as a percentage: .2 → 20)', example: 20 })
  percent?: number;

  @ApiPropertyOptional({ description: 'In plan network (EB12): Y, N, U, W', example: 'Y' })
  inNetwork?: string;
}

/** A rejection of the inquiry (AAA): why the payer could not answer. */
export class EligibilityRejectionDto {
  @ApiProperty({ description: 'Loop the AAA came in (2100A payer, 2100B provider, 2100C subscriber, 2100D dependent)', example: '2100C' })
  loop!: string;

  @ApiProperty({ description: 'Reject reason code (AAA03), e.g. 72 invalid member id, 75 subscriber not found', example: '72' })
  reasonCode!: string;

  @ApiPropertyOptional({ description: 'Follow-up action (AAA04)', example: 'C' })
  followUp?: string;
}

/** An eligibility and benefit response (X12 271, 005010X279A1), reduced to what billing uses. */
export class EligibilityResponseDto {
  @ApiPropertyOptional({ description: 'Trace number of the 270 it answers (TRN02)', example: 'ELG-20261110-0001' })
  traceNumber?: string;

  @ApiPropertyOptional({ example: 'KHP01' })
  payerId?: string;

  @ApiPropertyOptional({ example: 'Keystone Health Plan' })
  payerName?: string;

  @ApiPropertyOptional({ description: 'Member id the payer answered for', example: 'KHP-44718-01' })
  @Phi()
  memberId?: string;

  @ApiProperty({ description: 'Active coverage (an EB*1) and no inactive (EB*6) answer', example: true })
  active!: boolean;

  @ApiPropertyOptional({ description: 'Plan name (EB05 of the active coverage)', example: 'KHP Gold' })
  planName?: string;

  @ApiPropertyOptional({ type: MoneyDto, description: 'Individual deductible remaining (EB*C … 29), when present' })
  deductibleRemaining?: MoneyDto;

  @ApiPropertyOptional({ description: 'Coinsurance percent (EB*A), when present', example: 20 })
  coinsurancePercent?: number;

  @ApiProperty({ type: [EligibilityBenefitDto] })
  benefits!: EligibilityBenefitDto[];

  @ApiProperty({ type: [EligibilityRejectionDto] })
  rejections!: EligibilityRejectionDto[];
}
