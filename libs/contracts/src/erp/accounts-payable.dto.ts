import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { MoneyDto } from '../common/money.dto';
import { SourceMetaDto } from '../common/source-meta.dto';
import { IsCalendarDate } from '../validation/is-calendar-date.validator';
import { ERP_ID_PATTERN, IsErpId, IsMoneyCents, IsStockQuantity } from './erp-validators';

export const MATCH_RESULTS = ['matched', 'failed'] as const;
export type MatchResult = (typeof MATCH_RESULTS)[number];

export const MATCH_DISCREPANCY_CODES = ['price-variance', 'quantity-exceeds-received', 'unknown-po-line'] as const;
export type MatchDiscrepancyCode = (typeof MATCH_DISCREPANCY_CODES)[number];

/** Why a line failed the 3-way match. */
export class MatchDiscrepancyDto {
  @ApiProperty({ enum: MATCH_DISCREPANCY_CODES, example: 'price-variance' })
  code!: MatchDiscrepancyCode;

  @ApiProperty({ example: 'Invoice price 19.75 is 6.76 % above the PO price 18.50; tolerance is 2 %' })
  message!: string;
}

/** One invoice line compared with its PO line and what was received. */
export class MatchLineDto {
  @ApiProperty({ example: 1 })
  poLineNumber!: number;

  @ApiProperty({ enum: MATCH_RESULTS, example: 'failed' })
  result!: MatchResult;

  @ApiProperty({ example: 100 })
  orderedQuantity!: number;

  @ApiProperty({ example: 100 })
  receivedQuantity!: number;

  @ApiProperty({ description: 'Quantity on earlier invoices of the same PO line', example: 0 })
  previouslyInvoicedQuantity!: number;

  @ApiProperty({ description: 'Quantity on this invoice', example: 100 })
  invoicedQuantity!: number;

  @ApiProperty({ description: 'Invoiced beyond what was received and not yet invoiced (positive fails the match)', example: 0 })
  quantityVariance!: number;

  @ApiProperty({ type: MoneyDto })
  poUnitPrice!: MoneyDto;

  @ApiProperty({ type: MoneyDto })
  invoiceUnitPrice!: MoneyDto;

  @ApiProperty({ description: '(invoice − PO) / PO unit price, in per cent, two decimals', example: 6.76 })
  priceVariancePercent!: number;

  @ApiProperty({ type: MoneyDto, description: '(invoice − PO unit price) × invoiced quantity' })
  priceVarianceAmount!: MoneyDto;

  @ApiProperty({ type: [MatchDiscrepancyDto] })
  discrepancies!: MatchDiscrepancyDto[];
}

/** Result of matching an invoice against its purchase order and goods receipts. */
export class ThreeWayMatchDto {
  @ApiProperty({ enum: MATCH_RESULTS, example: 'failed' })
  result!: MatchResult;

  @ApiProperty({ description: 'Price tolerance applied, in per cent', example: 2 })
  priceTolerancePercent!: number;

  @ApiProperty({ type: [MatchLineDto] })
  lines!: MatchLineDto[];
}

export const SUPPLIER_INVOICE_STATUSES = ['matched', 'match-failed', 'variance-approved', 'partially-paid', 'paid'] as const;
export type SupplierInvoiceStatus = (typeof SUPPLIER_INVOICE_STATUSES)[number];

export class SupplierInvoiceLineDto {
  @ApiProperty({ example: 1 })
  poLineNumber!: number;

  @ApiPropertyOptional({ description: 'Item of the PO line (absent when the PO has no such line)', example: 'GLV-NIT-M' })
  itemId?: string;

  @ApiProperty({ example: 100 })
  quantity!: number;

  @ApiProperty({ type: MoneyDto })
  unitPrice!: MoneyDto;

  @ApiProperty({ type: MoneyDto })
  amount!: MoneyDto;
}

/** A supplier invoice posted to accounts payable once it matches (or its variance is approved). */
export class SupplierInvoiceDto {
  @ApiProperty({ description: 'Invoice document id in the ERP', example: 'INV-000001' })
  id!: string;

  @ApiProperty({ example: 'SUP-NORTHWIND' })
  supplierId!: string;

  @ApiProperty({ description: 'The supplier’s own invoice number', example: 'NW-88120' })
  invoiceNumber!: string;

  @ApiProperty({ example: 'PO-000002' })
  purchaseOrderId!: string;

  @ApiProperty({ example: '2026-11-09' })
  invoiceDate!: string;

  @ApiProperty({ type: [SupplierInvoiceLineDto] })
  lines!: SupplierInvoiceLineDto[];

