import type { PurchaseOrderStatus, RequisitionApprovalStatus, SupplierInvoiceStatus } from '@concord/contracts';
import type { Payment, SupplierInvoice } from '../domain/accounts-payable';
import type { CostCentre, GlAccount } from '../domain/chart-of-accounts';
import { normalBalanceOf } from '../domain/chart-of-accounts';
import type { CostCentreCheck, JournalEntry, TrialBalance } from '../domain/general-ledger';
import type { GlMapping } from '../domain/gl-mapping';
import type { ItemMaster, Lot, StockBalance, StorageLocation } from '../domain/inventory';
import type { PayrollEmployee, PayrollRun } from '../domain/payroll';
import type { PurchaseOrder, Requisition, Supplier } from '../domain/purchasing';
import type { GoodsReceipt, StockIssue } from '../domain/sandbox-erp';
import { basisPointsToPercent, centsToDecimal } from './decimal-amount';

/**
 * How the sandbox ERP shows its records over HTTP: the vendor's own resource names, snake_case
 * fields, upper-case status codes and decimal-string amounts, deliberately unlike Concord's
 * canonical model so that the connector's mapping is real work.
 */
const CURRENCY = 'USD';
const money = (cents: number) => centsToDecimal(cents);

export const PO_STATUS_CODES: Record<PurchaseOrderStatus, string> = {
  draft: 'DRAFT',
  approved: 'RELEASED',
  sent: 'ORDERED',
  'partially-received': 'PARTIALLY_RECEIVED',
  received: 'RECEIVED',
  invoiced: 'INVOICED',
  closed: 'CLOSED',
  cancelled: 'CANCELLED',
};

export const APPROVAL_STATUS_CODES: Record<RequisitionApprovalStatus, string> = {
  'not-required': 'NOT_REQUIRED',
  pending: 'PENDING',
  approved: 'APPROVED',
  rejected: 'REJECTED',
};

export const INVOICE_STATUS_CODES: Record<SupplierInvoiceStatus, string> = {
  matched: 'POSTED',
  'match-failed': 'BLOCKED',
  'variance-approved': 'RELEASED',
  'partially-paid': 'PARTIALLY_PAID',
  paid: 'PAID',
};

const BLOCK_REASON_CODES = { 'price-variance': 'PRICE', 'quantity-exceeds-received': 'QTY', 'unknown-po-line': 'NO_PO_ITEM' } as const;

const batches = (lots: Lot[]) => lots.map((lot) => ({ batch: lot.lotNumber, qty: lot.quantity, expiry: lot.expiryDate ?? null }));

export const vendorOf = (supplier: Supplier) => ({
  vendor_no: supplier.id,
  name: supplier.name,
  tax_id: supplier.taxId ?? null,
  payment_terms: `NET${supplier.paymentTermsDays}`,
  blocked: !supplier.active,
  order_email: supplier.orderEmail ?? null,
  row_version: supplier.version,
  last_modified: supplier.updatedAt,
});

export const materialOf = (item: ItemMaster) => ({
  material_no: item.id,
  description: item.description,
  base_uom: item.unitOfMeasure,
  gtin: item.gtin ?? null,
  unspsc: item.unspsc ?? null,
  hcpcs: item.billableHcpcs ?? null,
  charge_code: item.chargeCode ?? null,
  serial_profile: item.serialTracked ? 'SERIAL' : 'NONE',
  batch_managed: item.lotTracked,
  reorder_point: item.reorderPoint ?? null,
  reorder_qty: item.reorderQuantity ?? null,
  negative_stock_allowed: item.allowNegativeStock,
  last_po_price: item.lastPurchasePriceCents === undefined ? null : money(item.lastPurchasePriceCents),
  currency: CURRENCY,
  preferred_vendor: item.preferredSupplierId ?? null,
  status: item.active ? 'ACTIVE' : 'BLOCKED',
  row_version: item.version,
  last_modified: item.updatedAt,
});

export const storageLocationOf = (location: StorageLocation) => ({
  storage_location: location.id,
  name: location.name,
  plant: location.facilityId,
});

export const stockOf = (
  balance: StockBalance & { averageUnitCostCents: number; onOrder: number; atOrBelowReorderPoint: boolean },
  uom: string,
) => ({
  material_no: balance.itemId,
  storage_location: balance.locationId,
  qty_on_hand: balance.valuation.quantity,
  base_uom: uom,
  moving_avg_price: money(balance.averageUnitCostCents),
  stock_value: money(balance.valuation.valueCents),
  currency: CURRENCY,
  serial_numbers: balance.serials,
  batches: batches(balance.lots),
  qty_on_order: balance.onOrder,
  below_reorder_point: balance.atOrBelowReorderPoint,
});

