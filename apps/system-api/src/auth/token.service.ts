import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { createLocalJWKSet, decodeJwt, type JSONWebKeySet, jwtVerify, SignJWT } from 'jose';
import { LessThan, type Repository } from 'typeorm';
import { AccessTokenVerifier, DomainException, grantableScopes, type Principal } from '@concord/platform';
import { SystemApiConfig } from '../system-api.config';
import { ClientRegistry } from './client-registry.service';
import { OAuthClientEntity } from './entities/oauth-client.entity';
import { UsedClientAssertionEntity } from './entities/used-client-assertion.entity';
import { OAuthException } from './oauth.exception';
import { SigningKeyStore } from './signing-key.store';

export const GRANT_CLIENT_CREDENTIALS = 'client_credentials';
export const GRANT_TOKEN_EXCHANGE = 'urn:ietf:params:oauth:grant-type:token-exchange';
export const ACCESS_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:access_token';
export const CLIENT_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
/** SMART Backend Services: client assertions are signed RS384 or ES384 and live at most five minutes. */
export const CLIENT_ASSERTION_ALGORITHMS = ['RS384', 'ES384'];
const MAX_ASSERTION_LIFETIME_S = 300;

export interface ClientCredentials {
  /** From HTTP Basic (client_secret_basic). */
  basic?: { clientId: string; secret: string };
  /** From the form (client_secret_post). */
  clientId?: string;
  clientSecret?: string;
  /** private_key_jwt. */
  clientAssertionType?: string;
  clientAssertion?: string;
}

export interface TokenRequest {
  grantType?: string;
  scope?: string;
  subjectToken?: string;
  subjectTokenType?: string;
  credentials: ClientCredentials;
  /** URLs the client may have used as the assertion audience. */
  tokenEndpointUrls: string[];
}

export interface TokenResponse {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  scope: string;
  issued_token_type?: string;
}

/** The authorization server: authenticates clients and issues short-lived ES256 access tokens. */
@Injectable()
export class TokenService {
  constructor(
    private readonly registry: ClientRegistry,
    private readonly keys: SigningKeyStore,
    private readonly verifier: AccessTokenVerifier,
    private readonly config: SystemApiConfig,
    @InjectRepository(UsedClientAssertionEntity) private readonly usedAssertions: Repository<UsedClientAssertionEntity>,
  ) {}

  async token(request: TokenRequest): Promise<TokenResponse> {
    switch (request.grantType) {
      case GRANT_CLIENT_CREDENTIALS:
        return this.clientCredentials(request);
      case GRANT_TOKEN_EXCHANGE:
        return this.tokenExchange(request);
      case undefined:
        throw new OAuthException('invalid_request', 'grant_type is required');
      default:
        throw new OAuthException('unsupported_grant_type', `grant_type ${request.grantType} is not supported`);
    }
  }

  private async clientCredentials(request: TokenRequest): Promise<TokenResponse> {
    const client = await this.authenticateClient(request);
    const allowed = client.allowedScopes.split(' ').filter(Boolean);
    const requested = request.scope ? request.scope.split(' ').filter(Boolean) : allowed;
    const granted = grantableScopes(allowed, requested);
    const refused = requested.filter((scope) => !granted.includes(scope));
    if (refused.length) throw new OAuthException('invalid_scope', `Not allowed for this client: ${refused.join(' ')}`);
    const ttl = this.config.AUTH_TOKEN_TTL_SECONDS;
    const token = await this.sign({ sub: client.clientId, scope: granted, tier: client.tier, patient: client.patientId ?? undefined }, ttl);
    return { access_token: token, token_type: 'Bearer', expires_in: ttl, scope: granted.join(' ') };
  }

  /**
   * RFC 8693: one of Concord's own layers swaps the caller's token for one it can present below,
   * keeping the caller as `sub` (and its scopes, tier and patient) and recording itself in `act`.
   */
  private async tokenExchange(request: TokenRequest): Promise<TokenResponse> {
    const actor = await this.authenticateClient(request);
    if (!actor.mayDelegate) throw new OAuthException('unauthorized_client', 'This client may not exchange tokens');
    if (!request.subjectToken || request.subjectTokenType !== ACCESS_TOKEN_TYPE) {
      throw new OAuthException('invalid_request', `subject_token and subject_token_type=${ACCESS_TOKEN_TYPE} are required`);
    }
    let subject: Principal;
    try {
      subject = await this.verifier.verify(request.subjectToken);
    } catch (error) {
      throw new OAuthException('invalid_grant', error instanceof DomainException ? error.message : 'subject_token is not valid');
    }
    const requested = request.scope ? request.scope.split(' ').filter(Boolean) : subject.scopes;
    const narrowed = grantableScopes(subject.scopes, requested);
    if (narrowed.length !== requested.length)
      throw new OAuthException('invalid_scope', 'An exchanged token cannot widen the subject token’s scopes');
    const ttl = Math.max(1, Math.min(this.config.AUTH_TOKEN_TTL_SECONDS, subject.expiresAt - Math.floor(Date.now() / 1000)));
    const act = [actor.clientId, ...subject.actors].reduceRight<ActClaim | undefined>(
      (inner, sub) => ({ sub, ...(inner ? { act: inner } : {}) }),
      undefined,
    );
    const token = await this.sign(
      {
        sub: subject.userId ?? subject.clientId,
        clientId: subject.clientId,
        scope: narrowed,
        tier: subject.tier,
        patient: subject.patientId,
        act,
      },
      ttl,
    );
    return { access_token: token, token_type: 'Bearer', expires_in: ttl, scope: narrowed.join(' '), issued_token_type: ACCESS_TOKEN_TYPE };
  }

