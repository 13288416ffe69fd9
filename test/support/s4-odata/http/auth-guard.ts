import { timingSafeEqual } from 'node:crypto';
import { header, type Middleware, sendODataError } from './middleware';

export interface S4AuthOptions {
  basic?: { username: string; password: string };
  bearerTokens?: string[];
}

/** HTTP basic and/or bearer authentication in front of CAP (whose own auth is switched off). */
export class AuthGuard {
  private bearerTokens: string[];

  constructor(private readonly options: S4AuthOptions) {
    this.bearerTokens = [...(options.bearerTokens ?? [])];
  }

  /** Replaces the accepted bearer tokens (a rotated or revoked token answers 401). */
  setBearerTokens(tokens: string[]): void {
    this.bearerTokens = [...tokens];
  }

  readonly middleware: Middleware = (request, response, next) => {
    const authorization = header(request, 'authorization') ?? '';
    const [scheme = '', credentials = ''] = authorization.split(' ', 2);
    if (scheme.toLowerCase() === 'basic' && this.options.basic) {
      const expected = Buffer.from(`${this.options.basic.username}:${this.options.basic.password}`).toString('base64');
      if (same(credentials, expected)) return next();
    }
    if (scheme.toLowerCase() === 'bearer' && this.bearerTokens.some((token) => same(credentials, token))) return next();
    sendODataError(response, 401, '401', 'Unauthorized', { 'www-authenticate': 'Basic realm="S4", Bearer' });
  };
}

function same(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
