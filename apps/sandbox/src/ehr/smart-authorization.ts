import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createLocalJWKSet, decodeJwt, jwtVerify } from 'jose';
import type { SmartClientRegistry } from './smart-client-registry';

export const TOKEN_PATH = '/ehr/oauth2/token';
const CLIENT_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
const ASSERTION_ALGORITHMS = ['RS384', 'ES384'];
const MAX_ASSERTION_LIFETIME_S = 300;

export interface SmartAuthorizationOptions {
  registry: SmartClientRegistry;
  /** Lifetime of issued access tokens (default 300 s). */
  tokenTtlSeconds?: number;
  /** Clock in epoch milliseconds (tests). */
  now?: () => number;
}

interface IssuedToken {
  clientId: string;
  scopes: string[];
  expiresAt: number;
}

/** What a FHIR request needs: `c`reate, `r`ead, `u`pdate, `d`elete or `s`earch of a resource type. */
export interface FhirAccess {
  resourceType: string;
  permission: 'c' | 'r' | 'u' | 'd' | 's';
}

export type BearerVerdict = { ok: true; clientId: string } | { ok: false; status: 401 | 403; reason: string };

/**
 * The sandbox EHR's SMART Backend Services authorization server: `client_credentials` with a
 * `private_key_jwt` client assertion (RS384/ES384, iss = sub = client id, aud = token URL, jti used
 * once, exp at most five minutes ahead), verified against the client's registered JWKS. Access
 * tokens are opaque random strings kept in memory (a restart logs every client out, as a real EHR
 * restart would not, but the clients simply get a new one).
 */
export class SmartAuthorizationServer {
  private readonly tokens = new Map<string, IssuedToken>();
  private readonly usedAssertions = new Map<string, number>();
  private readonly now: () => number;
  private readonly ttlSeconds: number;

  constructor(private readonly options: SmartAuthorizationOptions) {
    this.now = options.now ?? Date.now;
    this.ttlSeconds = options.tokenTtlSeconds ?? 300;
  }

  register(app: FastifyInstance, fhirBasePath: string): void {
    if (!app.hasContentTypeParser('application/x-www-form-urlencoded')) {
      app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
        done(null, Object.fromEntries(new URLSearchParams(body as string)));
      });
    }
    app.get(`${fhirBasePath}/.well-known/smart-configuration`, async (request, reply) =>
      reply.header('cache-control', 'no-store').send({
        token_endpoint: `${baseOf(request)}${TOKEN_PATH}`,
        token_endpoint_auth_methods_supported: ['private_key_jwt'],
        token_endpoint_auth_signing_alg_values_supported: ASSERTION_ALGORITHMS,
        grant_types_supported: ['client_credentials'],
        scopes_supported: ['system/*.cruds', 'system/*.rs', 'system/*.read', 'system/*.write', 'system/*.*'],
        capabilities: ['client-confidential-asymmetric', 'permission-v1', 'permission-v2'],
      }),
    );
    app.post(TOKEN_PATH, async (request, reply) => {
      const form = (request.body && typeof request.body === 'object' ? request.body : {}) as Record<string, string | undefined>;
      const answer = await this.token(form, `${baseOf(request)}${TOKEN_PATH}`);
      void reply.header('cache-control', 'no-store').header('pragma', 'no-cache');
      if ('error' in answer) return reply.status(answer.status).send({ error: answer.error, error_description: answer.description });
      return reply.send(answer);
    });
  }

  /** Revokes every access token issued so far (as an EHR does when a client's keys are rotated); returns how many. */
  revokeAll(): number {
    const count = this.tokens.size;
    this.tokens.clear();
    return count;
  }

  /** Whether a request's bearer token allows what it asks for. */
  check(authorization: string | undefined, access: FhirAccess): BearerVerdict {
    const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    if (!token) return { ok: false, status: 401, reason: 'A bearer token is required' };
    const issued = this.tokens.get(token);
    if (!issued || issued.expiresAt <= this.now()) {
      if (issued) this.tokens.delete(token);
      return { ok: false, status: 401, reason: 'The bearer token is unknown or expired' };
    }
    if (!grants(issued.scopes, access)) {
      return { ok: false, status: 403, reason: `The token's scopes do not allow ${access.permission} on ${access.resourceType}` };
    }
    return { ok: true, clientId: issued.clientId };
  }

  private async token(
    form: Record<string, string | undefined>,
    tokenUrl: string,
  ): Promise<
    | { access_token: string; token_type: 'bearer'; expires_in: number; scope: string }
    | { status: number; error: string; description: string }
  > {
    if (form.grant_type !== 'client_credentials')
      return { status: 400, error: 'unsupported_grant_type', description: 'Only client_credentials is supported' };
    if (form.client_assertion_type !== CLIENT_ASSERTION_TYPE || !form.client_assertion)
      return { status: 401, error: 'invalid_client', description: `Authenticate with a ${CLIENT_ASSERTION_TYPE} client_assertion` };
    let clientId: string | undefined;
    try {
      clientId = decodeJwt(form.client_assertion).iss;
    } catch {
      return { status: 401, error: 'invalid_client', description: 'client_assertion is not a JWT' };
    }
    const client = clientId ? this.options.registry.find(clientId) : undefined;
    if (!client) return { status: 401, error: 'invalid_client', description: 'Unknown client' };
    let payload: { exp?: number; jti?: string };
    try {
      ({ payload } = await jwtVerify(form.client_assertion, createLocalJWKSet(client.jwks), {
        algorithms: ASSERTION_ALGORITHMS,
        issuer: client.clientId,
        subject: client.clientId,
        audience: tokenUrl,
        requiredClaims: ['exp', 'jti'],
        currentDate: new Date(this.now()),
      }));
    } catch {
      return { status: 401, error: 'invalid_client', description: 'client_assertion is not valid for this client and token endpoint' };
    }
    const nowS = Math.floor(this.now() / 1000);
    if (payload.exp! - nowS > MAX_ASSERTION_LIFETIME_S)
      return { status: 401, error: 'invalid_client', description: 'client_assertion exp must be at most five minutes ahead' };
    for (const [jti, expiresAt] of this.usedAssertions) if (expiresAt < nowS) this.usedAssertions.delete(jti);
    const replayKey = `${client.clientId} ${payload.jti}`;
    if (this.usedAssertions.has(replayKey))
      return { status: 401, error: 'invalid_client', description: 'client_assertion jti was already used' };
    this.usedAssertions.set(replayKey, payload.exp!);

    const requested = (form.scope ?? '').split(' ').filter(Boolean);
    if (!requested.length) return { status: 400, error: 'invalid_scope', description: 'scope is required' };
    const refused = requested.filter(
      (scope) => !isSystemScope(scope) || (client.allowedScopes && !client.allowedScopes.some((allowed) => covers(allowed, scope))),
    );
    if (refused.length) return { status: 400, error: 'invalid_scope', description: `Not allowed for this client: ${refused.join(' ')}` };

    for (const [token, issued] of this.tokens) if (issued.expiresAt <= this.now()) this.tokens.delete(token);
    const accessToken = randomBytes(32).toString('base64url');
    this.tokens.set(accessToken, { clientId: client.clientId, scopes: requested, expiresAt: this.now() + this.ttlSeconds * 1000 });
    return { access_token: accessToken, token_type: 'bearer', expires_in: this.ttlSeconds, scope: requested.join(' ') };
  }
}

