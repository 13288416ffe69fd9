import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { ProblemDetailsDto } from '../problem/problem-details';

export interface OpenApiInfo {
  title: string;
  description: string;
  version: string;
  tags: { name: string; description: string }[];
  /** Where the app listens by default (the README lists the port variables). */
  server: string;
  /** Token endpoint of the authorization server (system-api's own, or relative on system-api). */
  tokenUrl?: string;
}

/** The app's OpenAPI 3.1 document, the same at runtime (/docs) and in `openapi/` (generated). */
export function buildOpenApiDocument(app: INestApplication, info: OpenApiInfo): OpenAPIObject {
  const builder = new DocumentBuilder()
    .setOpenAPIVersion('3.1.0')
    .setTitle(info.title)
    .setDescription(info.description)
    .setVersion(info.version)
    .setLicense('Apache-2.0', 'https://www.apache.org/licenses/LICENSE-2.0')
    // Relative: the document is served by the app it describes, on whatever host and port it runs.
    .addServer('/', `This app (embedded profile default: ${info.server}); put TLS in front of it in production`);
  for (const tag of [...info.tags, ...PLATFORM_TAGS]) builder.addTag(tag.name, tag.description);
  const document = SwaggerModule.createDocument(app, builder.build(), {
    extraModels: [ProblemDetailsDto],
    operationIdFactory: (_controller, method) => method,
  });
  return sortKeys(describePolicies(document, info.tokenUrl ?? 'http://127.0.0.1:3001/oauth2/token')) as OpenAPIObject;
}

type Json = Record<string, unknown>;

/** Tags of the operations every app gets from the platform. */
const PLATFORM_TAGS = [
  { name: 'audit', description: 'PHI access audit trail: search and hash-chain verification (auditors)' },
  { name: 'versions', description: 'API versions served and their deprecation status' },
];
const PROBLEM = { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDetailsDto' } } };
const RATE_LIMIT_HEADERS = {
  RateLimit: { description: 'Remaining units of the tightest window (draft-ietf-httpapi-ratelimit-headers)', schema: { type: 'string', maxLength: 200 } },
  'RateLimit-Policy': { description: "The caller's SLA tier windows", schema: { type: 'string', maxLength: 500 } },
};
const CORS_HEADER = {
  'Access-Control-Allow-Origin': { description: 'Present for browser origins in CORS_ORIGINS (none by default)', schema: { type: 'string', maxLength: 200 } },
};
const POLICY_RESPONSES: Record<string, string> = {
  '401': 'Missing or invalid access token',
  '403': 'The token lacks a required scope, or is bound to another patient',
  '429': 'SLA-tier rate limit reached; retry after Retry-After seconds',
};

/**
 * Describes the gateway policies every operation gets from the platform (authentication, scopes,
 * throttling) once, from what the routes declare, instead of repeating them on every route.
 */
function describePolicies(document: OpenAPIObject, tokenUrl: string): OpenAPIObject {
  const allScopes = new Set<string>();
  for (const [path, item] of Object.entries(document.paths)) {
    for (const operation of Object.values(item as Json) as Json[]) {
      if (!operation || typeof operation !== 'object' || !('responses' in operation)) continue;
      const scopes = operation['x-required-scopes'] as string[] | undefined;
      const responses = operation.responses as Record<string, Json>;
      if (scopes) {
        scopes.forEach((scope) => allScopes.add(scope));
        operation.security = [{ [path.startsWith('/admin') ? 'oauth2Admin' : 'oauth2']: scopes }];
        for (const [status, description] of Object.entries(POLICY_RESPONSES)) responses[status] ??= { description, content: PROBLEM };
      } else {
        responses['429'] ??= { description: POLICY_RESPONSES['429'], content: PROBLEM };
      }
      responses['500'] ??= { description: 'Unexpected error; quote the request id', content: PROBLEM };
      for (const [status, response] of Object.entries(responses)) {
        response.headers = { ...(response.headers as Json | undefined), ...CORS_HEADER };
        if (!/^[24]/.test(status)) continue;
        Object.assign(response.headers as Json, RATE_LIMIT_HEADERS);
        if (status === '429') {
          (response.headers as Json)['Retry-After'] = { description: 'Seconds to wait', schema: { type: 'integer', format: 'int32', minimum: 0, maximum: 86400 } };
        }
      }
    }
  }
  const flows = { clientCredentials: { tokenUrl, scopes: Object.fromEntries([...allScopes].sort().map((scope) => [scope, scopeDescription(scope)])) } };
  const tokens =
    'OAuth 2.0 client credentials at system-api (client_secret_basic, client_secret_post, or private_key_jwt as in SMART Backend Services). ' +
    'Access tokens are ES256 JWTs following RFC8725 (explicit alg, typ at+jwt, iss, aud and exp checked) and live five minutes; no refresh tokens (RFC 6749 §4.4.3).';
  document.components = {
    ...document.components,
    securitySchemes: {
      oauth2: { type: 'oauth2', description: tokens, flows },
      oauth2Admin: { type: 'oauth2', description: `${tokens} Admin operations need admin/ scopes, which only operator clients hold.`, flows },
    },
  };
  // x-internal: this is a partner-facing API inventory entry, not an internal one.
  document.servers = (document.servers ?? []).map((server) => ({ ...server, 'x-internal': false }));
  return document;
}

function scopeDescription(scope: string): string {
  const [prefix, rest] = scope.split('/');
  const [resource, permissions] = (rest ?? '').split('.');
  const verbs = { c: 'create', r: 'read', u: 'update', d: 'delete', s: 'search' } as Record<string, string>;
  return `${[...(permissions ?? '')].map((p) => verbs[p] ?? p).join(', ')} ${resource} (${prefix})`;
}

/** Stable key order so the committed document diffs cleanly. */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, v]) => [k, sortKeys(v)]),
    );
  }
  return value;
}
