import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsOptional, IsString, MaxLength, Min, ValidateNested } from 'class-validator';
import { MoneyDto } from '../common/money.dto';
import { SourceMetaDto } from '../common/source-meta.dto';
import { COST_CENTRE_CODE_PATTERN, ERP_ID_PATTERN, IsCostCentreCode, IsErpId, IsMoneyCents, IsStockQuantity } from './erp-validators';
import { LotQuantityDto } from './inventory.dto';

export const REQUISITION_APPROVAL_STATUSES = ['not-required', 'pending', 'approved', 'rejected'] as const;
export type RequisitionApprovalStatus = (typeof REQUISITION_APPROVAL_STATUSES)[number];

export const REQUISITION_REASONS = ['reorder-point', 'manual'] as const;
export type RequisitionReason = (typeof REQUISITION_REASONS)[number];

export class PurchaseRequisitionLineDto {
  @ApiProperty({ example: 1 })
  lineNumber!: number;

  @ApiProperty({ example: 'KNEE-TOT-CR' })
  itemId!: string;

  @ApiProperty({ example: 5 })
  quantity!: number;

  @ApiProperty({ example: 'EA' })
  unitOfMeasure!: string;

  @ApiProperty({ type: MoneyDto, description: 'Estimated price per unit (the item last price unless given)' })
  estimatedUnitPrice!: MoneyDto;

  @ApiProperty({ type: MoneyDto, description: 'quantity × estimated unit price' })
  amount!: MoneyDto;

  @ApiPropertyOptional({ example: 'SUP-SUMMIT' })
  supplierId?: string;
}

/** A request to buy, approved by the supply chain manager above the approval threshold (10,000.00). */
export class PurchaseRequisitionDto {
  @ApiProperty({ example: 'PR-000001' })
  id!: string;

  @ApiProperty({ description: 'Who asked (user or employee number)', example: 'E10007' })
  requester!: string;

  @ApiProperty({ example: '8100' })
  costCentre!: string;

  @ApiProperty({ enum: REQUISITION_REASONS, example: 'reorder-point' })
  reason!: RequisitionReason;

  @ApiProperty({ type: [PurchaseRequisitionLineDto] })
  lines!: PurchaseRequisitionLineDto[];

  @ApiProperty({ type: MoneyDto })
  total!: MoneyDto;

  @ApiProperty({ description: 'The total is above the approval threshold', example: true })
  approvalRequired!: boolean;

  @ApiProperty({ enum: REQUISITION_APPROVAL_STATUSES, example: 'pending' })
  approvalStatus!: RequisitionApprovalStatus;

  @ApiPropertyOptional({ description: 'Who approved or rejected it', example: 'E10003' })
  decidedBy?: string;

  @ApiPropertyOptional({ example: 'Replenish after TKA' })
  decisionComment?: string;

  @ApiPropertyOptional({ description: 'Purchase order raised from it', example: 'PO-000001' })
  purchaseOrderId?: string;

  @ApiProperty({ example: '2026-11-02T13:41:00.000Z' })
  createdAt!: string;

  @ApiProperty({ type: SourceMetaDto })
  source!: SourceMetaDto;
}

export class CreatePurchaseRequisitionLineDto {
  @ApiProperty({ example: 'KNEE-TOT-CR', maxLength: 40, pattern: ERP_ID_PATTERN.source })
  @IsErpId()
  itemId!: string;

  @ApiProperty({ example: 5 })
  @IsStockQuantity()
  quantity!: number;

  @ApiPropertyOptional({ type: MoneyDto, description: 'Estimated unit price; the item last purchase price when absent' })
  @IsOptional()
  @IsMoneyCents({ sign: 'non-negative' })
  estimatedUnitPrice?: MoneyDto;

  @ApiPropertyOptional({
    description: 'Supplier; the item preferred supplier when absent',
    example: 'SUP-SUMMIT',
    maxLength: 40,
    pattern: ERP_ID_PATTERN.source,
  })
  @IsOptional()
  @IsErpId()
  supplierId?: string;
}

