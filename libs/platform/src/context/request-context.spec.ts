import { describe, expect, it } from 'vitest';
import { contextFromHeaders, parseTraceparent, propagationHeaders, type RequestContext, RequestContextStore } from './request-context';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const PARENT_ID = '00f067aa0ba902b7';
const HEX16 = /^[0-9a-f]{16}$/;
const HEX32 = /^[0-9a-f]{32}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('parseTraceparent', () => {
  it.each([
    {
      name: 'a valid sampled header',
      header: `00-${TRACE_ID}-${PARENT_ID}-01`,
      expected: { traceId: TRACE_ID, parentId: PARENT_ID, traceFlags: '01' },
    },
    {
      name: 'a valid unsampled header',
      header: `00-${TRACE_ID}-${PARENT_ID}-00`,
      expected: { traceId: TRACE_ID, parentId: PARENT_ID, traceFlags: '00' },
    },
    {
      name: 'an upper-case header, normalised to lower case',
      header: `00-${TRACE_ID.toUpperCase()}-${PARENT_ID.toUpperCase()}-0A`,
      expected: { traceId: TRACE_ID, parentId: PARENT_ID, traceFlags: '0a' },
    },
    {
      name: 'surrounding whitespace',
      header: `  00-${TRACE_ID}-${PARENT_ID}-01 `,
      expected: { traceId: TRACE_ID, parentId: PARENT_ID, traceFlags: '01' },
    },
  ])('accepts $name', ({ header, expected }) => {
    expect(parseTraceparent(header)).toStrictEqual(expected);
  });

  it.each([
    { name: 'undefined', header: undefined },
    { name: 'an empty string', header: '' },
    { name: 'an unknown version', header: `01-${TRACE_ID}-${PARENT_ID}-01` },
    { name: 'version ff', header: `ff-${TRACE_ID}-${PARENT_ID}-01` },
    { name: 'an all-zero trace id', header: `00-${'0'.repeat(32)}-${PARENT_ID}-01` },
    { name: 'an all-zero parent id', header: `00-${TRACE_ID}-${'0'.repeat(16)}-01` },
    { name: 'a short trace id', header: `00-${TRACE_ID.slice(1)}-${PARENT_ID}-01` },
    { name: 'a long trace id', header: `00-${TRACE_ID}0-${PARENT_ID}-01` },
    { name: 'a short parent id', header: `00-${TRACE_ID}-${PARENT_ID.slice(1)}-01` },
    { name: 'a long parent id', header: `00-${TRACE_ID}-${PARENT_ID}0-01` },
    { name: 'one-digit flags', header: `00-${TRACE_ID}-${PARENT_ID}-1` },
    { name: 'non-hex characters', header: `00-${TRACE_ID.replace('4', 'g')}-${PARENT_ID}-01` },
    { name: 'a trailing field', header: `00-${TRACE_ID}-${PARENT_ID}-01-extra` },
    { name: 'underscores for dashes', header: `00_${TRACE_ID}_${PARENT_ID}_01` },
  ])('rejects $name', ({ header }) => {
    expect(parseTraceparent(header)).toBeUndefined();
  });
});

describe('contextFromHeaders', () => {
  it.each([
    { name: 'a UUID', requestId: '5f0c6a9e-3f55-4a7e-9a55-0d9a1c1b2d3e' },
    { name: 'letters, digits and . _ : -', requestId: 'gw.eu-1:req_42' },
    { name: 'exactly 128 characters', requestId: 'a'.repeat(128) },
  ])('keeps a valid x-request-id: $name', ({ requestId }) => {
    expect(contextFromHeaders({ 'x-request-id': requestId }).requestId).toBe(requestId);
  });

  it('takes the first x-request-id when the header is repeated', () => {
    expect(contextFromHeaders({ 'x-request-id': ['first-id', 'second-id'] }).requestId).toBe('first-id');
  });

  it.each([
    { name: 'missing', requestId: undefined },
    { name: 'empty', requestId: '' },
    { name: 'with spaces', requestId: 'my request' },
    { name: 'longer than 128 characters', requestId: 'a'.repeat(129) },
    { name: 'with a newline (log injection)', requestId: 'abc\nlevel=fatal' },
    { name: 'with a slash', requestId: 'a/b' },
    { name: 'with non-ASCII letters', requestId: 'requête' },
  ])('replaces an x-request-id that is $name with a fresh UUID', ({ requestId }) => {
    const context = contextFromHeaders({ 'x-request-id': requestId });
    expect(context.requestId).toMatch(UUID);
    expect(context.requestId).not.toBe(requestId);
  });

  it('gives each request its own generated id', () => {
    expect(contextFromHeaders({}).requestId).not.toBe(contextFromHeaders({}).requestId);
  });

  it('continues an incoming trace with a new span of its own', () => {
    const context = contextFromHeaders({ traceparent: `00-${TRACE_ID}-${PARENT_ID}-00` });
    expect(context.traceId).toBe(TRACE_ID);
    expect(context.traceFlags).toBe('00');
    expect(context.spanId).toMatch(HEX16);
    expect(context.spanId).not.toBe(PARENT_ID);
  });

  it.each([
    { name: 'no traceparent', headers: {} },
    { name: 'a malformed traceparent', headers: { traceparent: 'garbage' } },
    { name: 'an all-zero trace id', headers: { traceparent: `00-${'0'.repeat(32)}-${PARENT_ID}-01` } },
  ])('starts a new sampled trace for $name', ({ headers }) => {
    const context = contextFromHeaders(headers);
    expect(context.traceId).toMatch(HEX32);
    expect(context.traceId).not.toBe('0'.repeat(32));
    expect(context.spanId).toMatch(HEX16);
    expect(context.traceFlags).toBe('01');
  });

  it('starts different traces for different requests', () => {
    expect(contextFromHeaders({}).traceId).not.toBe(contextFromHeaders({}).traceId);
  });
});

describe('propagationHeaders', () => {
  const context: RequestContext = { requestId: 'req-1', traceId: TRACE_ID, spanId: 'b7ad6b7169203331', traceFlags: '01' };

  it('carries the request id, the same trace id and this hop’s span id', () => {
    expect(propagationHeaders(context)).toStrictEqual({ 'x-request-id': 'req-1', traceparent: `00-${TRACE_ID}-b7ad6b7169203331-01` });
  });

  it('uses the current context by default', () => {
    expect(RequestContextStore.run(context, () => propagationHeaders())).toStrictEqual({
      'x-request-id': 'req-1',
      traceparent: `00-${TRACE_ID}-b7ad6b7169203331-01`,
    });
  });

  it('keeps the context across awaits', async () => {
    const headers = await RequestContextStore.run(context, async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      return propagationHeaders();
    });
    expect(headers['x-request-id']).toBe('req-1');
  });

  it('is empty outside a request', () => {
    expect(RequestContextStore.current()).toBeUndefined();
    expect(propagationHeaders()).toStrictEqual({});
  });

  it('round-trips through contextFromHeaders: the next hop sees our span as its parent', () => {
    const next = contextFromHeaders(propagationHeaders(context));
    expect(next.requestId).toBe('req-1');
    expect(next.traceId).toBe(TRACE_ID);
    expect(parseTraceparent(propagationHeaders(context)['traceparent'])?.parentId).toBe('b7ad6b7169203331');
  });
});