export const goodsIssueOf = (issue: StockIssue) => ({
  document_no: issue.id,
  material_no: issue.itemId,
  storage_location: issue.locationId,
  qty: issue.quantity,
  base_uom: issue.unitOfMeasure,
  cost_center: issue.costCentre,
  encounter_ref: issue.encounterId ?? null,
  procedure_ref: issue.procedureId ?? null,
  serial_numbers: issue.serials,
  batches: batches(issue.lots),
  unit_cost: money(issue.unitCostCents),
  total_cost: money(issue.totalCostCents),
  currency: CURRENCY,
  gl_document: issue.journalEntryId ?? null,
  qty_remaining: issue.onHandAfter,
  reorder_alert: issue.reorder
    ? {
        material_no: issue.reorder.itemId,
        storage_location: issue.reorder.locationId,
        qty_on_hand: issue.reorder.onHand,
        qty_on_order: issue.reorder.onOrder,
        reorder_point: issue.reorder.reorderPoint,
        reorder_qty: issue.reorder.reorderQuantity,
        preferred_vendor: issue.reorder.preferredSupplierId ?? null,
        last_po_price: issue.reorder.lastPurchasePriceCents === undefined ? null : money(issue.reorder.lastPurchasePriceCents),
      }
    : null,
  posted_at: issue.issuedAt,
});

export const costCenterOf = (costCentre: CostCentre) => ({
  cost_center: costCentre.code,
  name: costCentre.name,
  status: costCentre.active ? 'OPEN' : 'CLOSED',
  plant: costCentre.facilityId ?? null,
});

export const costCenterValidityOf = (code: string, check: CostCentreCheck | undefined) => {
  if (!check) return { cost_center: code, postable: false, reason: 'MALFORMED', master: null };
  if (check.valid) return { cost_center: code, postable: true, reason: null, master: costCenterOf(check.costCentre) };
  return {
    cost_center: code,
    postable: false,
    reason: check.reason === 'unknown' ? 'UNKNOWN' : 'CLOSED',
    master: check.costCentre ? costCenterOf(check.costCentre) : null,
  };
};

export const glAccountOf = (account: GlAccount) => ({
  account_no: account.number,
  description: account.name,
  account_class: account.type.toUpperCase().replace('-', '_'),
  normal_side: normalBalanceOf(account.type) === 'debit' ? 'DR' : 'CR',
  cost_center_required: account.requiresCostCentre,
  direct_posting: account.directPostingAllowed,
});

export const journalEntryOf = (entry: JournalEntry) => ({
  document_no: entry.id,
  posting_date: entry.postingDate,
  entered_at: entry.postedAt,
  header_text: entry.memo ?? null,
  reference: entry.source ? { doc_type: entry.source.type.toUpperCase().replaceAll('-', '_'), doc_no: entry.source.id } : null,
  lines: entry.lines.map((line) => ({
    line_no: line.lineNumber,
    account_no: line.account,
    cost_center: line.costCentre ?? null,
    dr_cr: line.side === 'debit' ? 'D' : 'C',
    amount: money(line.amountCents),
    line_text: line.memo ?? null,
  })),
  total: money(entry.totalCents),
  currency: CURRENCY,
});

export const trialBalanceOf = (trial: TrialBalance, asOf: string) => ({
  as_of: asOf,
  currency: CURRENCY,
  lines: trial.lines.map((line) => ({
    account_no: line.account,
    description: line.accountName,
    cost_center: line.costCentre ?? null,
    debit: money(line.debitCents),
    credit: money(line.creditCents),
  })),
  total_debit: money(trial.totalDebitsCents),
  total_credit: money(trial.totalCreditsCents),
});

export const CATEGORY_CODES = { inpatient: 'IP', outpatient: 'OP', supplies: 'SUP', labour: 'LAB' } as const;

export const accountDeterminationOf = (mapping: GlMapping) => ({
  cost_center: mapping.departmentCode,
  category: CATEGORY_CODES[mapping.chargeCategory],
  revenue_account: mapping.revenueAccount ?? null,
  contra_revenue_account: mapping.contraRevenueAccount ?? null,
  receivable_account: mapping.receivableAccount ?? null,
  expense_account: mapping.expenseAccount ?? null,
});

export const purchaseRequisitionOf = (requisition: Requisition) => ({
  pr_no: requisition.id,
  requested_by: requisition.requester,
  cost_center: requisition.costCentre,
  origin: requisition.reason === 'reorder-point' ? 'MRP' : 'MANUAL',
  items: requisition.lines.map((line) => ({
    item_no: line.lineNumber,
    material_no: line.itemId,
    qty: line.quantity,
    uom: line.unitOfMeasure,
    est_price: money(line.estimatedUnitPriceCents),
    est_value: money(line.amountCents),
    vendor_no: line.supplierId ?? null,
  })),
  total_value: money(requisition.totalCents),
  currency: CURRENCY,
  approval: {
    required: requisition.approvalRequired,
    status: APPROVAL_STATUS_CODES[requisition.approvalStatus],
    decided_by: requisition.decidedBy ?? null,
    comment: requisition.decisionComment ?? null,
  },
  po_no: requisition.purchaseOrderId ?? null,
  created_at: requisition.createdAt,
  row_version: requisition.version,
});

