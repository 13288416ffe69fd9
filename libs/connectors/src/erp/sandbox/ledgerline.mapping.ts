import type {
  ApprovalDecisionDto,
  ChargeCategory,
  CostCentreDto,
  CostCentreValidationDto,
  CreateGoodsReceiptDto,
  CreateInventoryIssueDto,
  CreateJournalEntryDto,
  CreatePaymentDto,
  CreatePayrollRunDto,
  CreatePurchaseOrderDto,
  CreatePurchaseRequisitionDto,
  CreateSupplierInvoiceDto,
  GLAccountDto,
  GlAccountType,
  GLMappingDto,
  GoodsReceiptDto,
  InventoryBalanceDto,
  InventoryIssueDto,
  ItemDto,
  JournalEntryDto,
  LotQuantityDto,
  MatchDiscrepancyCode,
  MoneyDto,
  PaymentDto,
  PaymentMethod,
  PayrollEmployeeDto,
  PayrollRunDto,
  PurchaseOrderDto,
  PurchaseOrderStatus,
  PurchaseRequisitionDto,
  RequisitionApprovalStatus,
  SourceDocumentType,
  SupplierDto,
  SupplierInvoiceDto,
  SupplierInvoiceStatus,
  TrialBalanceDto,
} from '@concord/contracts';
import { ErpConnectorException, ErpConnectorExceptionCode } from '../erp-connector.exception';
import type * as Ll from './ledgerline-api.types';

/**
 * Ledgerline (sandbox ERP) JSON ↔ Concord's canonical ERP model. Pure functions: no I/O, no clock.
 * Amounts cross as decimal strings on the vendor side and integer cents on ours; a malformed amount
 * from the ERP is an INVALID_RESPONSE, never a float.
 */

const DECIMAL = /^(-?)(0|[1-9][0-9]{0,12})\.([0-9]{2})$/;

export function centsFromDecimal(value: string | null | undefined, field: string): number {
  const match = typeof value === 'string' ? DECIMAL.exec(value) : null;
  if (!match)
    throw new ErpConnectorException(
      ErpConnectorExceptionCode.INVALID_RESPONSE,
      `The ERP sent ${field} that is not a decimal amount with two places`,
    );
  const cents = Number(match[2]) * 100 + Number(match[3]);
  return match[1] ? -cents : cents;
}

