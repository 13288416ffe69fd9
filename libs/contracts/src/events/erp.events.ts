import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MoneyDto } from '../common/money.dto';
import { SOURCE_DOCUMENT_TYPES, type SourceDocumentType } from '../erp/general-ledger.dto';
import { MATCH_DISCREPANCY_CODES, type MatchDiscrepancyCode, PAYMENT_METHODS, type PaymentMethod } from '../erp/accounts-payable.dto';
import { PURCHASE_ORDER_STATUSES, type PurchaseOrderStatus } from '../erp/purchasing.dto';
import { defineEvent, type EventContract } from './event-contract';

// Events of the ERP domain. The state changes happen in the ERP, reached through a connector, so
// system-api publishes them right after the call with ids derived from the request's idempotency key
// (a retried request publishes once). Data is small and canonical: ids, codes, quantities, cents.

export class ErpInventoryIssuedData {
  @ApiProperty({ description: 'Issue document id in the ERP', example: 'GI-000001' })
  issueId!: string;

  @ApiProperty({ description: 'ERP item id', example: 'KNEE-TOT-CR' })
  itemId!: string;

  @ApiPropertyOptional({
    description: 'The clinical supply id the issue was asked for (EHR item code or GTIN), when not the ERP id',
    example: 'KNEE-TOT-CR',
  })
  clinicalItemId?: string;

  @ApiProperty({ type: 'number', example: 1 })
  quantity!: number;

  @ApiProperty({ example: 'EA' })
  unitOfMeasure!: string;

  @ApiProperty({ type: [String], description: 'Serial numbers of the units issued (implants)', example: ['SN-KN-55010'] })
  serials!: string[];

  @ApiProperty({ description: 'Storage location the stock left', example: 'CG-MAIN-OR' })
  locationId!: string;

  @ApiPropertyOptional({ example: 'enc-aq-tka' })
  encounterId?: string;

  @ApiPropertyOptional({ example: 'proc-tka-aq' })
  procedureId?: string;

  @ApiProperty({ description: 'Department (cost centre) charged with the cost', example: '6300' })
  departmentCode!: string;

  @ApiProperty({ type: MoneyDto, description: 'Moving-average cost per unit at issue' })
  unitCost!: MoneyDto;

  @ApiProperty({ type: MoneyDto, description: 'Cost put on the department (DR supplies expense, CR inventory)' })
  totalCost!: MoneyDto;

  @ApiPropertyOptional({ description: 'Journal entry that carried the cost', example: 'JE-000001' })
  journalEntryId?: string;

  @ApiProperty({ example: '2026-11-02T13:40:00.000Z' })
  issuedAt!: string;
}

export class ErpBelowReorderPointData {
  @ApiProperty({ example: 'KNEE-TOT-CR' })
  itemId!: string;

  @ApiProperty({ example: 'CG-MAIN-OR' })
  locationId!: string;

  @ApiProperty({ type: 'number', example: 3 })
  onHand!: number;

  @ApiProperty({ type: 'number', description: 'Already on open purchase orders to this location', example: 0 })
  onOrder!: number;

  @ApiProperty({ type: 'number', example: 3 })
  reorderPoint!: number;

  @ApiProperty({ type: 'number', example: 5 })
  reorderQuantity!: number;

  @ApiPropertyOptional({ type: MoneyDto, description: 'Last purchase price per unit' })
  lastPurchasePrice?: MoneyDto;

  @ApiPropertyOptional({ description: 'Preferred supplier', example: 'SUP-SUMMIT' })
  preferredSupplierId?: string;

  @ApiProperty({ description: 'The stock issue that took stock to or below the reorder point', example: 'GI-000001' })
  issueId!: string;
}

export class ErpPurchaseOrderLineData {
  @ApiProperty({ type: 'integer', example: 1 })
  lineNumber!: number;

  @ApiProperty({ example: 'KNEE-TOT-CR' })
  itemId!: string;

  @ApiProperty({ type: 'number', example: 5 })
  quantity!: number;

  @ApiProperty({ type: MoneyDto })
  unitPrice!: MoneyDto;
}

export class ErpPurchaseOrderCreatedData {
  @ApiProperty({ example: 'PO-000001' })
  purchaseOrderId!: string;

  @ApiProperty({ example: 'SUP-SUMMIT' })
  supplierId!: string;

  @ApiPropertyOptional({ example: 'PR-000001' })
  requisitionId?: string;

  @ApiProperty({ enum: PURCHASE_ORDER_STATUSES, example: 'approved' })
  status!: PurchaseOrderStatus;

  @ApiProperty({ example: 'CG-MAIN-OR' })
  shipToLocationId!: string;

  @ApiProperty({ type: MoneyDto })
  total!: MoneyDto;

