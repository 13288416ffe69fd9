import { DECIMAL_AMOUNT_PATTERN } from './decimal-amount';

/** JSON schemas of the vendor API's request bodies and queries: unknown fields are refused, not dropped. */
const id = { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$' } as const;
const costCenter = { type: 'string', pattern: '^[A-Z0-9]{2,10}$' } as const;
const amount = { type: 'string', pattern: DECIMAL_AMOUNT_PATTERN } as const;
const qty = { type: 'integer', minimum: 1, maximum: 999_999_999 } as const;
const date = { type: 'string', format: 'calendar-date' } as const;
const text = (maxLength: number) => ({ type: 'string', minLength: 1, maxLength }) as const;
const serials = { type: 'array', maxItems: 1000, items: { type: 'string', pattern: '^[A-Za-z0-9._/-]{1,40}$' } } as const;
const batchesIn = {
  type: 'array',
  maxItems: 100,
  items: {
    type: 'object',
    additionalProperties: false,
    required: ['batch', 'qty'],
    properties: { batch: { type: 'string', pattern: '^[A-Za-z0-9._/-]{1,40}$' }, qty, expiry: date },
  },
} as const;
const object = (required: readonly string[], properties: Record<string, unknown>) =>
  ({ type: 'object', additionalProperties: false, required, properties }) as const;

export const goodsIssueBody = object(['material_no', 'storage_location', 'qty', 'cost_center'], {
  material_no: id,
  storage_location: id,
  qty,
  cost_center: costCenter,
  encounter_ref: text(64),
  procedure_ref: text(64),
  serial_numbers: serials,
  batches: batchesIn,
});

export const journalEntryBody = object(['lines'], {
  posting_date: date,
  header_text: text(200),
  reference: object(['doc_type', 'doc_no'], {
    doc_type: {
      enum: [
        'INVENTORY_ISSUE',
        'GOODS_RECEIPT',
        'SUPPLIER_INVOICE',
        'PAYMENT',
        'PAYROLL_RUN',
        'CLAIM',
        'REMITTANCE',
        'ALLOCATION',
        'MANUAL',
      ],
    },
    doc_no: text(64),
  }),
  lines: {
    type: 'array',
    minItems: 2,
    maxItems: 500,
    items: object(['account_no', 'dr_cr', 'amount'], {
      account_no: { type: 'string', pattern: '^[0-9]{3,10}$' },
      cost_center: costCenter,
      dr_cr: { enum: ['D', 'C'] },
      amount,
      currency: { enum: ['USD'] },
      line_text: text(200),
    }),
  },
});

export const requisitionBody = object(['requested_by', 'cost_center', 'items'], {
  requested_by: text(64),
  cost_center: costCenter,
  origin: { enum: ['MRP', 'MANUAL'] },
  items: {
    type: 'array',
    minItems: 1,
    maxItems: 200,
    items: object(['material_no', 'qty'], { material_no: id, qty, est_price: amount, vendor_no: id }),
  },
});

export const decisionBody = object(['approver', 'decision'], {
  approver: text(64),
  decision: { enum: ['APPROVE', 'REJECT'] },
  comment: text(500),
});

export const purchaseOrderBody = object(['ship_to'], {
  pr_no: id,
  vendor_no: id,
  ship_to: id,
  items: {
    type: 'array',
    minItems: 1,
    maxItems: 200,
    items: object(['material_no', 'qty', 'unit_price'], { material_no: id, qty, unit_price: amount }),
  },
});

export const releaseBody = object(['approver'], { approver: text(64), comment: text(500) });

export const goodsReceiptBody = object(['po_no', 'items'], {
  po_no: id,
  items: {
    type: 'array',
    minItems: 1,
    maxItems: 200,
    items: object(['po_item', 'qty'], {
      po_item: { type: 'integer', minimum: 1, maximum: 9999 },
      qty,
      serial_numbers: serials,
      batches: batchesIn,
    }),
  },
});

export const invoiceBody = object(['vendor_no', 'vendor_invoice_no', 'po_no', 'invoice_date', 'items'], {
  vendor_no: id,
  vendor_invoice_no: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9 ._/-]{0,39}$' },
  po_no: id,
  invoice_date: date,
  items: {
    type: 'array',
    minItems: 1,
    maxItems: 200,
    items: object(['po_item', 'qty', 'unit_price'], { po_item: { type: 'integer', minimum: 1, maximum: 9999 }, qty, unit_price: amount }),
  },
});

export const paymentBody = object(['invoice_doc', 'method'], {
  invoice_doc: id,
  amount,
  method: { enum: ['ACH', 'CHECK', 'WIRE'] },
  value_date: date,
});

export const vendorPatchBody = object([], {
  name: text(200),
  tax_id: { type: 'string', pattern: '^[0-9]{2}-[0-9]{7}$' },
  payment_terms: { type: 'string', pattern: '^NET[0-9]{1,3}$' },
  blocked: { type: 'boolean' },
  order_email: { type: 'string', format: 'email', maxLength: 200 },
});

