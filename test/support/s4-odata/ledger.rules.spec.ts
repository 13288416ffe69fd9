import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  centsToDecimal,
  decimalToCents,
  type ODataClient,
  ODataException,
  ODataExceptionCode as Code,
  S4_ENTITY_SETS as S4,
  type A_JournalEntryItem,
} from '../../../libs/connectors/src/odata';
import { s4Clients } from './s4-clients';
import { rejection, trialBalance as balances } from './spec-helpers';
import { type S4ODataServer, startS4ODataServer } from './s4-odata.server';

let server: S4ODataServer;
let journal: ODataClient;
let costCenters: ODataClient;

beforeAll(async () => {
  server = await startS4ODataServer({ today: () => '2026-03-15' });
  const clients = s4Clients(server);
  journal = clients.API_JOURNALENTRY_SRV;
  costCenters = clients.API_COSTCENTER_SRV;
});
afterAll(async () => server?.close());

const line = (GLAccount: string, cents: number, CostCenter?: string): A_JournalEntryItem => ({
  GLAccount,
  DebitCreditCode: cents > 0 ? 'S' : 'H',
  AmountInCompanyCodeCurrency: centsToDecimal(cents),
  ...(CostCenter ? { CostCenter } : {}),
});

const trialBalance = (date?: string) => balances(journal, date);

describe('journal entries', () => {
  it('posts a balanced entry, numbered, with items signed by debit/credit code', async () => {
    const entry = await journal.create(S4.A_JournalEntry, {
      PostingDate: '2026-03-10',
      AccountingDocumentHeaderText: 'Revenue at gross',
      to_Item: [
        line('1200', 2_865_000),
        line('4000', -560_000, '6200'),
        line('4000', -2_210_000, '6300'),
        line('4000', -64_000, '6400'),
        line('4000', -31_000, '6500'),
      ],
    });
    expect(entry).toMatchObject({ CompanyCode: '1000', FiscalYear: '2026', AccountingDocumentType: 'SA', ReferenceDocumentType: 'BKPF' });
    expect(entry.AccountingDocument).toMatch(/^\d{10}$/);
    const read = await journal.read(
      S4.A_JournalEntry,
      { CompanyCode: '1000', FiscalYear: '2026', AccountingDocument: entry.AccountingDocument! },
      { expand: { to_Item: true } },
    );
    expect(read.to_Item!.map((item) => [item.GLAccount, item.DebitCreditCode, item.AmountInCompanyCodeCurrency])).toEqual([
      ['1200', 'S', '28650.00'],
      ['4000', 'H', '-5600.00'],
      ['4000', 'H', '-22100.00'],
      ['4000', 'H', '-640.00'],
      ['4000', 'H', '-310.00'],
    ]);
  });

  it('refuses an unbalanced entry with an OData error naming the difference', async () => {
    const error = await rejection(journal.create(S4.A_JournalEntry, { to_Item: [line('5000', 10_000, '6300'), line('1300', -9_000)] }));
    expect(error.code).toBe(Code.REQUEST_REJECTED);
    expect(error.httpStatus).toBe(400);
    expect(error.odataError).toEqual({
      code: 'JOURNAL_UNBALANCED',
      message: 'Balance in transaction currency: 10.00 USD (debits 100.00, credits 90.00)',
      target: 'to_Item',
      details: [
        { code: 'JOURNAL_DEBITS', message: 'Debits 100.00 USD' },
        { code: 'JOURNAL_CREDITS', message: 'Credits 90.00 USD' },
      ],
    });
    expect(error.message).toContain('10.00 USD');
  });

  it.each([
    ['a P&L line without cost centre', [line('5000', 100), line('1300', -100)], 'COST_CENTER_REQUIRED', 'to_Item[0]/CostCenter'],
    ['an unknown GL account', [line('9999', 100), line('1300', -100)], 'GL_ACCOUNT_UNKNOWN', 'to_Item[0]/GLAccount'],
    ['an unknown cost centre', [line('5000', 100, '6999'), line('1300', -100)], 'COST_CENTER_UNKNOWN', 'to_Item[0]/CostCenter'],
    [
      'a credit with a positive amount',
      [line('1000', 100), { ...line('1300', -100), AmountInCompanyCodeCurrency: '1.00' }],
      'DEBIT_CREDIT_SIGN',
      'to_Item[1]/AmountInCompanyCodeCurrency',
    ],
    [
      'a zero amount',
      [line('1000', 100), { ...line('1300', -100), AmountInCompanyCodeCurrency: '0.00' }],
      'AMOUNT_ZERO',
      'to_Item[1]/AmountInCompanyCodeCurrency',
    ],
    [
      "an inexact amount (refused by CAP's own type check)",
      [line('1000', 100), { ...line('1300', -100), AmountInCompanyCodeCurrency: '-1.005' }],
      'ASSERT_DATA_TYPE',
      'to_Item[1]/AmountInCompanyCodeCurrency',
    ],
    ['a single line', [line('1000', 100)], 'JOURNAL_TOO_FEW_ITEMS', 'to_Item'],
    [
      'a bad debit/credit code',
      [line('1000', 100), { ...line('1300', -100), DebitCreditCode: 'X' as 'S' }],
      'DEBIT_CREDIT_CODE_INVALID',
      'to_Item[1]/DebitCreditCode',
    ],
  ])('refuses %s, naming the item', async (_, items, code, target) => {
    const error = await rejection(journal.create(S4.A_JournalEntry, { to_Item: items }));
    expect(error.odataError).toMatchObject({ code, target });
  });

  it('refuses postings to a blocked or expired cost centre', async () => {
    await costCenters.create(S4.A_CostCenter, {
      ControllingArea: 'A000',
      CostCenter: '6900',
      ValidityEndDate: '9999-12-31',
      ValidityStartDate: '2020-01-01',
      CostCenterName: 'Closed ward',
      IsBlkdForPrimaryCostsPosting: true,
    });
    await costCenters.create(S4.A_CostCenter, {
      ControllingArea: 'A000',
      CostCenter: '6901',
      ValidityEndDate: '2025-12-31',
      ValidityStartDate: '2020-01-01',
    });
    expect(
      (await rejection(journal.create(S4.A_JournalEntry, { to_Item: [line('5000', 100, '6900'), line('1300', -100)] }))).odataError?.code,
    ).toBe('COST_CENTER_BLOCKED');
    expect(
      (await rejection(journal.create(S4.A_JournalEntry, { to_Item: [line('5000', 100, '6901'), line('1300', -100)] }))).odataError?.code,
    ).toBe('COST_CENTER_NOT_VALID');
  });

  it('refuses a second entry with the same reference (409), so a replay posts nothing', async () => {
    const body = { DocumentReferenceID: 'IDEMP-0001', to_Item: [line('1000', 500), line('1200', -500)] };
    await journal.create(S4.A_JournalEntry, body);
    const before = await trialBalance();
    const error = await rejection(journal.create(S4.A_JournalEntry, body));
    expect(error.code).toBe(Code.CONFLICT);
    expect(error.odataError).toMatchObject({ code: 'DUPLICATE_DOCUMENT', target: 'DocumentReferenceID' });
    expect(await trialBalance()).toEqual(before);
  });

  it('never lets a posted entry be changed or deleted', async () => {
    const entry = await journal.create(S4.A_JournalEntry, { to_Item: [line('1000', 100), line('1200', -100)] });
    const key = { CompanyCode: '1000', FiscalYear: '2026', AccountingDocument: entry.AccountingDocument! };
    expect((await rejection(journal.update(S4.A_JournalEntry, key, { AccountingDocumentHeaderText: 'edited' }))).httpStatus).toBe(405);
    expect((await rejection(journal.delete(S4.A_JournalEntry, key))).httpStatus).toBe(405);
  });
});

