import { invalidQuery } from './odata.exception';
import { ODataFilter } from './odata-filter';
import { assertIdentifier } from './odata-names';

type Field<T> = Extract<keyof T, string>;
type Structured<V> =
  NonNullable<V> extends readonly (infer E)[]
    ? E extends object
      ? E
      : never
    : NonNullable<V> extends Date
      ? never
      : NonNullable<V> extends object
        ? NonNullable<V>
        : never;
/** Navigation properties of T: fields holding an object or a collection of objects. */
export type NavigationField<T> = { [P in Field<T>]: [Structured<T[P]>] extends [never] ? never : P }[Field<T>];

/** `$expand` of T: each navigation property either plainly (`true`) or with its own query options. */
export type ExpandOptions<T> = { [P in NavigationField<T>]?: true | QueryOptions<Structured<T[P]>> };

export type SortDirection = 'asc' | 'desc';
export type OrderBy<T> = Field<T> | readonly [Field<T>, SortDirection];

/** System query options ($filter, $select, $expand, $orderby, $top, $skip, $count). */
export interface QueryOptions<T> {
  filter?: ODataFilter<T>;
  select?: readonly Field<T>[];
  expand?: ExpandOptions<T>;
  orderBy?: readonly OrderBy<T>[];
  top?: number;
  skip?: number;
  /** Ask for `@odata.count` (the total matching, across all pages). */
  count?: boolean;
}

/** The query string (with its leading `?`, or empty) for `options`, every value percent-encoded. */
export function buildQueryString<T>(options: QueryOptions<T> = {}): string {
  const parts = systemQueryOptions(options).map(([name, value]) => `${name}=${encodeURIComponent(value)}`);
  return parts.length ? `?${parts.join('&')}` : '';
}

/** The options as `[name, unencoded value]` pairs, in a stable order. */
export function systemQueryOptions<T>(options: QueryOptions<T>): [string, string][] {
  const parts: [string, string][] = [];
  if (options.filter !== undefined) {
    if (!(options.filter instanceof ODataFilter)) throw invalidQuery('$filter must be built with the filter builder');
    parts.push(['$filter', options.filter.expression]);
  }
  if (options.select !== undefined) {
    if (!options.select.length) throw invalidQuery('$select needs at least one property');
    parts.push(['$select', options.select.map((field) => assertIdentifier(field, '$select property')).join(',')]);
  }
  if (options.expand !== undefined) {
    const expand = formatExpand(options.expand);
    if (expand) parts.push(['$expand', expand]);
  }
  if (options.orderBy !== undefined) {
    if (!options.orderBy.length) throw invalidQuery('$orderby needs at least one property');
    parts.push(['$orderby', options.orderBy.map(formatOrderBy).join(',')]);
  }
  if (options.top !== undefined) parts.push(['$top', String(count(options.top, '$top'))]);
  if (options.skip !== undefined) parts.push(['$skip', String(count(options.skip, '$skip'))]);
  if (options.count) parts.push(['$count', 'true']);
  return parts;
}

function formatExpand(expand: Record<string, unknown>): string {
  const items: string[] = [];
  for (const [navigation, options] of Object.entries(expand)) {
    if (options === undefined || options === false) continue;
    assertIdentifier(navigation, '$expand navigation property');
    if (options === true) {
      items.push(navigation);
      continue;
    }
    if (typeof options !== 'object' || options === null) throw invalidQuery(`$expand of ${navigation} needs true or query options`);
    // Nested options are separated by semicolons (OData URL conventions §5.1.3).
    const nested = systemQueryOptions(options as QueryOptions<unknown>).map(([name, value]) => `${name}=${value}`);
    items.push(nested.length ? `${navigation}(${nested.join(';')})` : navigation);
  }
  return items.join(',');
}

function formatOrderBy(order: string | readonly [string, SortDirection]): string {
  if (typeof order === 'string') return assertIdentifier(order, '$orderby property');
  const [field, direction] = order;
  if (direction !== 'asc' && direction !== 'desc') throw invalidQuery('$orderby direction must be asc or desc');
  return `${assertIdentifier(field, '$orderby property')} ${direction}`;
}

function count(value: number, option: string): number {
  if (!Number.isSafeInteger(value) || value < 0) throw invalidQuery(`${option} must be a non-negative integer`);
  return value;
}
