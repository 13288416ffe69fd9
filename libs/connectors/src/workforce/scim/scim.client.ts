import { WorkforceConnectorException, WorkforceConnectorExceptionCode as Code } from '../workforce-connector.exception';
import { pathSegment, WorkforceHttp, type WorkforceHttpOptions } from '../workforce-http';
import { SCIM_PATCH_OP, type ScimErrorBody, type ScimListResponse, type ScimPatchOperation, type ScimUser } from './scim.types';

const SCIM_MEDIA_TYPE = 'application/scim+json';

/** A SCIM error answer (RFC 7644 §3.12) as a WorkforceConnectorException. */
export function errorFromScim(status: number, body: unknown, retryAfterMs?: number): WorkforceConnectorException {
  if (status === 429)
    return new WorkforceConnectorException(Code.SERVER_THROTTLED, 'The SCIM service refused the call: its rate limit was reached', status, {
      retryAfterMs,
    });
  if (status === 503 || status === 502)
    return new WorkforceConnectorException(Code.SERVER_UNAVAILABLE, `The SCIM service is unavailable (${status})`, status, {
      retryAfterMs,
    });
  if (status === 504) return new WorkforceConnectorException(Code.SERVER_TIMEOUT, 'The SCIM service timed out', status);
  if (status >= 500 || status < 400)
    return new WorkforceConnectorException(Code.SERVER_ERROR, `The SCIM service failed (${status})`, status);
  const error = body && typeof body === 'object' ? (body as Partial<ScimErrorBody>) : {};
  const detail = typeof error.detail === 'string' ? error.detail : undefined;
  const message = detail ? `The SCIM service refused the request: ${detail}` : `The SCIM service refused the request (${status})`;
  if (status === 404) return new WorkforceConnectorException(Code.NOT_FOUND, message, status);
  if (status === 412) return new WorkforceConnectorException(Code.VERSION_CONFLICT, message, status);
  if (status === 409) return new WorkforceConnectorException(Code.CONFLICT, message, status);
  if (error.scimType === 'mutability') return new WorkforceConnectorException(Code.INVALID_STATE, message, status);
  return new WorkforceConnectorException(Code.INVALID_REQUEST, message, status);
}

/** A SCIM 2.0 client for Users: filtered, paged listing, read, create, PATCH and DELETE. */
export class ScimClient {
  readonly http: WorkforceHttp;

  constructor(options: WorkforceHttpOptions) {
    this.http = new WorkforceHttp(options, SCIM_MEDIA_TYPE, errorFromScim, 'SCIM service');
  }

  /** One page (startIndex is 1-based, as SCIM counts). */
  async listUsers(options: { filter?: string; startIndex?: number; count?: number } = {}): Promise<ScimListResponse<ScimUser>> {
    const { body } = await this.http.send('GET', '/Users', {
      query: { filter: options.filter, startIndex: options.startIndex, count: options.count },
    });
    const list = body as ScimListResponse<ScimUser>;
    if (typeof list.totalResults !== 'number')
      throw new WorkforceConnectorException(Code.INVALID_RESPONSE, 'The SCIM service answered without totalResults');
    return list;
  }

  /** Every matching user, page by page, until totalResults. */
  async listAllUsers(filter?: string, pageSize = 100): Promise<ScimUser[]> {
    const users: ScimUser[] = [];
    for (let startIndex = 1; ;) {
      const page = await this.listUsers({ filter, startIndex, count: pageSize });
      const resources = page.Resources ?? [];
      users.push(...resources);
      if (!resources.length || users.length >= page.totalResults) return users;
      startIndex += resources.length;
    }
  }

  async getUser(id: string): Promise<ScimUser> {
    const { body } = await this.http.send('GET', `/Users/${pathSegment(id, 'user id')}`);
    return body as ScimUser;
  }

  async createUser(user: Omit<ScimUser, 'id' | 'meta'>): Promise<ScimUser> {
    const { body } = await this.http.send('POST', '/Users', { body: user });
    return body as ScimUser;
  }

  async patchUser(id: string, operations: ScimPatchOperation[], ifMatch?: string): Promise<ScimUser> {
    const { body } = await this.http.send('PATCH', `/Users/${pathSegment(id, 'user id')}`, {
      body: { schemas: [SCIM_PATCH_OP], Operations: operations },
      headers: ifMatch === undefined ? {} : { 'if-match': ifMatch },
    });
    return body as ScimUser;
  }

  async deleteUser(id: string): Promise<void> {
    await this.http.send('DELETE', `/Users/${pathSegment(id, 'user id')}`);
  }
}