export class CreatePurchaseRequisitionDto {
  @ApiProperty({ example: 'E10007', maxLength: 64 })
  @IsString()
  @MaxLength(64)
  requester!: string;

  @ApiProperty({
    description: 'Cost centre requesting the purchase',
    example: '8100',
    maxLength: 10,
    pattern: COST_CENTRE_CODE_PATTERN.source,
  })
  @IsCostCentreCode()
  costCentre!: string;

  @ApiPropertyOptional({ enum: REQUISITION_REASONS, example: 'reorder-point' })
  @IsOptional()
  @IsIn(REQUISITION_REASONS)
  reason?: RequisitionReason;

  @ApiProperty({ type: [CreatePurchaseRequisitionLineDto], minItems: 1, maxItems: 200 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => CreatePurchaseRequisitionLineDto)
  lines!: CreatePurchaseRequisitionLineDto[];
}

export const APPROVAL_DECISIONS = ['approve', 'reject'] as const;
export type ApprovalDecision = (typeof APPROVAL_DECISIONS)[number];

/** An approver's decision on a requisition or a purchase order. */
export class ApprovalDecisionDto {
  @ApiProperty({ description: 'Who decides (user or employee number)', example: 'E10003', maxLength: 64 })
  @IsString()
  @MaxLength(64)
  approver!: string;

  @ApiProperty({ enum: APPROVAL_DECISIONS, example: 'approve' })
  @IsIn(APPROVAL_DECISIONS)
  decision!: ApprovalDecision;

  @ApiPropertyOptional({ example: 'Replenish after TKA', maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  comment?: string;
}

export const PURCHASE_ORDER_STATUSES = [
  'draft',
  'approved',
  'sent',
  'partially-received',
  'received',
  'invoiced',
  'closed',
  'cancelled',
] as const;
export type PurchaseOrderStatus = (typeof PURCHASE_ORDER_STATUSES)[number];

export class PurchaseOrderLineDto {
  @ApiProperty({ example: 1 })
  lineNumber!: number;

  @ApiProperty({ example: 'KNEE-TOT-CR' })
  itemId!: string;

  @ApiProperty({ example: 5 })
  quantity!: number;

  @ApiProperty({ example: 'EA' })
  unitOfMeasure!: string;

  @ApiProperty({ type: MoneyDto })
  unitPrice!: MoneyDto;

  @ApiProperty({ type: MoneyDto, description: 'quantity × unit price' })
  amount!: MoneyDto;

  @ApiProperty({ example: 0 })
  receivedQuantity!: number;

  @ApiProperty({ example: 0 })
  invoicedQuantity!: number;
}

export class PurchaseOrderDto {
  @ApiProperty({ example: 'PO-000001' })
  id!: string;

  @ApiProperty({ example: 'SUP-SUMMIT' })
  supplierId!: string;

  @ApiPropertyOptional({ example: 'PR-000001' })
  requisitionId?: string;

  @ApiProperty({ enum: PURCHASE_ORDER_STATUSES, example: 'sent' })
  status!: PurchaseOrderStatus;

  @ApiProperty({ description: 'Location the goods are delivered to', example: 'CG-MAIN-OR' })
  shipToLocationId!: string;

  @ApiProperty({ type: [PurchaseOrderLineDto] })
  lines!: PurchaseOrderLineDto[];

  @ApiProperty({ type: MoneyDto })
  total!: MoneyDto;

  @ApiPropertyOptional({ example: 'E10003' })
  approvedBy?: string;

  @ApiProperty({ example: '2026-11-02T14:00:00.000Z' })
  createdAt!: string;

  @ApiProperty({ type: SourceMetaDto, description: 'versionId is the concurrency token (ETag) of the order' })
  source!: SourceMetaDto;
}

export class CreatePurchaseOrderLineDto {
  @ApiProperty({ example: 'GLV-NIT-M', maxLength: 40, pattern: ERP_ID_PATTERN.source })
  @IsErpId()
  itemId!: string;

  @ApiProperty({ example: 100 })
  @IsStockQuantity()
  quantity!: number;

  @ApiProperty({ type: MoneyDto })
  @IsMoneyCents({ sign: 'positive' })
  unitPrice!: MoneyDto;
}

/** Raise a PO from an approved requisition (lines copied), or directly with lines. */
export class CreatePurchaseOrderDto {
  @ApiPropertyOptional({
    description: 'Approved requisition to convert',
    example: 'PR-000001',
    maxLength: 40,
    pattern: ERP_ID_PATTERN.source,
  })
  @IsOptional()
  @IsErpId()
  requisitionId?: string;

  @ApiPropertyOptional({
    description: 'Required without a requisition',
    example: 'SUP-NORTHWIND',
    maxLength: 40,
    pattern: ERP_ID_PATTERN.source,
  })
  @IsOptional()
  @IsErpId()
  supplierId?: string;

  @ApiProperty({ example: 'CG-MAIN-OR', maxLength: 40, pattern: ERP_ID_PATTERN.source })
  @IsErpId()
  shipToLocationId!: string;

  @ApiPropertyOptional({ type: [CreatePurchaseOrderLineDto], description: 'Required without a requisition', maxItems: 200 })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => CreatePurchaseOrderLineDto)
  lines?: CreatePurchaseOrderLineDto[];
}

export class GoodsReceiptLineDto {
  @ApiProperty({ example: 1 })
  poLineNumber!: number;

