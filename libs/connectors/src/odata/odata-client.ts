import type { EdmType, LiteralValue } from './edm-literal';
import { type BoundEntity, type EntityKey, type EntitySet, entityPath } from './entity-set';
import { ODataException, ODataExceptionCode as Code } from './odata.exception';
import { type BatchFormat, ODataBatch } from './odata-batch';
import { parseJsonBody } from './odata-error';
import { assertOperationName } from './odata-names';
import {
  entityFromText,
  functionCall,
  ifMatch,
  type ODataEntity,
  type ODataInput,
  type ODataPage,
  pageFrom,
  unwrapValue,
} from './odata-payload';
import { buildQueryString, type ExpandOptions, type QueryOptions } from './odata-query';
import { ODataSession, type ODataSessionOptions } from './odata-session';
import { normaliseServiceRoot } from './service-root';

type Field<T> = Extract<keyof T, string>;

export interface ODataClientOptions extends ODataSessionOptions {
  /** The service root, e.g. https://s4.example.com/sap/opu/odata4/sap/api_purchaseorder_process_srv/0001 */
  serviceRoot: string;
}

export interface ReadOptions<T> {
  select?: readonly Field<T>[];
  expand?: ExpandOptions<T>;
}

export interface WriteOptions {
  /** The entity's `@odata.etag` as read (sent as If-Match), or `*` to overwrite whatever is there. */
  etag?: string;
}

const JSON_BODY = 'application/json;IEEE754Compatible=true';
const DEFAULT_MAX_PAGES = 10_000;

/**
 * An OData v4 client for one service root: typed queries, server-driven paging, CRUD with ETag
 * concurrency, actions, functions and $batch. Clients made with `forService` share one session
 * (credentials, cookies, CSRF token, rate limit and circuit breaker) with this one.
 */
export class ODataClient {
  readonly serviceRoot: string;
  readonly session: ODataSession;

  constructor(options: ODataClientOptions | { serviceRoot: string; session: ODataSession }) {
    this.serviceRoot = normaliseServiceRoot(options.serviceRoot);
    this.session = 'session' in options ? options.session : new ODataSession(options);
  }

  /** A client for another service of the same system, sharing this client's session. */
  forService(serviceRoot: string): ODataClient {
    return new ODataClient({ serviceRoot, session: this.session });
  }

  get circuitState(): string {
    return this.session.circuitState;
  }

  /** One page of `set` matching `options`. */
  async query<T extends object, K extends Field<T>>(set: EntitySet<T, K>, options: QueryOptions<T> = {}): Promise<ODataPage<T>> {
    return this.page<T>(this.url(`${set.name}${buildQueryString(options)}`));
  }

  /** Every page, following `@odata.nextLink` (refused if it leaves the service root, or repeats). */
  async *pages<T extends object, K extends Field<T>>(
    set: EntitySet<T, K>,
    options: QueryOptions<T> = {},
    { maxPages = DEFAULT_MAX_PAGES }: { maxPages?: number } = {},
  ): AsyncGenerator<ODataPage<T>, void, undefined> {
    let url: string | undefined = this.url(`${set.name}${buildQueryString(options)}`);
    const seen = new Set<string>();
    for (let pageNumber = 1; url; pageNumber++) {
      if (pageNumber > maxPages) throw new ODataException(Code.INVALID_RESPONSE, `Paging stopped after ${maxPages} pages`);
      seen.add(url);
      const page: ODataPage<T> = await this.page<T>(url);
      yield page;
      url = page.nextLink;
      if (url && seen.has(url)) throw new ODataException(Code.INVALID_RESPONSE, 'The server sent a paging link it had already sent');
    }
  }

  /** Every entity of every page, one at a time. */
  async *all<T extends object, K extends Field<T>>(
    set: EntitySet<T, K>,
    options: QueryOptions<T> = {},
  ): AsyncGenerator<ODataEntity<T>, void, undefined> {
    for await (const page of this.pages(set, options)) yield* page.value;
  }

  /** One entity by key (single or composite). NOT_FOUND when there is none. */
  async read<T extends object, K extends Field<T>>(
    set: EntitySet<T, K>,
    key: EntityKey<T, K>,
    options: ReadOptions<T> = {},
  ): Promise<ODataEntity<T>> {
    const response = await this.session.send({
      method: 'GET',
      url: this.url(`${entityPath(set, key)}${buildQueryString(options)}`),
      csrfUrl: this.serviceRoot,
    });
    return entityFromText<T>(response.text, response.headers);
  }

