import { encodeLiteral, type EdmType, formatLiteral, type LiteralValue } from './edm-literal';
import { ODataException, ODataExceptionCode as Code } from './odata.exception';
import { parseJsonBody } from './odata-error';
import { assertIdentifier, assertOperationName } from './odata-names';
import { resolveNextLink } from './service-root';

/** An entity as the server sent it, with its control information (`@odata.etag`). */
export type ODataEntity<T> = T & { '@odata.etag'?: string };

/** What may be sent to create an entity: any subset of its fields, navigation collections for a deep insert. */
export type ODataInput<T> = { [P in keyof T]?: NonNullable<T[P]> extends readonly (infer E)[] ? ODataInput<E>[] : T[P] };

/** One page of a collection. */
export interface ODataPage<T> {
  value: ODataEntity<T>[];
  /** `@odata.count`, when `count: true` was asked. */
  count?: number;
  /** The absolute URL of the next page (already checked to lie under the service root). */
  nextLink?: string;
}

/** A collection answer as a page; the next link resolved and checked. */
export function pageFrom<T>(body: unknown, serviceRoot: string): ODataPage<T> {
  if (typeof body !== 'object' || body === null || !Array.isArray((body as { value?: unknown }).value))
    throw new ODataException(Code.INVALID_RESPONSE, 'The OData service answered a collection request without a value array');
  const collection = body as { value: ODataEntity<T>[]; '@odata.count'?: unknown; '@odata.nextLink'?: unknown };
  const page: ODataPage<T> = { value: collection.value };
  const count = collection['@odata.count'];
  if (typeof count === 'number' || (typeof count === 'string' && /^\d+$/.test(count))) page.count = Number(count);
  if (collection['@odata.nextLink'] !== undefined && collection['@odata.nextLink'] !== null)
    page.nextLink = resolveNextLink(serviceRoot, collection['@odata.nextLink']);
  return page;
}

/** A single-entity answer; its ETag taken from the ETag header when the body has none. */
export function entityFrom<T>(body: unknown, etagHeader?: string | null): ODataEntity<T> {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new ODataException(Code.INVALID_RESPONSE, 'The OData service answered with something that is not an entity');
  const entity = body as ODataEntity<T>;
  if (entity['@odata.etag'] === undefined && etagHeader) entity['@odata.etag'] = etagHeader;
  return entity;
}

/** Parses a single-entity answer body. */
export function entityFromText<T>(text: string, headers: Headers): ODataEntity<T> {
  return entityFrom<T>(parseJsonBody(text), headers.get('etag'));
}

/** The ETag an entity was read with, for If-Match. */
export function etagOf(entity: { '@odata.etag'?: string }): string | undefined {
  return entity['@odata.etag'];
}

/** The If-Match header for an ETag (none when undefined). */
export function ifMatch(etag: string | undefined): Record<string, string> {
  if (etag === undefined) return {};
  // A header value cannot carry line breaks; an ETag never legitimately does.
  if (typeof etag !== 'string' || /[\r\n]/.test(etag)) throw new ODataException(Code.INVALID_QUERY, 'ETag is not a single-line string');
  return { 'if-match': etag };
}

/** Operation results come as `{ value: … }` for collections and primitives, bare for entities. */
export function unwrapValue(body: unknown): unknown {
  if (typeof body !== 'object' || body === null || Array.isArray(body) || !('value' in body)) return body;
  const annotationsOnly = Object.keys(body).every((key) => key === 'value' || key.startsWith('@'));
  return annotationsOnly ? body.value : body;
}

/** `Name(P1='x',P2=2026-01-31)`: a function call with its parameters as typed, encoded literals. */
export function functionCall(name: string, parameters: Record<string, LiteralValue>, types: Record<string, EdmType> = {}): string {
  assertOperationName(name, 'function name');
  const list = Object.entries(parameters).map(
    ([parameter, value]) =>
      `${assertIdentifier(parameter, 'function parameter')}=${encodeLiteral(formatLiteral(value, types[parameter], `parameter ${parameter} of ${name}`))}`,
  );
  return `${name}(${list.join(',')})`;
}