export function decimalFromCents(cents: number): Ll.DecimalAmount {
  if (!Number.isSafeInteger(cents)) throw new RangeError('amounts are whole cents');
  const abs = Math.abs(cents);
  return `${cents < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

const usd = (amount: number): MoneyDto => ({ amount, currency: 'USD' });

function moneyFrom(value: string | null | undefined, currency: string, field: string): MoneyDto {
  if (currency !== 'USD')
    throw new ErpConnectorException(ErpConnectorExceptionCode.INVALID_RESPONSE, `The ERP sent ${field} in ${currency}; Concord books USD`);
  return usd(centsFromDecimal(value, field));
}

/** "6.76" → 6.76, for percentages the ERP already rounded to two places. */
function percentFrom(value: string, field: string): number {
  return centsFromDecimal(value, field) / 100;
}

const nullable = <T>(value: T | null | undefined): T | undefined => (value === null ? undefined : value);
const source = (recordId: string, versionId?: number, lastUpdated?: string) => ({
  system: 'erp' as const,
  recordId,
  ...(versionId === undefined ? {} : { versionId: String(versionId) }),
  ...(lastUpdated === undefined ? {} : { lastUpdated }),
});

const lotsFrom = (batches: Ll.LlBatch[]): LotQuantityDto[] =>
  batches.map((batch) => ({ lotNumber: batch.batch, quantity: batch.qty, ...(batch.expiry ? { expiryDate: batch.expiry } : {}) }));
const batchesTo = (lots: LotQuantityDto[] | undefined): Ll.LlBatch[] | undefined =>
  lots?.map((lot) => ({ batch: lot.lotNumber, qty: lot.quantity, ...(lot.expiryDate ? { expiry: lot.expiryDate } : {}) }));

// ---- master data -----------------------------------------------------------------------------

export function supplierFromVendor(vendor: Ll.LlVendor): SupplierDto {
  const terms = /^NET([0-9]{1,3})$/.exec(vendor.payment_terms);
  if (!terms)
    throw new ErpConnectorException(
      ErpConnectorExceptionCode.INVALID_RESPONSE,
      `The ERP sent payment terms ${vendor.payment_terms}, not NETnn`,
    );
  return {
    id: vendor.vendor_no,
    name: vendor.name,
    taxId: nullable(vendor.tax_id),
    paymentTermsDays: Number(terms[1]),
    active: !vendor.blocked,
    orderEmail: nullable(vendor.order_email),
    source: source(vendor.vendor_no, vendor.row_version, vendor.last_modified),
  };
}

export function itemFromMaterial(material: Ll.LlMaterial): ItemDto {
  return {
    id: material.material_no,
    description: material.description,
    unitOfMeasure: material.base_uom,
    gtin: nullable(material.gtin),
    unspsc: nullable(material.unspsc),
    billableHcpcs: nullable(material.hcpcs),
    chargeCode: nullable(material.charge_code),
    serialTracked: material.serial_profile === 'SERIAL',
    lotTracked: material.batch_managed,
    reorderPoint: nullable(material.reorder_point),
    reorderQuantity: nullable(material.reorder_qty),
    allowNegativeStock: material.negative_stock_allowed,
    lastPurchasePrice: material.last_po_price === null ? undefined : moneyFrom(material.last_po_price, material.currency, 'last_po_price'),
    preferredSupplierId: nullable(material.preferred_vendor),
    active: material.status === 'ACTIVE',
    source: source(material.material_no, material.row_version, material.last_modified),
  };
}

export function balanceFromStock(stock: Ll.LlStock): InventoryBalanceDto {
  return {
    itemId: stock.material_no,
    locationId: stock.storage_location,
    onHand: stock.qty_on_hand,
    unitOfMeasure: stock.base_uom,
    movingAverageUnitCost: moneyFrom(stock.moving_avg_price, stock.currency, 'moving_avg_price'),
    value: moneyFrom(stock.stock_value, stock.currency, 'stock_value'),
    serials: [...stock.serial_numbers],
    lots: lotsFrom(stock.batches),
    onOrder: stock.qty_on_order,
    atOrBelowReorderPoint: stock.below_reorder_point,
  };
}

export function costCentreFromVendor(costCenter: Ll.LlCostCenter): CostCentreDto {
  return {
    code: costCenter.cost_center,
    name: costCenter.name,
    active: costCenter.status === 'OPEN',
    facilityId: nullable(costCenter.plant),
  };
}

const INVALID_REASONS = { UNKNOWN: 'unknown', CLOSED: 'inactive', MALFORMED: 'malformed' } as const;

export function costCentreValidationFromVendor(validity: Ll.LlCostCenterValidity): CostCentreValidationDto {
  return {
    code: validity.cost_center,
    valid: validity.postable,
    reason: validity.reason === null ? undefined : INVALID_REASONS[validity.reason],
    costCentre: validity.master === null ? undefined : costCentreFromVendor(validity.master),
  };
}

const ACCOUNT_TYPES: Record<Ll.LlGlAccount['account_class'], GlAccountType> = {
  ASSET: 'asset',
  LIABILITY: 'liability',
  EQUITY: 'equity',
  REVENUE: 'revenue',
  CONTRA_REVENUE: 'contra-revenue',
  EXPENSE: 'expense',
};

export function glAccountFromVendor(account: Ll.LlGlAccount): GLAccountDto {
  return {
    number: account.account_no,
    name: account.description,
    type: ACCOUNT_TYPES[account.account_class],
    normalBalance: account.normal_side === 'DR' ? 'debit' : 'credit',
    requiresCostCentre: account.cost_center_required,
    directPostingAllowed: account.direct_posting,
  };
}

export const CATEGORY_TO_VENDOR: Record<ChargeCategory, Ll.LlCategory> = {
  inpatient: 'IP',
  outpatient: 'OP',
  supplies: 'SUP',
  labour: 'LAB',
};
const CATEGORY_FROM_VENDOR: Record<Ll.LlCategory, ChargeCategory> = { IP: 'inpatient', OP: 'outpatient', SUP: 'supplies', LAB: 'labour' };

export function glMappingFromVendor(determination: Ll.LlAccountDetermination): GLMappingDto {
  return {
    departmentCode: determination.cost_center,
    chargeCategory: CATEGORY_FROM_VENDOR[determination.category],
    revenueAccount: nullable(determination.revenue_account),
    contraRevenueAccount: nullable(determination.contra_revenue_account),
    receivableAccount: nullable(determination.receivable_account),
    expenseAccount: nullable(determination.expense_account),
  };
}

// ---- inventory -------------------------------------------------------------------------------

export function goodsIssueToVendor(input: CreateInventoryIssueDto): Ll.LlGoodsIssueRequest {
  return {
    material_no: input.itemId,
    storage_location: input.locationId,
    qty: input.quantity,
    cost_center: input.costCentre,
    ...(input.encounterId === undefined ? {} : { encounter_ref: input.encounterId }),
    ...(input.procedureId === undefined ? {} : { procedure_ref: input.procedureId }),
    ...(input.serials?.length ? { serial_numbers: input.serials } : {}),
    ...(input.lots?.length ? { batches: batchesTo(input.lots) } : {}),
  };
}

export function issueFromVendor(issue: Ll.LlGoodsIssue): InventoryIssueDto {
  const alert = issue.reorder_alert;
  return {
    id: issue.document_no,
    itemId: issue.material_no,
    locationId: issue.storage_location,
    quantity: issue.qty,
    unitOfMeasure: issue.base_uom,
    costCentre: issue.cost_center,
    encounterId: nullable(issue.encounter_ref),
    procedureId: nullable(issue.procedure_ref),
    serials: [...issue.serial_numbers],
    lots: lotsFrom(issue.batches),
    unitCost: moneyFrom(issue.unit_cost, issue.currency, 'unit_cost'),
    totalCost: moneyFrom(issue.total_cost, issue.currency, 'total_cost'),
    journalEntryId: nullable(issue.gl_document),
    onHandAfter: issue.qty_remaining,
    reorder: alert
      ? {
          itemId: alert.material_no,
          locationId: alert.storage_location,
          onHand: alert.qty_on_hand,
          onOrder: alert.qty_on_order,
          reorderPoint: alert.reorder_point,
          reorderQuantity: alert.reorder_qty,
          preferredSupplierId: nullable(alert.preferred_vendor),
          lastPurchasePrice: alert.last_po_price === null ? undefined : moneyFrom(alert.last_po_price, issue.currency, 'last_po_price'),
        }
      : undefined,
    issuedAt: issue.posted_at,
  };
}

// ---- general ledger --------------------------------------------------------------------------

const DOC_TYPES: Record<SourceDocumentType, Ll.LlDocType> = {
  'inventory-issue': 'INVENTORY_ISSUE',
  'goods-receipt': 'GOODS_RECEIPT',
  'supplier-invoice': 'SUPPLIER_INVOICE',
  payment: 'PAYMENT',
  'payroll-run': 'PAYROLL_RUN',
  claim: 'CLAIM',
  remittance: 'REMITTANCE',
  allocation: 'ALLOCATION',
  manual: 'MANUAL',
};
const SOURCE_TYPES = Object.fromEntries(Object.entries(DOC_TYPES).map(([canonical, vendor]) => [vendor, canonical])) as Record<
  Ll.LlDocType,
  SourceDocumentType
>;

export const docTypeToVendor = (type: SourceDocumentType): Ll.LlDocType => DOC_TYPES[type];

export function journalToVendor(input: CreateJournalEntryDto): Ll.LlJournalEntryRequest {
  return {
    ...(input.postingDate === undefined ? {} : { posting_date: input.postingDate }),
    ...(input.memo === undefined ? {} : { header_text: input.memo }),
    ...(input.sourceDocument === undefined
      ? {}
      : { reference: { doc_type: DOC_TYPES[input.sourceDocument.type], doc_no: input.sourceDocument.id } }),
    lines: input.lines.map((line) => ({
      account_no: line.account,
      ...(line.costCentre === undefined ? {} : { cost_center: line.costCentre }),
      dr_cr: line.side === 'debit' ? 'D' : 'C',
      amount: decimalFromCents(line.amount.amount),
      currency: line.amount.currency,
      ...(line.memo === undefined ? {} : { line_text: line.memo }),
    })),
  };
}

export function journalFromVendor(entry: Ll.LlJournalEntry): JournalEntryDto {
  return {
    id: entry.document_no,
    postingDate: entry.posting_date,
    postedAt: entry.entered_at,
    memo: nullable(entry.header_text),
    sourceDocument: entry.reference === null ? undefined : { type: SOURCE_TYPES[entry.reference.doc_type], id: entry.reference.doc_no },
    lines: entry.lines.map((line) => ({
      lineNumber: line.line_no,
      account: line.account_no,
      costCentre: nullable(line.cost_center),
      side: line.dr_cr === 'D' ? 'debit' : 'credit',
      amount: moneyFrom(line.amount, entry.currency, `lines[${line.line_no}].amount`),
      memo: nullable(line.line_text),
    })),
    total: moneyFrom(entry.total, entry.currency, 'total'),
  };
}

export function trialBalanceFromVendor(trial: Ll.LlTrialBalance): TrialBalanceDto {
  const totalDebits = moneyFrom(trial.total_debit, trial.currency, 'total_debit');
  const totalCredits = moneyFrom(trial.total_credit, trial.currency, 'total_credit');
  return {
    asOf: trial.as_of,
    lines: trial.lines.map((line) => ({
      account: line.account_no,
      accountName: line.description,
      costCentre: nullable(line.cost_center),
      debit: moneyFrom(line.debit, trial.currency, 'debit'),
      credit: moneyFrom(line.credit, trial.currency, 'credit'),
    })),
    totalDebits,
    totalCredits,
    balanced: totalDebits.amount === totalCredits.amount,
  };
}

// ---- purchasing ------------------------------------------------------------------------------

const APPROVAL_STATUSES: Record<Ll.LlRequisition['approval']['status'], RequisitionApprovalStatus> = {
  NOT_REQUIRED: 'not-required',
  PENDING: 'pending',
  APPROVED: 'approved',
  REJECTED: 'rejected',
};

export function requisitionToVendor(input: CreatePurchaseRequisitionDto): Ll.LlRequisitionRequest {
  return {
    requested_by: input.requester,
    cost_center: input.costCentre,
    ...(input.reason === undefined ? {} : { origin: input.reason === 'reorder-point' ? 'MRP' : 'MANUAL' }),
    items: input.lines.map((line) => ({
      material_no: line.itemId,
      qty: line.quantity,
      ...(line.estimatedUnitPrice === undefined ? {} : { est_price: decimalFromCents(line.estimatedUnitPrice.amount) }),
      ...(line.supplierId === undefined ? {} : { vendor_no: line.supplierId }),
    })),
  };
}

export function requisitionFromVendor(requisition: Ll.LlRequisition): PurchaseRequisitionDto {
  const currency = requisition.currency;
  return {
    id: requisition.pr_no,
    requester: requisition.requested_by,
    costCentre: requisition.cost_center,
    reason: requisition.origin === 'MRP' ? 'reorder-point' : 'manual',
    lines: requisition.items.map((item) => ({
      lineNumber: item.item_no,
      itemId: item.material_no,
      quantity: item.qty,
      unitOfMeasure: item.uom,
      estimatedUnitPrice: moneyFrom(item.est_price, currency, 'est_price'),
      amount: moneyFrom(item.est_value, currency, 'est_value'),
      supplierId: nullable(item.vendor_no),
    })),
    total: moneyFrom(requisition.total_value, currency, 'total_value'),
    approvalRequired: requisition.approval.required,
    approvalStatus: APPROVAL_STATUSES[requisition.approval.status],
    decidedBy: nullable(requisition.approval.decided_by),
    decisionComment: nullable(requisition.approval.comment),
    purchaseOrderId: nullable(requisition.po_no),
    createdAt: requisition.created_at,
    source: source(requisition.pr_no, requisition.row_version),
  };
}

export function decisionToVendor(decision: ApprovalDecisionDto): { approver: string; decision: 'APPROVE' | 'REJECT'; comment?: string } {
  return {
    approver: decision.approver,
    decision: decision.decision === 'approve' ? 'APPROVE' : 'REJECT',
    ...(decision.comment === undefined ? {} : { comment: decision.comment }),
  };
}

export const PO_STATUSES: Record<Ll.LlPoStatus, PurchaseOrderStatus> = {
  DRAFT: 'draft',
  RELEASED: 'approved',
  ORDERED: 'sent',
  PARTIALLY_RECEIVED: 'partially-received',
  RECEIVED: 'received',
  INVOICED: 'invoiced',
  CLOSED: 'closed',
  CANCELLED: 'cancelled',
};
export const PO_STATUS_TO_VENDOR = Object.fromEntries(
  Object.entries(PO_STATUSES).map(([vendor, canonical]) => [canonical, vendor]),
) as Record<PurchaseOrderStatus, Ll.LlPoStatus>;

export function purchaseOrderToVendor(input: CreatePurchaseOrderDto): Ll.LlPurchaseOrderRequest {
  return {
    ...(input.requisitionId === undefined ? {} : { pr_no: input.requisitionId }),
    ...(input.supplierId === undefined ? {} : { vendor_no: input.supplierId }),
    ship_to: input.shipToLocationId,
    ...(input.lines === undefined
      ? {}
      : {
          items: input.lines.map((line) => ({
            material_no: line.itemId,
            qty: line.quantity,
            unit_price: decimalFromCents(line.unitPrice.amount),
          })),
        }),
  };
}

export function purchaseOrderFromVendor(order: Ll.LlPurchaseOrder): PurchaseOrderDto {
  return {
    id: order.po_no,
    supplierId: order.vendor_no,
    requisitionId: nullable(order.pr_no),
    status: PO_STATUSES[order.status],
    shipToLocationId: order.ship_to,
    lines: order.items.map((item) => ({
      lineNumber: item.item_no,
      itemId: item.material_no,
      quantity: item.qty,
      unitOfMeasure: item.uom,
      unitPrice: moneyFrom(item.unit_price, order.currency, 'unit_price'),
      amount: moneyFrom(item.net_value, order.currency, 'net_value'),
      receivedQuantity: item.qty_received,
      invoicedQuantity: item.qty_invoiced,
    })),
    total: moneyFrom(order.total_value, order.currency, 'total_value'),
    approvedBy: nullable(order.released_by),
    createdAt: order.created_at,
    source: source(order.po_no, order.row_version),
  };
}

export function goodsReceiptToVendor(input: CreateGoodsReceiptDto): Ll.LlGoodsReceiptRequest {
  return {
    po_no: input.purchaseOrderId,
    items: input.lines.map((line) => ({
      po_item: line.poLineNumber,
      qty: line.quantity,
      ...(line.serials?.length ? { serial_numbers: line.serials } : {}),
      ...(line.lots?.length ? { batches: batchesTo(line.lots) } : {}),
    })),
  };
}

export function goodsReceiptFromVendor(receipt: Ll.LlGoodsReceipt): GoodsReceiptDto {
  return {
    id: receipt.document_no,
    purchaseOrderId: receipt.po_no,
    locationId: receipt.storage_location,
    receivedAt: receipt.received_at,
    lines: receipt.items.map((item) => ({
      poLineNumber: item.po_item,
      itemId: item.material_no,
      quantity: item.qty,
      unitCost: moneyFrom(item.unit_cost, receipt.currency, 'unit_cost'),
      amount: moneyFrom(item.value, receipt.currency, 'value'),
      serials: [...item.serial_numbers],
      lots: lotsFrom(item.batches),
      movingAverageUnitCostAfter: moneyFrom(item.moving_avg_price_after, receipt.currency, 'moving_avg_price_after'),
      onHandAfter: item.qty_on_hand_after,
    })),
    total: moneyFrom(receipt.total_value, receipt.currency, 'total_value'),
    journalEntryId: receipt.gl_document,
  };
}

// ---- payables --------------------------------------------------------------------------------

const INVOICE_STATUSES: Record<Ll.LlInvoiceStatus, SupplierInvoiceStatus> = {
  POSTED: 'matched',
  BLOCKED: 'match-failed',
  RELEASED: 'variance-approved',
  PARTIALLY_PAID: 'partially-paid',
  PAID: 'paid',
};
const DISCREPANCIES: Record<'PRICE' | 'QTY' | 'NO_PO_ITEM', MatchDiscrepancyCode> = {
  PRICE: 'price-variance',
  QTY: 'quantity-exceeds-received',
  NO_PO_ITEM: 'unknown-po-line',
};

export function invoiceToVendor(input: CreateSupplierInvoiceDto): Ll.LlInvoiceRequest {
  return {
    vendor_no: input.supplierId,
    vendor_invoice_no: input.invoiceNumber,
    po_no: input.purchaseOrderId,
    invoice_date: input.invoiceDate,
    items: input.lines.map((line) => ({
      po_item: line.poLineNumber,
      qty: line.quantity,
      unit_price: decimalFromCents(line.unitPrice.amount),
    })),
  };
}

export function invoiceFromVendor(invoice: Ll.LlInvoice): SupplierInvoiceDto {
  const currency = invoice.currency;
  return {
    id: invoice.invoice_doc,
    supplierId: invoice.vendor_no,
    invoiceNumber: invoice.vendor_invoice_no,
    purchaseOrderId: invoice.po_no,
    invoiceDate: invoice.invoice_date,
    lines: invoice.items.map((item) => ({
      poLineNumber: item.po_item,
      itemId: nullable(item.material_no),
      quantity: item.qty,
      unitPrice: moneyFrom(item.unit_price, currency, 'unit_price'),
      amount: moneyFrom(item.amount, currency, 'amount'),
    })),
    total: moneyFrom(invoice.gross_amount, currency, 'gross_amount'),
    openAmount: moneyFrom(invoice.open_amount, currency, 'open_amount'),
    status: INVOICE_STATUSES[invoice.status],
    match: {
      result: invoice.match.outcome === 'OK' ? 'matched' : 'failed',
      priceTolerancePercent: percentFrom(invoice.match.price_tolerance_pct, 'price_tolerance_pct'),
      lines: invoice.match.items.map((item) => ({
        poLineNumber: item.po_item,
        result: item.outcome === 'OK' ? 'matched' : 'failed',
        orderedQuantity: item.qty_ordered,
        receivedQuantity: item.qty_received,
        previouslyInvoicedQuantity: item.qty_prev_invoiced,
        invoicedQuantity: item.qty_invoiced,
        quantityVariance: item.qty_variance,
        poUnitPrice: moneyFrom(item.po_price, currency, 'po_price'),
        invoiceUnitPrice: moneyFrom(item.invoice_price, currency, 'invoice_price'),
        priceVariancePercent: percentFrom(item.price_variance_pct, 'price_variance_pct'),
        priceVarianceAmount: moneyFrom(item.price_variance_amount, currency, 'price_variance_amount'),
        discrepancies: item.block_reasons.map((reason) => ({ code: DISCREPANCIES[reason.code], message: reason.text })),
      })),
    },
    journalEntryId: nullable(invoice.gl_document),
    varianceApprovedBy: nullable(invoice.released_by),
    source: source(invoice.invoice_doc, invoice.row_version, invoice.received_at),
  };
}

const METHODS: Record<Ll.LlPayment['method'], PaymentMethod> = { ACH: 'ach', CHECK: 'check', WIRE: 'wire' };

export function paymentToVendor(input: CreatePaymentDto): Ll.LlPaymentRequest {
  return {
    invoice_doc: input.invoiceId,
    ...(input.amount === undefined ? {} : { amount: decimalFromCents(input.amount.amount) }),
    method: input.method === 'ach' ? 'ACH' : input.method === 'check' ? 'CHECK' : 'WIRE',
    ...(input.paidOn === undefined ? {} : { value_date: input.paidOn }),
  };
}

export function paymentFromVendor(payment: Ll.LlPayment): PaymentDto {
  return {
    id: payment.payment_doc,
    supplierId: payment.vendor_no,
    invoiceId: payment.invoice_doc,
    amount: moneyFrom(payment.amount, payment.currency, 'amount'),
    method: METHODS[payment.method],
    paidOn: payment.value_date,
    journalEntryId: payment.gl_document,
  };
}

// ---- payroll ---------------------------------------------------------------------------------

export function payrollEmployeeToVendor(employee: PayrollEmployeeDto): Ll.LlPayrollEmployeeRequest {
  return {
    cost_center: employee.costCentre,
    hourly_rate: decimalFromCents(employee.hourlyRate.amount),
    status: employee.status === 'active' ? 'ACTIVE' : 'WITHDRAWN',
    entry_date: employee.hireDate,
    ...(employee.terminationDate === undefined ? {} : { leaving_date: employee.terminationDate }),
  };
}

export function payrollEmployeeFromVendor(employee: Ll.LlPayrollEmployee): PayrollEmployeeDto {
  return {
    employeeNumber: employee.personnel_no,
    costCentre: employee.cost_center,
    hourlyRate: moneyFrom(employee.hourly_rate, employee.currency, 'hourly_rate'),
    status: employee.status === 'ACTIVE' ? 'active' : 'terminated',
    hireDate: employee.entry_date,
    terminationDate: nullable(employee.leaving_date),
  };
}

export function payrollRunToVendor(input: CreatePayrollRunDto): Ll.LlPayrollRunRequest {
  return {
    period_from: input.periodStart,
    period_to: input.periodEnd,
    time_records: input.timesheets.map((timesheet) => ({ personnel_no: timesheet.employeeNumber, hours: timesheet.hours })),
  };
}

export function payrollRunFromVendor(run: Ll.LlPayrollRun): PayrollRunDto {
  return {
    id: run.run_no,
    periodStart: run.period_from,
    periodEnd: run.period_to,
    costs: run.cost_centers.map((cost) => ({
      costCentre: cost.cost_center,
      periodStart: run.period_from,
      periodEnd: run.period_to,
      hours: cost.hours,
      labourCost: moneyFrom(cost.labour_cost, run.currency, 'labour_cost'),
      employeeCount: cost.headcount,
    })),
    total: moneyFrom(run.total_cost, run.currency, 'total_cost'),
    journalEntryId: run.gl_document,
  };
}
