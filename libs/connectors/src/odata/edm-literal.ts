import { invalidQuery } from './odata.exception';

/** The primitive EDM types whose literals the client writes into URLs. */
export type EdmType =
  | 'Edm.String'
  | 'Edm.Guid'
  | 'Edm.Date'
  | 'Edm.DateTimeOffset'
  | 'Edm.TimeOfDay'
  | 'Edm.Decimal'
  | 'Edm.Double'
  | 'Edm.Byte'
  | 'Edm.Int16'
  | 'Edm.Int32'
  | 'Edm.Int64'
  | 'Edm.Boolean';

const TYPED = Symbol('odata.typedValue');

/** A value tagged with its EDM type, for properties whose JSON form is a string (dates, GUIDs, decimals). */
export interface TypedValue {
  readonly [TYPED]: true;
  readonly edmType: EdmType;
  readonly value: unknown;
}

/** What a literal can be built from. */
export type LiteralValue = string | number | bigint | boolean | Date | null | TypedValue;

function typed(edmType: EdmType, value: unknown): TypedValue {
  return { [TYPED]: true, edmType, value };
}

/** Explicitly typed literals: `edm.date('2026-01-31')`, `edm.guid(id)`, `edm.decimal('18.50')`. */
export const edm = {
  string: (value: string) => typed('Edm.String', value),
  guid: (value: string) => typed('Edm.Guid', value),
  date: (value: string | Date) => typed('Edm.Date', value),
  dateTimeOffset: (value: string | Date) => typed('Edm.DateTimeOffset', value),
  timeOfDay: (value: string) => typed('Edm.TimeOfDay', value),
  decimal: (value: string | number | bigint) => typed('Edm.Decimal', value),
  double: (value: number) => typed('Edm.Double', value),
  int32: (value: number) => typed('Edm.Int32', value),
  int64: (value: string | number | bigint) => typed('Edm.Int64', value),
  boolean: (value: boolean) => typed('Edm.Boolean', value),
};

export function isTypedValue(value: unknown): value is TypedValue {
  return typeof value === 'object' && value !== null && TYPED in value;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME_OFFSET = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,12})?)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/;
const TIME_OF_DAY = /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,12})?)?$/;
const DECIMAL = /^[+-]?\d+(\.\d+)?$/;
const INTEGER = /^[+-]?\d+$/;
// A lone surrogate cannot be percent-encoded (encodeURIComponent throws URIError).
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const INTEGER_RANGES: Partial<Record<EdmType, [bigint, bigint]>> = {
  'Edm.Byte': [0n, 255n],
  'Edm.Int16': [-32_768n, 32_767n],
  'Edm.Int32': [-2_147_483_648n, 2_147_483_647n],
  'Edm.Int64': [-9_223_372_036_854_775_808n, 9_223_372_036_854_775_807n],
};

/**
 * The OData URL literal for `value` (OData v4.01 ABNF `primitiveLiteral`), before percent-encoding.
 * `declaredType` (from an entity set's field types) decides how strings are written; without it the
 * JavaScript type does. Anything that cannot be written exactly is refused with INVALID_QUERY naming
 * `where` (the value itself is never echoed: it may be sensitive).
 */
export function formatLiteral(value: LiteralValue, declaredType: EdmType | undefined, where: string): string {
  if (value === null) return 'null';
  if (isTypedValue(value)) return formatAs(value.edmType, value.value, where);
  return formatAs(declaredType ?? inferType(value, where), value, where);
}

function inferType(value: unknown, where: string): EdmType {
  switch (typeof value) {
    case 'string':
      return 'Edm.String';
    case 'boolean':
      return 'Edm.Boolean';
    case 'bigint':
      return 'Edm.Int64';
    case 'number':
      return Number.isInteger(value) ? 'Edm.Int64' : 'Edm.Decimal';
    default:
      if (value instanceof Date) return 'Edm.DateTimeOffset';
      throw invalidQuery(`${where}: unsupported value type ${typeof value}`);
  }
}

function formatAs(type: EdmType, value: unknown, where: string): string {
  if (value === null) return 'null';
  switch (type) {
    case 'Edm.String':
      if (typeof value !== 'string') throw invalidQuery(`${where}: expected text for ${type}`);
      if (LONE_SURROGATE.test(value)) throw invalidQuery(`${where}: text contains an unpaired UTF-16 surrogate`);
      // The only escape inside an OData string literal: a single quote is doubled.
      return `'${value.replaceAll("'", "''")}'`;
    case 'Edm.Guid':
      if (typeof value !== 'string' || !GUID.test(value)) throw invalidQuery(`${where}: not a GUID`);
      return value.toLowerCase();
    case 'Edm.Date':
      return formatDate(value, where);
    case 'Edm.DateTimeOffset':
      return formatDateTimeOffset(value, where);
    case 'Edm.TimeOfDay':
      if (typeof value !== 'string' || !TIME_OF_DAY.test(value)) throw invalidQuery(`${where}: not a time of day (hh:mm[:ss[.fff]])`);
      return value;
    case 'Edm.Decimal':
      return formatDecimal(value, where);
    case 'Edm.Double':
      if (typeof value !== 'number' || !Number.isFinite(value)) throw invalidQuery(`${where}: not a finite number`);
      return String(value);
    case 'Edm.Byte':
    case 'Edm.Int16':
    case 'Edm.Int32':
    case 'Edm.Int64':
      return formatInteger(type, value, where);
    case 'Edm.Boolean':
      if (typeof value !== 'boolean') throw invalidQuery(`${where}: expected true or false`);
      return String(value);
  }
}

function formatDate(value: unknown, where: string): string {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw invalidQuery(`${where}: invalid date`);
    return value.toISOString().slice(0, 10);
  }
  const match = typeof value === 'string' ? DATE.exec(value) : null;
  if (!match) throw invalidQuery(`${where}: not a date (YYYY-MM-DD)`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    throw invalidQuery(`${where}: not a calendar date`);
  return value as string;
}

function formatDateTimeOffset(value: unknown, where: string): string {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw invalidQuery(`${where}: invalid timestamp`);
    return value.toISOString();
  }
  const match = typeof value === 'string' ? DATE_TIME_OFFSET.exec(value) : null;
  if (!match || Number.isNaN(Date.parse(value as string))) throw invalidQuery(`${where}: not an ISO 8601 timestamp with offset`);
  formatDate(match[1], where);
  return value as string;
}

function formatDecimal(value: unknown, where: string): string {
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') {
    // String(1e21) is "1e+21": an exponent would make Edm.Decimal inexact or invalid; pass a string instead.
    const text = String(value);
    if (!Number.isFinite(value) || !DECIMAL.test(text)) throw invalidQuery(`${where}: number cannot be written as a plain decimal`);
    return text;
  }
  if (typeof value !== 'string' || !DECIMAL.test(value)) throw invalidQuery(`${where}: not a decimal number`);
  return value;
}

function formatInteger(type: EdmType, value: unknown, where: string): string {
  let integer: bigint;
  if (typeof value === 'bigint') integer = value;
  else if (typeof value === 'number' && Number.isSafeInteger(value)) integer = BigInt(value);
  else if (typeof value === 'string' && INTEGER.test(value)) integer = BigInt(value);
  else throw invalidQuery(`${where}: not an integer`);
  const [min, max] = INTEGER_RANGES[type] ?? [integer, integer];
  if (integer < min || integer > max) throw invalidQuery(`${where}: integer out of range for ${type}`);
  return integer.toString();
}

/** Percent-encodes a formatted literal for a URL path segment or query value. */
export function encodeLiteral(literal: string): string {
  return encodeURIComponent(literal);
}
