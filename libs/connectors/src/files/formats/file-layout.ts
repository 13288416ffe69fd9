import Ajv from 'ajv';
import { FileConnectorException, FileConnectorExceptionCode as Code } from '../file-connector.exception';

/** Types a field converts to: money and decimals become integers in minor units (never floats). */
export type FieldType = 'string' | 'integer' | 'decimal' | 'money' | 'date';
export type DateFormat = 'YYYY-MM-DD' | 'YYYYMMDD' | 'MM/DD/YYYY';

export interface FieldLayout {
  /** Name of the value in a parsed record. */
  name: string;
  type: FieldType;
  required?: boolean;
  /** CSV: header names accepted for this column (matched case- and space-insensitively). */
  headers?: string[];
  /** Fixed width: 1-based start column and width. */
  start?: number;
  length?: number;
  /** string: allowed length and pattern (anchored), or a closed list of values. */
  maxLength?: number;
  pattern?: string;
  values?: string[];
  /** decimal: digits after the point kept as an integer (hours 7.50 with scale 2 → 750). money is scale 2. */
  scale?: number;
  /** Fixed width: the digits carry `scale` implied decimals (000012345 → 123.45), as mainframe extracts do. */
  impliedDecimals?: boolean;
  min?: number;
  max?: number;
  dateFormat?: DateFormat;
}

/**
 * A file format declared once: versioned, with typed and validated fields. CSV layouts map headers
 * to fields; fixed-width layouts place fields by column and may name the record-type prefix of
 * header and trailer records to skip.
 */
export interface FileLayout {
  name: string;
  version: number;
  format: 'csv' | 'fixed-width';
  /** CSV: `auto` picks `;` or `,` from the header line. */
  delimiter?: ',' | ';' | '|' | '\t' | 'auto';
  encoding?: 'utf8' | 'latin1';
  /** Fixed width: records starting with one of these are headers or trailers, not data. */
  skipRecordTypes?: string[];
  fields: FieldLayout[];
}

const FIELD_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'type'],
  properties: {
    name: { type: 'string', pattern: '^[a-zA-Z][a-zA-Z0-9]*$' },
    type: { enum: ['string', 'integer', 'decimal', 'money', 'date'] },
    required: { type: 'boolean' },
    headers: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } },
    start: { type: 'integer', minimum: 1 },
    length: { type: 'integer', minimum: 1 },
    maxLength: { type: 'integer', minimum: 1 },
    pattern: { type: 'string' },
    values: { type: 'array', minItems: 1, items: { type: 'string' } },
    scale: { type: 'integer', minimum: 0, maximum: 6 },
    impliedDecimals: { type: 'boolean' },
    min: { type: 'number' },
    max: { type: 'number' },
    dateFormat: { enum: ['YYYY-MM-DD', 'YYYYMMDD', 'MM/DD/YYYY'] },
  },
} as const;

const LAYOUT_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'version', 'format', 'fields'],
  properties: {
    name: { type: 'string', pattern: '^[a-z][a-z0-9-]*$' },
    version: { type: 'integer', minimum: 1 },
    format: { enum: ['csv', 'fixed-width'] },
    delimiter: { enum: [',', ';', '|', '\t', 'auto'] },
    encoding: { enum: ['utf8', 'latin1'] },
    skipRecordTypes: { type: 'array', items: { type: 'string', minLength: 1 } },
    fields: { type: 'array', minItems: 1, items: FIELD_SCHEMA },
  },
} as const;

const validateSchema = new Ajv({ allErrors: true }).compile(LAYOUT_SCHEMA);

/** Checks a layout (from a JSON layout file) and returns it typed; throws INVALID_LAYOUT listing every problem. */
export function defineLayout(input: unknown): FileLayout {
  if (!validateSchema(input)) {
    const problems = (validateSchema.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`);
    throw new FileConnectorException(Code.INVALID_LAYOUT, `Invalid file layout: ${problems.join('; ')}`);
  }
  const layout = input as FileLayout;
  const problems: string[] = [];
  const names = new Set<string>();
  for (const field of layout.fields) {
    if (names.has(field.name)) problems.push(`field ${field.name} is declared twice`);
    names.add(field.name);
    if (layout.format === 'fixed-width' && (field.start === undefined || field.length === undefined))
      problems.push(`field ${field.name} needs start and length in a fixed-width layout`);
    if (layout.format === 'csv' && !field.headers) problems.push(`field ${field.name} needs headers in a CSV layout`);
    if (field.pattern !== undefined)
      try {
        new RegExp(field.pattern);
      } catch {
        problems.push(`field ${field.name} has an invalid pattern`);
      }
  }
  if (problems.length) throw new FileConnectorException(Code.INVALID_LAYOUT, `Invalid file layout ${layout.name}: ${problems.join('; ')}`);
  return layout;
}
