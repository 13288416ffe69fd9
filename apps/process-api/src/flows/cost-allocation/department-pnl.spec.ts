import { describe, expect, it } from 'vitest';
import { allocate, type LedgerJournal, periodBounds, previousPeriod, splitByWeight, summarise } from './department-pnl';

const line = (account: string, side: 'debit' | 'credit', amountCents: number, costCentre?: string) => ({
  account,
  side,
  amountCents,
  ...(costCentre ? { costCentre } : {}),
});

// Scenario 1's revenue at gross and its knee implant, a payroll run, and the shared costs of Finance.
const journals: LedgerJournal[] = [
  {
    postingDate: '2026-10-12',
    sourceType: 'claim',
    lines: [
      line('1200', 'debit', 2_865_000),
      line('4000', 'credit', 560_000, '6200'),
      line('4000', 'credit', 2_210_000, '6300'),
      line('4000', 'credit', 64_000, '6400'),
      line('4000', 'credit', 31_000, '6500'),
    ],
  },
  { postingDate: '2026-10-12', sourceType: 'claim', lines: [line('4900', 'debit', 1_370_000, '6300'), line('1200', 'credit', 1_370_000)] },
  {
    postingDate: '2026-10-10',
    sourceType: 'inventory-issue',
    lines: [line('5000', 'debit', 415_000, '6300'), line('1300', 'credit', 415_000)],
  },
  {
    postingDate: '2026-10-14',
    sourceType: 'payroll-run',
    lines: [line('6000', 'debit', 174_600, '6200'), line('2100', 'credit', 174_600)],
  },
  { postingDate: '2026-10-31', sourceType: 'manual', lines: [line('6000', 'debit', 100_000, '8200'), line('2100', 'credit', 100_000)] },
  { postingDate: '2026-10-31', sourceType: 'manual', lines: [line('5000', 'debit', 10_001, '8100'), line('1300', 'credit', 10_001)] },
  // Outside the period, and an earlier allocation: neither counts.
  { postingDate: '2026-11-01', sourceType: 'claim', lines: [line('4000', 'credit', 99_999, '6200'), line('1200', 'debit', 99_999)] },
  { postingDate: '2026-10-31', sourceType: 'allocation', lines: [line('6000', 'debit', 500, '6200'), line('6000', 'credit', 500, '8200')] },
];

describe('department P&L and shared-cost allocation', () => {
  it('sums revenue, contractual allowances, supply and labour cost by cost centre within the period only', () => {
    const figures = summarise(journals, '2026-10');
    expect(figures.get('6300')).toMatchObject({
      grossRevenueCents: 2_210_000,
      contractualAllowancesCents: 1_370_000,
      supplyCostCents: 415_000,
      labourCostCents: 0,
    });
    expect(figures.get('6200')).toMatchObject({ grossRevenueCents: 560_000, labourCostCents: 174_600 });
    expect(figures.get('8200')).toMatchObject({ labourCostCents: 100_000, expenseByAccount: { '6000': 100_000 } });
  });

  it('allocates the shared costs by net revenue share on the same accounts, balanced to the cent', () => {
    const result = allocate('2026-10', summarise(journals, '2026-10'), ['8100', '8200']);
    // Net revenue: 6200 5,600.00; 6300 8,400.00; 6400 640.00; 6500 310.00 = 14,950.00.
    // Finance 1,000.00 on 6000: 374.58(.19), 561.87(.29), 42.80(.93), 20.73(.58) = 999.98; the two cents left go to 6400 and 6500.
    expect(result.allocationLines.filter((entry) => entry.account === '6000')).toStrictEqual([
      { account: '6000', costCentre: '8200', side: 'credit', amountCents: 100_000 },
      { account: '6000', costCentre: '6200', side: 'debit', amountCents: 37_458 },
      { account: '6000', costCentre: '6300', side: 'debit', amountCents: 56_187 },
      { account: '6000', costCentre: '6400', side: 'debit', amountCents: 4_281 },
      { account: '6000', costCentre: '6500', side: 'debit', amountCents: 2_074 },
    ]);
    const debits = result.allocationLines.filter((entry) => entry.side === 'debit').reduce((a, b) => a + b.amountCents, 0);
    const credits = result.allocationLines.filter((entry) => entry.side === 'credit').reduce((a, b) => a + b.amountCents, 0);
    expect(debits).toBe(110_001);
    expect(credits).toBe(110_001);
    const ortho = result.departments.find((entry) => entry.costCentre === '6300')!;
    expect(ortho).toMatchObject({ netRevenueCents: 840_000, directMarginCents: 425_000, revenueSharePpm: 561_873 });
    expect(ortho.marginAfterAllocationCents).toBe(425_000 - ortho.allocatedSharedCostCents);
    expect(result.departments.find((entry) => entry.costCentre === '8200')).toMatchObject({ allocatedSharedCostCents: -100_000 });
    expect(result.unallocatedCents).toBe(0);
  });

  it('leaves the shared cost unallocated when no department earned revenue', () => {
    const result = allocate('2026-10', summarise(journals.slice(4, 6), '2026-10'), ['8100', '8200']);
    expect(result.allocationLines).toStrictEqual([]);
    expect(result.unallocatedCents).toBe(110_001);
  });

  it.each([
    [100, [1, 1, 1], [34, 33, 33]],
    [1, [5, 5], [1, 0]],
    [10, [0, 3, 7], [0, 3, 7]],
    [7, [0, 0], [0, 0]],
    [9_000_000_000, [9_000_000_000_000, 1], [9_000_000_000, 0]],
  ])('splits %i cents by %j as %j', (total, weights, parts) => {
    expect(splitByWeight(total, weights)).toStrictEqual(parts);
  });

  it.each([
    ['2026-02', '2026-02-01', '2026-02-28'],
    ['2028-02', '2028-02-01', '2028-02-29'],
    ['2026-12', '2026-12-01', '2026-12-31'],
  ])('bounds %s as %s to %s', (period, from, to) => {
    expect(periodBounds(period)).toStrictEqual({ from, to });
  });

  it('refuses a malformed period and closes the month before a date', () => {
    expect(() => periodBounds('2026-13')).toThrow('period must be YYYY-MM');
    expect(previousPeriod(new Date('2027-01-01T02:00:00Z'))).toBe('2026-12');
  });
});
