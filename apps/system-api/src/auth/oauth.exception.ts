import { type ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply } from 'fastify';

/** RFC 6749 §5.2 error codes (and RFC 8693's for token exchange). */
export type OAuthErrorCode =
  'invalid_request' | 'invalid_client' | 'invalid_grant' | 'unauthorized_client' | 'unsupported_grant_type' | 'invalid_scope';

/** The token endpoint answers in OAuth's own error format, which clients and libraries expect. */
export class OAuthException extends Error {
  constructor(
    readonly error: OAuthErrorCode,
    readonly description: string,
    /** invalid_client over HTTP Basic is a 401 with a challenge (RFC 6749 §5.2). */
    readonly basicChallenge = false,
  ) {
    super(description);
    this.name = 'OAuthException';
  }
}

@Catch(OAuthException)
export class OAuthExceptionFilter implements ExceptionFilter {
  catch(exception: OAuthException, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const status = exception.error === 'invalid_client' ? 401 : 400;
    if (exception.basicChallenge) void reply.header('www-authenticate', 'Basic realm="concord"');
    void reply
      .status(status)
      .header('cache-control', 'no-store')
      .header('pragma', 'no-cache')
      .send({ error: exception.error, error_description: exception.description });
  }
}
