import { describe, expect, it } from 'vitest';
import { ErpConnectorExceptionCode as Code } from '../erp-connector.exception';
import { errorFromVendor, fieldErrorOf } from './ledgerline-errors';

const vendorError = (code: string, extra: object = {}) => ({ error: { code, status: 422, message: `${code} happened`, ...extra } });

describe('errorFromVendor', () => {
  it.each([
    { status: 404, body: vendorError('RESOURCE_NOT_FOUND'), code: Code.NOT_FOUND },
    { status: 400, body: vendorError('INVALID_FIELD'), code: Code.INVALID_REQUEST },
    { status: 422, body: vendorError('CO_CCTR_NOT_POSTABLE'), code: Code.COST_CENTRE_INVALID },
    { status: 422, body: vendorError('FI_LINE_INVALID'), code: Code.JOURNAL_INVALID },
    { status: 422, body: vendorError('MM_DEFICIT_STOCK'), code: Code.INSUFFICIENT_STOCK },
    { status: 422, body: vendorError('MM_SERIAL_BATCH'), code: Code.SERIAL_OR_LOT_MISMATCH },
    { status: 422, body: vendorError('MD_BLOCKED'), code: Code.MASTER_DATA_BLOCKED },
    { status: 409, body: vendorError('DOC_STATUS_CONFLICT'), code: Code.DOCUMENT_STATE_CONFLICT },
    { status: 422, body: vendorError('MM_OVER_DELIVERY'), code: Code.OVER_RECEIPT },
    { status: 403, body: vendorError('AUTH_SOD_VIOLATION'), code: Code.APPROVAL_NOT_ALLOWED },
    { status: 409, body: vendorError('AP_DUPLICATE_INVOICE'), code: Code.DUPLICATE_INVOICE },
    { status: 422, body: vendorError('AP_RELEASE_NOT_POSSIBLE'), code: Code.VARIANCE_NOT_APPROVABLE },
    { status: 422, body: vendorError('AP_OVERPAYMENT'), code: Code.OVERPAYMENT },
    { status: 422, body: vendorError('IDEMPOTENCY_KEY_REUSED'), code: Code.IDEMPOTENCY_KEY_REUSED },
    { status: 412, body: vendorError('PRECONDITION_FAILED'), code: Code.VERSION_CONFLICT },
    // Without a vendor body the status decides.
    { status: 404, body: 'Not Found', code: Code.NOT_FOUND },
    { status: 412, body: undefined, code: Code.VERSION_CONFLICT },
    { status: 409, body: { error: 'conflict' }, code: Code.DOCUMENT_STATE_CONFLICT },
    { status: 418, body: undefined, code: Code.INVALID_REQUEST },
    { status: 422, body: vendorError('SOMETHING_NEW'), code: Code.INVALID_REQUEST },
    { status: 429, body: vendorError('RATE_LIMIT_EXCEEDED'), code: Code.SERVER_THROTTLED },
    { status: 503, body: '<html>maintenance</html>', code: Code.SERVER_UNAVAILABLE },
    { status: 502, body: undefined, code: Code.SERVER_UNAVAILABLE },
    { status: 504, body: undefined, code: Code.SERVER_TIMEOUT },
    { status: 500, body: vendorError('INTERNAL_ERROR'), code: Code.SERVER_ERROR },
  ])('$status $body.error.code → $code', ({ status, body, code }) => {
    expect(errorFromVendor(status, body).code).toBe(code);
  });

  it('carries the difference of an unbalanced journal in cents and the field it names', () => {
    const error = errorFromVendor(
      422,
      vendorError('FI_BALANCE_NOT_ZERO', { message: 'Debits 1.00 and credits 0.50 differ by 0.50', target: 'lines', difference: '0.50' }),
    );
    expect(error).toMatchObject({
      code: Code.JOURNAL_UNBALANCED,
      message: 'The ERP refused the request: Debits 1.00 and credits 0.50 differ by 0.50',
      difference: { amount: 50, currency: 'USD' },
      vendorCode: 'FI_BALANCE_NOT_ZERO',
      httpStatus: 422,
    });
    expect(error.fieldErrors).toStrictEqual([
      { in: 'body', name: 'lines', pointer: '/lines', detail: 'Debits 1.00 and credits 0.50 differ by 0.50' },
    ]);
  });

  it('ignores a difference it cannot read rather than failing', () => {
    expect(errorFromVendor(422, vendorError('FI_BALANCE_NOT_ZERO', { difference: 'lots' })).difference).toBeUndefined();
  });

  it('passes Retry-After on throttling and outages, and says nothing from a 5xx body', () => {
    expect(errorFromVendor(429, undefined, 2_000).retryAfterMs).toBe(2_000);
    expect(errorFromVendor(503, undefined, 1_000).retryAfterMs).toBe(1_000);
    expect(errorFromVendor(500, vendorError('INTERNAL_ERROR', { message: 'NullPointerException at com.vendor.Secret' })).message).toBe(
      'The ERP failed (500)',
    );
  });

  it('lists every detail of a validation error as a canonical field', () => {
    const error = errorFromVendor(400, {
      error: {
        code: 'INVALID_FIELD',
        status: 400,
        message: 'The body is invalid',
        details: [
          { target: 'items[0].unit_price', message: 'must be string' },
          { target: 'cost_center', message: 'cost_center is required' },
        ],
      },
    });
    expect(error.fieldErrors.map((field) => field.name)).toStrictEqual(['lines[0].unitPrice', 'costCentre']);
  });
});

describe('fieldErrorOf', () => {
  it.each([
    ['cost_center', 'costCentre', '/costCentre'],
    ['lines[1].cost_center', 'lines[1].costCentre', '/lines/1/costCentre'],
    ['lines[0].account_no', 'lines[0].account', '/lines/0/account'],
    ['items[0].qty', 'lines[0].quantity', '/lines/0/quantity'],
    ['items[2].batches[1].batch', 'lines[2].lots[1].lotNumber', '/lines/2/lots/1/lotNumber'],
    ['time_records[3].personnel_no', 'timesheets[3].employeeNumber', '/timesheets/3/employeeNumber'],
    ['vendor_invoice_no', 'invoiceNumber', '/invoiceNumber'],
    ['something_else', 'something_else', '/something_else'],
  ])('%s → %s', (target, name, pointer) => {
    expect(fieldErrorOf(target, 'x')).toStrictEqual({ in: 'body', name, pointer, detail: 'x' });
  });

  it('places the idempotency key in the header', () => {
    expect(fieldErrorOf('Idempotency-Key', 'reused')).toStrictEqual({ in: 'header', name: 'Idempotency-Key', detail: 'reused' });
  });
});