  /** Creates an entity (deep insert when navigation collections are given) and returns it as stored. */
  async create<T extends object, K extends Field<T>>(set: EntitySet<T, K>, body: ODataInput<T>): Promise<ODataEntity<T>> {
    const response = await this.session.send({
      method: 'POST',
      url: this.url(set.name),
      headers: { 'content-type': JSON_BODY, prefer: 'return=representation' },
      body: JSON.stringify(body),
      csrfUrl: this.serviceRoot,
    });
    return entityFromText<T>(response.text, response.headers);
  }

  /**
   * PATCHes an entity. Pass the `@odata.etag` it was read with: a change by someone else in between
   * is PRECONDITION_FAILED; a server that insists on an ETag answers PRECONDITION_REQUIRED without one.
   * Undefined when the server answered 204 without the entity.
   */
  async update<T extends object, K extends Field<T>>(
    set: EntitySet<T, K>,
    key: EntityKey<T, K>,
    patch: ODataInput<T>,
    options: WriteOptions = {},
  ): Promise<ODataEntity<T> | undefined> {
    const response = await this.session.send({
      method: 'PATCH',
      url: this.url(entityPath(set, key)),
      headers: { 'content-type': JSON_BODY, prefer: 'return=representation', ...ifMatch(options.etag) },
      body: JSON.stringify(patch),
      csrfUrl: this.serviceRoot,
    });
    return response.status === 204 || !response.text ? undefined : entityFromText<T>(response.text, response.headers);
  }

  /** Deletes an entity, with its ETag when the server checks one. */
  async delete<T extends object, K extends Field<T>>(
    set: EntitySet<T, K>,
    key: EntityKey<T, K>,
    options: WriteOptions = {},
  ): Promise<void> {
    await this.session.send({
      method: 'DELETE',
      url: this.url(entityPath(set, key)),
      headers: ifMatch(options.etag),
      csrfUrl: this.serviceRoot,
    });
  }

  /**
   * Invokes an action (POST), unbound or bound to one entity (then with that entity's ETag, which
   * servers check for bound actions). Returns the result (`value` unwrapped), undefined for none.
   */
  async action<R = unknown>(name: string, parameters: Record<string, unknown> = {}, bound?: BoundEntity): Promise<R | undefined> {
    assertOperationName(name, 'action name');
    const path = bound ? `${bound.path}/${name}` : name;
    const response = await this.session.send({
      method: 'POST',
      url: this.url(path),
      headers: { 'content-type': JSON_BODY, ...ifMatch(bound?.etag) },
      body: JSON.stringify(parameters),
      csrfUrl: this.serviceRoot,
    });
    const body = parseJsonBody(response.text);
    return body === undefined ? undefined : (unwrapValue(body) as R);
  }

  /** Invokes a function (GET), parameters written as typed literals in the URL; `value` unwrapped. */
  async function<R = unknown>(
    name: string,
    parameters: Record<string, LiteralValue> = {},
    options: { types?: Record<string, EdmType>; bound?: BoundEntity } = {},
  ): Promise<R> {
    const call = functionCall(name, parameters, options.types);
    const path = options.bound ? `${options.bound.path}/${call}` : call;
    const response = await this.session.send({ method: 'GET', url: this.url(path), csrfUrl: this.serviceRoot });
    const body = parseJsonBody(response.text);
    if (body === undefined) throw new ODataException(Code.INVALID_RESPONSE, `Function ${name} answered with no JSON result`);
    return unwrapValue(body) as R;
  }

  /** A $batch to fill and send: reads outside change sets, writes inside atomic change sets. */
  batch(format: BatchFormat = 'json'): ODataBatch {
    return new ODataBatch(this.session, this.serviceRoot, format);
  }

  private url(relative: string): string {
    return `${this.serviceRoot}/${relative}`;
  }

  private async page<T>(url: string): Promise<ODataPage<T>> {
    const response = await this.session.send({ method: 'GET', url, csrfUrl: this.serviceRoot });
    return pageFrom<T>(parseJsonBody(response.text), this.serviceRoot);
  }
}