  private async sign(
    claims: { sub: string; clientId?: string; scope: string[]; tier: string; patient?: string; act?: ActClaim },
    ttlSeconds: number,
  ): Promise<string> {
    const key = this.keys.signingKey();
    return new SignJWT({
      scope: claims.scope.join(' '),
      client_id: claims.clientId ?? claims.sub,
      tier: claims.tier,
      ...(claims.patient ? { patient: claims.patient } : {}),
      ...(claims.act ? { act: claims.act } : {}),
    })
      .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'at+jwt' })
      .setIssuer(this.config.AUTH_ISSUER)
      .setAudience(this.config.AUTH_AUDIENCE)
      .setSubject(claims.sub)
      .setIssuedAt()
      .setExpirationTime(`${ttlSeconds}s`)
      .setJti(randomUUID())
      .sign(key.key);
  }

  private async authenticateClient(request: TokenRequest): Promise<OAuthClientEntity> {
    const credentials = request.credentials;
    const methods = [credentials.basic, credentials.clientSecret, credentials.clientAssertion].filter(Boolean).length;
    if (methods !== 1)
      throw new OAuthException('invalid_client', 'Authenticate the client with exactly one method', credentials.basic !== undefined);
    if (credentials.basic) {
      const client = await this.registry.authenticate(credentials.basic.clientId, credentials.basic.secret);
      if (!client) throw new OAuthException('invalid_client', 'Client authentication failed', true);
      return client;
    }
    if (credentials.clientSecret) {
      const client = credentials.clientId ? await this.registry.authenticate(credentials.clientId, credentials.clientSecret) : undefined;
      if (!client) throw new OAuthException('invalid_client', 'Client authentication failed');
      return client;
    }
    return this.authenticateAssertion(credentials, request.tokenEndpointUrls);
  }

  /** private_key_jwt as in SMART Backend Services (and RFC 7523). */
  private async authenticateAssertion(credentials: ClientCredentials, audiences: string[]): Promise<OAuthClientEntity> {
    if (credentials.clientAssertionType !== CLIENT_ASSERTION_TYPE)
      throw new OAuthException('invalid_client', `client_assertion_type must be ${CLIENT_ASSERTION_TYPE}`);
    let issuer: string | undefined;
    try {
      issuer = decodeJwt(credentials.clientAssertion!).iss;
    } catch {
      throw new OAuthException('invalid_client', 'client_assertion is not a JWT');
    }
    const client = issuer ? await this.registry.find(issuer) : null;
    if (!client || client.status !== 'active' || !client.jwks) throw new OAuthException('invalid_client', 'Client authentication failed');
    if (credentials.clientId && credentials.clientId !== client.clientId)
      throw new OAuthException('invalid_client', 'client_id does not match the assertion');
    let payload: { exp?: number; jti?: string };
    try {
      ({ payload } = await jwtVerify(credentials.clientAssertion!, createLocalJWKSet(JSON.parse(client.jwks) as JSONWebKeySet), {
        algorithms: CLIENT_ASSERTION_ALGORITHMS,
        issuer: client.clientId,
        subject: client.clientId,
        audience: audiences,
        requiredClaims: ['exp', 'jti'],
      }));
    } catch {
      throw new OAuthException('invalid_client', 'client_assertion is not valid for this client and token endpoint');
    }
    const now = Math.floor(Date.now() / 1000);
    if (payload.exp! - now > MAX_ASSERTION_LIFETIME_S)
      throw new OAuthException('invalid_client', 'client_assertion exp must be at most five minutes ahead');
    await this.usedAssertions.delete({ expiresAt: LessThan(now) });
    try {
      await this.usedAssertions.insert({ clientId: client.clientId, jti: payload.jti!, expiresAt: payload.exp! });
    } catch {
      throw new OAuthException('invalid_client', 'client_assertion jti has already been used');
    }
    return client;
  }
}

interface ActClaim {
  sub: string;
  act?: ActClaim;
}
