import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblemResponses, IdempotencyKeyRequired, RequireScopes } from '@concord/platform';
import { ClientRegistry } from './client-registry.service';
import { ClientDto, ClientIdParams, ClientWithSecretDto, CreateClientDto, SigningKeyRotatedDto } from './dto/client.dto';
import type { OAuthClientEntity } from './entities/oauth-client.entity';
import { SigningKeyStore } from './signing-key.store';

@ApiTags('admin')
@Controller('admin/v1')
export class AdminClientsController {
  constructor(
    private readonly registry: ClientRegistry,
    private readonly keys: SigningKeyStore,
  ) {}

  @Get('clients')
  @RequireScopes('admin/Client.rs')
  @ApiOperation({ operationId: 'listClients', summary: 'Registered API clients (never their secrets)' })
  @ApiOkResponse({ type: [ClientDto] })
  @ApiProblemResponses(401, 403)
  async list(): Promise<ClientDto[]> {
    return (await this.registry.list()).map(toDto);
  }

  @Post('clients')
  @RequireScopes('admin/Client.c')
  @IdempotencyKeyRequired()
  @ApiHeader({
    name: 'Idempotency-Key',
    schema: { type: 'string', maxLength: 255 },
    required: true,
    description: 'Unique per intended creation; a retry with the same key and body replays the first answer',
  })
  @ApiOperation({ operationId: 'createClient', summary: 'Register a client; its secret is returned once' })
  @ApiCreatedResponse({ type: ClientWithSecretDto })
  @ApiProblemResponses(400, 401, 403, 409, 422)
  async create(@Body() body: CreateClientDto): Promise<ClientWithSecretDto> {
    const { client, secret } = await this.registry.create(body);
    return { ...toDto(client), clientSecret: secret };
  }

  @Post('clients/:clientId/secret')
  @HttpCode(200)
  @RequireScopes('admin/Client.u')
  @ApiOperation({ operationId: 'rotateClientSecret', summary: 'Replace a client secret; the old one stops working at once' })
  @ApiOkResponse({ type: ClientWithSecretDto })
  @ApiProblemResponses(400, 401, 403, 404, 409)
  async rotate(@Param() params: ClientIdParams): Promise<ClientWithSecretDto> {
    const { client, secret } = await this.registry.rotateSecret(params.clientId);
    return { ...toDto(client), clientSecret: secret };
  }

  @Post('clients/:clientId/revoke')
  @HttpCode(200)
  @RequireScopes('admin/Client.u')
  @ApiOperation({ operationId: 'revokeClient', summary: 'Revoke a client: no new tokens; issued ones expire within minutes' })
  @ApiOkResponse({ type: ClientDto })
  @ApiProblemResponses(400, 401, 403, 404, 409)
  async revoke(@Param() params: ClientIdParams): Promise<ClientDto> {
    return toDto(await this.registry.revoke(params.clientId));
  }

  @Post('signing-keys/rotate')
  @HttpCode(200)
  @RequireScopes('admin/SigningKey.c')
  @ApiOperation({ operationId: 'rotateSigningKey', summary: 'Start signing with a new key; the old one still verifies its tokens' })
  @ApiOkResponse({ type: SigningKeyRotatedDto })
  @ApiProblemResponses(401, 403)
  rotateSigningKey(): Promise<SigningKeyRotatedDto> {
    return this.keys.rotate();
  }
}

function toDto(client: OAuthClientEntity): ClientDto {
  return {
    clientId: client.clientId,
    name: client.name,
    scopes: client.allowedScopes.split(' ').filter(Boolean),
    tier: client.tier,
    ...(client.patientId ? { patientId: client.patientId } : {}),
    status: client.status,
    hasSecret: client.secretHash !== null,
    hasJwks: client.jwks !== null,
    ...(client.contact ? { contact: client.contact } : {}),
    createdAt: client.createdAt,
  };
}
