import { describe, expect, it } from 'vitest';
import { ErrorCategory } from '@concord/platform';
import { ODataExceptionCode as Code } from './odata.exception';
import { errorForStatus, parseODataError, parseRetryAfter } from './odata-error';

describe('parseODataError', () => {
  it('reads the OData v4 JSON error with target and details', () => {
    expect(
      parseODataError({
        error: {
          code: 'F5/702',
          message: 'Balance in transaction currency: 10.00 USD',
          target: 'to_Item',
          details: [
            { code: 'F5/703', message: 'Debits 100.00', target: 'to_Item(1)/AmountInCompanyCodeCurrency', '@Common.numericSeverity': 4 },
            'junk',
          ],
          '@Common.numericSeverity': 4,
        },
      }),
    ).toEqual({
      code: 'F5/702',
      message: 'Balance in transaction currency: 10.00 USD',
      target: 'to_Item',
      details: [{ code: 'F5/703', message: 'Debits 100.00', target: 'to_Item(1)/AmountInCompanyCodeCurrency' }],
    });
  });

  it('reads the SAP v2 shape (message.value, innererror.errordetails)', () => {
    expect(
      parseODataError({
        error: {
          code: 'M7/021',
          message: { lang: 'en', value: 'Deficit of 2 EA' },
          innererror: { errordetails: [{ code: 'M7/021', message: 'Deficit of 2 EA', target: 'QuantityInEntryUnit' }] },
        },
      }),
    ).toEqual({
      code: 'M7/021',
      message: 'Deficit of 2 EA',
      details: [{ code: 'M7/021', message: 'Deficit of 2 EA', target: 'QuantityInEntryUnit' }],
    });
  });

  it.each([undefined, 'text', [], { error: 'x' }, { error: { code: 'X' } }, { value: [] }])('gives undefined for %j', (body) => {
    expect(parseODataError(body)).toBeUndefined();
  });

  it('truncates very long messages', () => {
    const parsed = parseODataError({ error: { code: 'X', message: 'y'.repeat(5000) } });
    expect(parsed!.message.length).toBeLessThan(600);
  });
});

describe('errorForStatus', () => {
  it.each([
    [400, Code.REQUEST_REJECTED, ErrorCategory.UNPROCESSABLE],
    [401, Code.UNAUTHORIZED, ErrorCategory.UPSTREAM_ERROR],
    [403, Code.FORBIDDEN, ErrorCategory.UPSTREAM_ERROR],
    [404, Code.NOT_FOUND, ErrorCategory.NOT_FOUND],
    [405, Code.REQUEST_REJECTED, ErrorCategory.UNPROCESSABLE],
    [409, Code.CONFLICT, ErrorCategory.CONFLICT],
    [412, Code.PRECONDITION_FAILED, ErrorCategory.CONFLICT],
    [422, Code.REQUEST_REJECTED, ErrorCategory.UNPROCESSABLE],
    [428, Code.PRECONDITION_REQUIRED, ErrorCategory.CONFLICT],
    [429, Code.THROTTLED, ErrorCategory.UPSTREAM_UNAVAILABLE],
    [500, Code.SERVER_ERROR, ErrorCategory.UPSTREAM_ERROR],
    [502, Code.SERVER_UNAVAILABLE, ErrorCategory.UPSTREAM_UNAVAILABLE],
    [503, Code.SERVER_UNAVAILABLE, ErrorCategory.UPSTREAM_UNAVAILABLE],
    [504, Code.SERVER_TIMEOUT, ErrorCategory.UPSTREAM_TIMEOUT],
  ])('%i is %s (%s)', (status, code, category) => {
    const error = errorForStatus(status, undefined, { idempotent: true });
    expect(error.code).toBe(code);
    expect(error.category).toBe(category);
    expect(error.httpStatus).toBe(status);
  });

  it('carries the server message for client errors but not for server errors', () => {
    const body = { error: { code: 'SQLITE_ERROR', message: 'no such table: s4_secret' } };
    expect(errorForStatus(400, body, { idempotent: false }).message).toContain('no such table');
    expect(errorForStatus(500, body, { idempotent: false }).message).not.toContain('no such table');
    expect(errorForStatus(500, body, { idempotent: false }).odataError?.code).toBe('SQLITE_ERROR');
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('2')).toBe(2000);
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
    const inAMinute = new Date(Date.now() + 60_000).toUTCString();
    expect(parseRetryAfter(inAMinute)).toBeGreaterThan(50_000);
  });
});
