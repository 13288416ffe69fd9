import type { FieldError } from '@concord/platform';
import { DecimalAmountException } from '../../odata/decimal-amount';
import { ODataException, ODataExceptionCode } from '../../odata/odata.exception';
import { CircuitOpenError } from '../../resilience/outbound-policy';
import { ErpConnectorException, ErpConnectorExceptionCode as Code } from '../erp-connector.exception';

/**
 * The ERP's business error codes (the `code` of its OData error body) and what they mean to Concord.
 * A code not listed here is a refusal of the request as such (INVALID_REQUEST).
 */
export const S4_BUSINESS_CODES: Readonly<Record<string, Code>> = {
  NOT_FOUND: Code.NOT_FOUND,
  MATERIAL_UNKNOWN: Code.NOT_FOUND,
  SUPPLIER_UNKNOWN: Code.NOT_FOUND,
  REQUISITION_UNKNOWN: Code.NOT_FOUND,
  INVOICE_UNKNOWN: Code.NOT_FOUND,
  STOCK_DEFICIT: Code.INSUFFICIENT_STOCK,
  COST_CENTER_UNKNOWN: Code.COST_CENTRE_INVALID,
  COST_CENTER_NOT_VALID: Code.COST_CENTRE_INVALID,
  COST_CENTER_BLOCKED: Code.COST_CENTRE_INVALID,
  JOURNAL_UNBALANCED: Code.JOURNAL_UNBALANCED,
  GL_ACCOUNT_UNKNOWN: Code.JOURNAL_INVALID,
  GL_ACCOUNT_BLOCKED: Code.JOURNAL_INVALID,
  JOURNAL_TOO_FEW_ITEMS: Code.JOURNAL_INVALID,
  COST_CENTER_REQUIRED: Code.JOURNAL_INVALID,
  DEBIT_CREDIT_SIGN: Code.JOURNAL_INVALID,
  AMOUNT_ZERO: Code.JOURNAL_INVALID,
  SERIAL_NUMBER_COUNT: Code.SERIAL_OR_LOT_MISMATCH,
  SERIAL_NUMBER_DUPLICATE: Code.SERIAL_OR_LOT_MISMATCH,
  SERIAL_NUMBER_INVALID: Code.SERIAL_OR_LOT_MISMATCH,
  SERIAL_NUMBER_NOT_MANAGED: Code.SERIAL_OR_LOT_MISMATCH,
  SERIAL_NOT_IN_STOCK: Code.SERIAL_OR_LOT_MISMATCH,
  SERIAL_ALREADY_IN_STOCK: Code.SERIAL_OR_LOT_MISMATCH,
  MATERIAL_DELETED: Code.MASTER_DATA_BLOCKED,
  SUPPLIER_BLOCKED: Code.MASTER_DATA_BLOCKED,
  VALUATION_MISSING: Code.MASTER_DATA_BLOCKED,
  OVER_DELIVERY: Code.OVER_RECEIPT,
  PO_ITEM_CLOSED: Code.DOCUMENT_STATE_CONFLICT,
  PO_HAS_RECEIPTS: Code.DOCUMENT_STATE_CONFLICT,
  REQUISITION_NOT_RELEASED: Code.DOCUMENT_STATE_CONFLICT,
  REQUISITION_ALREADY_ORDERED: Code.DOCUMENT_STATE_CONFLICT,
  INVOICE_NOT_PAYABLE: Code.DOCUMENT_STATE_CONFLICT,
  DUPLICATE_DOCUMENT: Code.DOCUMENT_STATE_CONFLICT,
  RELEASE_NOT_REQUIRED: Code.APPROVAL_NOT_ALLOWED,
  INVOICE_NOT_BLOCKED: Code.VARIANCE_NOT_APPROVABLE,
  PAYMENT_EXCEEDS_OPEN_AMOUNT: Code.OVERPAYMENT,
};

/** Where in Concord's request an ERP error target points, per kind of document. */
export type RequestShape = 'journal' | 'issue' | 'receipt' | 'requisition' | 'purchase-order' | 'invoice' | 'payment' | 'other';

const ITEM_FIELDS: Record<string, string> = {
  GLAccount: 'account',
  CostCenter: 'costCentre',
  AmountInCompanyCodeCurrency: 'amount',
  DebitCreditCode: 'side',
  DocumentItemText: 'memo',
  QuantityInEntryUnit: 'quantity',
  Material: 'itemId',
  StorageLocation: 'locationId',
  SerialNumber: 'serials',
  to_SerialNumbers: 'serials',
  YY1_EncounterReference_MMI: 'encounterId',
  PurchaseOrder: 'purchaseOrderId',
  PurchaseOrderItem: 'poLineNumber',
  RequestedQuantity: 'quantity',
  PurchaseRequisitionPrice: 'estimatedUnitPrice',
  FixedSupplier: 'supplierId',
  OrderQuantity: 'quantity',
  NetPriceAmount: 'unitPrice',
  QuantityInPurchaseOrderUnit: 'quantity',
  SupplierInvoiceItemAmount: 'unitPrice',
};

