import { createHash } from 'node:crypto';
import { DownstreamException } from './downstream.exception';

export interface ServiceCredentials {
  /** Token endpoint of the authorization server (system-api's /oauth2/token by default). */
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  timeoutMs: number;
  /** Forward the caller's token unchanged instead of exchanging it (external IdP). */
  relay?: boolean;
  fetch?: typeof fetch;
}

const TOKEN_EXCHANGE = 'urn:ietf:params:oauth:grant-type:token-exchange';
const ACCESS_TOKEN = 'urn:ietf:params:oauth:token-type:access_token';
const RENEW_BEFORE_MS = 30_000;
const MAX_CACHED = 10_000;

interface CachedToken {
  token: string;
  expiresAt: number;
}

/**
 * Tokens a layer presents to the layer below. With a caller, the caller's token is exchanged
 * (RFC 8693) for one naming this service as actor, so the lower layer still sees, scopes and
 * audits the original caller; without one (background work), the service's own client
 * credentials are used. Tokens are cached until shortly before they expire.
 */
export class DownstreamTokens {
  private readonly cache = new Map<string, CachedToken>();
  private readonly pending = new Map<string, Promise<CachedToken>>();
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly credentials: ServiceCredentials) {
    this.fetchImpl = credentials.fetch ?? fetch;
  }

  async tokenFor(callerToken: string | undefined): Promise<string> {
    if (this.credentials.relay && callerToken) return callerToken;
    const key = callerToken ? createHash('sha256').update(callerToken).digest('base64url') : 'service';
    const cached = this.cache.get(key);
    if (cached && cached.expiresAt - RENEW_BEFORE_MS > Date.now()) return cached.token;
    let request = this.pending.get(key);
    if (!request) {
      request = this.request(callerToken).finally(() => this.pending.delete(key));
      this.pending.set(key, request);
    }
    const fresh = await request;
    if (this.cache.size >= MAX_CACHED) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(key, fresh);
    return fresh.token;
  }

  private async request(callerToken: string | undefined): Promise<CachedToken> {
    const form = new URLSearchParams(
      callerToken
        ? { grant_type: TOKEN_EXCHANGE, subject_token: callerToken, subject_token_type: ACCESS_TOKEN }
        : { grant_type: 'client_credentials' },
    );
    const basic = Buffer.from(
      `${encodeURIComponent(this.credentials.clientId)}:${encodeURIComponent(this.credentials.clientSecret)}`,
    ).toString('base64');
    let response: Response;
    let body: { access_token?: string; expires_in?: number; error?: string; error_description?: string };
    try {
      response = await this.fetchImpl(this.credentials.tokenUrl, {
        method: 'POST',
        headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: form.toString(),
        signal: AbortSignal.timeout(this.credentials.timeoutMs),
      });
      body = (await response.json()) as typeof body;
    } catch (error) {
      throw DownstreamException.fromTransportError('authorization server', error);
    }
    if (!response.ok || !body.access_token) {
      // The caller's own token was refused (expired, revoked issuer): that is the caller's 401, not ours.
      if (body.error === 'invalid_grant')
        throw new DownstreamException(
          'authorization server',
          401,
          'TOKEN_INVALID',
          body.error_description ?? 'The access token is not valid',
        );
      throw new DownstreamException(
        'authorization server',
        502,
        'UPSTREAM_AUTH_FAILED',
        `This service could not obtain a token (${body.error ?? response.status})`,
      );
    }
    return { token: body.access_token, expiresAt: Date.now() + (body.expires_in ?? 60) * 1000 };
  }
}