/** `system/<Type|*>.<permissions>` with v2 letters (`cruds`) or v1 words (`read`, `write`, `*`). */
const SYSTEM_SCOPE = /^system\/(\*|[A-Z][A-Za-z]+)\.(\*|read|write|c?r?u?d?s?)$/;

function isSystemScope(scope: string): boolean {
  const match = SYSTEM_SCOPE.exec(scope);
  return !!match && match[2] !== '';
}

function permissionsOf(scope: string): { type: string; permissions: string } | undefined {
  const match = SYSTEM_SCOPE.exec(scope);
  if (!match || !match[2]) return undefined;
  const words: Record<string, string> = { '*': 'cruds', read: 'rs', write: 'cud' };
  return { type: match[1], permissions: words[match[2]] ?? match[2] };
}

function grants(scopes: string[], access: FhirAccess): boolean {
  return scopes.some((scope) => {
    const parsed = permissionsOf(scope);
    return !!parsed && (parsed.type === '*' || parsed.type === access.resourceType) && parsed.permissions.includes(access.permission);
  });
}

/** Whether an allowed scope covers a requested one (same or wider type, superset of permissions). */
function covers(allowed: string, requested: string): boolean {
  const wide = permissionsOf(allowed);
  const narrow = permissionsOf(requested);
  if (!wide || !narrow) return false;
  return (wide.type === '*' || wide.type === narrow.type) && [...narrow.permissions].every((letter) => wide.permissions.includes(letter));
}

/** The base URL the client used, which is also the audience its assertion must name. */
function baseOf(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}

/** The access a FHIR REST request needs, from its method and path below the FHIR base. */
export function accessOf(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string): FhirAccess {
  const [typePart] = path.split('?');
  const segments = (typePart ?? '').split('/').filter(Boolean);
  const first = segments[0];
  // Batches, transactions and system-level operations span types: only a `system/*` scope allows them.
  if (!first || !/^[A-Z][A-Za-z]+$/.test(first)) return { resourceType: '*', permission: method === 'GET' ? 's' : 'c' };
  const resourceType = first;
  switch (method) {
    case 'GET':
      return { resourceType, permission: segments.length >= 2 && segments[1] !== '_search' ? 'r' : 's' };
    case 'POST':
      return { resourceType, permission: segments[1] === '_search' ? 's' : 'c' };
    case 'PUT':
    case 'PATCH':
      return { resourceType, permission: 'u' };
    case 'DELETE':
      return { resourceType, permission: 'd' };
  }
}

export function sendAuthProblem(reply: FastifyReply, verdict: Extract<BearerVerdict, { ok: false }>): FastifyReply {
  if (verdict.status === 401) void reply.header('www-authenticate', 'Bearer realm="sandbox-ehr"');
  return reply
    .status(verdict.status)
    .header('content-type', 'application/fhir+json; charset=utf-8')
    .send({
      resourceType: 'OperationOutcome',
      issue: [{ severity: 'error', code: verdict.status === 401 ? 'login' : 'forbidden', details: { text: verdict.reason } }],
    });
}
