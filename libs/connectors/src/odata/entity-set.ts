import { type EdmType, encodeLiteral, formatLiteral, isTypedValue, type LiteralValue, type TypedValue } from './edm-literal';
import { invalidQuery } from './odata.exception';
import { assertIdentifier } from './odata-names';

/** EDM types of the fields whose literal form the JavaScript type does not tell (dates, GUIDs, decimals). */
export type FieldTypes<T> = Partial<Record<Extract<keyof T, string>, EdmType>>;

/** An entity set of a service: its name, key properties and the EDM types needed to write literals. */
export interface EntitySet<T extends object, K extends Extract<keyof T, string> = Extract<keyof T, string>> {
  readonly name: string;
  readonly keys: readonly K[];
  readonly types: FieldTypes<T>;
}

/** A key value as the caller writes it: the JSON type of the property, or an explicitly typed literal. */
export type KeyValue<V> = (V extends string | number | bigint | boolean | Date ? V : never) | TypedValue;

/** The key of one entity: every key property, or the bare value when the set has a single key. */
export type EntityKey<T extends object, K extends Extract<keyof T, string>> =
  { readonly [P in K]: KeyValue<NonNullable<T[P]>> } | (true extends IsUnion<K> ? never : KeyValue<NonNullable<T[K]>>);

type IsUnion<U, All = U> = U extends unknown ? ([All] extends [U] ? false : true) : never;

/**
 * Declares an entity set: `defineEntitySet<A_Supplier>()('A_Supplier', ['Supplier'])`. Curried so that
 * the entity type is given and the key names are inferred.
 */
export function defineEntitySet<T extends object>() {
  return <const K extends Extract<keyof T, string>>(name: string, keys: readonly K[], types: FieldTypes<T> = {}): EntitySet<T, K> => {
    assertIdentifier(name, 'entity set name');
    if (!keys.length) throw invalidQuery(`entity set ${name} needs at least one key property`);
    for (const key of keys) assertIdentifier(key, `key property of ${name}`);
    return Object.freeze({ name, keys: Object.freeze([...keys]), types: Object.freeze({ ...types }) });
  };
}

/**
 * The key predicate `('4500000001')` or `(CompanyCode='1000',FiscalYear='2026',AccountingDocument='0100000001')`,
 * literals written by EDM type and percent-encoded, structure characters left as they are.
 */
export function formatKeyPredicate<T extends object, K extends Extract<keyof T, string>>(
  set: EntitySet<T, K>,
  key: EntityKey<T, K>,
): string {
  const isRecord = typeof key === 'object' && key !== null && !(key instanceof Date) && !isTypedValue(key);
  if (!isRecord) {
    if (set.keys.length !== 1) throw invalidQuery(`${set.name} has a composite key: give every key property by name`);
    return `(${encodeLiteral(formatLiteral(key, set.types[set.keys[0]], `key of ${set.name}`))})`;
  }
  const record = key as Record<string, unknown>;
  for (const name of Object.keys(record))
    if (!(set.keys as readonly string[]).includes(name)) throw invalidQuery(`${set.name} has no key property ${safeName(name)}`);
  const parts = set.keys.map((name) => {
    if (!(name in record) || record[name] === undefined) throw invalidQuery(`key property ${name} of ${set.name} is missing`);
    if (record[name] === null) throw invalidQuery(`key property ${name} of ${set.name} cannot be null`);
    return `${name}=${encodeLiteral(formatLiteral(record[name] as LiteralValue, set.types[name], `key property ${name} of ${set.name}`))}`;
  });
  return `(${parts.join(',')})`;
}

/** The path of one entity relative to the service root. */
export function entityPath<T extends object, K extends Extract<keyof T, string>>(set: EntitySet<T, K>, key: EntityKey<T, K>): string {
  return `${set.name}${formatKeyPredicate(set, key)}`;
}

/** A caller-supplied name shown in an error only when it is a plain identifier (it might be anything). */
function safeName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(name) ? name : '(unprintable name)';
}

/** Where a bound operation is bound: one entity (its path), with its ETag when the server checks one. */
export interface BoundEntity {
  readonly path: string;
  readonly etag?: string;
}

/** Binds an action or function to one entity: `bindTo(S4.A_SupplierInvoice, key, invoice['@odata.etag'])`. */
export function bindTo<T extends object, K extends Extract<keyof T, string>>(
  set: EntitySet<T, K>,
  key: EntityKey<T, K>,
  etag?: string,
): BoundEntity {
  return { path: entityPath(set, key), etag };
}
