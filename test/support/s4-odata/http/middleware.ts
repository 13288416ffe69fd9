import type { IncomingMessage, ServerResponse } from 'node:http';

/** A connect-style middleware (what CAP's express app accepts), without depending on express's types. */
export type Middleware = (request: IncomingMessage, response: ServerResponse, next: () => void) => void;

export const MODIFYING_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE', 'MERGE']);

export function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Answers with a small OData JSON error body. */
export function sendODataError(
  response: ServerResponse,
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'odata-version': '4.0', ...headers });
  response.end(JSON.stringify({ error: { code, message } }));
}
