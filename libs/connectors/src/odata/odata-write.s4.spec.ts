import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { s4Clients } from '../../../../test/support/s4-odata/s4-clients';
import { type S4ODataServer, startS4ODataServer } from '../../../../test/support/s4-odata/s4-odata.server';
import { ODataClient } from './odata-client';
import { ODataException, ODataExceptionCode as Code } from './odata.exception';
import { etagOf } from './odata-payload';
import { S4_ENTITY_SETS as S4 } from './s4hana/s4-entity-sets';

let server: S4ODataServer;
let partners: ODataClient;
let mappings: ODataClient;
let journal: ODataClient;

beforeAll(async () => {
  server = await startS4ODataServer();
  const api = s4Clients(server);
  partners = api.API_BUSINESS_PARTNER;
  mappings = api.YY1_GLACCOUNTMAPPING_CDS;
  journal = api.API_JOURNALENTRY_SRV;
});
afterAll(async () => server?.close());

async function rejection(promise: Promise<unknown>): Promise<ODataException> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(ODataException);
  return error as ODataException;
}

/** A second, independent client (its own session): another user of the ERP. */
function otherWriter(): ODataClient {
  return new ODataClient({ serviceRoot: server.services.API_BUSINESS_PARTNER, timeoutMs: 5_000 });
}

