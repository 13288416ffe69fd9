import { ErpDomainError, ErpErrorCode } from './erp-domain.error';

/** JSON with object keys sorted, so two equal commands fingerprint the same whatever their key order. */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, entry]) => entry !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([name, entry]) => `${JSON.stringify(name)}:${canonicalJson(entry)}`).join(',')}}`;
}

interface Remembered {
  fingerprint: string;
  result: unknown;
}

/**
 * Results of posting commands by idempotency key. The same key with the same command returns the
 * first result and changes nothing; the same key with another command is refused. Failed commands
 * are not remembered, so a corrected retry may reuse its key.
 */
export class IdempotencyRegistry {
  private readonly remembered = new Map<string, Remembered>();

  /** The first result for this key and command, if there was one. */
  replay(key: string, fingerprint: string): { hit: true; result: unknown } | { hit: false } {
    const remembered = this.remembered.get(key);
    if (!remembered) return { hit: false };
    if (remembered.fingerprint !== fingerprint) {
      throw new ErpDomainError(ErpErrorCode.IDEMPOTENCY_KEY_REUSED, 'The idempotency key was already used for a different command', {
        field: 'idempotencyKey',
      });
    }
    return { hit: true, result: structuredClone(remembered.result) };
  }

  remember(key: string, fingerprint: string, result: unknown): void {
    this.remembered.set(key, { fingerprint, result: structuredClone(result) });
  }

  knows(key: string): boolean {
    return this.remembered.has(key);
  }

  get size(): number {
    return this.remembered.size;
  }
}
