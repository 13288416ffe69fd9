/** A business-rule refusal: CAP turns it into an OData error body with this code, message and target. */
export class S4BusinessError extends Error {
  constructor(
    readonly status: 400 | 404 | 405 | 409 | 422,
    readonly code: string,
    message: string,
    readonly target?: string,
    readonly details?: { code: string; message: string; target?: string }[],
  ) {
    super(message);
  }
}

/** Refuses the request with 400, an error code, a message and what it is about. */
export function reject(code: string, message: string, target?: string, details?: S4BusinessError['details']): never {
  throw new S4BusinessError(400, code, message, target, details);
}

// Targets name items the way CAP names them in its own input errors: `to_Item[0]/GLAccount` (0-based).

/** A database or request value for a message: text as it is, anything else not at all. */
export function shown(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
}
