import { randomBytes } from 'node:crypto';
import { header, type Middleware, MODIFYING_METHODS } from './middleware';

const SESSION_COOKIE = 'SAP_SESSIONID_S4H_100';

/**
 * The CSRF protection of an SAP gateway: a request with `x-csrf-token: fetch` gets a token bound to
 * its session cookie (a session is opened when there is none); a modifying request without the
 * session's token is refused with 403 and `x-csrf-token: Required`.
 */
export class CsrfGuard {
  private readonly tokens = new Map<string, string>();
  issued = 0;

  readonly middleware: Middleware = (request, response, next) => {
    const cookies = parseCookies(header(request, 'cookie'));
    let session = cookies[SESSION_COOKIE];
    if (header(request, 'x-csrf-token')?.toLowerCase() === 'fetch') {
      if (!session) {
        session = randomBytes(16).toString('hex');
        response.appendHeader('set-cookie', `${SESSION_COOKIE}=${session}; Path=/; HttpOnly`);
      }
      let token = this.tokens.get(session);
      if (!token) {
        token = randomBytes(18).toString('base64url');
        this.tokens.set(session, token);
        this.issued++;
      }
      response.setHeader('x-csrf-token', token);
      return next();
    }
    if (!MODIFYING_METHODS.has(request.method ?? '')) return next();
    const sent = header(request, 'x-csrf-token');
    if (session && sent && this.tokens.get(session) === sent) return next();
    response.writeHead(403, { 'x-csrf-token': 'Required', 'content-type': 'text/plain' });
    response.end('CSRF token validation failed');
  };

  /** Forgets every token, as a gateway does when sessions time out: the next write must refetch. */
  expireTokens(): void {
    this.tokens.clear();
  }
}

function parseCookies(headerValue: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const pair of (headerValue ?? '').split(';')) {
    const separator = pair.indexOf('=');
    if (separator > 0) cookies[pair.slice(0, separator).trim()] = pair.slice(separator + 1).trim();
  }
  return cookies;
}
