import { describe, expect, it } from 'vitest';
import { Chargemaster } from './chargemaster';

const item = { code: 'LAB-CBC', description: 'Complete blood count', revenueCode: '0300', department: '6100', unit: 'EACH' as const };

describe('Chargemaster.put (finance extract rows)', () => {
  it.each([
    [
      'a new price ends the one in force the day before',
      { effectiveFrom: '2026-07-01', amountCents: 33000 },
      [
        { effectiveFrom: '2025-01-01', effectiveTo: '2025-12-31', amountCents: 29000 },
        { effectiveFrom: '2026-01-01', effectiveTo: '2026-06-30', amountCents: 31000 },
        { effectiveFrom: '2026-07-01', amountCents: 33000 },
      ],
    ],
    [
      'a price from the same day replaces it',
      { effectiveFrom: '2026-01-01', amountCents: 32000 },
      [
        { effectiveFrom: '2025-01-01', effectiveTo: '2025-12-31', amountCents: 29000 },
        { effectiveFrom: '2026-01-01', amountCents: 32000 },
      ],
    ],
    [
      'a back-dated price is bounded by the later one',
      { effectiveFrom: '2025-07-01', amountCents: 30000 },
      [
        { effectiveFrom: '2025-01-01', effectiveTo: '2025-06-30', amountCents: 29000 },
        { effectiveFrom: '2025-07-01', effectiveTo: '2025-12-31', amountCents: 30000 },
        { effectiveFrom: '2026-01-01', amountCents: 31000 },
      ],
    ],
  ])('%s', (_, price, prices) => {
    const chargemaster = new Chargemaster([
      {
        ...item,
        prices: [
          { effectiveFrom: '2025-01-01', effectiveTo: '2025-12-31', amountCents: 29000 },
          { effectiveFrom: '2026-01-01', amountCents: 31000 },
        ],
      },
    ]);
    expect(chargemaster.put({ ...item, price }).prices).toEqual(prices);
    // Applying the same row again changes nothing.
    expect(chargemaster.put({ ...item, price }).prices).toEqual(prices);
  });

  it('creates an item it does not know', () => {
    const chargemaster = new Chargemaster([]);
    chargemaster.put({ ...item, code: 'LAB-A1C', price: { effectiveFrom: '2026-07-01', amountCents: 5500 } });
    expect(chargemaster.unitPrice('LAB-A1C', '2026-07-01').unitCents).toBe(5500);
    expect(() => chargemaster.unitPrice('LAB-A1C', '2026-06-30')).toThrow('Charge code LAB-A1C has no price effective on 2026-06-30');
  });
});