  @ApiProperty({ example: 'KNEE-TOT-CR' })
  itemId!: string;

  @ApiProperty({ example: 5 })
  quantity!: number;

  @ApiProperty({ type: MoneyDto, description: 'Valued at the PO price' })
  unitCost!: MoneyDto;

  @ApiProperty({ type: MoneyDto })
  amount!: MoneyDto;

  @ApiProperty({ type: [String] })
  serials!: string[];

  @ApiProperty({ type: [LotQuantityDto] })
  lots!: LotQuantityDto[];

  @ApiProperty({ type: MoneyDto, description: 'Moving-average unit cost of the item at the location after the receipt' })
  movingAverageUnitCostAfter!: MoneyDto;

  @ApiProperty({ example: 8 })
  onHandAfter!: number;
}

/** Goods received against a PO: stock up at the PO price (DR inventory, CR goods received not invoiced). */
export class GoodsReceiptDto {
  @ApiProperty({ example: 'GR-000001' })
  id!: string;

  @ApiProperty({ example: 'PO-000001' })
  purchaseOrderId!: string;

  @ApiProperty({ example: 'CG-MAIN-OR' })
  locationId!: string;

  @ApiProperty({ example: '2026-11-05T09:00:00.000Z' })
  receivedAt!: string;

  @ApiProperty({ type: [GoodsReceiptLineDto] })
  lines!: GoodsReceiptLineDto[];

  @ApiProperty({ type: MoneyDto })
  total!: MoneyDto;

  @ApiProperty({ example: 'JE-000002' })
  journalEntryId!: string;
}

export class CreateGoodsReceiptLineDto {
  @ApiProperty({ example: 1 })
  @IsInt()
  @Min(1)
  poLineNumber!: number;

  @ApiProperty({ example: 5 })
  @IsStockQuantity()
  quantity!: number;

  @ApiPropertyOptional({
    type: [String],
    description: 'Serial numbers (one per unit of a serial-tracked item)',
    maxItems: 1000,
    items: { type: 'string', maxLength: 40 },
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsString({ each: true })
  @MaxLength(40, { each: true })
  serials?: string[];

  @ApiPropertyOptional({ type: [LotQuantityDto], description: 'Lots (required for lot-tracked items)', maxItems: 100 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => LotQuantityDto)
  lots?: LotQuantityDto[];
}

export class CreateGoodsReceiptDto {
  @ApiProperty({ example: 'PO-000001', maxLength: 40, pattern: ERP_ID_PATTERN.source })
  @IsErpId()
  purchaseOrderId!: string;

  @ApiProperty({ type: [CreateGoodsReceiptLineDto], minItems: 1, maxItems: 200 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => CreateGoodsReceiptLineDto)
  lines!: CreateGoodsReceiptLineDto[];
}
