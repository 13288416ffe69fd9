import createClient, { type Client, type Middleware } from 'openapi-fetch';
import { propagationHeaders, RequestContextStore } from '@concord/platform';
import { DownstreamException } from './downstream.exception';
import type { DownstreamTokens } from './downstream-tokens';

export interface LayerClientOptions {
  baseUrl: string;
  timeoutMs: number;
  /** Supplies the bearer token for each call (the caller's, exchanged); none for unauthenticated calls. */
  tokens?: DownstreamTokens;
  fetch?: typeof fetch;
}

/** Carries X-Request-Id and traceparent of the current request to the next hop. */
const propagateContext: Middleware = {
  onRequest({ request }) {
    for (const [name, value] of Object.entries(propagationHeaders())) request.headers.set(name, value);
    return request;
  },
};

/** An openapi-fetch client over generated `paths` types, with a per-call timeout and context propagation. */
export function createLayerClient<Paths extends object>(options: LayerClientOptions): Client<Paths> {
  const fetchImpl = options.fetch ?? fetch;
  const client = createClient<Paths>({
    baseUrl: options.baseUrl,
    fetch: (request: Request) => fetchImpl(request, { signal: AbortSignal.timeout(options.timeoutMs) }),
  });
  client.use(propagateContext);
  const tokens = options.tokens;
  if (tokens) {
    client.use({
      async onRequest({ request }) {
        request.headers.set('authorization', `Bearer ${await tokens.tokenFor(RequestContextStore.current()?.accessToken)}`);
        return request;
      },
    });
  }
  return client;
}

/**
 * Awaits an openapi-fetch call and returns its data, or throws a DownstreamException carrying the
 * lower layer's problem (4xx) or an UPSTREAM_* code (5xx, network, timeout).
 */
export async function unwrap<T>(layer: string, call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await call;
  } catch (error) {
    if (error instanceof DownstreamException) throw error;
    throw DownstreamException.fromTransportError(layer, error);
  }
  if (result.response.ok && result.data !== undefined) return result.data;
  throw DownstreamException.fromResponse(layer, result.response, result.error);
}
