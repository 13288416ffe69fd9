import { propagationHeaders } from '@concord/platform';
import { CircuitOpenError, type OutboundFailure, type OutboundLimits, OutboundPolicy } from '../resilience/outbound-policy';
import { CookieJar } from './cookie-jar';
import { ODataException, ODataExceptionCode as Code } from './odata.exception';
import { errorForStatus, parseJsonBody, parseRetryAfter } from './odata-error';

/** How the client authenticates: none, HTTP basic, or a bearer token from a provider callback. */
export type ODataAuth =
  | { kind: 'none' }
  | { kind: 'basic'; username: string; password: string }
  | {
      kind: 'bearer';
      /** Returns a valid access token; `forceRefresh` after the server refused the last one (401). */
      token: (request: { forceRefresh: boolean }) => Promise<string>;
    };

export interface ODataSessionOptions {
  auth?: ODataAuth;
  /** Per-request timeout. */
  timeoutMs: number;
  /** Rate, concurrency, retry and circuit-breaker limits for everything this session sends. */
  limits?: Omit<OutboundLimits, 'timeoutMs'>;
  /** Fetch an SAP-style CSRF token before modifying requests (default true). */
  csrf?: boolean;
  fetch?: typeof fetch;
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface ODataHttpRequest {
  method: HttpMethod;
  url: string;
  headers?: Record<string, string>;
  body?: string;
  /** Safe to send again after a failure; defaults to true for GET, PUT and DELETE. */
  idempotent?: boolean;
  /** Where to fetch a CSRF token for this request (its service root). */
  csrfUrl: string;
}

export interface ODataHttpResponse {
  status: number;
  headers: Headers;
  text: string;
}

const SAFE_METHODS: ReadonlySet<HttpMethod> = new Set(['GET']);
const IDEMPOTENT_METHODS: ReadonlySet<HttpMethod> = new Set(['GET', 'PUT', 'DELETE']);
// Answers the policy sees as failures (retry when idempotent, count toward the circuit breaker).
const TRANSIENT_STATUSES = new Set([429, 500, 502, 503, 504]);

/**
 * One authenticated HTTP session with an OData system, shared by the clients of its services: auth,
 * cookies, the CSRF token and the outbound policy (so the system's quota holds across services).
 */
export class ODataSession {
  private readonly fetchImpl: typeof fetch;
  private readonly policy?: OutboundPolicy;
  private readonly cookies = new CookieJar();
  private csrfToken?: Promise<string | undefined>;

  constructor(private readonly options: ODataSessionOptions) {
    this.fetchImpl = options.fetch ?? fetch;
    // The policy's own per-attempt timeout is a backstop; each fetch carries the precise one.
    if (options.limits) this.policy = new OutboundPolicy({ ...options.limits, timeoutMs: options.timeoutMs + 1_000 }, classifyODataFailure);
  }

  /** closed, open, half-open or isolated; "none" without limits. */
  get circuitState(): string {
    return this.policy?.circuitState ?? 'none';
  }

  /**
   * Sends one request and returns its 2xx answer; anything else is an ODataException. Modifying
   * requests carry the CSRF token (fetched once per session, refetched once when the server answers
   * 403 `x-csrf-token: required`); a refused bearer token is refreshed once.
   */
  async send(request: ODataHttpRequest): Promise<ODataHttpResponse> {
    const idempotent = request.idempotent ?? IDEMPOTENT_METHODS.has(request.method);
    const modifying = !SAFE_METHODS.has(request.method);
    const csrf = modifying && this.options.csrf !== false;
    const refresh: TokenRefresh = { pending: false };
    let csrfRefetched = false;
    let authRefreshed = false;
    const mayRefreshAuth = () => this.options.auth?.kind === 'bearer' && !authRefreshed;
    for (;;) {
      let tokenPromise: Promise<string | undefined> | undefined;
      let token: string | undefined;
      if (csrf) {
        tokenPromise = this.currentCsrfToken(request.csrfUrl, refresh);
        try {
          token = await tokenPromise;
        } catch (error) {
          // The token fetch is where a write first meets an expired bearer token.
          if (error instanceof ODataException && error.code === Code.UNAUTHORIZED && mayRefreshAuth()) {
            authRefreshed = refresh.pending = true;
            continue;
          }
          throw error;
        }
      }
      const headers: Record<string, string> = { ...request.headers };
      if (token !== undefined) headers['x-csrf-token'] = token;
      const response = await this.exchange({ ...request, headers }, idempotent, refresh);
      if (response.status >= 200 && response.status < 300) return response;
      if (response.status === 403 && csrf && isCsrfRequired(response.headers)) {
        if (csrfRefetched)
          throw new ODataException(Code.CSRF_TOKEN_REJECTED, 'The OData service refused a freshly fetched CSRF token (403)', {
            httpStatus: 403,
            idempotent,
          });
        csrfRefetched = true;
        // Another request may already have replaced the token; only drop the one that failed.
        if (this.csrfToken === tokenPromise) this.csrfToken = undefined;
        continue;
      }
      if (response.status === 401 && mayRefreshAuth()) {
        authRefreshed = refresh.pending = true;
        continue;
      }
      throw errorForStatus(response.status, parseJsonBody(response.text), {
        idempotent,
        retryAfterMs: parseRetryAfter(response.headers.get('retry-after')),
      });
    }
  }