describe('trial balance', () => {
  it('keeps debits equal to credits (total balance zero) under any sequence of postings, balanced or not', async () => {
    const accounts = ['1000', '1200', '1300', '2000', '2050'];
    const amount = fc.integer({ min: 1, max: 10_000_000 });
    const entry = fc.record({
      debits: fc.array(fc.tuple(fc.constantFrom(...accounts), amount), { minLength: 1, maxLength: 4 }),
      credits: fc.array(fc.constantFrom(...accounts), { minLength: 1, maxLength: 3 }),
      skew: fc.oneof(fc.constant(0), fc.integer({ min: -500, max: 500 })),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(entry, { minLength: 1, maxLength: 4 }), async (entries) => {
        for (const { debits, credits, skew } of entries) {
          const total = debits.reduce((sum, [, cents]) => sum + cents, 0);
          // Split the total over the credit lines exactly, then skew the last one (maybe unbalancing it).
          const share = Math.floor(total / credits.length);
          const creditCents = credits.map((_, index) => (index === credits.length - 1 ? total - share * (credits.length - 1) : share));
          creditCents[creditCents.length - 1] += skew;
          const items = [
            ...debits.map(([account, cents]) => line(account, cents)),
            ...credits.map((account, index) => line(account, -creditCents[index])),
          ].filter((item) => item.AmountInCompanyCodeCurrency !== '0.00' && item.AmountInCompanyCodeCurrency !== '-0.00');
          const posted = await journal.create(S4.A_JournalEntry, { to_Item: items }).then(
            () => true,
            (error: unknown) => {
              if (!(error instanceof ODataException)) throw error;
              return false;
            },
          );
          const balanced = items.reduce((sum, item) => sum + decimalToCents(item.AmountInCompanyCodeCurrency), 0) === 0;
          expect(posted).toBe(
            balanced && items.every((item) => (item.DebitCreditCode === 'S') === decimalToCents(item.AmountInCompanyCodeCurrency) > 0),
          );
        }
        const lines = await trialBalance();
        const debits = lines.reduce((sum, row) => sum + decimalToCents(row.DebitAmountInCoCodeCrcy), 0);
        const credits = lines.reduce((sum, row) => sum + decimalToCents(row.CreditAmountInCoCodeCrcy), 0);
        expect(debits).toBe(credits);
        expect(lines.reduce((sum, row) => sum + decimalToCents(row.EndingBalanceAmtInCoCodeCrcy), 0)).toBe(0);
      }),
      { numRuns: 15 },
    );
  });

  it('reports each account and cost centre up to the posting date', async () => {
    const lines = await trialBalance('2026-03-10');
    expect(lines.find((row) => row.GLAccount === '4000' && row.CostCenter === '6300')).toEqual({
      GLAccount: '4000',
      CostCenter: '6300',
      DebitAmountInCoCodeCrcy: '0.00',
      CreditAmountInCoCodeCrcy: '22100.00',
      EndingBalanceAmtInCoCodeCrcy: '-22100.00',
      CompanyCodeCurrency: 'USD',
    });
    expect(await trialBalance('2026-01-01')).toEqual([]);
  });
});
