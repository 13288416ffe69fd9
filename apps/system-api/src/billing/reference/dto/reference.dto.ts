import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { CLAIM_KINDS, type ClaimKind, CodingDto, IsCalendarDate, MoneyDto, PayerDto, PostalAddressDto } from '@concord/contracts';

export class ChargemasterPriceDto {
  @ApiProperty({ example: '2026-01-01' }) effectiveFrom!: string;
  @ApiPropertyOptional({ example: '2026-12-31' }) effectiveTo?: string;
  @ApiProperty({ type: MoneyDto }) price!: MoneyDto;
}

/** One chargemaster item: charge code → description, revenue code, CPT/HCPCS, department, price on a date. */
export class ChargemasterEntryDto {
  @ApiProperty({ example: 'IMP-KNEE' }) chargeCode!: string;
  @ApiProperty({ example: 'Knee implant system' }) description!: string;
  @ApiProperty({ description: 'NUBC revenue code', example: '0278' }) revenueCode!: string;
  @ApiPropertyOptional({ type: CodingDto, description: 'CPT or HCPCS code' }) procedureCode?: CodingDto;
  @ApiProperty({ description: 'Department (cost centre) charges go to by default', example: '6300' }) departmentCode!: string;
  @ApiProperty({ enum: ['day', 'each'], example: 'each' }) unit!: 'day' | 'each';
  @ApiPropertyOptional({ type: MoneyDto, description: 'Price in force on the date asked about' }) price?: MoneyDto;
  @ApiPropertyOptional({ example: '2026-01-01' }) priceEffectiveFrom?: string;
  @ApiProperty({ type: [ChargemasterPriceDto] }) priceHistory!: ChargemasterPriceDto[];
}

export class ChargemasterListDto {
  @ApiProperty({ type: [ChargemasterEntryDto] }) items!: ChargemasterEntryDto[];
}

export class ChargemasterQuery {
  @ApiPropertyOptional({
    description: 'Prices in force on this date; today by default',
    example: '2026-11-02',
    format: 'date',
    maxLength: 10,
  })
  @IsOptional()
  @IsCalendarDate()
  asOf?: string;
}

export class ChargeCodeParams {
  @ApiProperty({ example: 'IMP-KNEE', pattern: '^[A-Z0-9][A-Z0-9-]{0,19}$', maxLength: 20 })
  @Matches(/^[A-Z0-9][A-Z0-9-]{0,19}$/)
  code!: string;
}

export class BillingPayerDto extends PayerDto {
  @ApiProperty({ description: 'The self-pay "payer": no claim, the patient gets a statement', example: false })
  selfPay!: boolean;
}

export class PayerListDto {
  @ApiProperty({ type: [BillingPayerDto] }) items!: BillingPayerDto[];
}

export class PayerIdParams {
  @ApiProperty({ example: 'KHP01', pattern: '^[0-9A-Z]{2,80}$', maxLength: 80 })
  @Matches(/^[0-9A-Z]{2,80}$/)
  payerId!: string;
}

export class FacilityDto {
  @ApiProperty({ example: 'concord-general' }) id!: string;
  @ApiProperty({ example: 'Concord General Hospital' }) name!: string;
  @ApiProperty({ example: '1234567893' }) npi!: string;
  @ApiProperty({ example: '12-3456789' }) ein!: string;
  @ApiPropertyOptional({ example: '282N00000X' }) taxonomy?: string;
  @ApiProperty({ type: PostalAddressDto }) address!: PostalAddressDto;
  @ApiProperty({ enum: CLAIM_KINDS, description: 'institutional (837I) or professional (837P)', example: 'institutional' })
  claimKind!: ClaimKind;
  @ApiPropertyOptional({ example: '11' }) placeOfService?: string;
}

export class FacilityListDto {
  @ApiProperty({ type: [FacilityDto] }) items!: FacilityDto[];
}
