import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Principal } from '@concord/platform';

type ContextualRequest = FastifyRequest & { user?: unknown };

/** What a write to a core system carries: the caller's idempotency key (scoped to the caller) and the version it decided on. */
export interface PostingContext {
  /** `<client id>:<Idempotency-Key>`: two clients' keys never meet in the core system. */
  idempotencyKey: string;
  /** The version id from If-Match (`W/"7"` or `"7"` → `7`), when the caller sent one. */
  ifMatch?: string;
  /** The calling client, for audit and for events. */
  clientId: string;
}

const header = (request: ContextualRequest, name: string): string | undefined => {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/** The version id inside an If-Match header value; undefined for none or `*`. */
export function versionFromIfMatch(value: string | undefined): string | undefined {
  if (value === undefined || value.trim() === '*') return undefined;
  const match = /^\s*(?:W\/)?"([^"]{1,128})"\s*$/.exec(value);
  return match ? match[1] : value.trim().slice(0, 128) || undefined;
}

/**
 * The posting context of a write route. Pair it with `@IdempotencyKeyRequired()`: the platform has
 * refused the request before the handler runs when the key is missing or malformed.
 */
export const Posting = createParamDecorator((_data: unknown, context: ExecutionContext): PostingContext => {
  const request = context.switchToHttp().getRequest<ContextualRequest>();
  const clientId = (request.user as Principal | undefined)?.clientId ?? 'anonymous';
  const key = header(request, 'idempotency-key') ?? '';
  const ifMatch = versionFromIfMatch(header(request, 'if-match'));
  return { idempotencyKey: `${clientId}:${key}`, clientId, ...(ifMatch !== undefined ? { ifMatch } : {}) };
});
