import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Observable } from 'rxjs';
import { DEPRECATION, type DeprecationPolicy } from './deprecated.decorator';

/** Adds the deprecation headers of `@Deprecated` operations, on success and on error alike. */
@Injectable()
export class DeprecationInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const policy =
      context.getType<string>() === 'http'
        ? this.reflector.get<DeprecationPolicy | undefined>(DEPRECATION, context.getHandler())
        : undefined;
    if (policy) {
      const http = context.switchToHttp();
      const request = http.getRequest<FastifyRequest>();
      const params = request.params as Record<string, string | undefined>;
      const successor = policy.successor.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(params[name] ?? ''));
      void http
        .getResponse<FastifyReply>()
        .header('deprecation', `@${Math.floor(Date.parse(`${policy.since}T00:00:00Z`) / 1000)}`)
        .header('sunset', new Date(`${policy.sunset}T00:00:00Z`).toUTCString())
        .header('link', `<${successor}>; rel="successor-version"`);
    }
    return next.handle();
  }
}
