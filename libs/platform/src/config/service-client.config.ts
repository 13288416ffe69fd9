import { IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { BaseConfig } from './base.config';

/**
 * Settings of a layer that calls the layer below: its own client credentials at the authorization
 * server, used to exchange each caller's token for one it may present downstream.
 */
export class ServiceClientConfig extends BaseConfig {
  /** Base URL of system-api (home of the built-in authorization server). */
  @Matches(/^https?:\/\/[^\s/]+(\/[^\s]*[^\s/])?$/, { message: 'SYSTEM_API_URL must be an http(s) URL without a trailing slash' })
  SYSTEM_API_URL: string = 'http://127.0.0.1:3001';

  @IsString()
  AUTH_CLIENT_ID: string = '';

  /** Secret of AUTH_CLIENT_ID; the demo default matches config/demo-clients.json. */
  @IsString()
  AUTH_CLIENT_SECRET: string = '';

  /**
   * How this layer authenticates to the one below: `exchange` swaps each caller's token at the
   * built-in authorization server (RFC 8693); `relay` forwards the caller's token as is, for an
   * external IdP whose tokens every layer already trusts.
   */
  @IsIn(['exchange', 'relay'])
  AUTH_DOWNSTREAM_MODE: 'exchange' | 'relay' = 'exchange';

  /** Token endpoint; defaults to system-api's. */
  @IsOptional()
  @Matches(/^https?:\/\/\S+$/, { message: 'AUTH_TOKEN_URL must be an http(s) URL' })
  AUTH_TOKEN_URL?: string;

  /** Fills in what defaults to system-api's URLs once the environment has been read. */
  resolveAuthDefaults(): this {
    this.AUTH_TOKEN_URL ??= `${this.SYSTEM_API_URL}/oauth2/token`;
    this.AUTH_JWKS_URL ??= `${this.SYSTEM_API_URL}/.well-known/jwks.json`;
    return this;
  }
}
