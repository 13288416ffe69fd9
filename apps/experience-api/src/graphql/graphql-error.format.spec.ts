import { describe, expect, it } from 'vitest';
import { ErrorCategory } from '@concord/platform';
import { formatGraphqlError, graphqlCodeOf } from './graphql-error.format';

describe('formatGraphqlError', () => {
  it.each([
    [ErrorCategory.UNAUTHENTICATED, 'TOKEN_MISSING', 'UNAUTHENTICATED'],
    [ErrorCategory.FORBIDDEN, 'INSUFFICIENT_SCOPE', 'FORBIDDEN'],
    [ErrorCategory.INVALID_INPUT, 'VALIDATION_FAILED', 'BAD_USER_INPUT'],
    [ErrorCategory.NOT_FOUND, 'CLAIM_NOT_FOUND', 'NOT_FOUND'],
    [ErrorCategory.RATE_LIMITED, 'RATE_LIMITED', 'RATE_LIMITED'],
    [ErrorCategory.UPSTREAM_UNAVAILABLE, 'UPSTREAM_UNAVAILABLE', 'SERVICE_UNAVAILABLE'],
  ])('a %s error has the conventional code and keeps the precise one as reason', (category, reason, code) => {
    const formatted = formatGraphqlError({ message: 'm', extensions: { code: reason, category, status: 400 } });
    expect(formatted.extensions).toMatchObject({ code, reason, category });
    expect(graphqlCodeOf(category)).toBe(code);
  });

  it('hides the message and details of anything not raised on purpose', () => {
    const formatted = formatGraphqlError({
      message: 'connect ECONNREFUSED 10.0.0.3:5432 at Pool.connect (/srv/node_modules/pg/lib/index.js:12)',
      path: ['patient'],
      extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['at x'] },
    });
    expect(formatted).toEqual({ message: 'Internal server error', path: ['patient'], extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  });

  it('keeps GraphQL request errors (parse, validation, limits) as they are, without stack traces', () => {
    const formatted = formatGraphqlError({
      message: 'Query costs 900 units; the limit is 100',
      extensions: { code: 'QUERY_TOO_COSTLY', stacktrace: ['x'] },
    });
    expect(formatted).toEqual({ message: 'Query costs 900 units; the limit is 100', extensions: { code: 'QUERY_TOO_COSTLY' } });
  });
});
