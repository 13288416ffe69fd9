import type { FastifyReply, FastifyRequest } from 'fastify';
import { contextFromHeaders, type RequestContext } from '@concord/platform';
import { type GraphqlContext, RequestLoaders } from './request-loaders';

/** What graphql-ws hands the context function for an operation on a WebSocket. */
interface WebSocketContext {
  connectionParams?: Readonly<Record<string, unknown>>;
}

function isWebSocketContext(value: unknown): value is WebSocketContext {
  return typeof value === 'object' && value !== null && 'connectionParams' in value && !('raw' in value);
}

/** The bearer token a graphql-ws client sent when connecting (`connectionParams.authorization`). */
export function connectionAuthorization(params: Readonly<Record<string, unknown>> | undefined): string | undefined {
  const value = params?.authorization ?? params?.Authorization;
  return typeof value === 'string' && /^bearer \S+$/i.test(value.trim()) ? value.trim() : undefined;
}

/**
 * The GraphQL context of an HTTP request, or of a subscription on a WebSocket: there the token
 * given at connection time stands in for the Authorization header, so the same guards check it.
 */
export function graphqlContext(requestOrSocket: FastifyRequest | WebSocketContext, reply?: FastifyReply): GraphqlContext {
  if (!isWebSocketContext(requestOrSocket)) return { req: requestOrSocket, reply, loaders: new RequestLoaders() };
  const authorization = connectionAuthorization(requestOrSocket.connectionParams);
  const headers = authorization ? { authorization } : {};
  const req = { headers, ip: '', concordContext: contextFromHeaders(headers) } as unknown as FastifyRequest;
  return { req, loaders: new RequestLoaders() };
}

/** The request context (with the caller's verified token) downstream calls of this operation run in. */
export function requestContextOf(context: GraphqlContext): RequestContext {
  return (context.req as FastifyRequest & { concordContext?: RequestContext }).concordContext ?? contextFromHeaders({});
}
