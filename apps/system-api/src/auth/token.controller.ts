import { Body, Controller, Header, Headers, HttpCode, Post, Req, UseFilters } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConsumes, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Public } from '@concord/platform';
import { OAuthErrorDto, TokenRequestDto, TokenResponseDto } from './dto/token.dto';
import { OAuthException, OAuthExceptionFilter } from './oauth.exception';
import { TokenService, type TokenResponse } from './token.service';

@ApiTags('auth')
@Controller('oauth2')
@Public()
@UseFilters(OAuthExceptionFilter)
export class TokenController {
  constructor(private readonly tokens: TokenService) {}

  @Post('token')
  @HttpCode(200)
  @Header('cache-control', 'no-store')
  @Header('pragma', 'no-cache')
  @ApiOperation({
    operationId: 'issueToken',
    summary: 'OAuth 2.0 token endpoint: client_credentials (client_secret_basic, client_secret_post, private_key_jwt) and token exchange',
  })
  @ApiConsumes('application/x-www-form-urlencoded')
  @ApiOkResponse({ type: TokenResponseDto })
  @ApiBadRequestResponse({
    type: OAuthErrorDto,
    description: 'RFC 6749 error (invalid_request, invalid_scope, unsupported_grant_type ...)',
  })
  @ApiUnauthorizedResponse({ type: OAuthErrorDto, description: 'invalid_client' })
  token(
    @Body() body: TokenRequestDto,
    @Headers('authorization') authorization: string | undefined,
    @Req() request: FastifyRequest,
  ): Promise<TokenResponse> {
    return this.tokens.token({
      grantType: body.grant_type,
      scope: body.scope,
      subjectToken: body.subject_token,
      subjectTokenType: body.subject_token_type,
      credentials: {
        basic: parseBasic(authorization),
        clientId: body.client_id,
        clientSecret: body.client_secret,
        clientAssertionType: body.client_assertion_type,
        clientAssertion: body.client_assertion,
      },
      tokenEndpointUrls: [`${request.protocol}://${request.host}/oauth2/token`],
    });
  }
}

/** RFC 6749 §2.3.1: client id and secret are form-urlencoded before Basic encoding. */
function parseBasic(header: string | undefined): { clientId: string; secret: string } | undefined {
  if (!header?.toLowerCase().startsWith('basic ')) return undefined;
  const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) throw new OAuthException('invalid_client', 'Malformed Basic credentials', true);
  try {
    return { clientId: decodeURIComponent(decoded.slice(0, colon)), secret: decodeURIComponent(decoded.slice(colon + 1)) };
  } catch {
    throw new OAuthException('invalid_client', 'Malformed Basic credentials', true);
  }
}