export const purchaseOrderOf = (order: PurchaseOrder) => ({
  po_no: order.id,
  vendor_no: order.supplierId,
  pr_no: order.requisitionId ?? null,
  status: PO_STATUS_CODES[order.status],
  ship_to: order.shipToLocationId,
  items: order.lines.map((line) => ({
    item_no: line.lineNumber,
    material_no: line.itemId,
    qty: line.quantity,
    uom: line.unitOfMeasure,
    unit_price: money(line.unitPriceCents),
    net_value: money(line.amountCents),
    qty_received: line.receivedQuantity,
    qty_invoiced: line.invoicedQuantity,
  })),
  total_value: money(order.totalCents),
  currency: CURRENCY,
  released_by: order.approvedBy ?? null,
  created_at: order.createdAt,
  row_version: order.version,
});

export const goodsReceiptOf = (receipt: GoodsReceipt) => ({
  document_no: receipt.id,
  po_no: receipt.purchaseOrderId,
  storage_location: receipt.locationId,
  received_at: receipt.receivedAt,
  items: receipt.lines.map((line) => ({
    po_item: line.poLineNumber,
    material_no: line.itemId,
    qty: line.quantity,
    unit_cost: money(line.unitCostCents),
    value: money(line.amountCents),
    serial_numbers: line.serials,
    batches: batches(line.lots),
    moving_avg_price_after: money(line.averageUnitCostAfterCents),
    qty_on_hand_after: line.onHandAfter,
  })),
  total_value: money(receipt.totalCents),
  currency: CURRENCY,
  gl_document: receipt.journalEntryId,
});

export const invoiceOf = (invoice: SupplierInvoice) => ({
  invoice_doc: invoice.id,
  vendor_no: invoice.supplierId,
  vendor_invoice_no: invoice.invoiceNumber,
  po_no: invoice.purchaseOrderId,
  invoice_date: invoice.invoiceDate,
  items: invoice.lines.map((line) => ({
    po_item: line.poLineNumber,
    material_no: line.itemId ?? null,
    qty: line.quantity,
    unit_price: money(line.unitPriceCents),
    amount: money(line.amountCents),
  })),
  gross_amount: money(invoice.totalCents),
  open_amount: money(invoice.openCents),
  currency: CURRENCY,
  status: INVOICE_STATUS_CODES[invoice.status],
  match: {
    outcome: invoice.match.matched ? 'OK' : 'BLOCKED',
    price_tolerance_pct: basisPointsToPercent(invoice.match.priceToleranceBasisPoints),
    items: invoice.match.lines.map((line) => ({
      po_item: line.poLineNumber,
      outcome: line.matched ? 'OK' : 'BLOCKED',
      qty_ordered: line.orderedQuantity,
      qty_received: line.receivedQuantity,
      qty_prev_invoiced: line.previouslyInvoicedQuantity,
      qty_invoiced: line.invoicedQuantity,
      qty_variance: line.quantityVariance,
      po_price: money(line.poUnitPriceCents),
      invoice_price: money(line.invoiceUnitPriceCents),
      price_variance_pct: basisPointsToPercent(line.priceVarianceBasisPoints),
      price_variance_amount: money(line.priceVarianceCents),
      block_reasons: line.discrepancies.map((discrepancy) => ({ code: BLOCK_REASON_CODES[discrepancy.code], text: discrepancy.message })),
    })),
  },
  gl_document: invoice.journalEntryId ?? null,
  released_by: invoice.varianceApprovedBy ?? null,
  received_at: invoice.receivedAt,
  row_version: invoice.version,
});

export const paymentOf = (payment: Payment) => ({
  payment_doc: payment.id,
  vendor_no: payment.supplierId,
  invoice_doc: payment.invoiceId,
  amount: money(payment.amountCents),
  currency: CURRENCY,
  method: payment.method.toUpperCase(),
  value_date: payment.paidOn,
  gl_document: payment.journalEntryId,
});

export const payrollEmployeeOf = (employee: PayrollEmployee) => ({
  personnel_no: employee.employeeNumber,
  cost_center: employee.costCentre,
  hourly_rate: money(employee.hourlyRateCents),
  currency: CURRENCY,
  status: employee.status === 'active' ? 'ACTIVE' : 'WITHDRAWN',
  entry_date: employee.hireDate,
  leaving_date: employee.terminationDate ?? null,
  row_version: employee.version,
  last_modified: employee.updatedAt,
});

export const payrollRunOf = (run: PayrollRun) => ({
  run_no: run.id,
  period_from: run.periodStart,
  period_to: run.periodEnd,
  cost_centers: run.costs.map((cost) => ({
    cost_center: cost.costCentre,
    hours: cost.hours,
    labour_cost: money(cost.labourCostCents),
    headcount: cost.employeeCount,
  })),
  total_cost: money(run.totalCents),
  currency: CURRENCY,
  gl_document: run.journalEntryId,
  posted_at: run.postedAt,
});
