import type { Bundle, OperationOutcome, Resource, ResourceType } from '@medplum/fhirtypes';
import { propagationHeaders } from '@concord/platform';
import { CircuitOpenError, type OutboundLimits, OutboundPolicy } from '../resilience/outbound-policy';
import { FhirConnectorException, FhirConnectorExceptionCode as Code } from './fhir-connector.exception';
import { classifyFhirFailure, errorFor, type FhirInteraction, outcomeMayBeApplied, retryAfterMs } from './fhir-http-errors';
import { resourceTypeOfSearchUrl, type SearchPage, searchPageOf, type SearchParameters, searchQuery } from './fhir-search-page';
import type { AccessTokenSource } from './smart-backend-auth';

export { classifyFhirFailure, retryAfterMs } from './fhir-http-errors';
export type { SearchPage, SearchParameters, SearchParameterValue } from './fhir-search-page';

export interface FhirClientOptions {
  /** Service base URL, e.g. https://ehr.example.org/fhir/R4 (no trailing slash). */
  baseUrl: string;
  timeoutMs: number;
  /** Rate, concurrency, retry and circuit-breaker limits; calls go straight out when absent. */
  limits?: Omit<OutboundLimits, 'timeoutMs'>;
  fetch?: typeof fetch;
  /** Bearer tokens for the EHR (e.g. an EhrTokenProvider for SMART Backend Services); none sent when absent. */
  auth?: AccessTokenSource;
}

export interface CreateOptions {
  /**
   * Conditional create: a search (`identifier=urn:x|42`) that finds the resource if it already
   * exists. It also makes the create safe to retry after a timeout.
   */
  ifNoneExist?: string;
}

export interface UpdateOptions {
  /** Version the update is based on (meta.versionId); sent as `If-Match: W/"<version>"`. */
  ifMatch?: string;
}

/** A resource as the EHR stored it: it has an id, and a version when the server keeps versions. */
export type StoredResource<T extends Resource> = T & { id: string };

/** A resource the caller wants to update: it must name its id. */
export type IdentifiedResource<T extends Resource> = T & { id: string };

const FHIR_JSON = 'application/fhir+json';

interface Exchange {
  method: 'GET' | 'POST' | 'PUT';
  url: string;
  interaction: FhirInteraction;
  body?: Resource;
  headers?: Record<string, string>;
}

interface Answer {
  status: number;
  headers: Headers;
  body: unknown;
}

