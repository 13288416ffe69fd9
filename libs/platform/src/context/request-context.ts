import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes, randomUUID } from 'node:crypto';
import type { Principal } from '../auth/principal';

/** What every log line, audit record and downstream call of one request shares. */
export interface RequestContext {
  requestId: string;
  traceId: string;
  /** Span id of this hop; downstream calls get a child span id. */
  spanId: string;
  traceFlags: string;
  /** Why PHI is being accessed (X-Purpose-Of-Use, HL7 PurposeOfUse codes such as TREAT or HPAYMT). */
  purposeOfUse?: string;
  /** Set once the access guard has verified the caller. */
  principal?: Principal;
  /** The caller's bearer token, for token exchange on the way down. */
  accessToken?: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

export const RequestContextStore = {
  run<T>(context: RequestContext, fn: () => T): T {
    return storage.run(context, fn);
  },
  current(): RequestContext | undefined {
    return storage.getStore();
  },
};

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const PURPOSE_OF_USE = /^[A-Za-z0-9_-]{1,40}$/;

/** Parses a W3C traceparent header; returns undefined for anything malformed or all-zero. */
export function parseTraceparent(header: string | undefined): { traceId: string; parentId: string; traceFlags: string } | undefined {
  if (!header) return undefined;
  const match = TRACEPARENT.exec(header.trim().toLowerCase());
  if (!match) return undefined;
  const [, traceId, parentId, traceFlags] = match as unknown as [string, string, string, string];
  if (/^0+$/.test(traceId) || /^0+$/.test(parentId)) return undefined;
  return { traceId, parentId, traceFlags };
}

/** Builds the context of an incoming request from its headers, generating what is absent or invalid. */
export function contextFromHeaders(headers: Record<string, string | string[] | undefined>): RequestContext {
  const requestIdHeader = firstHeader(headers['x-request-id']);
  const trace = parseTraceparent(firstHeader(headers['traceparent']));
  const purpose = firstHeader(headers['x-purpose-of-use']);
  return {
    ...(purpose && PURPOSE_OF_USE.test(purpose) ? { purposeOfUse: purpose } : {}),
    requestId: requestIdHeader && REQUEST_ID.test(requestIdHeader) ? requestIdHeader : randomUUID(),
    traceId: trace?.traceId ?? randomBytes(16).toString('hex'),
    spanId: randomBytes(8).toString('hex'),
    traceFlags: trace?.traceFlags ?? '01',
  };
}

/** Headers that carry the current request's identity to the next hop (another layer or a core system). */
export function propagationHeaders(context: RequestContext | undefined = RequestContextStore.current()): Record<string, string> {
  if (!context) return {};
  return {
    'x-request-id': context.requestId,
    traceparent: `00-${context.traceId}-${context.spanId}-${context.traceFlags}`,
    ...(context.purposeOfUse ? { 'x-purpose-of-use': context.purposeOfUse } : {}),
  };
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
