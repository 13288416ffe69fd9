import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { Observable } from 'rxjs';
import { contextFromHeaders, RequestContextStore } from './request-context';
import { requestOf } from './execution-request';

/**
 * Runs each handler inside its request's context. The onRequest hook already entered it, but body
 * parsing resumes on the socket's async context, so the handler re-enters it here.
 */
@Injectable()
export class RequestContextInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = requestOf(context);
    const requestContext = request?.concordContext ?? (request ? contextFromHeaders(request.headers) : undefined);
    if (!requestContext) return next.handle();
    return new Observable((subscriber) => RequestContextStore.run(requestContext, () => next.handle().subscribe(subscriber)));
  }
}
