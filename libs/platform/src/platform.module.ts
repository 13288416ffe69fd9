import { type DynamicModule, Global, Module, type Type } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { MixedList } from 'typeorm';
import { AuditEventEntity } from './audit/audit-event.entity';
import { AuditTrail } from './audit/audit-trail.service';
import { CreateAuditEvent1764000000000 } from './audit/1764000000000-create-audit-event.migration';
import { PhiAuditInterceptor } from './audit/phi-audit.interceptor';
import { AuditController } from './audit/audit.controller';
import { AccessGuard } from './auth/access.guard';
import { AccessTokenVerifier } from './auth/access-token.verifier';
import { BearerAuthenticator } from './auth/bearer.strategy';
import { TokenKeyRing } from './auth/token-keys';
import { PhiMaskingInterceptor } from './phi/phi-masking';
import { API_VERSIONS, type ApiVersionDto, VersionsController } from './versioning/api-versions';
import { DeprecationInterceptor } from './versioning/deprecation.interceptor';
import { CreateIdempotencyRecord1764000000001 } from './idempotency/1764000000001-create-idempotency-record.migration';
import { IdempotencyInterceptor } from './idempotency/idempotency.interceptor';
import { IdempotencyRecordEntity } from './idempotency/idempotency-record.entity';
import { RateLimiter } from './throttling/rate-limiter.service';
import { ThrottleGuard } from './throttling/throttle.guard';
import { BaseConfig } from './config/base.config';
import { RequestContextInterceptor } from './context/request-context.interceptor';
import { DatabaseHealthCheck } from './health/database.health-check';
import { HttpDependencyCheck, type HealthCheck } from './health/health-check';
import { HealthController } from './health/health.controller';
import { HealthService } from './health/health.service';
import type { AppLogger } from './logging/logger';
import { HttpMetrics } from './metrics/http-metrics';
import { MetricsController } from './metrics/metrics.controller';
import { databaseOptions, openDataSource } from './persistence/database-options';
import { TransactionRunner } from './persistence/transaction-runner';
import { APP_LOGGER, APP_NAME, HEALTH_CHECKS } from './platform.tokens';
import { ProblemDetailsFilter } from './problem/problem-details.filter';
import { ProblemValidationPipe } from './problem/problem-validation.pipe';

export interface PlatformOptions<C extends BaseConfig> {
  app: string;
  config: C;
  /** The app's own config class, also injectable by that type. */
  configClass: Type<C>;
  logger: AppLogger;
  metrics: HttpMetrics;
  /** The app's own TypeORM entities and migrations (platform tables are added). */
  entities?: MixedList<Function>;
  migrations?: Function[];
  /** API versions served, listed by `GET /versions`. */
  versions?: ApiVersionDto[];
  /** Layers or core systems below this app, checked by `/health/ready`. */
  dependencies?: { name: string; liveUrl: string }[];
}

export const PLATFORM_MIGRATIONS: Function[] = [CreateAuditEvent1764000000000, CreateIdempotencyRecord1764000000001];

/**
 * Gateway policies and plumbing every app gets: config, logging, persistence with migrations,
 * problem+json errors, validation, request context, PHI audit, health and metrics.
 */
@Global()
@Module({})
export class PlatformModule {
  static forApp<C extends BaseConfig>(options: PlatformOptions<C>): DynamicModule {
    const entities = [AuditEventEntity, IdempotencyRecordEntity, ...toArray(options.entities)];
    const migrations = [...PLATFORM_MIGRATIONS, ...(options.migrations ?? [])];
    const dependencyChecks = (options.dependencies ?? []).map(
      (d) => new HttpDependencyCheck(d.name, d.liveUrl, Math.min(options.config.DOWNSTREAM_TIMEOUT_MS, 2_000)),
    );
    return {
      module: PlatformModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => databaseOptions(options.config, { app: options.app, entities, migrations }),
          dataSourceFactory: async (dataSourceOptions) => openDataSource(dataSourceOptions!),
        }),
        TypeOrmModule.forFeature([AuditEventEntity, IdempotencyRecordEntity]),
      ],
      controllers: [HealthController, MetricsController, AuditController, VersionsController],
      providers: [
        { provide: APP_NAME, useValue: options.app },
        { provide: API_VERSIONS, useValue: options.versions ?? [] },
        { provide: APP_LOGGER, useValue: options.logger },
        { provide: BaseConfig, useValue: options.config },
        { provide: options.configClass, useValue: options.config },
        { provide: HttpMetrics, useValue: options.metrics },
        DatabaseHealthCheck,
        {
          provide: HEALTH_CHECKS,
          inject: [DatabaseHealthCheck],
          useFactory: (database: DatabaseHealthCheck): HealthCheck[] => [database, ...dependencyChecks],
        },
        HealthService,
        TransactionRunner,
        AuditTrail,
        TokenKeyRing,
        AccessTokenVerifier,
        BearerAuthenticator,
        RateLimiter,
        // Order matters: who is calling first, then how much they may ask for.
        { provide: APP_GUARD, useClass: AccessGuard },
        { provide: APP_GUARD, useClass: ThrottleGuard },
        { provide: APP_PIPE, useClass: ProblemValidationPipe },
        { provide: APP_FILTER, useFactory: () => new ProblemDetailsFilter(options.logger) },
        // Outermost first: request context, then idempotent replay (a replay has no new effect to audit), then PHI audit.
        { provide: APP_INTERCEPTOR, useClass: RequestContextInterceptor },
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
        { provide: APP_INTERCEPTOR, useClass: PhiAuditInterceptor },
        { provide: APP_INTERCEPTOR, useClass: DeprecationInterceptor },
        { provide: APP_INTERCEPTOR, useClass: PhiMaskingInterceptor },
      ],
      exports: [
        APP_NAME,
        APP_LOGGER,
        BaseConfig,
        options.configClass,
        HttpMetrics,
        AuditTrail,
        TransactionRunner,
        TokenKeyRing,
        AccessTokenVerifier,
        TypeOrmModule,
      ],
    };
  }
}

function toArray<T>(list: MixedList<T> | undefined): T[] {
  if (!list) return [];
  return Array.isArray(list) ? list : Object.values(list);
}
