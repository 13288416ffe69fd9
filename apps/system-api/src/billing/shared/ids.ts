import { randomBytes } from 'node:crypto';

/** Ids of billing records: a short prefix naming the kind and 12 hex digits (`clm-0a1b2c3d4e5f`). */
export function newId(prefix: 'clm' | 'cst' | 'x12' | 'rmt' | 'cpy' | 'elg'): string {
  return `${prefix}-${randomBytes(6).toString('hex')}`;
}
