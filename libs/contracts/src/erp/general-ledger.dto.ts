import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { MoneyDto } from '../common/money.dto';
import { IsCalendarDate } from '../validation/is-calendar-date.validator';
import { COST_CENTRE_CODE_PATTERN, GL_ACCOUNT_PATTERN, IsCostCentreCode, IsMoneyCents } from './erp-validators';

export const GL_ACCOUNT_TYPES = ['asset', 'liability', 'equity', 'revenue', 'contra-revenue', 'expense'] as const;
export type GlAccountType = (typeof GL_ACCOUNT_TYPES)[number];

export const BALANCE_SIDES = ['debit', 'credit'] as const;
export type BalanceSide = (typeof BALANCE_SIDES)[number];

/** An account of the general ledger's chart of accounts. */
export class GLAccountDto {
  @ApiProperty({ example: '1300' })
  number!: string;

  @ApiProperty({ example: 'Inventory, medical supplies and implants' })
  name!: string;

  @ApiProperty({ enum: GL_ACCOUNT_TYPES, example: 'asset' })
  type!: GlAccountType;

  @ApiProperty({ enum: BALANCE_SIDES, description: 'Side on which the account normally carries its balance', example: 'debit' })
  normalBalance!: BalanceSide;

  @ApiProperty({ description: 'Lines on the account must name a cost centre (revenue and expense accounts)', example: false })
  requiresCostCentre!: boolean;

  @ApiProperty({
    description: 'Journals may post to it directly; false for control accounts posted only by stock, purchasing and payables documents',
    example: false,
  })
  directPostingAllowed!: boolean;
}

export const SOURCE_DOCUMENT_TYPES = [
  'inventory-issue',
  'goods-receipt',
  'supplier-invoice',
  'payment',
  'payroll-run',
  'claim',
  'remittance',
  'allocation',
  'manual',
] as const;
export type SourceDocumentType = (typeof SOURCE_DOCUMENT_TYPES)[number];

/** The business document a journal entry records (a stock issue, an invoice, a claim, a remittance). */
export class SourceDocumentDto {
  @ApiProperty({ enum: SOURCE_DOCUMENT_TYPES, example: 'inventory-issue' })
  @IsIn(SOURCE_DOCUMENT_TYPES)
  type!: SourceDocumentType;

  @ApiProperty({ description: 'Id of the document in its own system', example: 'GI-000001', maxLength: 64 })
  @IsString()
  @MaxLength(64)
  id!: string;
}

/** One debit or credit of a journal entry. */
export class JournalLineDto {
  @ApiProperty({ example: 1 })
  lineNumber!: number;

  @ApiProperty({ description: 'GL account number', example: '5000' })
  account!: string;

  @ApiPropertyOptional({ description: 'Cost centre; always present on revenue and expense lines', example: '6300' })
  costCentre?: string;

  @ApiProperty({ enum: BALANCE_SIDES, example: 'debit' })
  side!: BalanceSide;

  @ApiProperty({ type: MoneyDto, description: 'Positive amount on the given side' })
  amount!: MoneyDto;

  @ApiPropertyOptional({ example: 'KNEE-TOT-CR issued to encounter' })
  memo?: string;
}

/** A posted, balanced journal entry. */
export class JournalEntryDto {
  @ApiProperty({ example: 'JE-000001' })
  id!: string;

  @ApiProperty({ description: 'Accounting date (YYYY-MM-DD)', example: '2026-11-02' })
  postingDate!: string;

  @ApiProperty({ description: 'When the ERP recorded it (ISO 8601)', example: '2026-11-02T13:40:00.000Z' })
  postedAt!: string;

  @ApiPropertyOptional({ example: 'Stock issue GI-000001' })
  memo?: string;

  @ApiPropertyOptional({ type: SourceDocumentDto })
  sourceDocument?: SourceDocumentDto;

  @ApiProperty({ type: [JournalLineDto] })
  lines!: JournalLineDto[];

  @ApiProperty({ type: MoneyDto, description: 'Sum of the debits, equal to the sum of the credits' })
  total!: MoneyDto;
}

export class CreateJournalLineDto {
  @ApiProperty({ example: '1200', maxLength: 10, pattern: GL_ACCOUNT_PATTERN.source })
  @Matches(GL_ACCOUNT_PATTERN, { message: 'account must be a GL account number of 3-10 digits' })
  account!: string;

  @ApiPropertyOptional({ example: '6300', maxLength: 10, pattern: COST_CENTRE_CODE_PATTERN.source })
  @IsOptional()
  @IsCostCentreCode()
  costCentre?: string;

