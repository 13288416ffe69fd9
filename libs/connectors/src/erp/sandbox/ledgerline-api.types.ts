/**
 * The sandbox ERP's vendor API ("Ledgerline ERP REST API v1") as this connector reads and writes it:
 * snake_case fields, upper-case codes, money as decimal strings. Kept apart from the sandbox's own
 * code on purpose: a connector only knows a vendor through its published API.
 */
export type DecimalAmount = string;

export interface LlPage<T> {
  data: T[];
  paging?: { offset: number; limit: number; total: number };
}

export interface LlError {
  error: {
    code: string;
    status: number;
    message: string;
    target?: string;
    details?: { target: string; message: string }[];
    difference?: DecimalAmount;
    request_id?: string;
  };
}

export interface LlVendor {
  vendor_no: string;
  name: string;
  tax_id: string | null;
  payment_terms: string;
  blocked: boolean;
  order_email: string | null;
  row_version: number;
  last_modified: string;
}

export interface LlMaterial {
  material_no: string;
  description: string;
  base_uom: string;
  gtin: string | null;
  unspsc: string | null;
  hcpcs: string | null;
  charge_code: string | null;
  serial_profile: 'SERIAL' | 'NONE';
  batch_managed: boolean;
  reorder_point: number | null;
  reorder_qty: number | null;
  negative_stock_allowed: boolean;
  last_po_price: DecimalAmount | null;
  currency: string;
  preferred_vendor: string | null;
  status: 'ACTIVE' | 'BLOCKED';
  row_version: number;
  last_modified: string;
}

export interface LlBatch {
  batch: string;
  qty: number;
  expiry?: string | null;
}

export interface LlStock {
  material_no: string;
  storage_location: string;
  qty_on_hand: number;
  base_uom: string;
  moving_avg_price: DecimalAmount;
  stock_value: DecimalAmount;
  currency: string;
  serial_numbers: string[];
  batches: LlBatch[];
  qty_on_order: number;
  below_reorder_point: boolean;
}

export interface LlGoodsIssueRequest {
  material_no: string;
  storage_location: string;
  qty: number;
  cost_center: string;
  encounter_ref?: string;
  procedure_ref?: string;
  serial_numbers?: string[];
  batches?: LlBatch[];
}

export interface LlGoodsIssue {
  document_no: string;
  material_no: string;
  storage_location: string;
  qty: number;
  base_uom: string;
  cost_center: string;
  encounter_ref: string | null;
  procedure_ref: string | null;
  serial_numbers: string[];
  batches: LlBatch[];
  unit_cost: DecimalAmount;
  total_cost: DecimalAmount;
  currency: string;
  gl_document: string | null;
  qty_remaining: number;
  reorder_alert: {
    material_no: string;
    storage_location: string;
    qty_on_hand: number;
    qty_on_order: number;
    reorder_point: number;
    reorder_qty: number;
    preferred_vendor: string | null;
    last_po_price: DecimalAmount | null;
  } | null;
  posted_at: string;
}

export interface LlCostCenter {
  cost_center: string;
  name: string;
  status: 'OPEN' | 'CLOSED';
  plant: string | null;
}

export interface LlCostCenterValidity {
  cost_center: string;
  postable: boolean;
  reason: 'UNKNOWN' | 'CLOSED' | 'MALFORMED' | null;
  master: LlCostCenter | null;
}

export interface LlGlAccount {
  account_no: string;
  description: string;
  account_class: 'ASSET' | 'LIABILITY' | 'EQUITY' | 'REVENUE' | 'CONTRA_REVENUE' | 'EXPENSE';
  normal_side: 'DR' | 'CR';
  cost_center_required: boolean;
  direct_posting: boolean;
}

export type LlDocType =
  'INVENTORY_ISSUE' | 'GOODS_RECEIPT' | 'SUPPLIER_INVOICE' | 'PAYMENT' | 'PAYROLL_RUN' | 'CLAIM' | 'REMITTANCE' | 'ALLOCATION' | 'MANUAL';

export interface LlJournalLineRequest {
  account_no: string;
  cost_center?: string;
  dr_cr: 'D' | 'C';
  amount: DecimalAmount;
  currency?: string;
  line_text?: string;
}

export interface LlJournalEntryRequest {
  posting_date?: string;
  header_text?: string;
  reference?: { doc_type: LlDocType; doc_no: string };
  lines: LlJournalLineRequest[];
}

export interface LlJournalEntry {
  document_no: string;
  posting_date: string;
  entered_at: string;
  header_text: string | null;
  reference: { doc_type: LlDocType; doc_no: string } | null;
  lines: {
    line_no: number;
    account_no: string;
    cost_center: string | null;
    dr_cr: 'D' | 'C';
    amount: DecimalAmount;
    line_text: string | null;
  }[];
  total: DecimalAmount;
  currency: string;
}

export interface LlTrialBalance {
  as_of: string;
  currency: string;
  lines: { account_no: string; description: string; cost_center: string | null; debit: DecimalAmount; credit: DecimalAmount }[];
  total_debit: DecimalAmount;
  total_credit: DecimalAmount;
}

export type LlCategory = 'IP' | 'OP' | 'SUP' | 'LAB';

export interface LlAccountDetermination {
  cost_center: string;
  category: LlCategory;
  revenue_account: string | null;
  contra_revenue_account: string | null;
  receivable_account: string | null;
  expense_account: string | null;
}

