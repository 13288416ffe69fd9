import { createPrivateKey, type JsonWebKey, type KeyObject, randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { FhirConnectorException, FhirConnectorExceptionCode as Code } from './fhir-connector.exception';

/** Where a FhirClient gets its bearer tokens. */
export interface AccessTokenSource {
  /** A bearer token that stays valid for a while yet. */
  accessToken(): Promise<string>;
  /** The EHR refused this token (401): forget it so that the next call gets a fresh one. */
  invalidate(token: string): void;
}

/** SMART Backend Services allows these two algorithms for client assertions. */
export type ClientAssertionAlgorithm = 'RS384' | 'ES384';

export const CLIENT_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
/** SMART Backend Services: a client assertion lives at most five minutes. */
export const MAX_CLIENT_ASSERTION_LIFETIME_S = 300;

export interface SmartBackendAuthOptions {
  /** The client id the EHR registered for Concord; it is the assertion's `iss` and `sub`. */
  clientId: string;
  /** Token endpoint. When absent it is read from `<fhirBaseUrl>/.well-known/smart-configuration`. */
  tokenUrl?: string;
  /** FHIR base URL, for discovery when no tokenUrl is given. */
  fhirBaseUrl?: string;
  /** Private key: a JWK (object or JSON text) or a PEM. RSA signs RS384, EC P-384 signs ES384. */
  privateKey: JsonWebKey | string;
  /** `kid` of the key as registered at the EHR; defaults to the JWK's own kid. */
  keyId?: string;
  /** Scopes to ask for, e.g. `system/Encounter.rs`. */
  scopes: string[];
  /** Timeout of each call to the token endpoint and the discovery document (default 10 s). */
  timeoutMs?: number;
  /** A token is renewed this long before it expires (default 60 s, never more than half its lifetime). */
  refreshMarginSeconds?: number;
  /** Lifetime of each client assertion (default and most: 300 s). */
  assertionLifetimeSeconds?: number;
  fetch?: typeof fetch;
  /** Clock in epoch milliseconds (tests). */
  now?: () => number;
}

interface SigningKey {
  key: KeyObject;
  alg: ClientAssertionAlgorithm;
  kid?: string;
}

interface CachedToken {
  token: string;
  renewAt: number;
}

/**
 * SMART Backend Services client (https://hl7.org/fhir/smart-app-launch/backend-services.html):
 * signs a private_key_jwt client assertion, swaps it for an access token with the client_credentials
 * grant, caches the token until shortly before it expires, and shares one request among concurrent
 * callers. A FhirClient calls `invalidate` on a 401 and retries once with a fresh token.
 */
export class EhrTokenProvider implements AccessTokenSource {
  private readonly signingKey: SigningKey;
  private readonly fetchImpl: typeof fetch;
  private readonly now: () => number;
  private readonly timeoutMs: number;
  private readonly assertionLifetimeS: number;
  private cached?: CachedToken;
  private pending?: Promise<string>;
  private tokenUrl?: Promise<string>;

  constructor(private readonly options: SmartBackendAuthOptions) {
    if (!options.clientId) throw configurationError('clientId is required');
    if (!options.scopes.length) throw configurationError('at least one scope is required');
    if (!options.tokenUrl && !options.fhirBaseUrl) throw configurationError('give tokenUrl, or fhirBaseUrl to discover it');
    this.signingKey = signingKeyOf(options.privateKey, options.keyId);
    this.fetchImpl = options.fetch ?? fetch;
    this.now = options.now ?? Date.now;
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.assertionLifetimeS = Math.min(
      options.assertionLifetimeSeconds ?? MAX_CLIENT_ASSERTION_LIFETIME_S,
      MAX_CLIENT_ASSERTION_LIFETIME_S,
    );
    if (this.assertionLifetimeS < 1) throw configurationError('assertionLifetimeSeconds must be at least 1');
  }

  /** RS384 or ES384, from the key type. */
  get algorithm(): ClientAssertionAlgorithm {
    return this.signingKey.alg;
  }

  async accessToken(): Promise<string> {
    if (this.cached && this.now() < this.cached.renewAt) return this.cached.token;
    this.pending ??= this.requestToken().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  invalidate(token: string): void {
    if (this.cached?.token === token) this.cached = undefined;
  }

  /** The signed client assertion for one token request (exposed for tests and diagnostics). */
  async clientAssertion(audience: string): Promise<string> {
    const issuedAt = Math.floor(this.now() / 1000);
    return new SignJWT({})
      .setProtectedHeader({ alg: this.signingKey.alg, typ: 'JWT', ...(this.signingKey.kid ? { kid: this.signingKey.kid } : {}) })
      .setIssuer(this.options.clientId)
      .setSubject(this.options.clientId)
      .setAudience(audience)
      .setJti(randomUUID())
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + this.assertionLifetimeS)
      .sign(this.signingKey.key);
  }

  private async requestToken(): Promise<string> {
    const tokenUrl = await this.resolveTokenUrl();
    const form = new URLSearchParams({
      grant_type: 'client_credentials',
      scope: this.options.scopes.join(' '),
      client_assertion_type: CLIENT_ASSERTION_TYPE,
      client_assertion: await this.clientAssertion(tokenUrl),
    });
    const requestedAt = this.now();
    const { status, body } = await this.exchange(tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: form.toString(),
    });
    if (status !== 200) throw tokenErrorFor(status, body);
    const answer = (body ?? {}) as { access_token?: unknown; token_type?: unknown; expires_in?: unknown };
    if (typeof answer.access_token !== 'string' || !answer.access_token || String(answer.token_type).toLowerCase() !== 'bearer') {
      throw new FhirConnectorException(Code.INVALID_RESPONSE, 'The EHR token endpoint answered without a bearer access_token', status);
    }
    // SMART requires expires_in; a server that leaves it out gets the shortest lifetime SMART allows.
    const lifetimeS =
      typeof answer.expires_in === 'number' && Number.isFinite(answer.expires_in) && answer.expires_in > 0 ? answer.expires_in : 300;
    const marginS = Math.min(this.options.refreshMarginSeconds ?? 60, lifetimeS / 2);
    this.cached = { token: answer.access_token, renewAt: requestedAt + (lifetimeS - marginS) * 1000 };
    return answer.access_token;
  }

  private resolveTokenUrl(): Promise<string> {
    if (this.options.tokenUrl) return Promise.resolve(this.options.tokenUrl);
    // A failed discovery is not remembered: the next call tries again.
    this.tokenUrl ??= this.discoverTokenUrl().catch((error: unknown) => {
      this.tokenUrl = undefined;
      throw error;
    });
    return this.tokenUrl;
  }

  private async discoverTokenUrl(): Promise<string> {
    const url = `${this.options.fhirBaseUrl!.replace(/\/$/, '')}/.well-known/smart-configuration`;
    const { status, body } = await this.exchange(url, { method: 'GET', headers: { accept: 'application/json' } });
    if (status !== 200)
      throw new FhirConnectorException(
        status >= 500 ? Code.SERVER_UNAVAILABLE : Code.INVALID_RESPONSE,
        `The EHR's SMART configuration could not be read (${status})`,
        status,
      );
    const endpoint = (body as { token_endpoint?: unknown } | undefined)?.token_endpoint;
    if (typeof endpoint !== 'string' || !/^https?:\/\//.test(endpoint)) {
      throw new FhirConnectorException(Code.INVALID_RESPONSE, 'The EHR’s SMART configuration has no absolute token_endpoint', status);
    }
    return endpoint;
  }

  private async exchange(url: string, init: RequestInit): Promise<{ status: number; body: unknown }> {
    try {
      const response = await this.fetchImpl(url, { ...init, signal: AbortSignal.timeout(this.timeoutMs) });
      const text = await response.text();
      let body: unknown;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        body = undefined;
      }
      return { status: response.status, body };
    } catch (error) {
      if (error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
        throw new FhirConnectorException(
          Code.SERVER_TIMEOUT,
          `The EHR authorization server did not answer within ${this.timeoutMs} ms`,
          undefined,
          {
            cause: error,
          },
        );
      }
      throw new FhirConnectorException(Code.SERVER_UNAVAILABLE, 'The EHR authorization server could not be reached', undefined, {
        cause: error,
      });
    }
  }
}

