import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { s4Clients } from '../../../../test/support/s4-odata/s4-clients';
import { type S4ODataServer, startS4ODataServer } from '../../../../test/support/s4-odata/s4-odata.server';
import type { BatchFormat } from './odata-batch';
import type { ODataClient } from './odata-client';
import { ODataExceptionCode as Code } from './odata.exception';
import { etagOf } from './odata-payload';
import { S4_ENTITY_SETS as S4 } from './s4hana/s4-entity-sets';

let server: S4ODataServer;
let mappings: ODataClient;
let journal: ODataClient;
let partners: ODataClient;

beforeAll(async () => {
  server = await startS4ODataServer({ today: () => '2026-04-01' });
  const api = s4Clients(server);
  mappings = api.YY1_GLACCOUNTMAPPING_CDS;
  journal = api.API_JOURNALENTRY_SRV;
  partners = api.API_BUSINESS_PARTNER;
});
afterAll(async () => server?.close());

const item = (GLAccount: string, amount: string) => ({
  GLAccount,
  DebitCreditCode: amount.startsWith('-') ? ('H' as const) : ('S' as const),
  AmountInCompanyCodeCurrency: amount,
});

describe.each<BatchFormat>(['json', 'multipart'])('$batch as %s', (format) => {
  it('carries reads, queries and function calls in one request', async () => {
    server.requests.clear();
    const batch = partners.batch(format);
    const summit = batch.read(S4.A_Supplier, '17300001', { select: ['SupplierName'] });
    const missing = batch.read(S4.A_Supplier, 'NOPE');
    const all = batch.query(S4.A_Supplier, { select: ['Supplier'], orderBy: ['Supplier'] });
    const response = await batch.send();
    expect(response.value(summit).SupplierName).toBe('Summit Orthopedics');
    expect(etagOf(response.value(summit))).toMatch(/^W\//);
    expect(response.value(all).value.map((row) => row.Supplier)).toContain('17300002');
    expect(response.outcome(missing)).toMatchObject({ ok: false, status: 404, error: { code: Code.NOT_FOUND } });
    expect(response.allSucceeded).toBe(false);
    // One $batch POST (after the session's CSRF token fetch, which a batch POST needs too).
    expect(server.requests.entries.filter((entry) => entry.url.endsWith('$batch'))).toHaveLength(1);

    const functions = journal.batch(format);
    const balance = functions.function<unknown[]>(
      'TrialBalance',
      { CompanyCode: '1000', ToPostingDate: '2026-12-31' },
      { ToPostingDate: 'Edm.Date' },
    );
    expect(Array.isArray((await functions.send()).value(balance))).toBe(true);
  });

  it('applies a change set entirely when every request in it succeeds', async () => {
    const supplier = await partners.read(S4.A_Supplier, '17300002');
    const batch = partners.batch(format);
    const { created, renamed } = batch.changeSet((changes) => ({
      created: changes.create(S4.A_Supplier, { Supplier: `B-${format.slice(0, 1)}-1`, SupplierName: 'Batch Supplier One' }),
      renamed: changes.update(S4.A_Supplier, '17300002', { SupplierName: `Northwind (${format})` }, { etag: etagOf(supplier) }),
    }));
    const response = await batch.send();
    expect(response.allSucceeded).toBe(true);
    expect(response.value(created).SupplierName).toBe('Batch Supplier One');
    expect(response.value(renamed)?.SupplierName).toBe(`Northwind (${format})`);
    expect((await partners.read(S4.A_Supplier, `B-${format.slice(0, 1)}-1`)).Supplier).toBe(`B-${format.slice(0, 1)}-1`);
  });

  it('rolls a change set back entirely when one request in it fails, leaving other parts of the batch alone', async () => {
    const batch = mappings.batch(format);
    const { valid, invalid } = batch.changeSet((changes) => ({
      valid: changes.create(S4.YY1_GLAccountMapping, { CostCenter: '6500', ChargeCategory: `ROLLBACK_${format}`, GLAccount: '4000' }),
      invalid: changes.create(S4.YY1_GLAccountMapping, { CostCenter: '6500', ChargeCategory: `BROKEN_${format}`, GLAccount: '9999' }),
    }));
    const independent = batch.changeSet((changes) =>
      changes.create(S4.YY1_GLAccountMapping, { CostCenter: '6400', ChargeCategory: `KEPT_${format}`, GLAccount: '4000' }),
    );
    const read = batch.read(S4.YY1_GLAccountMapping, { CostCenter: '6200', ChargeCategory: 'ROOM_AND_BOARD' });
    const response = await batch.send();

    const failed = response.outcome(invalid);
    expect(failed.ok).toBe(false);
    if (!failed.ok) expect(failed.error.odataError?.code).toBe('GL_ACCOUNT_UNKNOWN');
    const rolledBack = response.outcome(valid);
    expect(rolledBack.ok).toBe(false);
    if (!rolledBack.ok) expect(rolledBack.error.code).toBe(Code.CHANGE_SET_ROLLED_BACK);
    await expect(
      mappings.read(S4.YY1_GLAccountMapping, { CostCenter: '6500', ChargeCategory: `ROLLBACK_${format}` }),
    ).rejects.toMatchObject({ code: Code.NOT_FOUND });

    expect(response.value(independent).GLAccount).toBe('4000');
    expect((await mappings.read(S4.YY1_GLAccountMapping, { CostCenter: '6400', ChargeCategory: `KEPT_${format}` })).GLAccount).toBe('4000');
    expect(response.value(read).GLAccount).toBe('4000');
  });

  it('posts a balanced and an unbalanced journal entry atomically: neither is posted', async () => {
    const before = await journal.query(S4.A_JournalEntry, { count: true, top: 0 });
    const batch = journal.batch(format);
    const { balanced, unbalanced } = batch.changeSet((changes) => ({
      balanced: changes.create(S4.A_JournalEntry, { to_Item: [item('1000', '100.00'), item('1200', '-100.00')] }),
      unbalanced: changes.create(S4.A_JournalEntry, { to_Item: [item('1000', '100.00'), item('1200', '-99.00')] }),
    }));
    const response = await batch.send();
    expect(response.outcome(balanced).ok).toBe(false);
    const failure = response.outcome(unbalanced);
    expect(failure.ok || failure.error.odataError?.message).toBe(
      'Balance in transaction currency: 1.00 USD (debits 100.00, credits 99.00)',
    );
    expect((await journal.query(S4.A_JournalEntry, { count: true, top: 0 })).count).toBe(before.count);
  });

  it('reports a stale ETag inside a change set as PRECONDITION_FAILED', async () => {
    const stale = await partners.read(S4.A_Supplier, '17300001');
    await partners.update(S4.A_Supplier, '17300001', { Country: 'US' }, { etag: etagOf(stale) });
    const batch = partners.batch(format);
    const update = batch.changeSet((changes) => changes.update(S4.A_Supplier, '17300001', { Country: 'MX' }, { etag: etagOf(stale) }));
    const outcome = (await batch.send()).outcome(update);
    expect(outcome).toMatchObject({ ok: false, status: 412, error: { code: Code.PRECONDITION_FAILED } });
    expect((await partners.read(S4.A_Supplier, '17300001')).Country).toBe('US');
  });
});

describe('batch building', () => {
  it('refuses an empty batch and an empty change set', async () => {
    await expect(partners.batch().send()).rejects.toMatchObject({ code: Code.INVALID_QUERY });
    expect(() => partners.batch().changeSet(() => undefined)).toThrowError(expect.objectContaining({ code: Code.INVALID_QUERY }));
  });
});