/**
 * A FHIR R4 REST client: read, search (with _include/_revinclude and paging), create and update
 * (optimistic locking with If-Match), with timeouts, retries, circuit breaker, bulkhead and rate
 * limit, SMART Backend Services bearer tokens, and errors as FhirConnectorException.
 *
 * Retries and writes: reads, searches and updates are retried on retryable failures (PUT is
 * idempotent). When an update with If-Match is retried after a lost answer and the EHR then says
 * 412, the first attempt may have been applied: the client reads the resource and returns it if it
 * equals what was sent. A create is retried only when it is conditional (If-None-Exist), because the
 * EHR then finds the first attempt's resource instead of making a second one; an unconditional
 * create is retried only when the EHR surely did not process it (connection refused, 429, 503) and
 * otherwise fails with OUTCOME_UNKNOWN.
 */
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

  /** GET one resource; it must be of the type asked for and carry its id. */
  async read<T extends Resource>(resourceType: T['resourceType'], id: string): Promise<StoredResource<T>> {
    const resource = await this.resourceFrom({ method: 'GET', url: this.resourceUrl(resourceType, id), interaction: 'read' });
    return expectStored<T>(resource, resourceType);
  }

  /** A searchset Bundle as the server sent it. */
  async search<T extends Resource>(resourceType: ResourceType, parameters: SearchParameters): Promise<Bundle<T>> {
    return this.searchByUrl<T>(this.searchUrl(resourceType, parameters));
  }

  /** One page, split into matches and the resources `_include`/`_revinclude` brought along. */
  async searchPage<T extends Resource>(resourceType: T['resourceType'], parameters: SearchParameters): Promise<SearchPage<T>> {
    return searchPageOf<T>(await this.search(resourceType, parameters), resourceType);
  }

  /** The page a `next` link (or any paging link of this server) points to. */
  async searchPageByUrl<T extends Resource>(url: string, resourceType?: T['resourceType']): Promise<SearchPage<T>> {
    return searchPageOf<T>(await this.searchByUrl(url), resourceType ?? resourceTypeOfSearchUrl(url));
  }

  /** Follows a Bundle paging link; the link must point into this server's base URL. */
  async searchByUrl<T extends Resource>(url: string): Promise<Bundle<T>> {
    if (!this.isOwnUrl(url))
      throw new FhirConnectorException(Code.REQUEST_REJECTED, 'Paging link does not belong to the configured FHIR server');
    const bundle = await this.resourceFrom({ method: 'GET', url, interaction: 'search' });
    if (bundle.resourceType !== 'Bundle')
      throw new FhirConnectorException(Code.INVALID_RESPONSE, `Expected a Bundle, got a ${bundle.resourceType}`);
    return bundle as Bundle<T>;
  }

  /**
   * Every page of a search, following `next` links until there is none (for reconciliation). A
   * server that sends a page's own link again as `next` is refused rather than followed forever.
   */
  async *pages<T extends Resource>(
    resourceType: T['resourceType'],
    parameters: SearchParameters,
    options: { maxPages?: number } = {},
  ): AsyncGenerator<SearchPage<T>, void, undefined> {
    const seen = new Set<string>();
    let url: string | undefined = this.searchUrl(resourceType, parameters);
    for (let count = 0; url; count++) {
      if (options.maxPages !== undefined && count >= options.maxPages) return;
      if (seen.has(url)) throw new FhirConnectorException(Code.INVALID_RESPONSE, 'The EHR’s paging links go round in a circle');
      seen.add(url);
      const page: SearchPage<T> = await this.searchPageByUrl<T>(url, resourceType);
      yield page;
      url = page.next;
    }
  }

  /** Every matching resource across all pages. */
  async *resources<T extends Resource>(resourceType: T['resourceType'], parameters: SearchParameters): AsyncGenerator<T, void, undefined> {
    for await (const page of this.pages<T>(resourceType, parameters)) yield* page.matches;
  }

  /**
   * POST: creates the resource and returns it as stored (id, and meta.versionId when the server
   * versions; taken from the ETag if the body lacks it). See the class comment for retries.
   */
  async create<T extends Resource>(resource: T, options: CreateOptions = {}): Promise<StoredResource<T>> {
    const conditional = options.ifNoneExist !== undefined;
    const stored = await this.resourceFrom(
      {
        method: 'POST',
        url: `${this.options.baseUrl}/${resource.resourceType}`,
        interaction: conditional ? 'conditional-create' : 'create',
        body: resource,
        headers: conditional ? { 'if-none-exist': options.ifNoneExist! } : {},
      },
      { repeatable: conditional },
    );
    return expectStored<T>(stored, resource.resourceType);
  }

  /** PUT: replaces the resource; with `ifMatch`, only if the EHR still holds that version (else VERSION_CONFLICT). */
  async update<T extends Resource>(resource: IdentifiedResource<T>, options: UpdateOptions = {}): Promise<StoredResource<T>> {
    if (!resource.id) throw new FhirConnectorException(Code.REQUEST_REJECTED, 'An update needs the resource id');
    let answerLost = false;
    try {
      const stored = await this.resourceFrom(
        {
          method: 'PUT',
          url: this.resourceUrl(resource.resourceType, resource.id),
          interaction: 'update',
          body: resource,
          headers: options.ifMatch ? { 'if-match': `W/"${options.ifMatch}"` } : {},
        },
        {
          repeatable: true,
          onAmbiguousFailure: () => {
            answerLost = true;
          },
        },
      );
      return expectStored<T>(stored, resource.resourceType);
    } catch (error) {
      // The first attempt may have been applied and bumped the version: then the EHR holds what we sent.
      if (answerLost && error instanceof FhirConnectorException && error.code === Code.VERSION_CONFLICT) {
        const current = await this.read<T>(resource.resourceType, resource.id);
        if (sameContent(current, resource)) return current;
      }
      throw error;
    }
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
    return this.resourceFrom({ method: 'GET', url: `${this.options.baseUrl}/metadata`, interaction: 'read' });
  }

  private resourceUrl(resourceType: string, id: string): string {
    return `${this.options.baseUrl}/${resourceType}/${encodeURIComponent(id)}`;
  }

  private searchUrl(resourceType: ResourceType, parameters: SearchParameters): string {
    return `${this.options.baseUrl}/${resourceType}?${searchQuery(parameters)}`;
  }

  /**
   * One logical call: through the outbound policy, with one fresh-token retry after a 401. A write
   * that is not `repeatable` turns an ambiguous failure into OUTCOME_UNKNOWN, which is never retried.
   */
  private async resourceFrom(
    exchange: Exchange,
    write: { repeatable: boolean; onAmbiguousFailure?: () => void } = { repeatable: true },
  ): Promise<Resource> {
    let refusedToken: string | undefined;
    const attempt = async (): Promise<Resource | ReadBack> => {
      const token = this.options.auth ? await this.options.auth.accessToken() : undefined;
      let requestSent = false;
      try {
        const answer = await this.send(exchange, token, () => {
          requestSent = true;
        });
        return this.resourceOf(answer, exchange);
      } catch (error) {
        if (!(error instanceof FhirConnectorException)) throw error;
        if (error.code === Code.UNAUTHORIZED && error.httpStatus === 401) refusedToken = token;
        if (exchange.method !== 'GET' && outcomeMayBeApplied(error, requestSent)) {
          write.onAmbiguousFailure?.();
          if (!write.repeatable) {
            throw new FhirConnectorException(
              Code.OUTCOME_UNKNOWN,
              `The EHR gave no verdict on the ${exchange.method} (${error.code}); it may have applied it`,
              error.httpStatus,
              { cause: error },
            );
          }
        }
        throw error;
      }
    };
    let result: Resource | ReadBack;
    try {
      result = await this.throughPolicy(attempt);
    } catch (error) {
      // A 401 means the token expired or was revoked early: one more try with a fresh token.
      if (refusedToken === undefined || !this.options.auth) throw error;
      this.options.auth.invalidate(refusedToken);
      result = await this.throughPolicy(attempt);
    }
    if (!('readBack' in result)) return result;
    const { resourceType, id } = result.readBack;
    return this.resourceFrom({ method: 'GET', url: this.resourceUrl(resourceType, id), interaction: 'read' });
  }

  private async throughPolicy<R>(attempt: () => Promise<R>): Promise<R> {
    if (!this.policy) return attempt();
    try {
      return await this.policy.execute(attempt);
    } catch (error) {
      if (error instanceof CircuitOpenError)
        throw new FhirConnectorException(Code.SERVER_UNAVAILABLE, 'The EHR is failing repeatedly; calls are paused', undefined, {
          cause: error,
        });
      throw error;
    }
  }

  private async send(exchange: Exchange, token: string | undefined, markSent: () => void): Promise<Answer> {
    const headers: Record<string, string> = {
      accept: FHIR_JSON,
      ...propagationHeaders(),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(exchange.body ? { 'content-type': FHIR_JSON, prefer: 'return=representation' } : {}),
      ...exchange.headers,
    };
    try {
      const response = await this.fetchImpl(exchange.url, {
        method: exchange.method,
        headers,
        ...(exchange.body ? { body: JSON.stringify(exchange.body) } : {}),
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      markSent();
      // Inside the try: a body that stalls or is cut off mid-way is a transport failure too.
      return { status: response.status, headers: response.headers, body: await readJson(response) };
    } catch (error) {
      if (error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
        // A timeout may strike after the request left: its fate is unknown.
        markSent();
        throw new FhirConnectorException(Code.SERVER_TIMEOUT, `The EHR did not answer within ${this.options.timeoutMs} ms`, undefined, {
          cause: error,
        });
      }
      if (!neverConnected(error)) markSent();
      throw new FhirConnectorException(Code.SERVER_UNAVAILABLE, 'The EHR could not be reached', undefined, { cause: error });
    }
  }

  /** The resource in a successful answer; a write answered without a body names where to read it. */
  private resourceOf(answer: Answer, exchange: Exchange): Resource | ReadBack {
    if (answer.status < 200 || answer.status >= 300) {
      throw errorFor(
        answer.status,
        answer.body as OperationOutcome | undefined,
        exchange.interaction,
        retryAfterMs(answer.headers.get('retry-after')),
      );
    }
    const body = isResource(answer.body) && answer.body.resourceType !== 'OperationOutcome' ? answer.body : undefined;
    if (exchange.method === 'GET' || !exchange.body) {
      if (!body)
        throw new FhirConnectorException(
          Code.INVALID_RESPONSE,
          'The EHR answered with something that is not a FHIR resource',
          answer.status,
        );
      return body;
    }
    const version = versionFromEtag(answer.headers.get('etag'));
    if (!body) return readBackOf(answer, exchange.body.resourceType);
    if (version && !body.meta?.versionId) return { ...body, meta: { ...body.meta, versionId: version } };
    return body;
  }
}

/** Where to read a resource the EHR stored without sending it back. */
interface ReadBack {
  readBack: { resourceType: string; id: string };
}

/** Servers that honour only `Prefer: return=minimal` answer a write with a Location header. */
function readBackOf(answer: Answer, resourceType: string): ReadBack {
  const location = answer.headers.get('location') ?? answer.headers.get('content-location');
  const match = location ? /(?:^|\/)([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/[^/?#]+)?\/?(?:[?#].*)?$/.exec(location) : null;
  if (!match || match[1] !== resourceType)
    throw new FhirConnectorException(
      Code.INVALID_RESPONSE,
      'The EHR accepted the write but sent neither the resource nor its Location',
      answer.status,
    );
  return { readBack: { resourceType, id: match[2] } };
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

function isResource(body: unknown): body is Resource {
  return !!body && typeof body === 'object' && !Array.isArray(body) && typeof (body as Resource).resourceType === 'string';
}

function expectType<T extends Resource>(resource: Resource, resourceType: string): T {
  if (resource.resourceType !== resourceType) {
    throw new FhirConnectorException(Code.INVALID_RESPONSE, `Expected a ${resourceType}, got a ${resource.resourceType}`);
  }
  return resource as T;
}

function expectStored<T extends Resource>(resource: Resource, resourceType: string): StoredResource<T> {
  const typed = expectType<T>(resource, resourceType);
  if (!typed.id) throw new FhirConnectorException(Code.INVALID_RESPONSE, `The EHR sent the ${resourceType} without its id`);
  return typed as StoredResource<T>;
}

/** `W/"3"` or `"3"` → 3. */
function versionFromEtag(etag: string | null): string | undefined {
  return etag ? /^(?:W\/)?"([^"]+)"$/.exec(etag.trim())?.[1] : undefined;
}

/** Errors of a connection that was never made: the request cannot have reached the server. */
function neverConnected(error: unknown): boolean {
  const codes = ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT'];
  for (let cause = error, depth = 0; cause && depth < 5; depth++) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string' && codes.includes(code)) return true;
    cause = (cause as { cause?: unknown }).cause;
  }
  return false;
}

/** Same resource content, ignoring what the server manages itself (meta, narrative). */
function sameContent(stored: Resource, sent: Resource): boolean {
  const strip = (resource: Resource): unknown => {
    const { meta: _meta, text: _text, ...rest } = resource as Resource & { meta?: unknown; text?: unknown };
    return rest;
  };
  return canonicalJson(strip(stored)) === canonicalJson(strip(sent));
}

function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    item && typeof item === 'object' && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : item,
  );
}