export interface LlRequisitionRequest {
  requested_by: string;
  cost_center: string;
  origin?: 'MRP' | 'MANUAL';
  items: { material_no: string; qty: number; est_price?: DecimalAmount; vendor_no?: string }[];
}

export interface LlRequisition {
  pr_no: string;
  requested_by: string;
  cost_center: string;
  origin: 'MRP' | 'MANUAL';
  items: {
    item_no: number;
    material_no: string;
    qty: number;
    uom: string;
    est_price: DecimalAmount;
    est_value: DecimalAmount;
    vendor_no: string | null;
  }[];
  total_value: DecimalAmount;
  currency: string;
  approval: {
    required: boolean;
    status: 'NOT_REQUIRED' | 'PENDING' | 'APPROVED' | 'REJECTED';
    decided_by: string | null;
    comment: string | null;
  };
  po_no: string | null;
  created_at: string;
  row_version: number;
}

export type LlPoStatus = 'DRAFT' | 'RELEASED' | 'ORDERED' | 'PARTIALLY_RECEIVED' | 'RECEIVED' | 'INVOICED' | 'CLOSED' | 'CANCELLED';

export interface LlPurchaseOrderRequest {
  pr_no?: string;
  vendor_no?: string;
  ship_to: string;
  items?: { material_no: string; qty: number; unit_price: DecimalAmount }[];
}

export interface LlPurchaseOrder {
  po_no: string;
  vendor_no: string;
  pr_no: string | null;
  status: LlPoStatus;
  ship_to: string;
  items: {
    item_no: number;
    material_no: string;
    qty: number;
    uom: string;
    unit_price: DecimalAmount;
    net_value: DecimalAmount;
    qty_received: number;
    qty_invoiced: number;
  }[];
  total_value: DecimalAmount;
  currency: string;
  released_by: string | null;
  created_at: string;
  row_version: number;
}

export interface LlGoodsReceiptRequest {
  po_no: string;
  items: { po_item: number; qty: number; serial_numbers?: string[]; batches?: LlBatch[] }[];
}

export interface LlGoodsReceipt {
  document_no: string;
  po_no: string;
  storage_location: string;
  received_at: string;
  items: {
    po_item: number;
    material_no: string;
    qty: number;
    unit_cost: DecimalAmount;
    value: DecimalAmount;
    serial_numbers: string[];
    batches: LlBatch[];
    moving_avg_price_after: DecimalAmount;
    qty_on_hand_after: number;
  }[];
  total_value: DecimalAmount;
  currency: string;
  gl_document: string;
}

export interface LlInvoiceRequest {
  vendor_no: string;
  vendor_invoice_no: string;
  po_no: string;
  invoice_date: string;
  items: { po_item: number; qty: number; unit_price: DecimalAmount }[];
}

export type LlInvoiceStatus = 'POSTED' | 'BLOCKED' | 'RELEASED' | 'PARTIALLY_PAID' | 'PAID';

export interface LlInvoice {
  invoice_doc: string;
  vendor_no: string;
  vendor_invoice_no: string;
  po_no: string;
  invoice_date: string;
  items: { po_item: number; material_no: string | null; qty: number; unit_price: DecimalAmount; amount: DecimalAmount }[];
  gross_amount: DecimalAmount;
  open_amount: DecimalAmount;
  currency: string;
  status: LlInvoiceStatus;
  match: {
    outcome: 'OK' | 'BLOCKED';
    price_tolerance_pct: string;
    items: {
      po_item: number;
      outcome: 'OK' | 'BLOCKED';
      qty_ordered: number;
      qty_received: number;
      qty_prev_invoiced: number;
      qty_invoiced: number;
      qty_variance: number;
      po_price: DecimalAmount;
      invoice_price: DecimalAmount;
      price_variance_pct: string;
      price_variance_amount: DecimalAmount;
      block_reasons: { code: 'PRICE' | 'QTY' | 'NO_PO_ITEM'; text: string }[];
    }[];
  };
  gl_document: string | null;
  released_by: string | null;
  received_at: string;
  row_version: number;
}

export interface LlPaymentRequest {
  invoice_doc: string;
  amount?: DecimalAmount;
  method: 'ACH' | 'CHECK' | 'WIRE';
  value_date?: string;
}

export interface LlPayment {
  payment_doc: string;
  vendor_no: string;
  invoice_doc: string;
  amount: DecimalAmount;
  currency: string;
  method: 'ACH' | 'CHECK' | 'WIRE';
  value_date: string;
  gl_document: string;
}

export interface LlPayrollEmployeeRequest {
  cost_center: string;
  hourly_rate: DecimalAmount;
  status: 'ACTIVE' | 'WITHDRAWN';
  entry_date: string;
  leaving_date?: string;
}

export interface LlPayrollEmployee extends Omit<LlPayrollEmployeeRequest, 'leaving_date'> {
  personnel_no: string;
  currency: string;
  leaving_date: string | null;
  row_version: number;
  last_modified: string;
}

export interface LlPayrollRunRequest {
  period_from: string;
  period_to: string;
  time_records: { personnel_no: string; hours: number }[];
}

export interface LlPayrollRun {
  run_no: string;
  period_from: string;
  period_to: string;
  cost_centers: { cost_center: string; hours: number; labour_cost: DecimalAmount; headcount: number }[];
  total_cost: DecimalAmount;
  currency: string;
  gl_document: string;
  posted_at: string;
}
