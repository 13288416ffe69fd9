import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { IsSlaTiers } from '../throttling/sla-tiers';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const toList = ({ value }: { value: unknown }) =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean)
    : value;

/**
 * Settings every app shares. Property names are the environment variables themselves, so a
 * validation message names exactly what to fix. Secrets are listed in `SENSITIVE_SETTINGS`.
 */
export class BaseConfig {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: string = 'development';

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: string = 'info';

  /** Interface to bind; loopback by default so a laptop never exposes PHI by accident. */
  @IsString()
  HOST: string = '127.0.0.1';

  /** Folder for the embedded profile's SQLite files. */
  @IsString()
  DATA_DIR: string = './data';

  /** PostgreSQL connection URL; when set, the app uses PostgreSQL instead of SQLite. */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL?: string;

  /** PostgreSQL schema of this app; defaults to the app name (system_api, process_api, experience_api). */
  @IsOptional()
  @Matches(/^[a-z_][a-z0-9_]{0,62}$/, { message: 'DATABASE_SCHEMA must be a lower-case SQL identifier' })
  DATABASE_SCHEMA?: string;

  /** Browser origins allowed by CORS (comma-separated); empty allows none. */
  @Transform(toList)
  @IsString({ each: true })
  @Matches(/^https?:\/\/[^/\s]+$/, { each: true, message: 'CORS_ORIGINS must list origins like https://portal.example.org' })
  CORS_ORIGINS: string[] = [];

  @Type(() => Number)
  @IsInt()
  @Min(1024)
  @Max(50 * 1024 * 1024)
  BODY_LIMIT_BYTES: number = 1024 * 1024;

  /** Deepest nesting of objects and arrays accepted in a JSON body. */
  @Type(() => Number)
  @IsInt()
  @Min(2)
  @Max(256)
  JSON_MAX_DEPTH: number = 32;

  /** Longest time a client may take to send a whole request (slow-loris protection). */
  @Type(() => Number)
  @IsInt()
  @Min(1000)
  @Max(600_000)
  REQUEST_TIMEOUT_MS: number = 30_000;

  /** Timeout of each call to the layer or core system below. */
  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(120_000)
  DOWNSTREAM_TIMEOUT_MS: number = 10_000;

  /** `iss` that access tokens must carry: system-api's built-in authorization server, or an external IdP. */
  @IsString()
  AUTH_ISSUER: string = 'http://127.0.0.1:3001';

  /** `aud` that access tokens must carry. */
  @IsString()
  AUTH_AUDIENCE: string = 'concord';

  /** Redis for rate-limit counters shared by every instance; in-memory counters when unset. */
  @IsOptional()
  @Matches(/^rediss?:\/\/\S+$/, { message: 'REDIS_URL must be a redis:// URL' })
  REDIS_URL?: string;

  /** Prefix of every Redis key this deployment writes. */
  @IsString()
  @Matches(/^[A-Za-z0-9:_-]{1,40}$/, { message: 'REDIS_KEY_PREFIX must be 1-40 letters, digits, ":", "_" or "-"' })
  REDIS_KEY_PREFIX: string = 'concord:';

  /**
   * SLA tier limits as JSON, merged over the defaults, e.g.
   * {"bronze":[{"name":"minute","quota":60,"windowSeconds":60}]}.
   */
  @IsOptional()
  @IsSlaTiers()
  THROTTLE_TIERS?: string;

  /** JWKS of the token issuer. Unset on system-api means "use my own signing keys". */
  @IsOptional()
  @Matches(/^https?:\/\/\S+$/, { message: 'AUTH_JWKS_URL must be an http(s) URL' })
  AUTH_JWKS_URL?: string;

  /** NATS with JetStream for events between instances and apps; the in-process transport when unset. */
  @IsOptional()
  @Matches(/^(nats|tls):\/\/\S+$/, { message: 'NATS_URL must be a nats:// or tls:// URL' })
  NATS_URL?: string;

  /** Prefix of the JetStream streams and subjects of this deployment. */
  @Matches(/^[A-Z][A-Z0-9_]{0,30}$/, { message: 'NATS_STREAM_PREFIX must be 1-31 upper-case letters, digits or "_"' })
  NATS_STREAM_PREFIX: string = 'CONCORD';

  /** How long published events (replay window) and handled deliveries (dedupe window) are kept. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(3650)
  EVENT_RETENTION_DAYS: number = 30;

  /** Stable name of this instance (leases); a restart under the same name resumes its own work at once. */
  @IsOptional()
  @Matches(/^[A-Za-z0-9._-]{1,64}$/, { message: 'INSTANCE_ID must be 1-64 letters, digits, ".", "_" or "-"' })
  INSTANCE_ID?: string;
}

export const SENSITIVE_SETTINGS = ['DATABASE_URL', 'REDIS_URL', 'AUTH_CLIENT_SECRET', 'NATS_URL'] as const;