  @ApiProperty({ type: MoneyDto })
  total!: MoneyDto;

  @ApiProperty({ type: MoneyDto, description: 'Still to pay (zero until posted to payables)' })
  openAmount!: MoneyDto;

  @ApiProperty({ enum: SUPPLIER_INVOICE_STATUSES, example: 'match-failed' })
  status!: SupplierInvoiceStatus;

  @ApiProperty({ type: ThreeWayMatchDto })
  match!: ThreeWayMatchDto;

  @ApiPropertyOptional({ description: 'Journal that posted it to payables (absent while the match has failed)', example: 'JE-000007' })
  journalEntryId?: string;

  @ApiPropertyOptional({ description: 'Who approved the variance', example: 'E10005' })
  varianceApprovedBy?: string;

  @ApiProperty({ type: SourceMetaDto })
  source!: SourceMetaDto;
}

export class CreateSupplierInvoiceLineDto {
  @ApiProperty({ example: 1 })
  @IsInt()
  @Min(1)
  poLineNumber!: number;

  @ApiProperty({ example: 100 })
  @IsStockQuantity()
  quantity!: number;

  @ApiProperty({ type: MoneyDto })
  @IsMoneyCents({ sign: 'non-negative' })
  unitPrice!: MoneyDto;
}

/** Post a supplier invoice; the ERP runs the 3-way match and answers with its result. */
export class CreateSupplierInvoiceDto {
  @ApiProperty({ example: 'SUP-NORTHWIND', maxLength: 40, pattern: ERP_ID_PATTERN.source })
  @IsErpId()
  supplierId!: string;

  @ApiProperty({ example: 'NW-88120', maxLength: 40, pattern: '^[A-Za-z0-9][A-Za-z0-9 ._/-]{0,39}$' })
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9 ._/-]{0,39}$/, { message: 'invoiceNumber must be 1-40 letters, digits, spaces, ".", "_", "/" or "-"' })
  invoiceNumber!: string;

  @ApiProperty({ example: 'PO-000002', maxLength: 40, pattern: ERP_ID_PATTERN.source })
  @IsErpId()
  purchaseOrderId!: string;

  @ApiProperty({ example: '2026-11-09', format: 'date', maxLength: 10 })
  @IsCalendarDate()
  invoiceDate!: string;

  @ApiProperty({ type: [CreateSupplierInvoiceLineDto], minItems: 1, maxItems: 200 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => CreateSupplierInvoiceLineDto)
  lines!: CreateSupplierInvoiceLineDto[];
}

/** A buyer accepts an invoice whose price is outside tolerance; the difference goes to purchase price variance. */
export class InvoiceVarianceApprovalDto {
  @ApiProperty({ example: 'E10005', maxLength: 64 })
  @IsString()
  @MaxLength(64)
  approver!: string;

  @ApiPropertyOptional({ example: 'Supplier price increase accepted for Q4', maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  comment?: string;
}

export const PAYMENT_METHODS = ['ach', 'check', 'wire'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

/** A payment to a supplier against an invoice (DR accounts payable, CR cash). */
export class PaymentDto {
  @ApiProperty({ example: 'PAY-000001' })
  id!: string;

  @ApiProperty({ example: 'SUP-NORTHWIND' })
  supplierId!: string;

  @ApiProperty({ example: 'INV-000002' })
  invoiceId!: string;

  @ApiProperty({ type: MoneyDto })
  amount!: MoneyDto;

  @ApiProperty({ enum: PAYMENT_METHODS, example: 'ach' })
  method!: PaymentMethod;

  @ApiProperty({ example: '2026-11-20' })
  paidOn!: string;

  @ApiProperty({ example: 'JE-000009' })
  journalEntryId!: string;
}

export class CreatePaymentDto {
  @ApiProperty({ example: 'INV-000002', maxLength: 40, pattern: ERP_ID_PATTERN.source })
  @IsErpId()
  invoiceId!: string;

  @ApiPropertyOptional({ type: MoneyDto, description: 'Amount to pay; the invoice open amount when absent' })
  @IsOptional()
  @IsMoneyCents({ sign: 'positive' })
  amount?: MoneyDto;

  @ApiProperty({ enum: PAYMENT_METHODS, example: 'ach' })
  @IsIn(PAYMENT_METHODS)
  method!: PaymentMethod;

  @ApiPropertyOptional({ description: 'Payment date; today when absent', example: '2026-11-20', format: 'date', maxLength: 10 })
  @IsOptional()
  @IsCalendarDate()
  paidOn?: string;
}
