import type { FieldLayout } from './file-layout';

export type FieldValue = string | number;

/** A value converted, or the reason it cannot be (said to a person reading the run report). */
export type Conversion = { value: FieldValue | undefined } | { error: string };

const DATE_PATTERNS: Record<string, RegExp> = {
  'YYYY-MM-DD': /^(\d{4})-(\d{2})-(\d{2})$/,
  YYYYMMDD: /^(\d{4})(\d{2})(\d{2})$/,
  'MM/DD/YYYY': /^(\d{2})\/(\d{2})\/(\d{4})$/,
};

/** Converts one raw text value by its field's layout. Empty optional values are undefined. */
export function convertField(field: FieldLayout, raw: string): Conversion {
  const text = raw.trim();
  if (text.includes('\uFFFD')) return { error: 'is not valid UTF-8 text (is the file in another encoding?)' };
  if (text === '') return field.required ? { error: 'is required' } : { value: undefined };
  switch (field.type) {
    case 'string':
      return stringValue(field, text);
    case 'integer':
      if (!/^-?\d{1,15}$/.test(text)) return { error: `must be a whole number, got "${clip(text)}"` };
      return bounded(field, Number(text));
    case 'decimal':
    case 'money':
      return decimalValue(field, text);
    case 'date':
      return dateValue(field, text);
  }
}

function stringValue(field: FieldLayout, text: string): Conversion {
  if (field.maxLength !== undefined && text.length > field.maxLength) return { error: `must be at most ${field.maxLength} characters` };
  if (field.values && !field.values.includes(text)) return { error: `must be one of ${field.values.join(', ')}, got "${clip(text)}"` };
  if (field.pattern !== undefined && !patternOf(field).test(text)) return { error: `has an invalid format: "${clip(text)}"` };
  return { value: text };
}

/** Decimal text → integer in minor units, by string arithmetic (no floating point on money). */
/** Patterns compiled once per field, not once per row. */
const patterns = new WeakMap<FieldLayout, RegExp>();
function patternOf(field: FieldLayout): RegExp {
  let pattern = patterns.get(field);
  if (!pattern) patterns.set(field, (pattern = new RegExp(`^(?:${field.pattern})$`)));
  return pattern;
}

function decimalValue(field: FieldLayout, text: string): Conversion {
  const scale = field.type === 'money' ? 2 : (field.scale ?? 2);
  const cleaned = text.replace(/,/g, '');
  if (field.impliedDecimals) {
    if (!/^-?\d{1,15}$/.test(cleaned)) return { error: `must be digits with ${scale} implied decimals, got "${clip(text)}"` };
    return bounded(field, Number(cleaned));
  }
  const match = /^(-?)(\d{1,13})(?:\.(\d+))?$/.exec(cleaned);
  if (!match) return { error: `must be a number, got "${clip(text)}"` };
  const fraction = match[3] ?? '';
  if (fraction.length > scale) return { error: `has more than ${scale} decimals: "${clip(text)}"` };
  const units = Number(match[2]) * 10 ** scale + Number(fraction.padEnd(scale, '0') || '0');
  return bounded(field, match[1] === '-' ? -units : units);
}

function dateValue(field: FieldLayout, text: string): Conversion {
  const format = field.dateFormat ?? 'YYYY-MM-DD';
  const match = DATE_PATTERNS[format].exec(text);
  if (!match) return { error: `must be a date as ${format}, got "${clip(text)}"` };
  const [year, month, day] = format === 'MM/DD/YYYY' ? [match[3], match[1], match[2]] : [match[1], match[2], match[3]];
  const iso = `${year}-${month}-${day}`;
  const parsed = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== iso)
    return { error: `is not a calendar date: "${clip(text)}"` };
  return { value: iso };
}

function bounded(field: FieldLayout, value: number): Conversion {
  if (field.min !== undefined && value < field.min) return { error: `must be at least ${field.min}` };
  if (field.max !== undefined && value > field.max) return { error: `must be at most ${field.max}` };
  return { value };
}

/** Values quoted in reasons are cut short: a report must not become a copy of the file. */
function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
