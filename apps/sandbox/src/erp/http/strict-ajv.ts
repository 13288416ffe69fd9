import Ajv from 'ajv';
import { isCalendarDate } from '@concord/contracts';

/**
 * Ajv as the sandbox vendor APIs validate: every error at once, unknown fields refused rather than
 * silently dropped, no type coercion in bodies (coercion only for query strings and path params).
 */
export function strictAjv(coerce: boolean): Ajv {
  const ajv = new Ajv({ allErrors: true, coerceTypes: coerce, useDefaults: true, removeAdditional: false, strict: false });
  ajv.addFormat('calendar-date', isCalendarDate);
  ajv.addFormat('email', /^[^\s@]+@[^\s@]+\.[^\s@]+$/);
  return ajv;
}
