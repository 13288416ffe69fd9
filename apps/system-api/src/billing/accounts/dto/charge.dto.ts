import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsInt, IsOptional, Matches, Max, Min, NotEquals } from 'class-validator';
import { ADJUSTMENT_GROUP_CODES, type AdjustmentGroupCode, ChargeDto, IsCalendarDate, MoneyDto } from '@concord/contracts';

export class PostChargeDto {
  @ApiProperty({ description: 'Chargemaster code', example: 'LAB-STREP', pattern: '^[A-Z0-9][A-Z0-9-]{0,19}$', maxLength: 20 })
  @Matches(/^[A-Z0-9][A-Z0-9-]{0,19}$/)
  chargeCode!: string;

  @ApiProperty({ description: 'Units; negative to credit units posted earlier', minimum: -999, maximum: 999, example: 1 })
  @IsInt()
  @Min(-999)
  @Max(999)
  @NotEquals(0)
  quantity!: number;

  @ApiProperty({ example: '2026-11-09', format: 'date', maxLength: 10 })
  @IsCalendarDate()
  serviceDate!: string;

  @ApiPropertyOptional({
    description: 'Department (cost centre); the chargemaster default when absent',
    example: '6500',
    pattern: '^[A-Z0-9]{2,10}$',
    maxLength: 10,
  })
  @IsOptional()
  @Matches(/^[A-Z0-9]{2,10}$/)
  departmentCode?: string;

  @ApiPropertyOptional({ description: 'Performing practitioner NPI', example: '1667788990', pattern: '^[0-9]{10}$', maxLength: 10 })
  @IsOptional()
  @Matches(/^\d{10}$/)
  performerNpi?: string;

  @ApiPropertyOptional({ type: 'array', items: { type: 'string', pattern: '^[0-9A-Z]{2}$', maxLength: 2 }, maxItems: 4, example: ['QW'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(4)
  @Matches(/^[0-9A-Z]{2}$/, { each: true })
  modifiers?: string[];

  @ApiPropertyOptional({
    description: 'The charge in the system that captured it (EHR ChargeItem id, HL7 control id + FT1 set id); posting it twice is refused',
    example: 'chg-jr-strep',
    pattern: '^[A-Za-z0-9._:-]{1,64}$',
    maxLength: 64,
  })
  @IsOptional()
  @Matches(/^[A-Za-z0-9._:-]{1,64}$/)
  sourceChargeId?: string;
}

/** A charge on an account: the canonical Charge plus where the billing platform keeps it. */
export class AccountChargeDto extends ChargeDto {
  @ApiProperty({ example: 'CR-A-000002' })
  accountId!: string;

  @ApiPropertyOptional({ example: 'chg-jr-strep' })
  sourceChargeId?: string;

  @ApiPropertyOptional({ description: 'Last day a multi-day charge covers', example: '2026-11-03' })
  serviceDateEnd?: string;

  @ApiProperty({ example: '2026-11-09T10:30:00.000Z' })
  postedAt!: string;
}

export class AccountChargeListDto {
  @ApiProperty({ type: [AccountChargeDto] })
  items!: AccountChargeDto[];
}

export class AccountTransactionDto {
  @ApiProperty({ example: 'TXN-0000001' }) id!: string;
  @ApiProperty({ example: 'PB-0000001', description: 'Postings made together (one claim payment)' }) batchId!: string;
  @ApiProperty({ example: 'CG-A-000001' }) accountId!: string;
  @ApiProperty({ enum: ['payment', 'adjustment', 'transfer'], example: 'payment' }) type!: 'payment' | 'adjustment' | 'transfer';
  @ApiProperty({ type: MoneyDto, description: 'Positive reduces what is owed; negative reverses' }) amount!: MoneyDto;
  @ApiPropertyOptional({ example: 'MCRA1' }) payerId?: string;
  @ApiPropertyOptional({ enum: ADJUSTMENT_GROUP_CODES, example: 'CO' }) group?: AdjustmentGroupCode;
  @ApiPropertyOptional({ description: 'CARC', example: '45' }) reasonCode?: string;
  @ApiPropertyOptional({ description: 'Patient control number of the claim paid', example: 'CG-A-000001-01' }) claimReference?: string;
  @ApiPropertyOptional({ description: 'Remittance trace number', example: 'EFT202611200001' }) remittanceReference?: string;
  @ApiPropertyOptional({ example: '6300' }) departmentCode?: string;
  @ApiProperty({ example: '2026-11-20' }) postedDate!: string;
  @ApiProperty({ example: '2026-11-20T10:00:00.000Z' }) postedAt!: string;
}

export class AccountTransactionListDto {
  @ApiProperty({ type: [AccountTransactionDto] })
  items!: AccountTransactionDto[];
}
