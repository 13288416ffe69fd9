import { formatLiteral, type LiteralValue, type TypedValue } from './edm-literal';
import type { EntitySet, FieldTypes } from './entity-set';
import { invalidQuery } from './odata.exception';
import { assertIdentifier } from './odata-names';

const MINT = Symbol('odata.filter.mint');

/**
 * A `$filter` expression. Only the builder makes these, so every literal in one has been escaped by
 * EDM type and every name checked: there is no way to splice raw text into a filter.
 */
export class ODataFilter<T = unknown> {
  /** Phantom: ties a filter to the entity type it was built for. */
  declare readonly __entity?: T;

  constructor(
    token: typeof MINT,
    readonly expression: string,
    /** Needs parentheses when combined (and/or/not at its top). */
    readonly compound: boolean,
  ) {
    if (token !== MINT) throw invalidQuery('filters are made by the filter builder only');
  }

  toString(): string {
    return this.expression;
  }
}

type Field<T> = Extract<keyof T, string>;
type Primitive = string | number | bigint | boolean | Date;
/** The fields of T holding text (contains/startswith/endswith apply to these). */
type TextField<T> = { [P in Field<T>]: NonNullable<T[P]> extends string ? P : never }[Field<T>];
/** The collection-valued navigation properties of T. */
type CollectionField<T> = { [P in Field<T>]: NonNullable<T[P]> extends readonly object[] ? P : never }[Field<T>];
type ElementOf<V> = NonNullable<V> extends readonly (infer E)[] ? E : never;
/** What a field may be compared with: its own JSON type, an explicitly typed literal, or null. */
export type FilterValue<V> = (NonNullable<V> extends Primitive ? NonNullable<V> : never) | TypedValue | null;

export interface FilterBuilder<T> {
  eq<P extends Field<T>>(field: P, value: FilterValue<T[P]>): ODataFilter<T>;
  ne<P extends Field<T>>(field: P, value: FilterValue<T[P]>): ODataFilter<T>;
  gt<P extends Field<T>>(field: P, value: FilterValue<T[P]>): ODataFilter<T>;
  ge<P extends Field<T>>(field: P, value: FilterValue<T[P]>): ODataFilter<T>;
  lt<P extends Field<T>>(field: P, value: FilterValue<T[P]>): ODataFilter<T>;
  le<P extends Field<T>>(field: P, value: FilterValue<T[P]>): ODataFilter<T>;
  /** `field in (v1,v2,…)`; an empty list is refused (it would match nothing: skip the query instead). */
  in<P extends Field<T>>(field: P, values: readonly FilterValue<T[P]>[]): ODataFilter<T>;
  contains(field: TextField<T>, text: string): ODataFilter<T>;
  startsWith(field: TextField<T>, text: string): ODataFilter<T>;
  endsWith(field: TextField<T>, text: string): ODataFilter<T>;
  and(...filters: ODataFilter<T>[]): ODataFilter<T>;
  or(...filters: ODataFilter<T>[]): ODataFilter<T>;
  not(filter: ODataFilter<T>): ODataFilter<T>;
  /** `to_Item/any(x0:x0/Material eq 'GLV-NIT-M')`: some element of a collection matches. */
  any<P extends CollectionField<T>>(
    navigation: P,
    build: (item: FilterBuilder<ElementOf<T[P]>>) => ODataFilter<ElementOf<T[P]>>,
    itemTypes?: FieldTypes<ElementOf<T[P]> & object>,
  ): ODataFilter<T>;
}

/** A filter builder for an entity set, writing literals by the set's declared EDM types. */
export function where<T extends object, K extends Field<T>>(set: EntitySet<T, K>): FilterBuilder<T> {
  return filterFor<T>(set.types);
}

/** A filter builder for any structured type (e.g. the items inside an `$expand`). */
export function filterFor<T>(types: FieldTypes<T> = {}): FilterBuilder<T> {
  return createBuilder<T>(types, '', 0);
}

type EdmTypeOf = FieldTypes<Record<string, unknown>>[string];

function createBuilder<T>(types: Record<string, EdmTypeOf>, prefix: string, depth: number): FilterBuilder<T> {
  const mint = (expression: string, compound = false) => new ODataFilter<T>(MINT, expression, compound);
  const name = (field: string) => `${prefix}${assertIdentifier(field, 'filter property')}`;
  const literal = (field: string, value: unknown) =>
    formatLiteral(value as LiteralValue, types[field], `filter on ${assertIdentifier(field, 'filter property')}`);
  const compare = (operator: string) => (field: string, value: unknown) => mint(`${name(field)} ${operator} ${literal(field, value)}`);
  const text = (fn: string) => (field: string, value: string) => {
    if (typeof value !== 'string') throw invalidQuery(`${fn} on ${assertIdentifier(field, 'filter property')} needs text`);
    return mint(`${fn}(${name(field)},${formatLiteral(value, 'Edm.String', `${fn} on ${field}`)})`);
  };
  const operand = (filter: ODataFilter<T>) => {
    if (!(filter instanceof ODataFilter)) throw invalidQuery('filters are combined from built filters only');
    return filter.compound ? `(${filter.expression})` : filter.expression;
  };
  const junction =
    (operator: 'and' | 'or') =>
    (...filters: ODataFilter<T>[]) => {
      if (!filters.length) throw invalidQuery(`${operator} needs at least one filter`);
      if (filters.length === 1) return filters[0];
      return mint(filters.map(operand).join(` ${operator} `), true);
    };
  return {
    eq: compare('eq'),
    ne: compare('ne'),
    gt: compare('gt'),
    ge: compare('ge'),
    lt: compare('lt'),
    le: compare('le'),
    in: (field, values) => {
      if (!Array.isArray(values) || !values.length) throw invalidQuery(`in on ${assertIdentifier(field, 'filter property')} needs values`);
      return mint(`${name(field)} in (${values.map((value) => literal(field, value)).join(',')})`);
    },
    contains: text('contains'),
    startsWith: text('startswith'),
    endsWith: text('endswith'),
    and: junction('and'),
    or: junction('or'),
    not: (filter) => mint(`not (${filter instanceof ODataFilter ? filter.expression : operand(filter)})`, true),
    any: (navigation, build, itemTypes = {}) => {
      const variable = `x${depth}`;
      const inner = build(createBuilder(itemTypes as Record<string, EdmTypeOf>, `${variable}/`, depth + 1));
      if (!(inner instanceof ODataFilter)) throw invalidQuery('any() needs a built filter');
      return mint(`${name(navigation)}/any(${variable}:${inner.expression})`);
    },
  };
}
