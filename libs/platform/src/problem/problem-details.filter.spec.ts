import 'reflect-metadata';
import {
  BadRequestException,
  ForbiddenException,
  HttpException,
  InternalServerErrorException,
  MethodNotAllowedException,
  NotFoundException,
  PayloadTooLargeException,
  UnauthorizedException,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { type RequestContext, RequestContextStore } from '../context/request-context';
import { createLogger } from '../logging/logger';
import { DomainException, RequestException, RequestExceptionCode } from './domain.exception';
import { categoryOfHttpStatus, ErrorCategory, httpStatusOf } from './error-category';
import type { FieldError } from './field-error';
import { ProblemDetailsFilter, toProblem } from './problem-details.filter';

enum BillingExceptionCode {
  CLAIM_NOT_FOUND = 'CLAIM_NOT_FOUND',
  CLAIM_ALREADY_SUBMITTED = 'CLAIM_ALREADY_SUBMITTED',
  LEDGER_CORRUPT = 'LEDGER_CORRUPT',
}

/** A module exception like the real ones, whose category is chosen per test. */
class BillingException extends DomainException<BillingExceptionCode> {
  constructor(
    code: BillingExceptionCode,
    message: string,
    private readonly categoryForTest: ErrorCategory,
    fieldErrors: FieldError[] = [],
  ) {
    super(code, message, fieldErrors);
  }
  get category(): ErrorCategory {
    return this.categoryForTest;
  }
}

const INTERNAL_DETAIL = 'An unexpected error occurred. Quote the request id when reporting it.';

const context: RequestContext = {
  requestId: 'req-7',
  traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
  spanId: '00f067aa0ba902b7',
  traceFlags: '01',
};

/** Every category with the HTTP status it must map to; a new category will not compile until added. */
const STATUS_OF: Record<ErrorCategory, number> = {
  [ErrorCategory.INVALID_INPUT]: 400,
  [ErrorCategory.UNAUTHENTICATED]: 401,
  [ErrorCategory.FORBIDDEN]: 403,
  [ErrorCategory.NOT_FOUND]: 404,
  [ErrorCategory.METHOD_NOT_ALLOWED]: 405,
  [ErrorCategory.CONFLICT]: 409,
  [ErrorCategory.PAYLOAD_TOO_LARGE]: 413,
  [ErrorCategory.UNSUPPORTED_MEDIA_TYPE]: 415,
  [ErrorCategory.UNPROCESSABLE]: 422,
  [ErrorCategory.RATE_LIMITED]: 429,
  [ErrorCategory.UPSTREAM_ERROR]: 502,
  [ErrorCategory.UPSTREAM_UNAVAILABLE]: 503,
  [ErrorCategory.UPSTREAM_TIMEOUT]: 504,
  [ErrorCategory.INTERNAL]: 500,
};

describe('httpStatusOf', () => {
  it.each(Object.values(ErrorCategory).map((category) => ({ category, status: STATUS_OF[category] })))(
    '$category → $status',
    ({ category, status }) => {
      expect(httpStatusOf(category)).toBe(status);
    },
  );

  it('throws for a value that is not a category', () => {
    expect(() => httpStatusOf('teapot' as ErrorCategory)).toThrow('Unhandled case: teapot');
  });
});

describe('categoryOfHttpStatus', () => {
  it.each([
    { status: 400, category: ErrorCategory.INVALID_INPUT },
    { status: 401, category: ErrorCategory.UNAUTHENTICATED },
    { status: 403, category: ErrorCategory.FORBIDDEN },
    { status: 404, category: ErrorCategory.NOT_FOUND },
    { status: 405, category: ErrorCategory.METHOD_NOT_ALLOWED },
    { status: 409, category: ErrorCategory.CONFLICT },
    { status: 410, category: ErrorCategory.NOT_FOUND },
    { status: 412, category: ErrorCategory.CONFLICT },
    { status: 413, category: ErrorCategory.PAYLOAD_TOO_LARGE },
    { status: 415, category: ErrorCategory.UNSUPPORTED_MEDIA_TYPE },
    { status: 418, category: ErrorCategory.INVALID_INPUT },
    { status: 422, category: ErrorCategory.UNPROCESSABLE },
    { status: 429, category: ErrorCategory.RATE_LIMITED },
    { status: 500, category: ErrorCategory.INTERNAL },
    { status: 501, category: ErrorCategory.UPSTREAM_ERROR },
    { status: 502, category: ErrorCategory.UPSTREAM_ERROR },
    { status: 503, category: ErrorCategory.UPSTREAM_UNAVAILABLE },
    { status: 504, category: ErrorCategory.UPSTREAM_TIMEOUT },
    { status: 505, category: ErrorCategory.UPSTREAM_ERROR },
    { status: 599, category: ErrorCategory.UPSTREAM_ERROR },
  ])('$status → $category', ({ status, category }) => {
    expect(categoryOfHttpStatus(status)).toBe(category);
  });

  it('maps 405 to method-not-allowed, not to invalid-input like other 4xx', () => {
    expect(categoryOfHttpStatus(405)).toBe(ErrorCategory.METHOD_NOT_ALLOWED);
    expect(categoryOfHttpStatus(405)).not.toBe(categoryOfHttpStatus(418));
  });

  it('maps a bare 500 to internal, not to upstream-error', () => {
    expect(categoryOfHttpStatus(500)).toBe(ErrorCategory.INTERNAL);
    expect(categoryOfHttpStatus(502)).toBe(ErrorCategory.UPSTREAM_ERROR);
  });

  it.each(Object.values(ErrorCategory))('round-trips category %s through its status', (category) => {
    expect(categoryOfHttpStatus(httpStatusOf(category))).toBe(category);
  });
});

describe('toProblem for domain exceptions', () => {
  it('takes status from the category, and type, title and code from the code', () => {
    const fieldErrors: FieldError[] = [
      { in: 'body', name: 'lines.0.amount', pointer: '/lines/0/amount', detail: 'amount must be positive' },
    ];
    const problem = toProblem(
      new BillingException(
        BillingExceptionCode.CLAIM_ALREADY_SUBMITTED,
        'Claim 42 was submitted on 2026-11-01',
        ErrorCategory.CONFLICT,
        fieldErrors,
      ),
    );
    expect(problem).toStrictEqual({
      type: 'https://concord.health/problems/claim-already-submitted',
      title: 'Claim already submitted',
      status: 409,
      detail: 'Claim 42 was submitted on 2026-11-01',
      code: 'CLAIM_ALREADY_SUBMITTED',
      requestId: undefined,
      errors: fieldErrors,
    });
  });

  it.each(Object.values(ErrorCategory).filter((category) => category !== ErrorCategory.INTERNAL))(
    'passes the message on for category %s',
    (category) => {
      const problem = toProblem(new BillingException(BillingExceptionCode.CLAIM_NOT_FOUND, 'No claim 42', category));
      expect(problem.status).toBe(STATUS_OF[category]);
      expect(problem.detail).toBe('No claim 42');
      expect(problem).not.toHaveProperty('errors');
    },
  );

  it('hides the message of an INTERNAL exception', () => {
    const problem = toProblem(
      new BillingException(BillingExceptionCode.LEDGER_CORRUPT, 'row 991 of ledger_lines has a NULL amount', ErrorCategory.INTERNAL),
    );
    expect(problem.status).toBe(500);
    expect(problem.code).toBe('LEDGER_CORRUPT');
    expect(problem.detail).toBe(INTERNAL_DETAIL);
    expect(JSON.stringify(problem)).not.toContain('ledger_lines');
  });

  it('fills requestId inside a request', () => {
    const problem = RequestContextStore.run(context, () =>
      toProblem(new BillingException(BillingExceptionCode.CLAIM_NOT_FOUND, 'No claim 42', ErrorCategory.NOT_FOUND)),
    );
    expect(problem.requestId).toBe('req-7');
  });
});

describe('toProblem for framework errors', () => {
  it.each([
    {
      name: 'Nest NotFoundException',
      error: new NotFoundException('Cannot GET /nope'),
      status: 404,
      code: 'ROUTE_NOT_FOUND',
      detail: 'No such route',
    },
    {
      name: 'Nest PayloadTooLargeException',
      error: new PayloadTooLargeException(),
      status: 413,
      code: 'BODY_TOO_LARGE',
      detail: 'Request body is larger than allowed',
    },
    {
      name: 'Nest UnsupportedMediaTypeException',
      error: new UnsupportedMediaTypeException(),
      status: 415,
      code: 'UNSUPPORTED_MEDIA_TYPE',
      detail: 'Unsupported content type; send application/json',
    },
    {
      name: 'Nest BadRequestException (unparsable body)',
      error: new BadRequestException('Unexpected token } in JSON'),
      status: 400,
      code: 'MALFORMED_BODY',
      detail: 'Malformed request: Unexpected token } in JSON',
    },
    {
      name: 'Nest UnauthorizedException',
      error: new UnauthorizedException('Bearer token expired'),
      status: 401,
      code: 'HTTP_401',
      detail: 'Bearer token expired',
    },
    {
      name: 'Nest ForbiddenException',
      error: new ForbiddenException('Not your clinic'),
      status: 403,
      code: 'HTTP_403',
      detail: 'Not your clinic',
    },
    { name: 'a bare HttpException 429', error: new HttpException('Slow down', 429), status: 429, code: 'HTTP_429', detail: 'Slow down' },
    {
      name: 'a Fastify body-limit error',
      error: { statusCode: 413, code: 'FST_ERR_CTP_BODY_TOO_LARGE', message: 'Request body is too large' },
      status: 413,
      code: 'BODY_TOO_LARGE',
      detail: 'Request body is larger than allowed',
    },
    {
      name: 'a Fastify media-type error',
      error: { statusCode: 415, code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE', message: 'Unsupported Media Type: text/xml' },
      status: 415,
      code: 'UNSUPPORTED_MEDIA_TYPE',
      detail: 'Unsupported content type; send application/json',
    },
    {
      name: 'a Fastify content-length mismatch (a malformed body, not a media-type problem)',
      error: { statusCode: 400, code: 'FST_ERR_CTP_INVALID_CONTENT_LENGTH', message: 'Request body size did not match Content-Length' },
      status: 400,
      code: 'MALFORMED_BODY',
      detail: 'Malformed request: Request body size did not match Content-Length',
    },
    {
      name: 'any other Fastify 4xx',
      error: {
        statusCode: 400,
        code: 'FST_ERR_CTP_EMPTY_JSON_BODY',
        message: "Body cannot be empty when content-type is set to 'application/json'",
      },
      status: 400,
      code: 'MALFORMED_BODY',
      detail: "Malformed request: Body cannot be empty when content-type is set to 'application/json'",
    },
    {
      name: 'a Fastify 4xx with a huge message (cut to 200 characters)',
      error: { statusCode: 400, code: 'FST_ERR_X', message: 'x'.repeat(500) },
      status: 400,
      code: 'MALFORMED_BODY',
      detail: `Malformed request: ${'x'.repeat(200)}`,
    },
    {
      name: 'a Fastify 4xx without a message',
      error: { statusCode: 400, code: 'FST_ERR_X' },
      status: 400,
      code: 'MALFORMED_BODY',
      detail: 'Malformed request: unreadable request',
    },
  ])('$name → $status $code', ({ error, status, code, detail }) => {
    expect(toProblem(error)).toMatchObject({ status, code, detail });
  });

  it('Nest MethodNotAllowedException → 405 METHOD_NOT_ALLOWED', () => {
    expect(toProblem(new MethodNotAllowedException())).toStrictEqual({
      type: 'https://concord.health/problems/method-not-allowed',
      title: 'Method not allowed',
      status: 405,
      detail: 'Method not allowed on this route',
      code: 'METHOD_NOT_ALLOWED',
      requestId: undefined,
    });
  });

  it('RequestException METHOD_NOT_ALLOWED has category method-not-allowed and status 405', () => {
    const exception = new RequestException(RequestExceptionCode.METHOD_NOT_ALLOWED, 'Method not allowed on this route');
    expect(exception.category).toBe(ErrorCategory.METHOD_NOT_ALLOWED);
    expect(toProblem(exception).status).toBe(405);
  });

  it.each([
    { name: 'a plain Error', error: new Error('connect ECONNREFUSED 10.0.0.7:5432 user=concord') },
    { name: 'a Nest 500', error: new InternalServerErrorException('connect ECONNREFUSED 10.0.0.7:5432 user=concord') },
    {
      name: 'a Fastify-like 5xx',
      error: { statusCode: 500, code: 'FST_ERR_X', message: 'connect ECONNREFUSED 10.0.0.7:5432 user=concord' },
    },
    { name: 'an object without a status', error: { message: 'connect ECONNREFUSED 10.0.0.7:5432 user=concord' } },
    { name: 'a string', error: 'connect ECONNREFUSED 10.0.0.7:5432 user=concord' },
    { name: 'null', error: null },
  ])('$name → 500 INTERNAL_ERROR that says nothing about the cause', ({ error }) => {
    const problem = toProblem(error);
    expect(problem).toStrictEqual({
      type: 'https://concord.health/problems/internal-error',
      title: 'Internal error',
      status: 500,
      detail: INTERNAL_DETAIL,
      code: 'INTERNAL_ERROR',
      requestId: undefined,
    });
    expect(JSON.stringify(problem)).not.toContain('ECONNREFUSED');
  });

  it('fills requestId for framework and unknown errors inside a request', () => {
    expect(RequestContextStore.run(context, () => toProblem(new Error('boom'))).requestId).toBe('req-7');
    expect(RequestContextStore.run(context, () => toProblem(new NotFoundException())).requestId).toBe('req-7');
  });
});

/** The parts of a Fastify reply the filter uses, recording what it was told. */
class RecordingReply {
  statusCode = 200;
  readonly headers: Record<string, string> = {};
  body: unknown;
  status(code: number): this {
    this.statusCode = code;
    return this;
  }
  header(name: string, value: string): this {
    this.headers[name] = value;
    return this;
  }
  getHeader(name: string): string | undefined {
    return this.headers[name];
  }
  send(body: unknown): this {
    this.body = body;
    return this;
  }
}

describe('ProblemDetailsFilter', () => {
  const logged: string[] = [];
  const filter = new ProblemDetailsFilter(
    createLogger({ app: 'test', level: 'info', destination: { write: (line: string) => logged.push(line) } }),
  );

  const httpHost = (url: string, reply: RecordingReply) => new ExecutionContextHost([{ url }, reply]);

  it('sends problem+json with the path (without query) as instance', () => {
    const reply = new RecordingReply();
    filter.catch(new NotFoundException(), httpHost('/ehr/v1/nope?name=Quinn', reply));
    expect(reply.statusCode).toBe(404);
    expect(reply.headers['content-type']).toBe('application/problem+json');
    expect(reply.body).toMatchObject({ code: 'ROUTE_NOT_FOUND', instance: '/ehr/v1/nope' });
    expect(reply.headers).not.toHaveProperty('retry-after');
  });

  it.each([
    { category: ErrorCategory.UPSTREAM_UNAVAILABLE, status: 503 },
    { category: ErrorCategory.RATE_LIMITED, status: 429 },
  ])('asks the client to retry after a $status', ({ category, status }) => {
    const reply = new RecordingReply();
    filter.catch(new BillingException(BillingExceptionCode.CLAIM_NOT_FOUND, 'later', category), httpHost('/x', reply));
    expect(reply.statusCode).toBe(status);
    expect(reply.headers['retry-after']).toBe('1');
  });

  it('keeps a retry-after already set', () => {
    const reply = new RecordingReply();
    reply.header('retry-after', '30');
    filter.catch(new BillingException(BillingExceptionCode.CLAIM_NOT_FOUND, 'later', ErrorCategory.RATE_LIMITED), httpHost('/x', reply));
    expect(reply.headers['retry-after']).toBe('30');
  });

  it('logs 5xx with the error, and not 4xx', () => {
    logged.length = 0;
    filter.catch(new NotFoundException(), httpHost('/x', new RecordingReply()));
    expect(logged).toStrictEqual([]);
    filter.catch(new Error('disk full'), httpHost('/x', new RecordingReply()));
    expect(logged).toHaveLength(1);
    expect(JSON.parse(logged[0] ?? '{}')).toMatchObject({ level: 'error', code: 'INTERNAL_ERROR', err: { message: 'disk full' } });
  });

  it('returns a GraphQLError with code, category, status and argument field errors over GraphQL', () => {
    const host = new ExecutionContextHost([]);
    host.setType('graphql');
    const fieldErrors: FieldError[] = [{ in: 'query', name: 'birthdate', detail: 'birthdate must be a date in YYYY-MM-DD form' }];
    const result = filter.catch(
      new BillingException(BillingExceptionCode.CLAIM_NOT_FOUND, 'Bad input', ErrorCategory.INVALID_INPUT, fieldErrors),
      host,
    );
    expect(result).toBeInstanceOf(GraphQLError);
    const error = result as GraphQLError;
    expect(error.message).toBe('Bad input');
    expect(error.extensions).toStrictEqual({
      code: 'CLAIM_NOT_FOUND',
      category: ErrorCategory.INVALID_INPUT,
      status: 400,
      errors: [{ in: 'argument', name: 'birthdate', detail: 'birthdate must be a date in YYYY-MM-DD form' }],
    });
  });

  it('hides internal details over GraphQL too', () => {
    const host = new ExecutionContextHost([]);
    host.setType('graphql');
    const error = filter.catch(new Error('password=hunter2'), host) as GraphQLError;
    expect(error.message).toBe(INTERNAL_DETAIL);
    expect(error.extensions).toStrictEqual({ code: 'INTERNAL_ERROR', category: ErrorCategory.INTERNAL, status: 500 });
    expect(JSON.stringify(error.extensions)).not.toContain('hunter2');
  });

  it.each([
    { name: 'a plain Error', error: new Error('disk full'), code: 'INTERNAL_ERROR' },
    { name: 'a Nest 500', error: new InternalServerErrorException('disk full'), code: 'INTERNAL_ERROR' },
    {
      name: 'an INTERNAL domain exception',
      error: new BillingException(BillingExceptionCode.LEDGER_CORRUPT, 'ledger broken', ErrorCategory.INTERNAL),
      code: 'LEDGER_CORRUPT',
    },
  ])('labels $name category internal over GraphQL, not upstream-error', ({ error, code }) => {
    const host = new ExecutionContextHost([]);
    host.setType('graphql');
    const result = filter.catch(error, host) as GraphQLError;
    expect(result.extensions).toStrictEqual({ code, category: 'internal', status: 500 });
  });

  it.each([
    { category: ErrorCategory.UPSTREAM_ERROR, status: 502 },
    { category: ErrorCategory.UPSTREAM_UNAVAILABLE, status: 503 },
    { category: ErrorCategory.UPSTREAM_TIMEOUT, status: 504 },
    { category: ErrorCategory.METHOD_NOT_ALLOWED, status: 405 },
  ])('keeps category $category ($status) over GraphQL', ({ category, status }) => {
    const host = new ExecutionContextHost([]);
    host.setType('graphql');
    const result = filter.catch(new BillingException(BillingExceptionCode.CLAIM_NOT_FOUND, 'later', category), host) as GraphQLError;
    expect(result.extensions).toStrictEqual({ code: 'CLAIM_NOT_FOUND', category, status });
    expect(result.message).toBe('later');
  });

  it('answers a method the route does not allow with 405 over HTTP', () => {
    const reply = new RecordingReply();
    filter.catch(new MethodNotAllowedException(), httpHost('/ehr/v1/patients', reply));
    expect(reply.statusCode).toBe(405);
    expect(reply.body).toMatchObject({ status: 405, code: 'METHOD_NOT_ALLOWED', instance: '/ehr/v1/patients' });
  });
});
