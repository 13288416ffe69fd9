import { Injectable } from '@nestjs/common';
import { errors, jwtVerify, type JWTPayload } from 'jose';
import { BaseConfig } from '../config/base.config';
import { AuthException, AuthExceptionCode } from './auth.exception';
import type { Principal } from './principal';
import { TokenKeyRing } from './token-keys';

/** Asymmetric algorithms accepted on access tokens (never HS*, never none). */
export const ACCESS_TOKEN_ALGORITHMS = ['ES256', 'ES384', 'RS256', 'RS384', 'PS256'];

interface AccessTokenClaims extends JWTPayload {
  scope?: string;
  client_id?: string;
  patient?: string;
  tier?: string;
  act?: ActorClaim;
}
interface ActorClaim {
  sub?: string;
  act?: ActorClaim;
}

@Injectable()
export class AccessTokenVerifier {
  constructor(
    private readonly keys: TokenKeyRing,
    private readonly config: BaseConfig,
  ) {}

  async verify(token: string): Promise<Principal> {
    let claims: AccessTokenClaims;
    try {
      ({ payload: claims } = await jwtVerify<AccessTokenClaims>(token, this.keys.getKey, {
        issuer: this.config.AUTH_ISSUER,
        audience: this.config.AUTH_AUDIENCE,
        algorithms: ACCESS_TOKEN_ALGORITHMS,
        requiredClaims: ['sub', 'exp', 'iat'],
      }));
    } catch (error) {
      throw new AuthException(AuthExceptionCode.TOKEN_INVALID, describe(error), [], { cause: error });
    }
    const clientId = claims.client_id ?? claims.sub!;
    return {
      clientId,
      ...(claims.sub && claims.sub !== clientId ? { userId: claims.sub } : {}),
      scopes: (claims.scope ?? '').split(' ').filter(Boolean),
      ...(claims.patient ? { patientId: claims.patient } : {}),
      tier: claims.tier ?? 'bronze',
      actors: actorsOf(claims.act),
      tokenId: claims.jti ?? '',
      expiresAt: claims.exp!,
    };
  }
}

function actorsOf(act: ActorClaim | undefined): string[] {
  const actors: string[] = [];
  for (let current = act; current?.sub; current = current.act) actors.push(current.sub);
  return actors;
}

function describe(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'The access token has expired';
  if (error instanceof errors.JWTClaimValidationFailed) return `The access token's ${error.claim} claim is not accepted`;
  if (error instanceof errors.JWSSignatureVerificationFailed || error instanceof errors.JWKSNoMatchingKey)
    return 'The access token signature is not valid';

  return 'The access token is malformed or not issued by a trusted issuer';
}
