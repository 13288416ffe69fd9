import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ErpDomainError, ErpErrorCode } from '../domain/erp-domain.error';
import { centsToDecimal } from './decimal-amount';

/** A refusal decided by the HTTP layer itself (preconditions, quota, outage, unknown routes). */
export class VendorHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** The vendor's error codes and HTTP statuses for each domain refusal. */
export function vendorCodeOf(code: ErpErrorCode): { status: number; code: string } {
  switch (code) {
    case ErpErrorCode.NOT_FOUND:
      return { status: 404, code: 'RESOURCE_NOT_FOUND' };
    case ErpErrorCode.VALIDATION_FAILED:
      return { status: 400, code: 'INVALID_FIELD' };
    case ErpErrorCode.COST_CENTRE_INVALID:
      return { status: 422, code: 'CO_CCTR_NOT_POSTABLE' };
    case ErpErrorCode.JOURNAL_UNBALANCED:
      return { status: 422, code: 'FI_BALANCE_NOT_ZERO' };
    case ErpErrorCode.JOURNAL_INVALID:
      return { status: 422, code: 'FI_LINE_INVALID' };
    case ErpErrorCode.INSUFFICIENT_STOCK:
      return { status: 422, code: 'MM_DEFICIT_STOCK' };
    case ErpErrorCode.TRACKING_MISMATCH:
      return { status: 422, code: 'MM_SERIAL_BATCH' };
    case ErpErrorCode.INACTIVE:
      return { status: 422, code: 'MD_BLOCKED' };
    case ErpErrorCode.INVALID_STATE:
      return { status: 409, code: 'DOC_STATUS_CONFLICT' };
    case ErpErrorCode.OVER_RECEIPT:
      return { status: 422, code: 'MM_OVER_DELIVERY' };
    case ErpErrorCode.SEGREGATION_OF_DUTIES:
      return { status: 403, code: 'AUTH_SOD_VIOLATION' };
    case ErpErrorCode.DUPLICATE_INVOICE:
      return { status: 409, code: 'AP_DUPLICATE_INVOICE' };
    case ErpErrorCode.VARIANCE_NOT_APPROVABLE:
      return { status: 422, code: 'AP_RELEASE_NOT_POSSIBLE' };
    case ErpErrorCode.OVERPAYMENT:
      return { status: 422, code: 'AP_OVERPAYMENT' };
    case ErpErrorCode.IDEMPOTENCY_KEY_REUSED:
      return { status: 422, code: 'IDEMPOTENCY_KEY_REUSED' };
    case ErpErrorCode.STORAGE_FAILED:
      return { status: 503, code: 'SERVICE_UNAVAILABLE' };
  }
}

interface ErrorDetail {
  target: string;
  message: string;
}

export function sendVendorError(
  reply: FastifyReply,
  request: FastifyRequest,
  status: number,
  code: string,
  message: string,
  extra: { target?: string; details?: ErrorDetail[]; difference?: string } = {},
): FastifyReply {
  return reply
    .status(status)
    .header('content-type', 'application/json; charset=utf-8')
    .send({ error: { code, status, message, ...extra, request_id: request.id } });
}

/** Field names of domain paths in the vendor's vocabulary (lines[0].account → lines[0].account_no). */
const VENDOR_FIELD: Record<string, string> = {
  itemId: 'material_no',
  locationId: 'storage_location',
  quantity: 'qty',
  costCentre: 'cost_center',
  serials: 'serial_numbers',
  lots: 'batches',
  account: 'account_no',
  amount: 'amount',
  supplierId: 'vendor_no',
  purchaseOrderId: 'po_no',
  requisitionId: 'pr_no',
  shipToLocationId: 'ship_to',
  poLineNumber: 'po_item',
  invoiceNumber: 'vendor_invoice_no',
  invoiceId: 'invoice_doc',
  unitPrice: 'unit_price',
  estimatedUnitPrice: 'est_price',
  approver: 'approver',
  hourlyRate: 'hourly_rate',
  employeeNumber: 'personnel_no',
  timesheets: 'time_records',
  periodEnd: 'period_to',
  terminationDate: 'leaving_date',
  idempotencyKey: 'Idempotency-Key',
};
const LIST_FIELD: Record<string, string> = { lines: 'items', lots: 'batches', timesheets: 'time_records' };

export function vendorTarget(domainField: string, listName = 'items'): string {
  return domainField
    .split('.')
    .map((segment) => {
      const match = /^([A-Za-z]+)(\[\d+\])?$/.exec(segment);
      if (!match) return segment;
      const [, name = '', index = ''] = match;
      const mapped = index ? (name === 'lines' ? listName : (LIST_FIELD[name] ?? name)) : (VENDOR_FIELD[name] ?? name);
      return `${mapped}${index}`;
    })
    .join('.');
}

const textOf = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** Scoped error handler: every failure under /erp/api/v1 becomes a vendor error body; 5xx say nothing inside. */
export function handleErpError(
  error: FastifyError | ErpDomainError | VendorHttpError,
  request: FastifyRequest,
  reply: FastifyReply,
  listName?: (request: FastifyRequest) => string,
): FastifyReply {
  if (error instanceof VendorHttpError) {
    for (const [name, value] of Object.entries(error.headers)) void reply.header(name, value);
    return sendVendorError(reply, request, error.status, error.code, error.message);
  }
  if (error instanceof ErpDomainError) {
    const { status, code } = vendorCodeOf(error.code);
    if (status >= 500) {
      void reply.header('retry-after', '5');
      return sendVendorError(reply, request, status, code, 'The service cannot take changes right now');
    }
    const target = error.details.field === undefined ? undefined : vendorTarget(error.details.field, listName?.(request));
    return sendVendorError(reply, request, status, code, error.message, {
      target,
      difference: error.details.differenceCents === undefined ? undefined : centsToDecimal(error.details.differenceCents),
    });
  }
  if (error.validation) {
    const details = error.validation.map((issue) => {
      const path = issue.instancePath
        .slice(1)
        .replaceAll('/', '.')
        .replace(/\.(\d+)(?=\.|$)/g, '[$1]')
        .replace(/^(\d+)/, '[$1]');
      const named = textOf(issue.params.missingProperty) ?? textOf(issue.params.additionalProperty);
      const target = named === undefined ? path : path ? `${path}.${named}` : named;
      const message =
        issue.keyword === 'required'
          ? `${named} is required`
          : issue.keyword === 'additionalProperties'
            ? `${named} is not a field of this resource`
            : (issue.message ?? 'is invalid');
      return { target, message };
    });
    return sendVendorError(reply, request, 400, 'INVALID_FIELD', `The ${error.validationContext ?? 'request'} is invalid`, { details });
  }
  if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
    return sendVendorError(reply, request, 415, 'UNSUPPORTED_MEDIA_TYPE', 'Send application/json');
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
    return sendVendorError(reply, request, 413, 'PAYLOAD_TOO_LARGE', 'The body is too large');
  if (error.statusCode === 400 || error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY')
    return sendVendorError(reply, request, 400, 'MALFORMED_JSON', 'The body is not valid JSON');
  request.log.error({ err: error }, 'sandbox ERP request failed');
  return sendVendorError(reply, request, 500, 'INTERNAL_ERROR', 'The service failed');
}
