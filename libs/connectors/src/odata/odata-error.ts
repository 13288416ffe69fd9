import { type ODataError, type ODataErrorDetail, ODataException, ODataExceptionCode as Code } from './odata.exception';

const MAX_MESSAGE = 500;

/**
 * The error body of an OData answer: v4 JSON (`{ error: { code, message, target, details } }`) or the
 * SAP v2 shape (`message: { value }`, `innererror.errordetails`). Undefined when it is neither.
 */
export function parseODataError(body: unknown): ODataError | undefined {
  if (typeof body !== 'object' || body === null || !('error' in body)) return undefined;
  const error = detail(body.error);
  if (!error) return undefined;
  const raw = (body as { error: Record<string, unknown> }).error;
  const inner = raw.innererror as { errordetails?: unknown } | undefined;
  const list = Array.isArray(raw.details) ? raw.details : Array.isArray(inner?.errordetails) ? inner.errordetails : [];
  return { ...error, details: list.map(detail).filter((entry): entry is ODataErrorDetail => entry !== undefined) };
}

function detail(raw: unknown): ODataErrorDetail | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const entry = raw as Record<string, unknown>;
  const message =
    typeof entry.message === 'string'
      ? entry.message
      : typeof (entry.message as { value?: unknown } | undefined)?.value === 'string'
        ? (entry.message as { value: string }).value
        : undefined;
  if (message === undefined) return undefined;
  const code = typeof entry.code === 'string' || typeof entry.code === 'number' ? String(entry.code) : '';
  const result: ODataErrorDetail = { code, message: truncate(message) };
  if (typeof entry.target === 'string' && entry.target) result.target = entry.target;
  return result;
}

function truncate(text: string): string {
  return text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE)}…` : text;
}

/** Retry-After as delay-seconds or an HTTP date (RFC 9110 §10.2.3), in milliseconds. */
export function parseRetryAfter(header: string | null): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/**
 * The ODataException for a non-2xx answer. Client errors carry the server's message (business rule
 * failures such as an unbalanced journal must reach the caller); server errors do not, so internals
 * stay out of messages and logs.
 */
export function errorForStatus(status: number, body: unknown, options: { retryAfterMs?: number; idempotent: boolean }): ODataException {
  const odataError = parseODataError(body);
  const said = odataError ? `: ${odataError.message}` : '';
  const base = { httpStatus: status, odataError, idempotent: options.idempotent };
  const make = (code: Code, message: string, extra: { retryAfterMs?: number } = {}) =>
    new ODataException(code, message, { ...base, ...extra });
  switch (true) {
    case status === 404 || status === 410:
      return make(Code.NOT_FOUND, `The OData service has no such resource (${status})${said}`);
    case status === 412:
      return make(Code.PRECONDITION_FAILED, `The entity was changed by someone else since it was read (412)${said}`);
    case status === 428:
      return make(Code.PRECONDITION_REQUIRED, `The OData service requires an ETag (If-Match) for this change (428)${said}`);
    case status === 409:
      return make(Code.CONFLICT, `The OData service reported a conflict (409)${said}`);
    case status === 401:
      return make(Code.UNAUTHORIZED, 'The OData service refused the credentials (401)');
    case status === 403:
      return make(Code.FORBIDDEN, `The OData service refused access (403)${said}`);
    case status === 429:
      return make(Code.THROTTLED, 'The OData service refused the call: its rate limit was reached (429)', {
        retryAfterMs: options.retryAfterMs,
      });
    case status === 502 || status === 503:
      return make(Code.SERVER_UNAVAILABLE, `The OData service is unavailable (${status})`, { retryAfterMs: options.retryAfterMs });
    case status === 504:
      return make(Code.SERVER_TIMEOUT, 'The OData service timed out (504)');
    case status >= 400 && status < 500:
      return make(Code.REQUEST_REJECTED, `The OData service rejected the request (${status})${said}`);
    default:
      return make(Code.SERVER_ERROR, `The OData service failed (${status})`);
  }
}

/** Parses a JSON body; undefined when empty or not JSON. */
export function parseJsonBody(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
