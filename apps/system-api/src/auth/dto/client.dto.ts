import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsIn, IsObject, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { SLA_TIERS, type SlaTier } from '../client-registry.service';

export class CreateClientDto {
  @ApiProperty({ example: 'partner-globex', pattern: '^[a-z0-9][a-z0-9-]{2,99}$', maxLength: 100 })
  @Matches(/^[a-z0-9][a-z0-9-]{2,99}$/, { message: 'clientId must be 3-100 lower-case letters, digits or "-"' })
  clientId!: string;

  @ApiProperty({ maxLength: 200, example: 'Globex Revenue Analytics' })
  @IsString()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ type: 'array', items: { type: 'string', maxLength: 100 }, maxItems: 50, example: ['system/Patient.rs'] })
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  scopes!: string[];

  @ApiProperty({ enum: SLA_TIERS, example: 'silver' })
  @IsIn(SLA_TIERS)
  tier!: SlaTier;

  @ApiPropertyOptional({ maxLength: 128, description: 'Bind every token of this client to one patient', example: 'jordan-rivera' })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  patientId?: string;

  @ApiPropertyOptional({ maxLength: 200, example: 'integrations@globex.example' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  contact?: string;

  @ApiPropertyOptional({ description: 'Public JWK Set for private_key_jwt' })
  @IsOptional()
  @IsObject()
  jwks?: { keys: object[] };
}

export class ClientDto {
  @ApiProperty({ example: 'partner-acme' }) clientId!: string;
  @ApiProperty({ example: 'Acme Analytics' }) name!: string;
  @ApiProperty({ type: [String], example: ['system/Patient.rs'] }) scopes!: string[];
  @ApiProperty({ enum: SLA_TIERS, example: 'bronze' }) tier!: string;
  @ApiPropertyOptional({ example: 'avery-quinn' }) patientId?: string;
  @ApiProperty({ enum: ['active', 'revoked'], example: 'active' }) status!: string;
  @ApiProperty({ description: 'Authenticates with a secret' }) hasSecret!: boolean;
  @ApiProperty({ description: 'Authenticates with private_key_jwt' }) hasJwks!: boolean;
  @ApiPropertyOptional() contact?: string;
  @ApiProperty() createdAt!: string;
}

export class ClientWithSecretDto extends ClientDto {
  @ApiProperty({ description: 'Shown once; only its hash is stored' }) clientSecret!: string;
}

export class ClientIdParams {
  @ApiProperty({ example: 'partner-acme', maxLength: 100 })
  @Matches(/^[a-z0-9][a-z0-9-]{2,99}$/, { message: 'clientId must be 3-100 lower-case letters, digits or "-"' })
  clientId!: string;
}

export class SigningKeyRotatedDto {
  @ApiProperty({ description: 'kid of the new signing key' }) kid!: string;
}
