import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

export class TokenRequestDto {
  @ApiProperty({
    maxLength: 100,
    example: 'client_credentials',
    enum: ['client_credentials', 'urn:ietf:params:oauth:grant-type:token-exchange'],
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  grant_type?: string;

  @ApiPropertyOptional({
    maxLength: 2000,
    description: 'Space-separated scopes; all the client may have when absent',
    example: 'system/Patient.rs',
  })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  scope?: string;

  @ApiPropertyOptional({ maxLength: 100, description: 'client_secret_post, or with private_key_jwt', example: 'partner-acme' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  client_id?: string;

  @ApiPropertyOptional({ maxLength: 500, description: 'client_secret_post only' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  client_secret?: string;

  @ApiPropertyOptional({ maxLength: 200, example: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  client_assertion_type?: string;

  @ApiPropertyOptional({
    maxLength: 8000,
    description: 'private_key_jwt: a JWT signed RS384 or ES384 by the client, iss = sub = client_id, aud = this URL',
  })
  @IsOptional()
  @IsString()
  @MaxLength(8000)
  client_assertion?: string;

  @ApiPropertyOptional({ maxLength: 8000, description: 'Token exchange: the token to exchange' })
  @IsOptional()
  @IsString()
  @MaxLength(8000)
  subject_token?: string;

  @ApiPropertyOptional({ maxLength: 200, example: 'urn:ietf:params:oauth:token-type:access_token' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  subject_token_type?: string;
}

export class TokenResponseDto {
  @ApiProperty() access_token!: string;
  @ApiProperty({ example: 'Bearer' }) token_type!: string;
  @ApiProperty({ example: 300 }) expires_in!: number;
  @ApiProperty({ example: 'system/Patient.rs' }) scope!: string;
  @ApiPropertyOptional({ example: 'urn:ietf:params:oauth:token-type:access_token' }) issued_token_type?: string;
}

export class OAuthErrorDto {
  @ApiProperty({ example: 'invalid_client' }) error!: string;
  @ApiPropertyOptional({ example: 'Client authentication failed' }) error_description?: string;
}