  private currentCsrfToken(csrfUrl: string, refresh: TokenRefresh): Promise<string | undefined> {
    this.csrfToken ??= this.fetchCsrfToken(csrfUrl, refresh).catch((error: unknown) => {
      this.csrfToken = undefined;
      throw error;
    });
    return this.csrfToken;
  }

  /** SAP gateways hand out the token on a GET with `x-csrf-token: fetch`; a server without CSRF sends none. */
  private async fetchCsrfToken(csrfUrl: string, refresh: TokenRefresh): Promise<string | undefined> {
    const response = await this.exchange(
      { method: 'GET', url: `${csrfUrl}/`, headers: { 'x-csrf-token': 'fetch' }, csrfUrl },
      true,
      refresh,
    );
    if (response.status < 200 || response.status >= 300)
      throw errorForStatus(response.status, parseJsonBody(response.text), { idempotent: true });
    const token = response.headers.get('x-csrf-token');
    return token && token.toLowerCase() !== 'required' ? token : undefined;
  }

  /** One HTTP exchange under the outbound policy; transient answers are thrown so the policy can act. */
  private async exchange(request: ODataHttpRequest, idempotent: boolean, refresh: TokenRefresh): Promise<ODataHttpResponse> {
    if (!this.policy) return this.attempt(request, idempotent, refresh, undefined);
    try {
      return await this.policy.execute((signal) => this.attempt(request, idempotent, refresh, signal));
    } catch (error) {
      if (error instanceof CircuitOpenError)
        throw new ODataException(Code.SERVER_UNAVAILABLE, 'The OData service is failing repeatedly; calls are paused', {
          cause: error,
          idempotent,
        });
      throw error;
    }
  }

  private async attempt(
    request: ODataHttpRequest,
    idempotent: boolean,
    refresh: TokenRefresh,
    policySignal?: AbortSignal,
  ): Promise<ODataHttpResponse> {
    const headers: Record<string, string> = {
      accept: 'application/json;IEEE754Compatible=true',
      'odata-maxversion': '4.0',
      ...propagationHeaders(),
      ...(await this.authorization(refresh)),
      ...request.headers,
    };
    const cookie = this.cookies.header();
    if (cookie) headers.cookie = cookie;
    const timeout = AbortSignal.timeout(this.options.timeoutMs);
    const signal = policySignal ? AbortSignal.any([timeout, policySignal]) : timeout;
    let response: Response;
    let text: string;
    try {
      response = await this.fetchImpl(request.url, { method: request.method, headers, body: request.body, signal, redirect: 'manual' });
      // Inside the try: a body that stalls or is cut off is a transport failure too.
      text = await response.text();
    } catch (error) {
      if (error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError'))
        throw new ODataException(Code.SERVER_TIMEOUT, `The OData service did not answer within ${this.options.timeoutMs} ms`, {
          cause: error,
          idempotent,
        });
      throw new ODataException(Code.SERVER_UNAVAILABLE, 'The OData service could not be reached', { cause: error, idempotent });
    }
    this.cookies.store(response.headers);
    if (TRANSIENT_STATUSES.has(response.status))
      throw errorForStatus(response.status, parseJsonBody(text), {
        idempotent,
        retryAfterMs: parseRetryAfter(response.headers.get('retry-after')),
      });
    return { status: response.status, headers: response.headers, text };
  }

  private async authorization(refresh: TokenRefresh): Promise<Record<string, string>> {
    const auth = this.options.auth ?? { kind: 'none' };
    switch (auth.kind) {
      case 'none':
        return {};
      case 'basic':
        return { authorization: `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}` };
      case 'bearer': {
        // One forced refresh per refused token: whichever exchange goes out next takes it.
        const forceRefresh = refresh.pending;
        refresh.pending = false;
        return { authorization: `Bearer ${await auth.token({ forceRefresh })}` };
      }
    }
  }
}

/** Asks the bearer token provider for a new token on the next exchange (after a 401). */
interface TokenRefresh {
  pending: boolean;
}

function isCsrfRequired(headers: Headers): boolean {
  return headers.get('x-csrf-token')?.trim().toLowerCase() === 'required';
}

/**
 * Which failures the policy retries (transient ones, and only for requests safe to repeat: a POST
 * that timed out may have been posted) and which count toward opening the circuit.
 */
export function classifyODataFailure(error: unknown): OutboundFailure {
  if (!(error instanceof ODataException)) return { retryable: false, systemFailure: false };
  switch (error.code) {
    case Code.THROTTLED:
      return { retryable: error.idempotent, systemFailure: false, retryAfterMs: error.retryAfterMs };
    case Code.SERVER_UNAVAILABLE:
    case Code.SERVER_TIMEOUT:
      return { retryable: error.idempotent, systemFailure: true, retryAfterMs: error.retryAfterMs };
    case Code.SERVER_ERROR:
      return { retryable: false, systemFailure: true };
    case Code.INVALID_QUERY:
    case Code.FOREIGN_NEXT_LINK:
    case Code.NOT_FOUND:
    case Code.PRECONDITION_FAILED:
    case Code.PRECONDITION_REQUIRED:
    case Code.CONFLICT:
    case Code.REQUEST_REJECTED:
    case Code.UNAUTHORIZED:
    case Code.FORBIDDEN:
    case Code.CSRF_TOKEN_REJECTED:
    case Code.INVALID_RESPONSE:
    case Code.CHANGE_SET_ROLLED_BACK:
      return { retryable: false, systemFailure: false };
  }
}
