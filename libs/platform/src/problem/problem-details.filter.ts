import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { GraphQLError } from 'graphql';
import { RequestContextStore } from '../context/request-context';
import type { AppLogger } from '../logging/logger';
import { DomainException, RequestException, RequestExceptionCode } from './domain.exception';
import { categoryOfHttpStatus, ErrorCategory, httpStatusOf } from './error-category';
import { PROBLEM_CONTENT_TYPE, type ProblemDetails, problemTypeFor, titleFor } from './problem-details';

/**
 * The one place where exceptions become responses: RFC 9457 problem+json over HTTP, and a
 * GraphQLError with the same code and category over GraphQL. 5xx details never leave the process.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  constructor(private readonly logger: AppLogger) {}

  catch(exception: unknown, host: ArgumentsHost): unknown {
    const problem = toProblem(exception);
    if (problem.status >= 500) this.logger.error({ err: exception, code: problem.code }, 'request failed');

    if (host.getType<string>() === 'graphql') {
      // Over GraphQL every input is a field argument: there is no body, query or path to point into.
      const errors = problem.errors?.map(({ name, detail }) => ({ in: 'argument' as const, name, detail }));
      return new GraphQLError(problem.detail ?? problem.title, {
        extensions: {
          code: problem.code,
          category: categoryOfHttpStatus(problem.status),
          status: problem.status,
          ...(errors ? { errors } : {}),
        },
      });
    }
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    problem.instance = request.url.split('?')[0];
    sendProblem(reply, problem);
    return undefined;
  }
}

export function sendProblem(reply: FastifyReply, problem: ProblemDetails): void {
  if (problem.status === 401) {
    const error = problem.code === 'TOKEN_MISSING' ? '' : `, error="invalid_token"`;
    reply.header('www-authenticate', `Bearer realm="concord"${error}`);
  }
  if (problem.status === 403 && problem.code === 'INSUFFICIENT_SCOPE')
    reply.header('www-authenticate', 'Bearer realm="concord", error="insufficient_scope"');
  if (problem.status === 429 || problem.status === 503) void reply.header('retry-after', reply.getHeader('retry-after') ?? '1');
  void reply.status(problem.status).header('content-type', PROBLEM_CONTENT_TYPE).send(problem);
}

/** Maps anything thrown (domain exceptions, Nest HTTP exceptions, Fastify errors) to a problem. */
export function toProblem(exception: unknown): ProblemDetails {
  const requestId = RequestContextStore.current()?.requestId;
  if (exception instanceof DomainException) {
    return domainProblem(exception as DomainException<string>, requestId);
  }
  const fastifyLike = fromFrameworkError(exception);
  if (fastifyLike) return toProblem(fastifyLike);
  return {
    type: problemTypeFor('INTERNAL_ERROR'),
    title: 'Internal error',
    status: 500,
    detail: internalDetail,
    code: 'INTERNAL_ERROR',
    requestId,
  };
}

function domainProblem(exception: DomainException<string>, requestId: string | undefined): ProblemDetails {
  const status = httpStatusOf(exception.category);
  return {
    type: problemTypeFor(exception.code),
    title: titleFor(exception.code),
    status,
    detail: status >= 500 && exception.category === ErrorCategory.INTERNAL ? internalDetail : exception.message,
    code: exception.code,
    requestId,
    ...(exception.fieldErrors.length ? { errors: exception.fieldErrors } : {}),
  };
}

const internalDetail = 'An unexpected error occurred. Quote the request id when reporting it.';

function fromFrameworkError(exception: unknown): RequestException | DomainException | undefined {
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    if (status === 404) return new RequestException(RequestExceptionCode.ROUTE_NOT_FOUND, 'No such route');
    if (status === 413) return new RequestException(RequestExceptionCode.BODY_TOO_LARGE, 'Request body is larger than allowed');
    if (status === 405) return new RequestException(RequestExceptionCode.METHOD_NOT_ALLOWED, 'Method not allowed on this route');
    if (status === 415)
      return new RequestException(RequestExceptionCode.UNSUPPORTED_MEDIA_TYPE, 'Unsupported content type; send application/json');
    // Nest's Fastify adapter reports unparsable bodies as a plain 400.
    if (status === 400) return new RequestException(RequestExceptionCode.MALFORMED_BODY, `Malformed request: ${exception.message}`);
    if (status < 500) return new HttpStatusException(status, exception.message);
    return undefined;
  }
  if (typeof exception !== 'object' || exception === null) return undefined;
  const { statusCode, code } = exception as { statusCode?: unknown; code?: unknown };
  if (typeof statusCode !== 'number' || statusCode >= 500) return undefined;
  switch (code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new RequestException(RequestExceptionCode.BODY_TOO_LARGE, 'Request body is larger than allowed');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new RequestException(RequestExceptionCode.UNSUPPORTED_MEDIA_TYPE, 'Unsupported content type; send application/json');
    default:
      return new RequestException(RequestExceptionCode.MALFORMED_BODY, `Malformed request: ${safeMessage(exception)}`);
  }
}

/** A 4xx raised by Nest itself (guards, pipes) that has no domain code of its own. */
class HttpStatusException extends DomainException<string> {
  constructor(
    private readonly status: number,
    message: string,
  ) {
    super(`HTTP_${status}`, message);
  }
  get category(): ErrorCategory {
    return categoryOfHttpStatus(this.status);
  }
}

function safeMessage(exception: object): string {
  const message = (exception as { message?: unknown }).message;
  return typeof message === 'string' ? message.slice(0, 200) : 'unreadable request';
}
