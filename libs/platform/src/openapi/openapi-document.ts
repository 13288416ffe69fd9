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
}

/** The app's OpenAPI 3.1 document, the same at runtime (/docs) and in `openapi/` (generated). */
export function buildOpenApiDocument(app: INestApplication, info: OpenApiInfo): OpenAPIObject {
  const builder = new DocumentBuilder()
    .setOpenAPIVersion('3.1.0')
    .setTitle(info.title)
    .setDescription(info.description)
    .setVersion(info.version)
    .setLicense('Apache-2.0', 'https://www.apache.org/licenses/LICENSE-2.0')
    .addServer(info.server, 'Local embedded profile (npm start)');
  for (const tag of info.tags) builder.addTag(tag.name, tag.description);
  // Routes list the scopes they need under x-required-scopes; tokens come from system-api.
  builder.addOAuth2(
    {
      type: 'oauth2',
      description: 'Client credentials (client_secret_basic, client_secret_post or private_key_jwt) at system-api /oauth2/token',
      flows: { clientCredentials: { tokenUrl: 'http://127.0.0.1:3001/oauth2/token', scopes: {} } },
    },
    'oauth2',
  );
  const document = SwaggerModule.createDocument(app, builder.build(), {
    extraModels: [ProblemDetailsDto],
    operationIdFactory: (_controller, method) => method,
  });
  return sortKeys(document) as OpenAPIObject;
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
