import type { FieldError } from '@concord/platform';
import { ErpConnectorException, ErpConnectorExceptionCode as Code } from '../erp-connector.exception';
import type { LlError } from './ledgerline-api.types';
import { centsFromDecimal } from './ledgerline.mapping';

/** Ledgerline error codes → what they mean to Concord. */
const CODES: Record<string, Code> = {
  RESOURCE_NOT_FOUND: Code.NOT_FOUND,
  INVALID_FIELD: Code.INVALID_REQUEST,
  MALFORMED_JSON: Code.INVALID_REQUEST,
  UNSUPPORTED_MEDIA_TYPE: Code.INVALID_REQUEST,
  CO_CCTR_NOT_POSTABLE: Code.COST_CENTRE_INVALID,
  FI_BALANCE_NOT_ZERO: Code.JOURNAL_UNBALANCED,
  FI_LINE_INVALID: Code.JOURNAL_INVALID,
  MM_DEFICIT_STOCK: Code.INSUFFICIENT_STOCK,
  MM_SERIAL_BATCH: Code.SERIAL_OR_LOT_MISMATCH,
  MD_BLOCKED: Code.MASTER_DATA_BLOCKED,
  DOC_STATUS_CONFLICT: Code.DOCUMENT_STATE_CONFLICT,
  MM_OVER_DELIVERY: Code.OVER_RECEIPT,
  AUTH_SOD_VIOLATION: Code.APPROVAL_NOT_ALLOWED,
  AP_DUPLICATE_INVOICE: Code.DUPLICATE_INVOICE,
  AP_RELEASE_NOT_POSSIBLE: Code.VARIANCE_NOT_APPROVABLE,
  AP_OVERPAYMENT: Code.OVERPAYMENT,
  IDEMPOTENCY_KEY_REUSED: Code.IDEMPOTENCY_KEY_REUSED,
  PRECONDITION_FAILED: Code.VERSION_CONFLICT,
  RATE_LIMIT_EXCEEDED: Code.SERVER_THROTTLED,
  SERVICE_UNAVAILABLE: Code.SERVER_UNAVAILABLE,
};

/** Ledgerline field names → canonical ones, segment by segment (items[0].qty → lines[0].quantity). */
const FIELDS: Record<string, string> = {
  material_no: 'itemId',
  storage_location: 'locationId',
  qty: 'quantity',
  cost_center: 'costCentre',
  encounter_ref: 'encounterId',
  procedure_ref: 'procedureId',
  serial_numbers: 'serials',
  batches: 'lots',
  batch: 'lotNumber',
  expiry: 'expiryDate',
  account_no: 'account',
  dr_cr: 'side',
  line_text: 'memo',
  header_text: 'memo',
  posting_date: 'postingDate',
  reference: 'sourceDocument',
  doc_type: 'type',
  doc_no: 'id',
  vendor_no: 'supplierId',
  po_no: 'purchaseOrderId',
  pr_no: 'requisitionId',
  ship_to: 'shipToLocationId',
  po_item: 'poLineNumber',
  vendor_invoice_no: 'invoiceNumber',
  invoice_date: 'invoiceDate',
  invoice_doc: 'invoiceId',
  unit_price: 'unitPrice',
  est_price: 'estimatedUnitPrice',
  requested_by: 'requester',
  origin: 'reason',
  value_date: 'paidOn',
  items: 'lines',
  time_records: 'timesheets',
  personnel_no: 'employeeNumber',
  hourly_rate: 'hourlyRate',
  entry_date: 'hireDate',
  leaving_date: 'terminationDate',
  period_from: 'periodStart',
  period_to: 'periodEnd',
};

/** A Ledgerline error target as a canonical field error (Idempotency-Key is a header). */
export function fieldErrorOf(target: string, detail: string): FieldError {
  if (target.toLowerCase() === 'idempotency-key') return { in: 'header', name: 'Idempotency-Key', detail };
  const name = target
    .split('.')
    .map((segment) => {
      const match = /^([A-Za-z_]+)((?:\[\d+\])*)$/.exec(segment);
      if (!match) return segment;
      const [, field = '', index = ''] = match;
      return `${FIELDS[field] ?? field}${index}`;
    })
    .join('.');
  return { in: 'body', name, pointer: `/${name.replace(/\[(\d+)\]/g, '/$1').replaceAll('.', '/')}`, detail };
}

/** Turns a Ledgerline error answer into an ErpConnectorException; 5xx bodies are not trusted for detail. */
export function errorFromVendor(status: number, body: unknown, retryAfterMs?: number): ErpConnectorException {
  const error = isVendorError(body) ? body.error : undefined;
  if (status === 429)
    return new ErpConnectorException(Code.SERVER_THROTTLED, 'The ERP refused the call: its API quota was reached', status, {
      retryAfterMs,
      vendorCode: error?.code,
    });
  if (status === 503 || status === 502)
    return new ErpConnectorException(Code.SERVER_UNAVAILABLE, `The ERP is unavailable (${status})`, status, {
      retryAfterMs,
      vendorCode: error?.code,
    });
  if (status === 504) return new ErpConnectorException(Code.SERVER_TIMEOUT, 'The ERP timed out', status);
  if (status >= 500 || status < 400)
    return new ErpConnectorException(Code.SERVER_ERROR, `The ERP failed (${status})`, status, { vendorCode: error?.code });
  const code =
    (error && CODES[error.code]) ??
    (status === 404
      ? Code.NOT_FOUND
      : status === 412
        ? Code.VERSION_CONFLICT
        : status === 409
          ? Code.DOCUMENT_STATE_CONFLICT
          : Code.INVALID_REQUEST);
  const fieldErrors: FieldError[] = [
    ...(error?.target ? [fieldErrorOf(error.target, error.message)] : []),
    ...(error?.details ?? []).map((detail) => fieldErrorOf(detail.target, detail.message)),
  ];
  let difference: { amount: number; currency: 'USD' } | undefined;
  if (code === Code.JOURNAL_UNBALANCED && error?.difference !== undefined) {
    try {
      difference = { amount: centsFromDecimal(error.difference, 'difference'), currency: 'USD' };
    } catch {
      difference = undefined;
    }
  }
  const message = error?.message ? `The ERP refused the request: ${error.message}` : `The ERP refused the request (${status})`;
  return new ErpConnectorException(code, message, status, { fieldErrors, difference, vendorCode: error?.code });
}

function isVendorError(body: unknown): body is LlError {
  if (!body || typeof body !== 'object' || !('error' in body)) return false;
  const error = body.error;
  return (
    !!error &&
    typeof error === 'object' &&
    typeof (error as { code?: unknown }).code === 'string' &&
    typeof (error as { message?: unknown }).message === 'string'
  );
}
