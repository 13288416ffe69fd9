import { BillingException, BillingExceptionCode } from '../billing.exception';

export const DEFAULT_PAGE_SIZE = 20;

/** An opaque cursor for offset paging; anything this API did not issue is refused, never guessed at. */
export function encodeCursor(offset: number): string {
  return Buffer.from(JSON.stringify({ v: 1, o: offset }), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | undefined): number {
  if (cursor === undefined) return 0;
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { v?: unknown; o?: unknown };
    if (value.v === 1 && typeof value.o === 'number' && Number.isSafeInteger(value.o) && value.o >= 0) return value.o;
  } catch {
    // falls through to the refusal
  }
  throw new BillingException(BillingExceptionCode.INVALID_CURSOR, 'cursor is not one this API issued', [
    { in: 'query', name: 'cursor', detail: 'cursor is not one this API issued' },
  ]);
}

/** One page of a list, with the cursor of the next when there is one. */
export function pageOf<T>(items: readonly T[], offset: number, limit: number): { items: T[]; nextCursor?: string } {
  const page = items.slice(offset, offset + limit);
  return { items: page, ...(offset + limit < items.length ? { nextCursor: encodeCursor(offset + limit) } : {}) };
}