const HEADER_FIELDS: Record<string, string> = {
  PostingDate: 'postingDate',
  DocumentReferenceID: 'Idempotency-Key',
  ReferenceDocument: 'Idempotency-Key',
  InvoicingParty: 'supplierId',
  SupplierInvoiceIDByInvcgParty: 'invoiceNumber',
  InvoiceGrossAmount: 'lines',
  Supplier: 'supplierId',
  SupplierInvoice: 'invoiceId',
  PaymentAmount: 'amount',
  PaymentReference: 'Idempotency-Key',
};

/**
 * An ERP error target (`to_Item[1]/CostCenter`, `to_MaterialDocumentItem[0]/QuantityInEntryUnit`)
 * as the canonical field it concerns (`lines[1].costCentre`; an issue has one line, so `quantity`).
 */
export function fieldOfTarget(target: string, shape: RequestShape): string {
  const item = /^to_[A-Za-z]+\[(\d+)\](?:\/([A-Za-z0-9_]+))?/.exec(target);
  if (item) {
    const [, index, field] = item;
    const name = field ? (ITEM_FIELDS[field] ?? field) : '';
    if (shape === 'issue') return name || 'itemId';
    return name ? `lines[${index}].${name}` : `lines[${index}]`;
  }
  if (/^to_[A-Za-z]+$/.test(target)) return 'lines';
  return HEADER_FIELDS[target] ?? target;
}

/** The ErpConnectorException for a failed OData call (anything else passes through unchanged). */
export function erpErrorOf(error: unknown, shape: RequestShape = 'other'): unknown {
  if (error instanceof ErpConnectorException) return error;
  if (error instanceof DecimalAmountException)
    return new ErpConnectorException(Code.INVALID_RESPONSE, 'The ERP sent an amount Concord cannot read exactly', undefined, {
      cause: error,
    });
  if (!(error instanceof ODataException)) return error;
  const status = error.httpStatus;
  const make = (code: Code, message: string, extra: { retryAfterMs?: number; fieldErrors?: FieldError[]; vendorCode?: string } = {}) =>
    new ErpConnectorException(code, message, status, { cause: error, ...extra });
  switch (error.code) {
    case ODataExceptionCode.THROTTLED:
      return make(Code.SERVER_THROTTLED, 'The ERP refused the call: its API quota was reached', { retryAfterMs: error.retryAfterMs });
    case ODataExceptionCode.SERVER_UNAVAILABLE:
      return make(
        Code.SERVER_UNAVAILABLE,
        error.cause instanceof CircuitOpenError ? 'The ERP is failing repeatedly; calls are paused' : 'The ERP is unavailable',
        { retryAfterMs: error.retryAfterMs },
      );
    case ODataExceptionCode.SERVER_TIMEOUT:
      return make(Code.SERVER_TIMEOUT, 'The ERP did not answer in time');
    case ODataExceptionCode.SERVER_ERROR:
    case ODataExceptionCode.UNAUTHORIZED:
    case ODataExceptionCode.FORBIDDEN:
    case ODataExceptionCode.CSRF_TOKEN_REJECTED:
      // Concord's own credentials or the ERP itself failing: not the caller's fault, and no detail leaves.
      return make(Code.SERVER_ERROR, 'The ERP failed to handle the call');
    case ODataExceptionCode.INVALID_RESPONSE:
    case ODataExceptionCode.FOREIGN_NEXT_LINK:
      return make(Code.INVALID_RESPONSE, 'The ERP sent an answer Concord cannot read');
    case ODataExceptionCode.INVALID_QUERY:
      return make(Code.INVALID_REQUEST, 'The request cannot be expressed to the ERP (an id or value it cannot take)');
    case ODataExceptionCode.PRECONDITION_FAILED:
    case ODataExceptionCode.PRECONDITION_REQUIRED:
      return make(Code.VERSION_CONFLICT, 'The record was changed in the ERP since it was read');
    case ODataExceptionCode.NOT_FOUND:
      return make(Code.NOT_FOUND, 'The ERP has no such record');
    case ODataExceptionCode.CONFLICT:
    case ODataExceptionCode.REQUEST_REJECTED:
    case ODataExceptionCode.CHANGE_SET_ROLLED_BACK: {
      const body = error.odataError;
      const vendorCode = body?.code;
      const code =
        (vendorCode !== undefined ? S4_BUSINESS_CODES[vendorCode] : undefined) ??
        (error.code === ODataExceptionCode.CONFLICT ? Code.DOCUMENT_STATE_CONFLICT : Code.INVALID_REQUEST);
      const detail = body?.message ?? 'refused';
      const targets = [body?.target, ...(body?.details ?? []).map((entry) => entry.target)].filter((target): target is string => !!target);
      const fieldErrors: FieldError[] = targets.map((target) => {
        const name = fieldOfTarget(target, shape);
        return name === 'Idempotency-Key' ? { in: 'header', name, detail } : { in: 'body', name, detail };
      });
      return make(code, `The ERP refused the request: ${detail}`, { fieldErrors, vendorCode });
    }
  }
}

/** The business code of an ERP refusal, when it is one. */
export function businessCodeOf(error: unknown): string | undefined {
  return error instanceof ODataException ? error.odataError?.code : undefined;
}