describe('create, update and delete with ETag concurrency', () => {
  it('creates an entity and returns it with its ETag', async () => {
    const created = await partners.create(S4.A_Supplier, { Supplier: '17300100', SupplierName: 'Cascade Medical' });
    expect(created).toMatchObject({ Supplier: '17300100', SupplierName: 'Cascade Medical', SupplierAccountGroup: 'KRED' });
    expect(etagOf(created)).toMatch(/^W\/"/);
    expect(etagOf(await partners.read(S4.A_Supplier, '17300100'))).toBe(etagOf(created));
  });

  it('updates with If-Match and gets the new ETag back', async () => {
    const read = await partners.read(S4.A_Supplier, '17300100');
    const updated = await partners.update(S4.A_Supplier, '17300100', { SupplierName: 'Cascade Medical Inc.' }, { etag: etagOf(read) });
    expect(updated?.SupplierName).toBe('Cascade Medical Inc.');
    expect(etagOf(updated!)).not.toBe(etagOf(read));
    const sent = server.requests.entries.filter((entry) => entry.method === 'PATCH').at(-1);
    expect(sent?.ifMatch).toBe(etagOf(read));
  });

  it('two writers: the second, holding a stale ETag, gets PRECONDITION_FAILED and changes nothing', async () => {
    const second = otherWriter();
    const [mine, theirs] = await Promise.all([partners.read(S4.A_Supplier, '17300001'), second.read(S4.A_Supplier, '17300001')]);
    await partners.update(S4.A_Supplier, '17300001', { SupplierName: 'Summit Orthopedics LLC' }, { etag: etagOf(mine) });
    const error = await rejection(
      second.update(S4.A_Supplier, '17300001', { SupplierName: 'Summit Ortho (stale)' }, { etag: etagOf(theirs) }),
    );
    expect(error.code).toBe(Code.PRECONDITION_FAILED);
    expect(error.httpStatus).toBe(412);
    expect((await partners.read(S4.A_Supplier, '17300001')).SupplierName).toBe('Summit Orthopedics LLC');
  });

  it('without an ETag the server requires one (PRECONDITION_REQUIRED); "*" overwrites deliberately', async () => {
    const error = await rejection(partners.update(S4.A_Supplier, '17300002', { Country: 'CA' }));
    expect(error.code).toBe(Code.PRECONDITION_REQUIRED);
    expect(error.httpStatus).toBe(428);
    expect((await partners.update(S4.A_Supplier, '17300002', { Country: 'CA' }, { etag: '*' }))?.Country).toBe('CA');
  });

  it('deletes only with the current ETag', async () => {
    const key = { CostCenter: '6100', ChargeCategory: 'SUPPLY_EXPENSE' };
    const mapping = await mappings.read(S4.YY1_GLAccountMapping, key);
    await mappings.update(S4.YY1_GLAccountMapping, key, { GLAccount: '5050' }, { etag: etagOf(mapping) });
    expect((await rejection(mappings.delete(S4.YY1_GLAccountMapping, key, { etag: etagOf(mapping) }))).code).toBe(Code.PRECONDITION_FAILED);
    await mappings.delete(S4.YY1_GLAccountMapping, key, { etag: etagOf(await mappings.read(S4.YY1_GLAccountMapping, key)) });
    expect((await rejection(mappings.read(S4.YY1_GLAccountMapping, key))).code).toBe(Code.NOT_FOUND);
  });

  it('refuses an ETag that would break the header line', async () => {
    expect((await rejection(partners.update(S4.A_Supplier, '17300002', { Country: 'US' }, { etag: 'W/"x"\r\nx-evil: 1' }))).code).toBe(
      Code.INVALID_QUERY,
    );
  });
});

describe('CSRF token (SAP gateway style)', () => {
  it('fetches a token once per session, with a GET carrying x-csrf-token: fetch, and sends it on every write', async () => {
    const client = new ODataClient({ serviceRoot: server.services.YY1_GLACCOUNTMAPPING_CDS, timeoutMs: 5_000 });
    server.requests.clear();
    const issuedBefore = server.csrf!.issued;
    await client.create(S4.YY1_GLAccountMapping, { CostCenter: '6500', ChargeCategory: 'SUPPLY_EXPENSE', GLAccount: '5000' });
    await client.create(S4.YY1_GLAccountMapping, { CostCenter: '6400', ChargeCategory: 'SUPPLY_EXPENSE', GLAccount: '5000' });
    expect(server.csrf!.issued).toBe(issuedBefore + 1);
    const [fetchToken, first, second] = server.requests.entries;
    expect(fetchToken).toMatchObject({ method: 'GET', csrfToken: 'fetch' });
    expect(first?.method).toBe('POST');
    expect(first?.csrfToken).toMatch(/^[\w-]{20,}$/);
    expect(second?.csrfToken).toBe(first?.csrfToken);
    expect(server.requests.entries).toHaveLength(3);
  });

  it('refetches once when the server answers 403 x-csrf-token: Required (expired session), then succeeds', async () => {
    const client = new ODataClient({ serviceRoot: server.services.YY1_GLACCOUNTMAPPING_CDS, timeoutMs: 5_000 });
    await client.create(S4.YY1_GLAccountMapping, { CostCenter: '6200', ChargeCategory: 'SUPPLY_EXPENSE', GLAccount: '5000' });
    server.csrf!.expireTokens();
    server.requests.clear();
    await client.create(S4.YY1_GLAccountMapping, { CostCenter: '6300', ChargeCategory: 'LAB_SUPPLIES', GLAccount: '5000' });
    expect(server.requests.entries.map((entry) => [entry.method, entry.csrfToken === 'fetch'])).toEqual([
      ['POST', false],
      ['GET', true],
      ['POST', false],
    ]);
    expect(server.requests.entries[2].csrfToken).not.toBe(server.requests.entries[0].csrfToken);
  });

  it('gives up with CSRF_TOKEN_REJECTED when a fresh token is refused too', async () => {
    // A proxy that drops the token header stands in for a gateway that keeps refusing it.
    const dropToken: typeof fetch = (input, init) => {
      const headers = { ...(init?.headers as Record<string, string>) };
      if (init?.method === 'POST') delete headers['x-csrf-token'];
      return fetch(input, { ...init, headers });
    };
    const client = new ODataClient({ serviceRoot: server.services.YY1_GLACCOUNTMAPPING_CDS, timeoutMs: 5_000, fetch: dropToken });
    const error = await rejection(client.create(S4.YY1_GLAccountMapping, { CostCenter: '6100', ChargeCategory: 'X', GLAccount: '5000' }));
    expect(error.code).toBe(Code.CSRF_TOKEN_REJECTED);
  });

  it('a client with CSRF switched off is refused (FORBIDDEN) by a gateway that requires it', async () => {
    const client = new ODataClient({ serviceRoot: server.services.YY1_GLACCOUNTMAPPING_CDS, timeoutMs: 5_000, csrf: false });
    expect(
      (await rejection(client.create(S4.YY1_GLAccountMapping, { CostCenter: '6100', ChargeCategory: 'Y', GLAccount: '5000' }))).code,
    ).toBe(Code.FORBIDDEN);
  });
});

describe('errors and functions', () => {
  it('parses a business error body into code, message, target and details', async () => {
    const error = await rejection(
      journal.create(S4.A_JournalEntry, {
        to_Item: [
          { GLAccount: '1000', DebitCreditCode: 'S', AmountInCompanyCodeCurrency: '10.00' },
          { GLAccount: '1200', DebitCreditCode: 'H', AmountInCompanyCodeCurrency: '-9.99' },
        ],
      }),
    );
    expect(error).toMatchObject({ code: Code.REQUEST_REJECTED, httpStatus: 400, idempotent: false });
    expect(error.odataError).toEqual({
      code: 'JOURNAL_UNBALANCED',
      message: 'Balance in transaction currency: 0.01 USD (debits 10.00, credits 9.99)',
      target: 'to_Item',
      details: [
        { code: 'JOURNAL_DEBITS', message: 'Debits 10.00 USD' },
        { code: 'JOURNAL_CREDITS', message: 'Credits 9.99 USD' },
      ],
    });
  });

  it("parses CAP's own input validation errors with their target", async () => {
    const error = await rejection(partners.create(S4.A_Supplier, { Supplier: '17300200', SupplierName: 'x'.repeat(81) }));
    expect(error.code).toBe(Code.REQUEST_REJECTED);
    expect(error.odataError?.target).toBe('SupplierName');
  });

  it('calls a function with typed parameters; hostile parameter text stays a literal', async () => {
    await journal.create(S4.A_JournalEntry, {
      PostingDate: '2026-02-01',
      to_Item: [
        { GLAccount: '1000', DebitCreditCode: 'S', AmountInCompanyCodeCurrency: '10.00' },
        { GLAccount: '1200', DebitCreditCode: 'H', AmountInCompanyCodeCurrency: '-10.00' },
      ],
    });
    const types = { ToPostingDate: 'Edm.Date' } as const;
    const rows = await journal.function<{ GLAccount: string }[]>(
      'TrialBalance',
      { CompanyCode: '1000', ToPostingDate: '2026-02-01' },
      { types },
    );
    expect(rows.map((row) => row.GLAccount)).toEqual(['1000', '1200']);
    expect(await journal.function('TrialBalance', { CompanyCode: '1000', ToPostingDate: '2026-01-31' }, { types })).toEqual([]);
    // The server sees the whole text as one String value (and finds it too long for String(4)).
    const hostile = await rejection(
      journal.function(
        'TrialBalance',
        { CompanyCode: "1000' or '1' eq '1", ToPostingDate: '2099-12-31' },
        { types: { ToPostingDate: 'Edm.Date' } },
      ),
    );
    expect(hostile.odataError?.message).toBe("Value 1000' or '1' eq '1 is not a valid String(4)");
    await expect(
      journal.function(
        'TrialBalance',
        { CompanyCode: '1000', ToPostingDate: "2026-01-01') or ('" },
        { types: { ToPostingDate: 'Edm.Date' } },
      ),
    ).rejects.toMatchObject({
      code: Code.INVALID_QUERY,
    });
    await expect(journal.function('TrialBalance(CompanyCode=1)', {})).rejects.toMatchObject({ code: Code.INVALID_QUERY });
  });
});
