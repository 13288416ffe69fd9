import { propagationHeaders } from '@concord/platform';
import { CircuitOpenError, type OutboundFailure, type OutboundLimits, OutboundPolicy } from '../resilience/outbound-policy';
import { WorkforceConnectorException, WorkforceConnectorExceptionCode as Code } from './workforce-connector.exception';

export interface WorkforceHttpOptions {
  /** Base URL, no trailing slash. */
  baseUrl: string;
  timeoutMs: number;
  limits?: Omit<OutboundLimits, 'timeoutMs'>;
  fetch?: typeof fetch;
}

export interface HttpAnswer {
  status: number;
  body: unknown;
  headers: Headers;
}

type ErrorMapper = (status: number, body: unknown, retryAfterMs: number | undefined) => WorkforceConnectorException;

/**
 * The HTTP exchange both HR clients share: JSON (or SCIM JSON) over fetch with a per-call timeout,
 * propagation headers, and the outbound policy. A write without an idempotency key that times out
 * or loses its connection is marked ambiguous and not retried.
 */
export class WorkforceHttp {
  private readonly fetchImpl: typeof fetch;
  private readonly policy?: OutboundPolicy;

  constructor(
    private readonly options: WorkforceHttpOptions,
    private readonly mediaType: string,
    private readonly mapError: ErrorMapper,
    private readonly system: string,
  ) {
    this.fetchImpl = options.fetch ?? fetch;
    if (options.limits)
      this.policy = new OutboundPolicy({ ...options.limits, timeoutMs: options.timeoutMs + 1_000 }, classifyWorkforceFailure);
  }

  get circuitState(): string {
    return this.policy?.circuitState ?? 'none';
  }

  async send(
    method: string,
    path: string,
    request: { query?: Record<string, string | number | undefined>; body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<HttpAnswer> {
    const once = () => this.sendOnce(method, path, request);
    if (!this.policy) return once();
    try {
      return await this.policy.execute(once);
    } catch (error) {
      if (error instanceof CircuitOpenError)
        throw new WorkforceConnectorException(
          Code.SERVER_UNAVAILABLE,
          `The ${this.system} is failing repeatedly; calls are paused`,
          undefined,
          { cause: error },
        );
      throw error;
    }
  }

  private async sendOnce(
    method: string,
    path: string,
    request: { query?: Record<string, string | number | undefined>; body?: unknown; headers?: Record<string, string> },
  ): Promise<HttpAnswer> {
    const url = new URL(`${this.options.baseUrl}${path}`);
    for (const [name, value] of Object.entries(request.query ?? {})) if (value !== undefined) url.searchParams.set(name, String(value));
    const headers: Record<string, string> = { accept: this.mediaType, ...propagationHeaders(), ...request.headers };
    if (request.body !== undefined) headers['content-type'] = this.mediaType;
    const keyed = headers['idempotency-key'] !== undefined;
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
      const ambiguous = method !== 'GET' && !keyed;
      if (error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
        throw new WorkforceConnectorException(
          Code.SERVER_TIMEOUT,
          `The ${this.system} did not answer within ${this.options.timeoutMs} ms`,
          undefined,
          { cause: error, ambiguous },
        );
      }
      throw new WorkforceConnectorException(Code.SERVER_UNAVAILABLE, `The ${this.system} could not be reached`, undefined, {
        cause: error,
        ambiguous,
      });
    }
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = undefined;
    }
    if (!response.ok) throw this.mapError(response.status, body, retryAfterMs(response.headers.get('retry-after')));
    if (response.status !== 204 && (body === null || typeof body !== 'object')) {
      throw new WorkforceConnectorException(
        Code.INVALID_RESPONSE,
        `The ${this.system} answered ${method} with something that is not a JSON object`,
        response.status,
      );
    }
    return { status: response.status, body, headers: response.headers };
  }
}

export function retryAfterMs(header: string | null): number | undefined {
  if (!header) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

export function classifyWorkforceFailure(error: unknown): OutboundFailure {
  if (!(error instanceof WorkforceConnectorException)) return { retryable: false, systemFailure: false };
  switch (error.code) {
    case Code.SERVER_THROTTLED:
      return { retryable: true, systemFailure: false, retryAfterMs: error.retryAfterMs };
    case Code.SERVER_UNAVAILABLE:
    case Code.SERVER_TIMEOUT:
      return { retryable: !error.ambiguous, systemFailure: true, retryAfterMs: error.retryAfterMs };
    case Code.SERVER_ERROR:
      return { retryable: !error.ambiguous, systemFailure: true };
    case Code.NOT_FOUND:
    case Code.INVALID_REQUEST:
    case Code.CONFLICT:
    case Code.INVALID_STATE:
    case Code.VERSION_CONFLICT:
    case Code.IDEMPOTENCY_KEY_REUSED:
    case Code.NOT_SUPPORTED:
    case Code.INVALID_RESPONSE:
      return { retryable: false, systemFailure: false };
  }
}

/** A record id as one URL path segment. */
export function pathSegment(id: string, what: string): string {
  if (!id || id === '.' || id === '..' || id.length > 64) {
    throw new WorkforceConnectorException(Code.INVALID_REQUEST, `${what} must be a 1-64 character id`, undefined, {
      fieldErrors: [{ in: 'path', name: 'id', detail: 'not a record id' }],
    });
  }
  return encodeURIComponent(id);
}

/** Maps a vendor record, turning anything unreadable into INVALID_RESPONSE instead of a crash. */
export function readRecord<V, C>(record: V, mapper: (value: V) => C, what: string): C {
  try {
    return mapper(record);
  } catch (error) {
    if (error instanceof WorkforceConnectorException) throw error;
    throw new WorkforceConnectorException(Code.INVALID_RESPONSE, `The HR system sent a ${what} Concord cannot read`, undefined, {
      cause: error,
    });
  }
}
