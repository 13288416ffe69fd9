import type { ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Principal } from '../auth/principal';
import type { RequestContext } from './request-context';

export type ContextualRequest = FastifyRequest & {
  concordContext?: RequestContext;
  user?: unknown;
  /** The principal this request's bearer token was verified as (set by AccessGuard, once per request). */
  authenticated?: Principal;
  rateCharged?: boolean;
  /** The cost a GraphQL server computed for this request's operation (page sizes included); the throttle charges it. */
  graphqlCost?: number;
};

/** The underlying HTTP request of a REST handler or a GraphQL resolver. */
export function requestOf(context: ExecutionContext): ContextualRequest | undefined {
  if (context.getType<string>() === 'graphql') {
    const gqlContext = context.getArgByIndex<{ req?: ContextualRequest } | undefined>(2);
    return gqlContext?.req;
  }
  return context.switchToHttp().getRequest<ContextualRequest>();
}

/** Route parameters (REST) or field arguments (GraphQL) of the call. */
export function argumentsOf(context: ExecutionContext): { params: Record<string, unknown>; query: Record<string, unknown> } {
  if (context.getType<string>() === 'graphql') {
    const args = context.getArgByIndex<Record<string, unknown> | undefined>(1) ?? {};
    return { params: args, query: args };
  }
  const request = context.switchToHttp().getRequest<FastifyRequest>();
  return {
    params: (request.params ?? {}) as Record<string, unknown>,
    query: (request.query ?? {}) as Record<string, unknown>,
  };
}

export function routeOf(context: ExecutionContext): string {
  if (context.getType<string>() === 'graphql') {
    const info = context.getArgByIndex<{ parentType?: { name: string }; fieldName?: string } | undefined>(3);
    return `graphql ${info?.parentType?.name ?? '?'}.${info?.fieldName ?? '?'}`;
  }
  const request = context.switchToHttp().getRequest<FastifyRequest>();
  return `${request.method} ${request.routeOptions.url ?? request.url.split('?')[0]}`;
}