/** OAuth errors (RFC 6749 §5.2) as connector codes; the error code is safe to show, the description may not be. */
function tokenErrorFor(status: number, body: unknown): FhirConnectorException {
  const error = typeof (body as { error?: unknown } | undefined)?.error === 'string' ? (body as { error: string }).error : undefined;
  const named = error && /^[a-z_]{1,40}$/.test(error) ? ` (${error})` : '';
  if (status === 429) return new FhirConnectorException(Code.SERVER_THROTTLED, 'The EHR token endpoint is throttling Concord', status);
  if (status >= 500) return new FhirConnectorException(Code.SERVER_UNAVAILABLE, `The EHR token endpoint failed (${status})`, status);
  if (error === 'invalid_scope')
    return new FhirConnectorException(Code.FORBIDDEN, `The EHR refused the scopes Concord asked for${named}`, status);
  return new FhirConnectorException(Code.UNAUTHORIZED, `The EHR token endpoint refused Concord’s client${named}`, status);
}

function configurationError(reason: string): FhirConnectorException {
  return new FhirConnectorException(Code.UNAUTHORIZED, `SMART Backend Services configuration: ${reason}`);
}

/** Reads the private key and picks the algorithm SMART allows for it. */
function signingKeyOf(privateKey: JsonWebKey | string, keyId: string | undefined): SigningKey {
  let jwk: JsonWebKey | undefined;
  let key: KeyObject;
  try {
    if (typeof privateKey === 'string' && !privateKey.trimStart().startsWith('{')) {
      key = createPrivateKey(privateKey);
    } else {
      jwk = typeof privateKey === 'string' ? (JSON.parse(privateKey) as JsonWebKey) : privateKey;
      key = createPrivateKey({ key: jwk, format: 'jwk' });
    }
  } catch (error) {
    throw new FhirConnectorException(
      Code.UNAUTHORIZED,
      'SMART Backend Services configuration: privateKey is not a private key',
      undefined,
      {
        cause: error,
      },
    );
  }
  const kid = keyId ?? (typeof jwk?.kid === 'string' ? jwk.kid : undefined);
  if (key.asymmetricKeyType === 'rsa') return { key, alg: 'RS384', kid };
  if (key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'secp384r1') return { key, alg: 'ES384', kid };
  throw configurationError('privateKey must be RSA (RS384) or EC P-384 (ES384)');
}
