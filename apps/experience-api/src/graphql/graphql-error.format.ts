import type { GraphQLFormattedError } from 'graphql';
import { assertUnreachable, ErrorCategory } from '@concord/platform';

/** The conventional GraphQL `extensions.code` of each error category. */
export function graphqlCodeOf(category: ErrorCategory): string {
  switch (category) {
    case ErrorCategory.INVALID_INPUT:
    case ErrorCategory.UNPROCESSABLE:
      return 'BAD_USER_INPUT';
    case ErrorCategory.UNAUTHENTICATED:
      return 'UNAUTHENTICATED';
    case ErrorCategory.FORBIDDEN:
      return 'FORBIDDEN';
    case ErrorCategory.NOT_FOUND:
      return 'NOT_FOUND';
    case ErrorCategory.CONFLICT:
      return 'CONFLICT';
    case ErrorCategory.METHOD_NOT_ALLOWED:
    case ErrorCategory.PAYLOAD_TOO_LARGE:
    case ErrorCategory.UNSUPPORTED_MEDIA_TYPE:
      return 'BAD_REQUEST';
    case ErrorCategory.RATE_LIMITED:
      return 'RATE_LIMITED';
    case ErrorCategory.UPSTREAM_ERROR:
    case ErrorCategory.UPSTREAM_UNAVAILABLE:
    case ErrorCategory.UPSTREAM_TIMEOUT:
      return 'SERVICE_UNAVAILABLE';
    case ErrorCategory.INTERNAL:
      return 'INTERNAL_SERVER_ERROR';
    default:
      return assertUnreachable(category);
  }
}

const CATEGORIES = new Set<string>(Object.values(ErrorCategory));

/**
 * Errors as clients see them: `extensions.code` is the conventional GraphQL code (UNAUTHENTICATED,
 * FORBIDDEN, BAD_USER_INPUT, NOT_FOUND ...), `extensions.reason` the precise Concord code
 * (INSUFFICIENT_SCOPE, PATIENT_NOT_FOUND ...). Anything not raised on purpose is an internal error
 * whose message and stack never leave the process.
 */
export function formatGraphqlError(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const extensions = { ...(formatted.extensions ?? {}) };
  delete extensions.stacktrace;
  delete extensions.exception;
  const category =
    typeof extensions.category === 'string' && CATEGORIES.has(extensions.category) ? (extensions.category as ErrorCategory) : undefined;
  if (category) {
    const code = graphqlCodeOf(category);
    return { ...formatted, extensions: { ...extensions, code, reason: extensions.code ?? code } };
  }
  if (extensions.code === 'INTERNAL_SERVER_ERROR' || extensions.code === undefined) {
    return {
      message: 'Internal server error',
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  }
  return { ...formatted, extensions };
}

/** A GraphQLError (from whichever copy of graphql raised it) as its JSON form. */
export function formattedOf(error: unknown): GraphQLFormattedError {
  const candidate = error as { toJSON?: () => GraphQLFormattedError; message?: string };
  if (typeof candidate.toJSON === 'function') return candidate.toJSON();
  return { message: typeof candidate.message === 'string' ? candidate.message : 'Internal server error' };
}