  @ApiProperty({ enum: BALANCE_SIDES, example: 'debit' })
  @IsIn(BALANCE_SIDES)
  side!: BalanceSide;

  @ApiProperty({ type: MoneyDto, description: 'Positive amount in cents' })
  @IsMoneyCents({ sign: 'positive' })
  amount!: MoneyDto;

  @ApiPropertyOptional({ example: 'Gross revenue, claim CLM-1001', maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  memo?: string;
}

/** A journal to post (revenue, A/R, cash, contractual allowances, allocations). Unbalanced entries are refused. */
export class CreateJournalEntryDto {
  @ApiPropertyOptional({
    description: 'Accounting date (YYYY-MM-DD); today when absent',
    example: '2026-11-04',
    format: 'date',
    maxLength: 10,
  })
  @IsOptional()
  @IsCalendarDate()
  postingDate?: string;

  @ApiPropertyOptional({ example: 'Revenue at gross, claim CLM-1001', maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  memo?: string;

  @ApiPropertyOptional({ type: SourceDocumentDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => SourceDocumentDto)
  sourceDocument?: SourceDocumentDto;

  @ApiProperty({ type: [CreateJournalLineDto], minItems: 2, maxItems: 500 })
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => CreateJournalLineDto)
  lines!: CreateJournalLineDto[];
}

/** One account's (or account and cost centre's) balance in the trial balance. */
export class TrialBalanceLineDto {
  @ApiProperty({ example: '5000' })
  account!: string;

  @ApiProperty({ example: 'Supplies expense' })
  accountName!: string;

  @ApiPropertyOptional({ description: 'Present when the trial balance is split by cost centre', example: '6300' })
  costCentre?: string;

  @ApiProperty({ type: MoneyDto, description: 'Net debit balance (zero when the balance is a credit)' })
  debit!: MoneyDto;

  @ApiProperty({ type: MoneyDto, description: 'Net credit balance (zero when the balance is a debit)' })
  credit!: MoneyDto;
}

export class TrialBalanceDto {
  @ApiProperty({ description: 'Balances include postings up to this instant (ISO 8601)', example: '2026-11-30T23:59:59.000Z' })
  asOf!: string;

  @ApiProperty({ type: [TrialBalanceLineDto] })
  lines!: TrialBalanceLineDto[];

  @ApiProperty({ type: MoneyDto })
  totalDebits!: MoneyDto;

  @ApiProperty({ type: MoneyDto })
  totalCredits!: MoneyDto;

  @ApiProperty({ description: 'Debits equal credits', example: true })
  balanced!: boolean;
}

export class TrialBalanceQueryDto {
  @ApiPropertyOptional({ description: 'Split each account by cost centre', example: true })
  @IsOptional()
  byCostCentre?: boolean;

  @ApiPropertyOptional({ description: 'Only lines of this cost centre (implies byCostCentre)', example: '6300' })
  @IsOptional()
  @IsCostCentreCode()
  costCentre?: string;
}

export const CHARGE_CATEGORIES = ['inpatient', 'outpatient', 'supplies', 'labour'] as const;
export type ChargeCategory = (typeof CHARGE_CATEGORIES)[number];

/**
 * Where a department's postings of one category go: gross revenue and contractual allowances for
 * inpatient and outpatient charges, the expense account for supplies and labour.
 */
export class GLMappingDto {
  @ApiProperty({ description: 'Department (cost centre)', example: '6300' })
  departmentCode!: string;

  @ApiProperty({ enum: CHARGE_CATEGORIES, example: 'inpatient' })
  chargeCategory!: ChargeCategory;

  @ApiPropertyOptional({ description: 'Gross revenue account', example: '4000' })
  revenueAccount?: string;

  @ApiPropertyOptional({ description: 'Contractual allowance (contra revenue) account', example: '4900' })
  contraRevenueAccount?: string;

  @ApiPropertyOptional({ description: 'Receivable account debited with the revenue', example: '1200' })
  receivableAccount?: string;

  @ApiPropertyOptional({ description: 'Expense account (supplies, labour)', example: '5000' })
  expenseAccount?: string;
}

export class GLMappingQueryDto {
  @ApiPropertyOptional({ example: '6300' })
  @IsOptional()
  @IsCostCentreCode()
  departmentCode?: string;

  @ApiPropertyOptional({ enum: CHARGE_CATEGORIES })
  @IsOptional()
  @IsIn(CHARGE_CATEGORIES)
  chargeCategory?: ChargeCategory;
}