  @ApiProperty({ type: [ErpPurchaseOrderLineData] })
  lines!: ErpPurchaseOrderLineData[];
}

export class ErpGoodsReceivedLineData {
  @ApiProperty({ type: 'integer', example: 1 })
  poLineNumber!: number;

  @ApiProperty({ example: 'KNEE-TOT-CR' })
  itemId!: string;

  @ApiProperty({ type: 'number', example: 5 })
  quantity!: number;

  @ApiProperty({ type: MoneyDto, description: 'Valued at the PO price' })
  amount!: MoneyDto;

  @ApiProperty({ type: [String], example: ['SN-KN-60001'] })
  serials!: string[];

  @ApiProperty({ type: MoneyDto, description: 'Moving-average unit cost after the receipt' })
  movingAverageUnitCostAfter!: MoneyDto;

  @ApiProperty({ type: 'number', example: 8 })
  onHandAfter!: number;
}

export class ErpGoodsReceivedData {
  @ApiProperty({ example: 'GR-000001' })
  goodsReceiptId!: string;

  @ApiProperty({ example: 'PO-000001' })
  purchaseOrderId!: string;

  @ApiProperty({ example: 'CG-MAIN-OR' })
  locationId!: string;

  @ApiProperty({ type: [ErpGoodsReceivedLineData] })
  lines!: ErpGoodsReceivedLineData[];

  @ApiProperty({ type: MoneyDto, description: 'DR inventory, CR goods received not invoiced' })
  total!: MoneyDto;

  @ApiProperty({ example: 'JE-000002' })
  journalEntryId!: string;

  @ApiProperty({ example: '2026-11-05T09:00:00.000Z' })
  receivedAt!: string;
}

export class ErpInvoiceReceivedData {
  @ApiProperty({ example: 'INV-000001' })
  invoiceId!: string;

  @ApiProperty({ example: 'SUP-NORTHWIND' })
  supplierId!: string;

  @ApiProperty({ description: 'The supplier’s own invoice number', example: 'NW-88120' })
  invoiceNumber!: string;

  @ApiProperty({ example: 'PO-000002' })
  purchaseOrderId!: string;

  @ApiProperty({ example: '2026-11-09' })
  invoiceDate!: string;

  @ApiProperty({ type: MoneyDto })
  total!: MoneyDto;
}

export const INVOICE_MATCH_RESOLUTIONS = ['matched', 'variance-approved'] as const;
export type InvoiceMatchResolution = (typeof INVOICE_MATCH_RESOLUTIONS)[number];

export class ErpInvoiceMatchedData {
  @ApiProperty({ example: 'INV-000001' })
  invoiceId!: string;

  @ApiProperty({ example: 'PO-000001' })
  purchaseOrderId!: string;

  @ApiProperty({ example: 'SUP-SUMMIT' })
  supplierId!: string;

  @ApiProperty({ enum: INVOICE_MATCH_RESOLUTIONS, description: 'Matched within tolerance, or posted after a buyer approved the variance' })
  resolution!: InvoiceMatchResolution;

  @ApiProperty({ type: MoneyDto })
  total!: MoneyDto;

  @ApiProperty({ type: MoneyDto, description: 'Now payable' })
  openAmount!: MoneyDto;

  @ApiPropertyOptional({ description: 'Journal that posted it to payables', example: 'JE-000007' })
  journalEntryId?: string;

  @ApiPropertyOptional({ description: 'Who approved the variance', example: 'E10003' })
  approvedBy?: string;
}

export class ErpMatchReasonData {
  @ApiProperty({ type: 'integer', example: 1 })
  poLineNumber!: number;

  @ApiProperty({ enum: MATCH_DISCREPANCY_CODES, example: 'price-variance' })
  code!: MatchDiscrepancyCode;

  @ApiProperty({ example: 'Invoice price 19.75 is 6.76 % above the PO price 18.50; tolerance is 2 %' })
  message!: string;
}

export class ErpInvoiceMatchFailedData {
  @ApiProperty({ example: 'INV-000002' })
  invoiceId!: string;

  @ApiProperty({ example: 'PO-000002' })
  purchaseOrderId!: string;

  @ApiProperty({ example: 'SUP-NORTHWIND' })
  supplierId!: string;

  @ApiProperty({ example: 'NW-88120' })
  invoiceNumber!: string;

  @ApiProperty({ type: MoneyDto })
  total!: MoneyDto;

  @ApiProperty({ type: [ErpMatchReasonData] })
  reasons!: ErpMatchReasonData[];

  @ApiProperty({ type: 'number', description: 'Largest price variance of a line, in per cent (two decimals)', example: 6.76 })
  priceVariancePercent!: number;

  @ApiProperty({ type: MoneyDto, description: 'Sum of the lines’ price variances' })
  priceVarianceAmount!: MoneyDto;

