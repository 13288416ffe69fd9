import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AdminClientsController } from './admin-clients.controller';
import { ClientRegistry } from './client-registry.service';
import { OAuthClientEntity } from './entities/oauth-client.entity';
import { SigningKeyEntity } from './entities/signing-key.entity';
import { UsedClientAssertionEntity } from './entities/used-client-assertion.entity';
import { SigningKeyStore } from './signing-key.store';
import { TokenController } from './token.controller';
import { TokenService } from './token.service';
import { WellKnownController } from './well-known.controller';

/** The built-in OAuth 2.0 authorization server (SMART Backend Services profile). */
@Module({
  imports: [TypeOrmModule.forFeature([OAuthClientEntity, SigningKeyEntity, UsedClientAssertionEntity])],
  controllers: [TokenController, WellKnownController, AdminClientsController],
  providers: [ClientRegistry, SigningKeyStore, TokenService],
})
export class AuthServerModule {}

export const AUTH_SERVER_ENTITIES = [OAuthClientEntity, SigningKeyEntity, UsedClientAssertionEntity];
