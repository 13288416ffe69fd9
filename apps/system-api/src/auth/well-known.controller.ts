import { Controller, Get, Header, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { JSONWebKeySet } from 'jose';
import { Public } from '@concord/platform';
import { SystemApiConfig } from '../system-api.config';
import { SigningKeyStore } from './signing-key.store';
import { CLIENT_ASSERTION_ALGORITHMS, GRANT_CLIENT_CREDENTIALS, GRANT_TOKEN_EXCHANGE } from './token.service';

@ApiTags('auth')
@Controller('.well-known')
@Public()
export class WellKnownController {
  constructor(
    private readonly keys: SigningKeyStore,
    private readonly config: SystemApiConfig,
  ) {}

  @Get('jwks.json')
  @Header('cache-control', 'public, max-age=300')
  @ApiOperation({ operationId: 'getJwks', summary: 'Public keys that verify Concord access tokens' })
  @ApiOkResponse({ description: 'JSON Web Key Set (RFC 7517)' })
  jwks(): Promise<JSONWebKeySet> {
    return this.keys.jwks();
  }

  @Get('smart-configuration')
  @ApiOperation({ operationId: 'getSmartConfiguration', summary: 'SMART App Launch discovery document (Backend Services)' })
  @ApiOkResponse({ description: 'SMART configuration' })
  smartConfiguration(@Req() request: FastifyRequest): Record<string, unknown> {
    const base = `${request.protocol}://${request.host}`;
    return {
      issuer: this.config.AUTH_ISSUER,
      jwks_uri: `${base}/.well-known/jwks.json`,
      token_endpoint: `${base}/oauth2/token`,
      grant_types_supported: [GRANT_CLIENT_CREDENTIALS, GRANT_TOKEN_EXCHANGE],
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post', 'private_key_jwt'],
      token_endpoint_auth_signing_alg_values_supported: CLIENT_ASSERTION_ALGORITHMS,
      scopes_supported: [
        'system/Patient.rs',
        'patient/Patient.rs',
        'user/Patient.rs',
        'audit/AuditEvent.rs',
        'admin/Client.cruds',
        'admin/SigningKey.c',
      ],
      response_types_supported: ['token'],
      capabilities: ['client-confidential-symmetric', 'client-confidential-asymmetric', 'permission-v2'],
    };
  }
}