  @ApiProperty({ type: 'number', description: 'Tolerance the match applied, in per cent', example: 2 })
  priceTolerancePercent!: number;
}

export class ErpPaymentIssuedData {
  @ApiProperty({ example: 'PAY-000001' })
  paymentId!: string;

  @ApiProperty({ example: 'INV-000002' })
  invoiceId!: string;

  @ApiProperty({ example: 'PO-000002' })
  purchaseOrderId!: string;

  @ApiProperty({ example: 'SUP-NORTHWIND' })
  supplierId!: string;

  @ApiProperty({ type: MoneyDto })
  amount!: MoneyDto;

  @ApiProperty({ enum: PAYMENT_METHODS, example: 'ach' })
  method!: PaymentMethod;

  @ApiProperty({ example: '2026-11-20' })
  paidOn!: string;

  @ApiProperty({ example: 'JE-000009' })
  journalEntryId!: string;

  @ApiProperty({ type: MoneyDto, description: 'Still open on the invoice after this payment' })
  invoiceOpenAmount!: MoneyDto;
}

export class ErpJournalLineData {
  @ApiProperty({ example: '4000' })
  account!: string;

  @ApiPropertyOptional({ example: '6300' })
  costCentre?: string;

  @ApiProperty({ enum: ['debit', 'credit'], example: 'credit' })
  side!: 'debit' | 'credit';

  @ApiProperty({ type: MoneyDto })
  amount!: MoneyDto;
}

export class ErpJournalPostedData {
  @ApiProperty({ example: 'JE-000004' })
  journalEntryId!: string;

  @ApiProperty({ example: '2026-11-04' })
  postingDate!: string;

  @ApiPropertyOptional({ enum: SOURCE_DOCUMENT_TYPES, example: 'claim' })
  sourceType?: SourceDocumentType;

  @ApiPropertyOptional({ example: 'CLM-1001' })
  sourceId?: string;

  @ApiProperty({ type: MoneyDto, description: 'Sum of the debits (equal to the credits)' })
  total!: MoneyDto;

  @ApiProperty({ type: [ErpJournalLineData] })
  lines!: ErpJournalLineData[];
}

export class ErpItemUpdatedData {
  @ApiProperty({ example: 'KNEE-TOT-CR' })
  itemId!: string;

  @ApiProperty({ example: 'Total knee system, cruciate-retaining' })
  description!: string;

  @ApiProperty({ example: 'EA' })
  unitOfMeasure!: string;

  @ApiPropertyOptional({ example: '00812345678901' })
  gtin?: string;

  @ApiPropertyOptional({ example: 'C1776' })
  billableHcpcs?: string;

  @ApiPropertyOptional({ example: 'IMP-KNEE' })
  chargeCode?: string;

  @ApiProperty({ example: true })
  serialTracked!: boolean;

  @ApiProperty({ example: true })
  active!: boolean;

  @ApiPropertyOptional({ type: MoneyDto })
  lastPurchasePrice?: MoneyDto;

  @ApiPropertyOptional({ example: 'SUP-SUMMIT' })
  preferredSupplierId?: string;

  @ApiPropertyOptional({ description: 'Version of the item record in the ERP', example: '2' })
  versionId?: string;

  @ApiPropertyOptional({ example: '2026-11-02T08:30:00.000Z' })
  lastUpdated?: string;
}

export class ErpSupplierUpdatedData {
  @ApiProperty({ example: 'SUP-SUMMIT' })
  supplierId!: string;

  @ApiProperty({ example: 'Summit Orthopedics' })
  name!: string;

  @ApiProperty({ example: true })
  active!: boolean;

  @ApiProperty({ type: 'integer', example: 30 })
  paymentTermsDays!: number;

  @ApiPropertyOptional({ example: '2' })
  versionId?: string;

  @ApiPropertyOptional({ example: '2026-11-02T08:30:00.000Z' })
  lastUpdated?: string;
}

export const ERP_INVENTORY_ISSUED = defineEvent<ErpInventoryIssuedData>({
  type: 'erp.inventory.issued.v1',
  dataClass: ErpInventoryIssuedData,
  aggregateType: 'item',
  orderingKey: (data) => data.itemId,
  summary: 'Stock was consumed for an encounter and department at its moving-average cost, and the cost posted',
  containsPhi: false,
  deadLetterPolicy: 'continue',
});

export const ERP_INVENTORY_BELOW_REORDER_POINT = defineEvent<ErpBelowReorderPointData>({
  type: 'erp.inventory.below-reorder-point.v1',
  dataClass: ErpBelowReorderPointData,
  aggregateType: 'item',
  orderingKey: (data) => data.itemId,
  summary: 'An issue left an item at or below its reorder point at a location: replenishment is due',
  containsPhi: false,
  deadLetterPolicy: 'continue',
});

