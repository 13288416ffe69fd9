import type { Bundle, OperationOutcome, Resource, ResourceType } from '@medplum/fhirtypes';
import { propagationHeaders } from '@concord/platform';
import { CircuitOpenError, type OutboundFailure, type OutboundLimits, OutboundPolicy } from '../resilience/outbound-policy';
import { FhirConnectorException, FhirConnectorExceptionCode as Code } from './fhir-connector.exception';

export interface FhirClientOptions {
  /** Service base URL, e.g. https://ehr.example.org/fhir/R4 (no trailing slash). */
  baseUrl: string;
  timeoutMs: number;
  /** Rate, concurrency, retry and circuit-breaker limits; calls go straight out when absent. */
  limits?: Omit<OutboundLimits, 'timeoutMs'>;
  fetch?: typeof fetch;
}

export type SearchParameters = Record<string, string | number | undefined>;

const ACCEPT = 'application/fhir+json';

/** A FHIR R4 REST client: read and search, with timeouts and errors as FhirConnectorException. */
export class FhirClient {
  private readonly fetchImpl: typeof fetch;
  private readonly policy?: OutboundPolicy;

  constructor(private readonly options: FhirClientOptions) {
    this.fetchImpl = options.fetch ?? fetch;
    // The policy's own per-attempt timeout is a backstop; each fetch carries the precise one.
    if (options.limits) this.policy = new OutboundPolicy({ ...options.limits, timeoutMs: options.timeoutMs + 1_000 }, classifyFhirFailure);
  }

  /** closed, open or half-open; "none" without limits. */
  get circuitState(): string {
    return this.policy?.circuitState ?? 'none';
  }

  get baseUrl(): string {
    return this.options.baseUrl;
  }

  async read<T extends Resource>(resourceType: T['resourceType'], id: string): Promise<T> {
    const resource = await this.get(`${this.options.baseUrl}/${resourceType}/${encodeURIComponent(id)}`);
    if (resource.resourceType !== resourceType) {
      throw new FhirConnectorException(Code.INVALID_RESPONSE, `Expected a ${resourceType}, got a ${resource.resourceType}`);
    }
    return resource as T;
  }

  async search<T extends Resource>(resourceType: ResourceType, parameters: SearchParameters): Promise<Bundle<T>> {
    const query = new URLSearchParams();
    for (const [name, value] of Object.entries(parameters)) if (value !== undefined) query.append(name, String(value));
    return this.searchByUrl<T>(`${this.options.baseUrl}/${resourceType}?${query.toString()}`);
  }

  /** Follows a Bundle paging link; the link must point into this server's base URL. */
  async searchByUrl<T extends Resource>(url: string): Promise<Bundle<T>> {
    if (!this.isOwnUrl(url))
      throw new FhirConnectorException(Code.REQUEST_REJECTED, 'Paging link does not belong to the configured FHIR server');
    const bundle = await this.get(url);
    if (bundle.resourceType !== 'Bundle')
      throw new FhirConnectorException(Code.INVALID_RESPONSE, `Expected a Bundle, got a ${bundle.resourceType}`);
    return bundle as Bundle<T>;
  }

