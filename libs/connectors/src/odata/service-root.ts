import { ODataException, ODataExceptionCode } from './odata.exception';

/** A service root URL without trailing slash; refuses anything but plain http(s) URLs without credentials. */
export function normaliseServiceRoot(serviceRoot: string): string {
  let url: URL;
  try {
    url = new URL(serviceRoot);
  } catch {
    throw new RangeError('OData service root is not a URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new RangeError('OData service root must be http or https');
  if (url.username || url.password) throw new RangeError('OData service root must not carry credentials; use the auth option');
  if (url.search || url.hash) throw new RangeError('OData service root must not have a query or fragment');
  return url.href.replace(/\/+$/, '');
}

/**
 * Whether `url` lies under `serviceRoot`: same origin, no credentials, path below the root. Dot
 * segments are refused outright: fetch would resolve `root/../admin` (or `%2e%2e`) outside the root
 * after a prefix check had passed.
 */
export function isWithinServiceRoot(serviceRoot: string, url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  const root = new URL(serviceRoot);
  if (parsed.origin !== root.origin || parsed.username || parsed.password) return false;
  const rawPath = url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '').split(/[?#]/)[0] ?? '';
  if (rawPath.split('/').some((segment) => /^(\.|%2e){1,2}$/i.test(segment))) return false;
  const rootPath = root.pathname.replace(/\/$/, '');
  return parsed.pathname === rootPath || parsed.pathname.startsWith(`${rootPath}/`);
}

/**
 * An `@odata.nextLink` as an absolute URL. Relative links resolve against the service root (the base
 * of the `@odata.context` URL, `<root>/$metadata`); a link that leaves the root is FOREIGN_NEXT_LINK,
 * so a compromised or misconfigured server cannot send the client and its credentials elsewhere.
 */
export function resolveNextLink(serviceRoot: string, link: unknown): string {
  if (typeof link !== 'string' || !link)
    throw new ODataException(ODataExceptionCode.INVALID_RESPONSE, 'The server sent an @odata.nextLink that is not a URL');
  // Reject dot segments in the raw link before URL resolution normalises them away.
  const rawPath = link.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '').split(/[?#]/)[0] ?? '';
  let absolute: string;
  try {
    absolute = new URL(link, `${serviceRoot}/`).href;
  } catch {
    throw new ODataException(ODataExceptionCode.INVALID_RESPONSE, 'The server sent an @odata.nextLink that is not a URL');
  }
  const dotSegment = rawPath.split('/').some((segment) => /^(\.|%2e){1,2}$/i.test(segment));
  if (dotSegment || !isWithinServiceRoot(serviceRoot, absolute))
    throw new ODataException(
      ODataExceptionCode.FOREIGN_NEXT_LINK,
      'The server sent an @odata.nextLink outside the service root; paging stopped',
    );
  return absolute;
}
