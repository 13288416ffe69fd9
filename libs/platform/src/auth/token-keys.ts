import { Injectable } from '@nestjs/common';
import { createRemoteJWKSet, type JWTVerifyGetKey } from 'jose';
import { BaseConfig } from '../config/base.config';

/**
 * Where access-token signing keys come from: the issuer's JWKS URL by default; system-api points
 * this at its own key store when it is the authorization server.
 */
@Injectable()
export class TokenKeyRing {
  private local?: JWTVerifyGetKey;
  private remote?: JWTVerifyGetKey;

  constructor(private readonly config: BaseConfig) {}

  useLocalKeys(getKey: JWTVerifyGetKey): void {
    this.local = getKey;
  }

  readonly getKey: JWTVerifyGetKey = (header, token) => {
    if (this.local && !this.config.AUTH_JWKS_URL) return this.local(header, token);
    if (!this.config.AUTH_JWKS_URL) throw new Error('AUTH_JWKS_URL is not set and this app holds no signing keys');
    this.remote ??= createRemoteJWKSet(new URL(this.config.AUTH_JWKS_URL), { cooldownDuration: 5_000, cacheMaxAge: 600_000 });
    return this.remote(header, token);
  };
}
