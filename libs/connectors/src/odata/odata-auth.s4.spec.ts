import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type S4ODataServer, startS4ODataServer } from '../../../../test/support/s4-odata/s4-odata.server';
import { ODataClient } from './odata-client';
import { ODataExceptionCode as Code } from './odata.exception';
import type { ODataAuth } from './odata-session';
import { S4_ENTITY_SETS as S4 } from './s4hana/s4-entity-sets';

let server: S4ODataServer;

beforeAll(async () => {
  server = await startS4ODataServer({
    auth: { basic: { username: 'CONCORD_COMM_USER', password: 'pa:ss wörd' }, bearerTokens: ['token-1'] },
  });
});
afterAll(async () => server?.close());

const client = (auth?: ODataAuth) => new ODataClient({ serviceRoot: server.services.API_BUSINESS_PARTNER, timeoutMs: 5_000, auth });

describe('authentication', () => {
  it('sends basic credentials (a communication user, as S/4 uses)', async () => {
    expect(
      (await client({ kind: 'basic', username: 'CONCORD_COMM_USER', password: 'pa:ss wörd' }).read(S4.A_Supplier, '17300001')).Supplier,
    ).toBe('17300001');
  });

  it('answers UNAUTHORIZED for wrong or missing credentials', async () => {
    await expect(
      client({ kind: 'basic', username: 'CONCORD_COMM_USER', password: 'wrong' }).read(S4.A_Supplier, '17300001'),
    ).rejects.toMatchObject({
      code: Code.UNAUTHORIZED,
      httpStatus: 401,
    });
    await expect(client().read(S4.A_Supplier, '17300001')).rejects.toMatchObject({ code: Code.UNAUTHORIZED });
  });

  it('asks the token provider for a fresh bearer token once after a 401, then carries on', async () => {
    const requests: boolean[] = [];
    let issued = 1;
    const provider = (request: { forceRefresh: boolean }) => {
      requests.push(request.forceRefresh);
      if (request.forceRefresh) issued++;
      return Promise.resolve(`token-${issued}`);
    };
    const bearer = client({ kind: 'bearer', token: provider });
    await bearer.read(S4.A_Supplier, '17300001');
    server.auth!.setBearerTokens(['token-2']);
    await bearer.create(S4.A_Supplier, { Supplier: 'AUTH-0001', SupplierName: 'after rotation' });
    expect((await bearer.read(S4.A_Supplier, 'AUTH-0001')).SupplierName).toBe('after rotation');
    // One refresh, prompted by the 401 on the CSRF token fetch of the create.
    expect(requests.filter(Boolean)).toHaveLength(1);
    server.auth!.setBearerTokens([]);
    await expect(bearer.read(S4.A_Supplier, '17300001')).rejects.toMatchObject({ code: Code.UNAUTHORIZED });
  });
});
