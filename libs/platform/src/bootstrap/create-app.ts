import helmet from '@fastify/helmet';
import type { DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { LogController } from 'fastify';
import { SwaggerModule } from '@nestjs/swagger';
import type { BaseConfig } from '../config/base.config';
import { contextFromHeaders, RequestContextStore } from '../context/request-context';
import type { ContextualRequest } from '../context/execution-request';
import type { AppLogger } from '../logging/logger';
import { NestPinoLogger } from '../logging/nest-logger';
import type { HttpMetrics } from '../metrics/http-metrics';
import { buildOpenApiDocument, type OpenApiInfo } from '../openapi/openapi-document';
import { RequestException, RequestExceptionCode } from '../problem/domain.exception';

export interface CreateAppOptions {
  config: BaseConfig;
  logger: AppLogger;
  metrics: HttpMetrics;
  /** REST apps publish their OpenAPI document and Swagger UI under /docs. */
  openApi?: OpenApiInfo;
}

/**
 * Builds a Nest app on Fastify with the transport policies every layer shares: request context
 * and trace propagation, PHI-free request logs, metrics, helmet, CORS allow-list and body limit.
 * The app is initialised but not listening.
 */
export async function createApp(module: DynamicModule, options: CreateAppOptions): Promise<NestFastifyApplication> {
  const { config, logger, metrics } = options;
  const adapter = new FastifyAdapter({
    loggerInstance: logger,
    // Fastify's own request logs print raw URLs, which carry PHI; onResponse below logs route templates.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: config.BODY_LIMIT_BYTES,
    requestTimeout: config.REQUEST_TIMEOUT_MS,
    routerOptions: { maxParamLength: 200 },
    return503OnClosing: true,
  });
  const fastify = adapter.getInstance();

  fastify.addHook('onRequest', (request, reply, done) => {
    const context = contextFromHeaders(request.headers);
    (request as ContextualRequest).concordContext = context;
    void reply.header('x-request-id', context.requestId);
    RequestContextStore.run(context, done);
  });
  // Deeply nested JSON is refused before validation walks it (a cheap denial-of-service otherwise).
  fastify.addHook('preValidation', (request, _reply, done) => {
    if (request.body !== null && typeof request.body === 'object' && jsonDepth(request.body) > config.JSON_MAX_DEPTH) {
      done(new RequestException(RequestExceptionCode.MALFORMED_BODY, `JSON body is nested deeper than ${config.JSON_MAX_DEPTH} levels`));
      return;
    }
    done();
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.observe(request.method, route, reply.statusCode, reply.elapsedTime / 1000);
    const context = (request as ContextualRequest).concordContext;
    // Route template only: raw URLs carry ids and search values that are PHI.
    logger.info(
      {
        requestId: context?.requestId,
        traceId: context?.traceId,
        method: request.method,
        route,
        status: reply.statusCode,
        durationMs: Math.round(reply.elapsedTime),
      },
      'request completed',
    );
    done();
  });

  const app = await NestFactory.create<NestFastifyApplication>(module, adapter, {
    logger: new NestPinoLogger(logger),
    abortOnError: false,
  });
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", "'unsafe-inline'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
      },
    },
  });
  app.enableCors({
    origin: config.CORS_ORIGINS.length ? config.CORS_ORIGINS : false,
    exposedHeaders: ['x-request-id', 'traceparent', 'retry-after'],
  });
  if (options.openApi) {
    const document = buildOpenApiDocument(app, options.openApi);
    SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json', yamlDocumentUrl: 'docs/openapi.yaml' });
  }
  await app.init();
  await fastify.ready();
  return app;
}

/** Nesting depth of a parsed JSON value, without recursion. */
export function jsonDepth(value: unknown): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length) {
    const [current, depth] = stack.pop()!;
    if (current === null || typeof current !== 'object') continue;
    deepest = Math.max(deepest, depth);
    for (const child of Object.values(current)) if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
  }
  return deepest;
}
