import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { EligibilityRequestDto, EligibilityResponseDto, IsCalendarDate, IsResourceId, Phi, RESOURCE_ID_PATTERN } from '@concord/contracts';

export class CreateEligibilityInquiryDto {
  @ApiProperty({
    description: 'Account whose coverage is asked about',
    example: 'CR-A-000001',
    pattern: RESOURCE_ID_PATTERN.source,
    maxLength: 64,
  })
  @IsResourceId()
  accountId!: string;

  @ApiPropertyOptional({ description: 'Which coverage (order of benefits); the primary by default', minimum: 1, maximum: 3, example: 1 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(3)
  coverageOrder?: number;

  @ApiPropertyOptional({
    description: 'Date of service asked about; the admission date by default',
    example: '2026-11-09',
    format: 'date',
    maxLength: 10,
  })
  @IsOptional()
  @IsCalendarDate()
  serviceDate?: string;

  @ApiPropertyOptional({
    description: 'Service type codes (EQ01); 30 (health benefit plan coverage) by default',
    type: 'array',
    items: { type: 'string', pattern: '^[0-9A-Z]{1,2}$', maxLength: 2 },
    maxItems: 10,
    example: ['30'],
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @Matches(/^[0-9A-Z]{1,2}$/, { each: true })
  serviceTypeCodes?: string[];
}

export class EligibilityInquiryDto {
  @ApiProperty({ example: 'elg-0a1b2c3d4e5f' }) id!: string;
  @ApiProperty({ description: 'TRN02 of the 270, echoed by the 271', example: 'ELG-20261109-000001' }) traceNumber!: string;
  @ApiProperty({ example: 'KHP01' }) payerId!: string;
  @ApiPropertyOptional({ example: 'CR-A-000001' }) accountId?: string;
  @ApiProperty({
    enum: ['pending', 'answered', 'rejected'],
    description: 'rejected: the payer refused the inquiry (AAA) or the 999 refused the 270',
    example: 'answered',
  })
  status!: string;
  @ApiProperty({ type: EligibilityRequestDto })
  @Phi()
  request!: EligibilityRequestDto;
  @ApiPropertyOptional({ type: EligibilityResponseDto })
  @Phi()
  response?: EligibilityResponseDto;
  @ApiPropertyOptional({ type: [String], description: 'IK5/AK9 codes when a 999 refused the inquiry', example: ['4'] })
  acknowledgementErrors?: string[];
  @ApiProperty({ example: 'x12-0a1b2c3d4e5f' }) outboundInterchangeId!: string;
  @ApiPropertyOptional({ example: 'x12-5f4e3d2c1b0a' }) inboundInterchangeId?: string;
  @ApiProperty({ example: '2026-11-09T09:00:00.000Z' }) createdAt!: string;
  @ApiPropertyOptional({ example: '2026-11-09T09:00:01.000Z' }) answeredAt?: string;
}

export class EligibilityIdParams {
  @ApiProperty({ example: 'elg-0a1b2c3d4e5f', pattern: '^elg-[0-9a-f]{12}$', maxLength: 16 })
  @Matches(/^elg-[0-9a-f]{12}$/)
  id!: string;
}
