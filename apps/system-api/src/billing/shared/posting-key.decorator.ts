import { createHash } from 'node:crypto';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Principal } from '@concord/platform';

/**
 * The key a posting carries to the core system: the caller's Idempotency-Key, scoped to the client
 * (two clients may pick the same key), so a retried request posts once downstream as well.
 */
export const PostingKey = createParamDecorator((_data: unknown, context: ExecutionContext): string => {
  const request = context.switchToHttp().getRequest<FastifyRequest & { user?: unknown }>();
  const header = request.headers['idempotency-key'];
  const key = (Array.isArray(header) ? header[0] : header) ?? '';
  const clientId = (request.user as Principal | undefined)?.clientId ?? 'anonymous';
  return `concord:${createHash('sha256').update(`${clientId}\u001f${key}`).digest('hex').slice(0, 40)}`;
});
