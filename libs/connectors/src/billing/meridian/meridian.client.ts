import { randomUUID } from 'node:crypto';
import { propagationHeaders } from '@concord/platform';
import { CircuitOpenError, type OutboundFailure, type OutboundLimits, OutboundPolicy } from '../../resilience/outbound-policy';
import { BillingConnectorException, BillingConnectorExceptionCode as Code } from '../billing-connector.exception';
import { errorFromVendor } from './meridian-errors';

export interface MeridianClientOptions {
  /** API base URL, e.g. http://127.0.0.1:4000/billing/api/v1 (no trailing slash). */
  baseUrl: string;
  timeoutMs: number;
  /** Rate, concurrency, retry and circuit-breaker limits; calls go straight out when absent. */
  limits?: Omit<OutboundLimits, 'timeoutMs'>;
  fetch?: typeof fetch;
}

export interface MeridianRequest {
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  /** Sent on every unsafe request; one is generated when absent, so a retried POST can never post twice. */
  idempotencyKey?: string;
  ifMatch?: string;
}

export interface MeridianResponse<T> {
  status: number;
  body: T;
  etag?: string;
  replayed: boolean;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH';

/**
 * HTTP client of the billing platform's vendor API (Meridian Patient Accounting): JSON in and out,
 * Idempotency-Key on every write, If-Match when asked, errors as BillingConnectorException, and the
 * outbound policy (quota-sized rate limit, retries honouring Retry-After, circuit breaker, timeouts).
 */
export class MeridianClient {
  private readonly fetchImpl: typeof fetch;
  private readonly policy?: OutboundPolicy;

  constructor(private readonly options: MeridianClientOptions) {
    this.fetchImpl = options.fetch ?? fetch;
    if (options.limits)
      this.policy = new OutboundPolicy({ ...options.limits, timeoutMs: options.timeoutMs + 1_000 }, classifyBillingFailure);
  }

  get circuitState(): string {
    return this.policy?.circuitState ?? 'none';
  }

  get<T>(path: string, request: MeridianRequest = {}): Promise<MeridianResponse<T>> {
    return this.send<T>('GET', path, request);
  }

  post<T>(path: string, request: MeridianRequest = {}): Promise<MeridianResponse<T>> {
    return this.send<T>('POST', path, request);
  }

  put<T>(path: string, request: MeridianRequest = {}): Promise<MeridianResponse<T>> {
    return this.send<T>('PUT', path, request);
  }

  patch<T>(path: string, request: MeridianRequest = {}): Promise<MeridianResponse<T>> {
    return this.send<T>('PATCH', path, request);
  }

  /** Every record of a paged list, following offset and limit until the total is reached. */
  async getAll<T>(path: string, query: MeridianRequest['query'] = {}, pageSize = 500): Promise<T[]> {
    const items: T[] = [];
    for (let offset = 0; ; offset += pageSize) {
      const { body } = await this.get<{ data?: T[]; paging?: { total: number } }>(path, { query: { ...query, offset, limit: pageSize } });
      if (!Array.isArray(body.data))
        throw new BillingConnectorException(Code.INVALID_RESPONSE, `The billing platform answered ${path} without a data list`);
      items.push(...body.data);
      const total = body.paging?.total ?? items.length;
      if (body.data.length === 0 || items.length >= total) return items;
    }
  }

  private async send<T>(method: Method, path: string, request: MeridianRequest): Promise<MeridianResponse<T>> {
    const idempotencyKey = method === 'GET' ? undefined : (request.idempotencyKey ?? randomUUID());
    const once = () => this.sendOnce<T>(method, path, { ...request, idempotencyKey });
    if (!this.policy) return once();
    try {
      return await this.policy.execute(once);
    } catch (error) {
      if (error instanceof CircuitOpenError)
        throw new BillingConnectorException(
          Code.SERVER_UNAVAILABLE,
          'The billing platform is failing repeatedly; calls are paused',
          undefined,
          { cause: error },
        );
      throw error;
    }
  }

  private async sendOnce<T>(method: Method, path: string, request: MeridianRequest): Promise<MeridianResponse<T>> {
    const url = new URL(`${this.options.baseUrl}${path}`);
    for (const [name, value] of Object.entries(request.query ?? {})) if (value !== undefined) url.searchParams.set(name, String(value));
    const headers: Record<string, string> = { accept: 'application/json', ...propagationHeaders() };
    if (request.body !== undefined) headers['content-type'] = 'application/json';
    if (request.idempotencyKey) headers['idempotency-key'] = request.idempotencyKey;
    if (request.ifMatch) headers['if-match'] = request.ifMatch;
    let response: Response;
    let text: string;
    try {
      response = await this.fetchImpl(url, {
        method,
        headers,
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      text = await response.text();
    } catch (error) {
      if (error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError'))
        throw new BillingConnectorException(
          Code.SERVER_TIMEOUT,
          `The billing platform did not answer within ${this.options.timeoutMs} ms`,
          undefined,
          { cause: error },
        );
      throw new BillingConnectorException(Code.SERVER_UNAVAILABLE, 'The billing platform could not be reached', undefined, {
        cause: error,
      });
    }
    const body = parseJson(text);
    if (!response.ok) throw errorFromVendor(response.status, body, retryAfterMs(response.headers.get('retry-after')));
    if (body === undefined || typeof body !== 'object' || body === null)
      throw new BillingConnectorException(
        Code.INVALID_RESPONSE,
        `The billing platform answered ${method} ${path} with something that is not a JSON object`,
        response.status,
      );
    return {
      status: response.status,
      body: body as T,
      etag: response.headers.get('etag') ?? undefined,
      replayed: response.headers.get('idempotent-replayed') === 'true',
    };
  }
}

/** Retry-After as delay-seconds or an HTTP date (RFC 9110 §10.2.3). */
function retryAfterMs(header: string | null): number | undefined {
  if (!header) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Which billing failures are worth retrying, and which mean the platform itself is failing. POST retries are safe: every write carries its Idempotency-Key. */
export function classifyBillingFailure(error: unknown): OutboundFailure {
  if (!(error instanceof BillingConnectorException)) return { retryable: false, systemFailure: false };
  switch (error.code) {
    case Code.SERVER_THROTTLED:
      return { retryable: true, systemFailure: false, retryAfterMs: error.retryAfterMs };
    case Code.SERVER_UNAVAILABLE:
    case Code.SERVER_TIMEOUT:
      return { retryable: true, systemFailure: true, retryAfterMs: error.retryAfterMs };
    case Code.SERVER_ERROR:
      return { retryable: true, systemFailure: true };
    case Code.NOT_FOUND:
    case Code.INVALID_REQUEST:
    case Code.UNKNOWN_FACILITY:
    case Code.UNKNOWN_PAYER:
    case Code.UNKNOWN_CHARGE_CODE:
    case Code.NO_PRICE_ON_DATE:
    case Code.DUPLICATE_ACCOUNT:
    case Code.DUPLICATE_CHARGE:
    case Code.ACCOUNT_CLOSED:
    case Code.IDEMPOTENCY_KEY_REUSED:
    case Code.VERSION_CONFLICT:
    case Code.INVALID_RESPONSE:
      return { retryable: false, systemFailure: false };
  }
}
