import { describe, expect, it } from 'vitest';
import { ErpConnectorException, ErpConnectorExceptionCode as Connector } from '@concord/connectors/erp';
import { ErrorCategory, httpStatusOf } from '@concord/platform';
import { pageOf } from './dto/list-page';
import { type ErpException, ErpExceptionCode as Code, translateErpError } from './erp.exception';
import { versionFromIfMatch } from './posting.decorator';

describe('ERP connector failures become /erp/v1 problems', () => {
  /** Every connector code with what it becomes on a read and on a write; a new code will not compile until added. */
  const TRANSLATION: Record<Connector, [Code, Code, number]> = {
    [Connector.NOT_FOUND]: [Code.RECORD_NOT_FOUND, Code.REFERENCED_RECORD_NOT_FOUND, 404],
    [Connector.INVALID_REQUEST]: [Code.REQUEST_INVALID, Code.REQUEST_INVALID, 400],
    [Connector.COST_CENTRE_INVALID]: [Code.COST_CENTRE_INVALID, Code.COST_CENTRE_INVALID, 422],
    [Connector.JOURNAL_UNBALANCED]: [Code.JOURNAL_UNBALANCED, Code.JOURNAL_UNBALANCED, 422],
    [Connector.JOURNAL_INVALID]: [Code.JOURNAL_INVALID, Code.JOURNAL_INVALID, 422],
    [Connector.INSUFFICIENT_STOCK]: [Code.INSUFFICIENT_STOCK, Code.INSUFFICIENT_STOCK, 422],
    [Connector.SERIAL_OR_LOT_MISMATCH]: [Code.SERIAL_OR_LOT_MISMATCH, Code.SERIAL_OR_LOT_MISMATCH, 422],
    [Connector.MASTER_DATA_BLOCKED]: [Code.MASTER_DATA_BLOCKED, Code.MASTER_DATA_BLOCKED, 422],
    [Connector.DOCUMENT_STATE_CONFLICT]: [Code.DOCUMENT_STATE_CONFLICT, Code.DOCUMENT_STATE_CONFLICT, 409],
    [Connector.OVER_RECEIPT]: [Code.OVER_RECEIPT, Code.OVER_RECEIPT, 422],
    [Connector.APPROVAL_NOT_ALLOWED]: [Code.APPROVAL_NOT_ALLOWED, Code.APPROVAL_NOT_ALLOWED, 422],
    [Connector.DUPLICATE_INVOICE]: [Code.DUPLICATE_INVOICE, Code.DUPLICATE_INVOICE, 409],
    [Connector.VARIANCE_NOT_APPROVABLE]: [Code.VARIANCE_NOT_APPROVABLE, Code.VARIANCE_NOT_APPROVABLE, 422],
    [Connector.OVERPAYMENT]: [Code.OVERPAYMENT, Code.OVERPAYMENT, 422],
    [Connector.IDEMPOTENCY_KEY_REUSED]: [Code.IDEMPOTENCY_KEY_REUSED, Code.IDEMPOTENCY_KEY_REUSED, 422],
    [Connector.VERSION_CONFLICT]: [Code.VERSION_CONFLICT, Code.VERSION_CONFLICT, 409],
    [Connector.NOT_SUPPORTED]: [Code.NOT_SUPPORTED, Code.NOT_SUPPORTED, 422],
    [Connector.SERVER_THROTTLED]: [Code.ERP_UNAVAILABLE, Code.ERP_UNAVAILABLE, 503],
    [Connector.SERVER_UNAVAILABLE]: [Code.ERP_UNAVAILABLE, Code.ERP_UNAVAILABLE, 503],
    [Connector.SERVER_TIMEOUT]: [Code.ERP_TIMEOUT, Code.ERP_TIMEOUT, 504],
    [Connector.SERVER_ERROR]: [Code.ERP_ERROR, Code.ERP_ERROR, 502],
    [Connector.INVALID_RESPONSE]: [Code.ERP_ERROR, Code.ERP_ERROR, 502],
  };

  it.each(Object.values(Connector).map((code) => ({ code, expected: TRANSLATION[code] })))('$code → $expected', ({ code, expected }) => {
    const [onRead, onWrite, status] = expected;
    const cause = new ErpConnectorException(code, 'The ERP refused the request: deficit at host erp-db-01', 400);
    const read = translateErpError(cause, 'read') as ErpException;
    const write = translateErpError(cause, 'write') as ErpException;
    expect([read.code, write.code]).toStrictEqual([onRead, onWrite]);
    expect(read.cause).toBe(cause);
    expect(httpStatusOf(read.category)).toBe(status);
    // Failures of the ERP itself carry no detail of it; refusals keep the ERP's business message.
    if ([ErrorCategory.UPSTREAM_ERROR, ErrorCategory.UPSTREAM_UNAVAILABLE, ErrorCategory.UPSTREAM_TIMEOUT].includes(read.category))
      expect(read.message).not.toContain('erp-db-01');
  });

  it.each([
    [5_000, 'The journal does not balance: debits exceed credits by 50.00 USD (difference 5000 cents)'],
    [-1, 'The journal does not balance: credits exceed debits by 0.01 USD (difference -1 cents)'],
  ])('names the difference %i of an unbalanced journal', (difference, message) => {
    const cause = new ErpConnectorException(Connector.JOURNAL_UNBALANCED, 'unbalanced', 422, {
      difference: { amount: difference, currency: 'USD' },
    });
    const error = translateErpError(cause, 'write') as ErpException;
    expect(error.message).toBe(message);
    expect(error.fieldErrors).toStrictEqual([expect.objectContaining({ in: 'body', name: 'lines' })]);
  });

  it('lets anything that is not an ERP failure through unchanged', () => {
    const bug = new TypeError('x is undefined');
    expect(translateErpError(bug, 'read')).toBe(bug);
  });
});

describe('paged lists', () => {
  const all = Array.from({ length: 5 }, (_, index) => index);

  it('pages with an opaque cursor until the end', () => {
    const first = pageOf(all, { limit: 2 }, 'f');
    expect(first.items).toStrictEqual([0, 1]);
    const second = pageOf(all, { limit: 2, cursor: first.nextCursor }, 'f');
    const third = pageOf(all, { limit: 2, cursor: second.nextCursor }, 'f');
    expect([second.items, third.items, third.nextCursor]).toStrictEqual([[2, 3], [4], undefined]);
  });

  it.each([
    ['another list’s cursor', () => pageOf(all, { limit: 2 }, 'other').nextCursor!],
    ['an offset past the end', () => Buffer.from(JSON.stringify({ o: 99, f: 'f' })).toString('base64url')],
    ['not a cursor at all', () => 'bm90LWpzb24'],
  ])('refuses %s with INVALID_CURSOR', (_name, cursor) => {
    expect(() => pageOf(all, { cursor: cursor() }, 'f')).toThrow(expect.objectContaining({ code: Code.INVALID_CURSOR }));
  });
});

describe('If-Match', () => {
  it.each([
    ['W/"7"', '7'],
    ['"abc-1"', 'abc-1'],
    ['*', undefined],
    [undefined, undefined],
    ['12', '12'],
  ])('%j carries version %j', (header, version) => expect(versionFromIfMatch(header)).toBe(version));
});