export const ERP_PURCHASE_ORDER_CREATED = defineEvent<ErpPurchaseOrderCreatedData>({
  type: 'erp.purchase-order.created.v1',
  dataClass: ErpPurchaseOrderCreatedData,
  aggregateType: 'purchase-order',
  orderingKey: (data) => data.purchaseOrderId,
  summary: 'A purchase order was raised in the ERP',
  containsPhi: false,
  deadLetterPolicy: 'hold',
});

export const ERP_GOODS_RECEIVED = defineEvent<ErpGoodsReceivedData>({
  type: 'erp.goods.received.v1',
  dataClass: ErpGoodsReceivedData,
  aggregateType: 'purchase-order',
  orderingKey: (data) => data.purchaseOrderId,
  summary: 'Goods were received against a purchase order (stock up at the PO price)',
  containsPhi: false,
  deadLetterPolicy: 'hold',
});

export const ERP_INVOICE_RECEIVED = defineEvent<ErpInvoiceReceivedData>({
  type: 'erp.invoice.received.v1',
  dataClass: ErpInvoiceReceivedData,
  aggregateType: 'purchase-order',
  orderingKey: (data) => data.purchaseOrderId,
  summary: 'A supplier invoice was entered against a purchase order (its match result follows)',
  containsPhi: false,
  deadLetterPolicy: 'hold',
});

export const ERP_INVOICE_MATCHED = defineEvent<ErpInvoiceMatchedData>({
  type: 'erp.invoice.matched.v1',
  dataClass: ErpInvoiceMatchedData,
  aggregateType: 'purchase-order',
  orderingKey: (data) => data.purchaseOrderId,
  summary: 'A supplier invoice passed the 3-way match (or its variance was approved) and is payable',
  containsPhi: false,
  deadLetterPolicy: 'hold',
});

export const ERP_INVOICE_MATCH_FAILED = defineEvent<ErpInvoiceMatchFailedData>({
  type: 'erp.invoice.match-failed.v1',
  dataClass: ErpInvoiceMatchFailedData,
  aggregateType: 'purchase-order',
  orderingKey: (data) => data.purchaseOrderId,
  summary: 'A supplier invoice failed the 3-way match: held, blocked for payment, with the reasons',
  containsPhi: false,
  deadLetterPolicy: 'hold',
});

export const ERP_PAYMENT_ISSUED = defineEvent<ErpPaymentIssuedData>({
  type: 'erp.payment.issued.v1',
  dataClass: ErpPaymentIssuedData,
  aggregateType: 'purchase-order',
  orderingKey: (data) => data.purchaseOrderId,
  summary: 'A supplier invoice was paid (DR accounts payable, CR cash)',
  containsPhi: false,
  deadLetterPolicy: 'hold',
});

export const ERP_JOURNAL_POSTED = defineEvent<ErpJournalPostedData>({
  type: 'erp.journal.posted.v1',
  dataClass: ErpJournalPostedData,
  aggregateType: 'journal-entry',
  orderingKey: (data) => data.sourceId ?? data.journalEntryId,
  summary: 'A balanced journal from another system (revenue, cash, allowances, allocations) was posted to the ledger',
  containsPhi: false,
  deadLetterPolicy: 'continue',
});

export const ERP_ITEM_UPDATED = defineEvent<ErpItemUpdatedData>({
  type: 'erp.item.updated.v1',
  dataClass: ErpItemUpdatedData,
  aggregateType: 'item',
  orderingKey: (data) => data.itemId,
  summary: 'An item of the ERP item master was created or changed (master-data sync)',
  containsPhi: false,
  deadLetterPolicy: 'continue',
});

export const ERP_SUPPLIER_UPDATED = defineEvent<ErpSupplierUpdatedData>({
  type: 'erp.supplier.updated.v1',
  dataClass: ErpSupplierUpdatedData,
  aggregateType: 'supplier',
  orderingKey: (data) => data.supplierId,
  summary: 'A supplier of the ERP supplier master was created or changed (master-data sync)',
  containsPhi: false,
  deadLetterPolicy: 'continue',
});

/** Event types the erp domain publishes (`erp.<entity>.<fact>.v<major>`). */
export const ERP_EVENTS: EventContract[] = [
  ERP_INVENTORY_ISSUED,
  ERP_INVENTORY_BELOW_REORDER_POINT,
  ERP_PURCHASE_ORDER_CREATED,
  ERP_GOODS_RECEIVED,
  ERP_INVOICE_RECEIVED,
  ERP_INVOICE_MATCHED,
  ERP_INVOICE_MATCH_FAILED,
  ERP_PAYMENT_ISSUED,
  ERP_JOURNAL_POSTED,
  ERP_ITEM_UPDATED,
  ERP_SUPPLIER_UPDATED,
];