export const materialPatchBody = object([], {
  description: text(200),
  reorder_point: { type: 'integer', minimum: 0, maximum: 999_999_999 },
  reorder_qty: { type: 'integer', minimum: 0, maximum: 999_999_999 },
  negative_stock_allowed: { type: 'boolean' },
  preferred_vendor: id,
  status: { enum: ['ACTIVE', 'BLOCKED'] },
  gtin: { type: 'string', pattern: '^[0-9]{14}$' },
  unspsc: { type: 'string', pattern: '^[0-9]{8}$' },
  hcpcs: { type: 'string', pattern: '^[A-Z][0-9]{4}$' },
  charge_code: text(40),
});

export const payrollEmployeeBody = object(['cost_center', 'hourly_rate', 'status', 'entry_date'], {
  cost_center: costCenter,
  hourly_rate: amount,
  status: { enum: ['ACTIVE', 'WITHDRAWN'] },
  entry_date: date,
  leaving_date: date,
});

export const payrollRunBody = object(['period_from', 'period_to', 'time_records'], {
  period_from: date,
  period_to: date,
  time_records: {
    type: 'array',
    minItems: 1,
    maxItems: 10_000,
    items: object(['personnel_no', 'hours'], {
      personnel_no: { type: 'string', pattern: '^[A-Za-z0-9]{1,20}$' },
      hours: { type: 'number', exclusiveMinimum: 0, maximum: 744, multipleOf: 0.01 },
    }),
  },
});

export const pagingQuery = {
  offset: { type: 'integer', minimum: 0, default: 0 },
  limit: { type: 'integer', minimum: 1, maximum: 500, default: 100 },
} as const;

export const listQuery = (extra: Record<string, unknown> = {}) =>
  ({ type: 'object', additionalProperties: false, properties: { ...pagingQuery, ...extra } }) as const;

export const idParams = (name: string) =>
  ({ type: 'object', required: [name], properties: { [name]: { type: 'string', maxLength: 64 } } }) as const;

// Bodies as the handlers see them once the schema has passed.
export interface BatchIn {
  batch: string;
  qty: number;
  expiry?: string;
}
export interface GoodsIssueBody {
  material_no: string;
  storage_location: string;
  qty: number;
  cost_center: string;
  encounter_ref?: string;
  procedure_ref?: string;
  serial_numbers?: string[];
  batches?: BatchIn[];
}
export interface JournalEntryBody {
  posting_date?: string;
  header_text?: string;
  reference?: { doc_type: string; doc_no: string };
  lines: { account_no: string; cost_center?: string; dr_cr: 'D' | 'C'; amount: string; line_text?: string }[];
}
export interface RequisitionBody {
  requested_by: string;
  cost_center: string;
  origin?: 'MRP' | 'MANUAL';
  items: { material_no: string; qty: number; est_price?: string; vendor_no?: string }[];
}
export interface DecisionBody {
  approver: string;
  decision: 'APPROVE' | 'REJECT';
  comment?: string;
}
export interface PurchaseOrderBody {
  pr_no?: string;
  vendor_no?: string;
  ship_to: string;
  items?: { material_no: string; qty: number; unit_price: string }[];
}
export interface ReleaseBody {
  approver: string;
  comment?: string;
}
export interface GoodsReceiptBody {
  po_no: string;
  items: { po_item: number; qty: number; serial_numbers?: string[]; batches?: BatchIn[] }[];
}
export interface InvoiceBody {
  vendor_no: string;
  vendor_invoice_no: string;
  po_no: string;
  invoice_date: string;
  items: { po_item: number; qty: number; unit_price: string }[];
}
export interface PaymentBody {
  invoice_doc: string;
  amount?: string;
  method: 'ACH' | 'CHECK' | 'WIRE';
  value_date?: string;
}
export interface VendorPatchBody {
  name?: string;
  tax_id?: string;
  payment_terms?: string;
  blocked?: boolean;
  order_email?: string;
}
export interface MaterialPatchBody {
  description?: string;
  reorder_point?: number;
  reorder_qty?: number;
  negative_stock_allowed?: boolean;
  preferred_vendor?: string;
  status?: 'ACTIVE' | 'BLOCKED';
  gtin?: string;
  unspsc?: string;
  hcpcs?: string;
  charge_code?: string;
}
export interface PayrollEmployeeBody {
  cost_center: string;
  hourly_rate: string;
  status: 'ACTIVE' | 'WITHDRAWN';
  entry_date: string;
  leaving_date?: string;
}
export interface PayrollRunBody {
  period_from: string;
  period_to: string;
  time_records: { personnel_no: string; hours: number }[];
}
export interface ListQuery {
  offset: number;
  limit: number;
}