  /**
   * Whether a URL lies under this server's base. Dot segments are refused outright: fetch would
   * resolve `base/../admin` (or `%2e%2e`) to a path outside the base after a prefix check passed.
   */
  isOwnUrl(url: string): boolean {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return false;
    }
    const base = new URL(this.options.baseUrl);
    if (parsed.origin !== base.origin || parsed.username || parsed.password) return false;
    const rawPath = url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '').split(/[?#]/)[0] ?? '';
    if (rawPath.split('/').some((segment) => /^(\.|%2e){1,2}$/i.test(segment))) return false;
    const basePath = base.pathname.replace(/\/$/, '');
    return parsed.pathname === basePath || parsed.pathname.startsWith(`${basePath}/`);
  }

  async capabilities(): Promise<Resource> {
    return this.get(`${this.options.baseUrl}/metadata`);
  }

  private async get(url: string): Promise<Resource> {
    if (!this.policy) return this.getOnce(url);
    try {
      return await this.policy.execute(() => this.getOnce(url));
    } catch (error) {
      if (error instanceof CircuitOpenError)
        throw new FhirConnectorException(Code.SERVER_UNAVAILABLE, 'The EHR is failing repeatedly; calls are paused', undefined, {
          cause: error,
        });
      throw error;
    }
  }

  private async getOnce(url: string): Promise<Resource> {
    let response: Response;
    let body: unknown;
    try {
      response = await this.fetchImpl(url, {
        headers: { accept: ACCEPT, ...propagationHeaders() },
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      // Inside the try: a body that stalls or is cut off mid-way is a transport failure too.
      body = await readJson(response);
    } catch (error) {
      if (error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
        throw new FhirConnectorException(Code.SERVER_TIMEOUT, `The EHR did not answer within ${this.options.timeoutMs} ms`, undefined, {
          cause: error,
        });
      }
      throw new FhirConnectorException(Code.SERVER_UNAVAILABLE, 'The EHR could not be reached', undefined, { cause: error });
    }
    if (response.ok) {
      if (!body || typeof body !== 'object' || typeof (body as Resource).resourceType !== 'string') {
        throw new FhirConnectorException(
          Code.INVALID_RESPONSE,
          'The EHR answered with something that is not a FHIR resource',
          response.status,
        );
      }
      return body as Resource;
    }
    throw errorFor(response.status, body as OperationOutcome | undefined, retryAfterMs(response.headers.get('retry-after')));
  }
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Retry-After as delay-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function retryAfterMs(header: string | null): number | undefined {
  if (!header) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** Which FHIR failures are worth retrying, and which mean the EHR itself is failing. */
export function classifyFhirFailure(error: unknown): OutboundFailure {
  if (!(error instanceof FhirConnectorException)) return { retryable: false, systemFailure: false };
  switch (error.code) {
    case Code.SERVER_THROTTLED:
      return { retryable: true, systemFailure: false, retryAfterMs: error.retryAfterMs };
    case Code.SERVER_UNAVAILABLE:
    case Code.SERVER_TIMEOUT:
      return { retryable: true, systemFailure: true, retryAfterMs: error.retryAfterMs };
    case Code.SERVER_ERROR:
      return { retryable: true, systemFailure: true };
    case Code.RESOURCE_NOT_FOUND:
    case Code.RESOURCE_GONE:
    case Code.REQUEST_REJECTED:
    case Code.INVALID_RESPONSE:
      return { retryable: false, systemFailure: false };
  }
}

function errorFor(status: number, outcome: OperationOutcome | undefined, retryAfter?: number): FhirConnectorException {
  const text = outcome?.issue?.[0]?.details?.text ?? outcome?.issue?.[0]?.diagnostics;
  const suffix = text ? `: ${text}` : '';
  if (status === 404) return new FhirConnectorException(Code.RESOURCE_NOT_FOUND, `The EHR has no such resource${suffix}`, status);
  if (status === 410) return new FhirConnectorException(Code.RESOURCE_GONE, `The resource was deleted at the EHR${suffix}`, status);
  if (status === 429) {
    return new FhirConnectorException(Code.SERVER_THROTTLED, 'The EHR refused the call: its rate limit was reached', status, {
      retryAfterMs: retryAfter,
    });
  }
  if (status === 503 || status === 502) {
    return new FhirConnectorException(Code.SERVER_UNAVAILABLE, `The EHR is unavailable (${status})`, status, { retryAfterMs: retryAfter });
  }
  if (status === 504) return new FhirConnectorException(Code.SERVER_TIMEOUT, 'The EHR timed out', status);
  if (status >= 400 && status < 500)
    return new FhirConnectorException(Code.REQUEST_REJECTED, `The EHR rejected the request (${status})${suffix}`, status);
  return new FhirConnectorException(Code.SERVER_ERROR, `The EHR failed (${status})`, status);
}
