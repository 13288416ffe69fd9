import { describe, expect, it } from 'vitest';
import { SEED_ACCOUNTS, SEED_COST_CENTRES } from './chart-of-accounts';
import { ErpErrorCode } from './erp-domain.error';
import { GeneralLedger, type JournalLineDraft } from './general-ledger';

const ledger = () => new GeneralLedger(SEED_ACCOUNTS, SEED_COST_CENTRES);
const dr = (account: string, amountCents: number, costCentre?: string): JournalLineDraft => ({
  account,
  side: 'debit',
  amountCents,
  costCentre,
});
const cr = (account: string, amountCents: number, costCentre?: string): JournalLineDraft => ({
  account,
  side: 'credit',
  amountCents,
  costCentre,
});

describe('GeneralLedger.validate', () => {
  it.each([
    {
      name: 'a single line',
      lines: [dr('1000', 100)],
      code: ErpErrorCode.JOURNAL_INVALID,
      field: 'lines',
      message: 'A journal entry needs at least two lines',
    },
    {
      name: 'an unknown account',
      lines: [dr('1999', 100), cr('1000', 100)],
      code: ErpErrorCode.JOURNAL_INVALID,
      field: 'lines[0].account',
      message: 'Account 1999 is not in the chart of accounts',
    },
    {
      name: 'a control account',
      lines: [dr('1300', 100), cr('1000', 100)],
      code: ErpErrorCode.JOURNAL_INVALID,
      field: 'lines[0].account',
      message: "Account 1300 is a control account posted only by the ERP's own documents",
    },
    {
      name: 'a zero amount',
      lines: [dr('1000', 0), cr('1200', 0)],
      code: ErpErrorCode.JOURNAL_INVALID,
      field: 'lines[0].amount',
      message: 'Line 1 must carry a positive whole number of cents',
    },
    {
      name: 'a fraction of a cent',
      lines: [dr('1000', 10.5), cr('1200', 10.5)],
      code: ErpErrorCode.JOURNAL_INVALID,
      field: 'lines[0].amount',
      message: 'Line 1 must carry a positive whole number of cents',
    },
    {
      name: 'revenue without a cost centre',
      lines: [dr('1200', 100), cr('4000', 100)],
      code: ErpErrorCode.JOURNAL_INVALID,
      field: 'lines[1].costCentre',
      message: 'Account 4000 (revenue) needs a cost centre on line 2',
    },
    {
      name: 'an unknown cost centre',
      lines: [dr('5000', 100, '9999'), cr('1000', 100)],
      code: ErpErrorCode.COST_CENTRE_INVALID,
      field: 'lines[0].costCentre',
      message: 'Cost centre 9999 is unknown',
    },
    {
      name: 'a closed cost centre',
      lines: [dr('5000', 100, '6900'), cr('1000', 100)],
      code: ErpErrorCode.COST_CENTRE_INVALID,
      field: 'lines[0].costCentre',
      message: 'Cost centre 6900 is inactive',
    },
    {
      name: 'debits above credits',
      lines: [dr('1200', 2_865_000), cr('4000', 2_860_000, '6300')],
      code: ErpErrorCode.JOURNAL_UNBALANCED,
      field: 'lines',
      message: 'Debits 28,650.00 and credits 28,600.00 differ by 50.00',
    },
  ])('refuses $name', ({ lines, code, field, message }) => {
    const books = ledger();
    expect(() => books.post({ postingDate: '2026-11-04', lines }, '2026-11-04T00:00:00Z')).toThrow(
      expect.objectContaining({ code, message, details: expect.objectContaining({ field }) }),
    );
    expect(books.entries()).toStrictEqual([]);
  });

  it('names the difference of an unbalanced entry in cents, negative when credits are larger', () => {
    expect(() => ledger().validate({ postingDate: '2026-11-04', lines: [dr('1000', 100), cr('1200', 175)] })).toThrow(
      expect.objectContaining({
        code: ErpErrorCode.JOURNAL_UNBALANCED,
        details: { field: 'lines', differenceCents: -75 },
        message: 'Debits 1.00 and credits 1.75 differ by -0.75',
      }),
    );
  });

  it('lets the ERP’s own documents post to control accounts', () => {
    const books = ledger();
    const entry = books.post({ postingDate: '2026-11-05', lines: [dr('1300', 100), cr('2050', 100)] }, '2026-11-05T00:00:00Z', {
      automatic: true,
    });
    expect(entry).toMatchObject({ id: 'JE-000001', totalCents: 100 });
  });
});

describe('GeneralLedger.trialBalance', () => {
  const books = ledger();
  books.post(
    { postingDate: '2026-11-04', lines: [dr('1200', 2_865_000), cr('4000', 560_000, '6200'), cr('4000', 2_305_000, '6300')] },
    '2026-11-04T00:00:00Z',
  );
  books.post({ postingDate: '2026-11-04', lines: [dr('4900', 1_370_000, '6300'), cr('1200', 1_370_000)] }, '2026-11-04T00:00:00Z');

  it('nets each account and totals both sides equal', () => {
    expect(books.trialBalance()).toStrictEqual({
      lines: [
        { account: '1200', accountName: 'Patient A/R (payer)', costCentre: undefined, debitCents: 1_495_000, creditCents: 0 },
        { account: '4000', accountName: 'Gross patient revenue, inpatient', costCentre: undefined, debitCents: 0, creditCents: 2_865_000 },
        { account: '4900', accountName: 'Contractual allowances', costCentre: undefined, debitCents: 1_370_000, creditCents: 0 },
      ],
      totalDebitsCents: 2_865_000,
      totalCreditsCents: 2_865_000,
    });
  });

  it('splits by cost centre, or shows one department', () => {
    expect(
      books
        .trialBalance({ byCostCentre: true })
        .lines.map((line) => [line.account, line.costCentre ?? '', line.debitCents - line.creditCents]),
    ).toStrictEqual([
      ['1200', '', 1_495_000],
      ['4000', '6200', -560_000],
      ['4000', '6300', -2_305_000],
      ['4900', '6300', 1_370_000],
    ]);
    expect(
      books.trialBalance({ costCentre: '6300' }).lines.map((line) => [line.account, line.debitCents - line.creditCents]),
    ).toStrictEqual([
      ['4000', -2_305_000],
      ['4900', 1_370_000],
    ]);
  });
});
