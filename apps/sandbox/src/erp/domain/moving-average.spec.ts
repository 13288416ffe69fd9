import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { averageUnitCostCents, EMPTY_VALUATION, valueIssue, valueReceipt, type Valuation } from './moving-average';

describe('valueReceipt and valueIssue', () => {
  it.each([
    {
      name: 'scenario 1: 3 at 4,150.00 plus 5 at 4,200.00 average 4,181.25',
      start: { quantity: 3, valueCents: 1_245_000 },
      receive: [5, 420_000],
      average: 418_125,
      value: 3_345_000,
    },
    {
      name: 'a receipt into empty stock takes the receipt price',
      start: EMPTY_VALUATION,
      receive: [10, 1_850],
      average: 1_850,
      value: 18_500,
    },
    {
      name: 'a fractional-cent average rounds for display, the value stays exact',
      start: { quantity: 2, valueCents: 300 },
      receive: [1, 201],
      average: 167,
      value: 501,
    },
  ])('$name', ({ start, receive, average, value }) => {
    const { after, amountCents, residualCents } = valueReceipt(start, receive[0], receive[1]);
    expect(amountCents).toBe(receive[0] * receive[1]);
    expect(residualCents).toBe(0);
    expect(after.valueCents).toBe(value);
    expect(averageUnitCostCents(after)).toBe(average);
  });

  it.each([
    { name: 'one of four at 4,150.00', start: { quantity: 4, valueCents: 1_660_000 }, issue: 1, cost: 415_000, left: 1_245_000 },
    { name: 'one of three worth 10.00 takes 3.33', start: { quantity: 3, valueCents: 1_000 }, issue: 1, cost: 333, left: 667 },
    {
      name: 'then one of two worth 6.67 takes 3.34 (half a cent rounds up)',
      start: { quantity: 2, valueCents: 667 },
      issue: 1,
      cost: 334,
      left: 333,
    },
    { name: 'the last unit takes whatever value is left', start: { quantity: 1, valueCents: 333 }, issue: 1, cost: 333, left: 0 },
  ])('issue: $name', ({ start, issue, cost, left }) => {
    const result = valueIssue(start, issue);
    expect(result.costCents).toBe(cost);
    expect(result.after.valueCents).toBe(left);
  });

  it('values units issued beyond stock at the last average and clears them at the next receipt', () => {
    const start: Valuation = { quantity: 2, valueCents: 24_000, lastAverage: { valueCents: 24_000, quantity: 2 } };
    const issued = valueIssue(start, 5);
    // 2 from stock (24,000) + 3 beyond it at the last average 12,000.
    expect(issued).toMatchObject({ costCents: 60_000, after: { quantity: -3, valueCents: -36_000 } });
    // 4 arrive at 125.00: 3 fill the hole issued at 120.00 each (15.00 more, to price variance), 1 remains at 125.00.
    const received = valueReceipt(issued.after, 4, 12_500);
    expect(received).toMatchObject({ amountCents: 50_000, residualCents: 1_500, after: { quantity: 1, valueCents: 12_500 } });
  });

  it('refuses fractional or non-positive quantities', () => {
    expect(() => valueIssue(EMPTY_VALUATION, 0.5)).toThrow(RangeError);
    expect(() => valueReceipt(EMPTY_VALUATION, 0, 100)).toThrow(RangeError);
    expect(() => valueReceipt(EMPTY_VALUATION, 1, -1)).toThrow(RangeError);
  });
});

/** An exact rational, for the reference computation. */
interface Fraction {
  n: bigint;
  d: bigint;
}
const roundHalfUp = ({ n, d }: Fraction): bigint => (n >= 0n ? (2n * n + d) / (2n * d) : -((2n * -n + d) / (2n * d)));

type Movement = { kind: 'receive'; quantity: number; unitCents: number } | { kind: 'issue'; quantity: number };

/**
 * The textbook moving average, written independently over the whole history with exact fractions:
 * the average only changes on receipts, (on hand × average + received × price) / (on hand + received);
 * an issue is charged at quantity × the current exact average, rounded half up to the cent, except
 * that the last units out take the exact remaining book value.
 */
function reference(movements: Movement[]): { costs: number[]; quantity: number; valueCents: number } {
  let quantity = 0n;
  let book = 0n;
  const costs: number[] = [];
  for (const movement of movements) {
    const q = BigInt(movement.quantity);
    if (movement.kind === 'receive') {
      quantity += q;
      book += q * BigInt(movement.unitCents);
      continue;
    }
    const average: Fraction = { n: book, d: quantity };
    const cost = q === quantity ? book : roundHalfUp({ n: average.n * q, d: average.d });
    costs.push(Number(cost));
    quantity -= q;
    book -= cost;
  }
  return { costs, quantity: Number(quantity), valueCents: Number(book) };
}

const movements = fc
  .array(
    fc.oneof(
      fc.record({
        kind: fc.constant('receive' as const),
        quantity: fc.integer({ min: 1, max: 500 }),
        unitCents: fc.integer({ min: 0, max: 2_000_000 }),
      }),
      fc.record({ kind: fc.constant('issue' as const), quantity: fc.integer({ min: 1, max: 500 }) }),
    ),
    { maxLength: 60 },
  )
  // Keep only issues the stock covers: this property is about stock that never goes negative.
  .map((list) => {
    let onHand = 0;
    return list.filter((movement) => {
      if (movement.kind === 'receive') onHand += movement.quantity;
      else if (movement.quantity > onHand) return false;
      else onHand -= movement.quantity;
      return true;
    });
  });

describe('moving average, property-tested', () => {
  it('matches the reference computation issue by issue, and in the value left', () => {
    fc.assert(
      fc.property(movements, (list) => {
        let valuation: Valuation = EMPTY_VALUATION;
        const costs: number[] = [];
        for (const movement of list) {
          if (movement.kind === 'receive') valuation = valueReceipt(valuation, movement.quantity, movement.unitCents).after;
          else {
            const issued = valueIssue(valuation, movement.quantity);
            costs.push(issued.costCents);
            valuation = issued.after;
          }
        }
        const expected = reference(list);
        expect(costs).toStrictEqual(expected.costs);
        expect(valuation.quantity).toBe(expected.quantity);
        expect(valuation.valueCents).toBe(expected.valueCents);
      }),
      { numRuns: 300 },
    );
  });

  it('after receipts alone the average is Σ(quantity × price) / Σ quantity, to the cent', () => {
    const receipts = fc.array(fc.tuple(fc.integer({ min: 1, max: 1_000 }), fc.integer({ min: 0, max: 5_000_000 })), {
      minLength: 1,
      maxLength: 30,
    });
    fc.assert(
      fc.property(receipts, (list) => {
        const valuation = list.reduce<Valuation>(
          (current, [quantity, unitCents]) => valueReceipt(current, quantity, unitCents).after,
          EMPTY_VALUATION,
        );
        const totalValue = list.reduce((sum, [quantity, unitCents]) => sum + BigInt(quantity) * BigInt(unitCents), 0n);
        const totalQuantity = list.reduce((sum, [quantity]) => sum + BigInt(quantity), 0n);
        expect(averageUnitCostCents(valuation)).toBe(Number(roundHalfUp({ n: totalValue, d: totalQuantity })));
      }),
    );
  });

  it('never charges an issue more than half a cent away from quantity × exact average, and empties to zero', () => {
    fc.assert(
      fc.property(movements, (list) => {
        let valuation: Valuation = EMPTY_VALUATION;
        for (const movement of list) {
          if (movement.kind === 'receive') {
            valuation = valueReceipt(valuation, movement.quantity, movement.unitCents).after;
            continue;
          }
          const issued = valueIssue(valuation, movement.quantity);
          // |cost × onHand − value × quantity| ≤ onHand / 2, i.e. within half a cent of the exact share.
          const exactShareTimesOnHand = BigInt(valuation.valueCents) * BigInt(movement.quantity);
          const error = BigInt(issued.costCents) * BigInt(valuation.quantity) - exactShareTimesOnHand;
          expect(2n * (error < 0n ? -error : error)).toBeLessThanOrEqual(BigInt(valuation.quantity));
          valuation = issued.after;
          if (valuation.quantity === 0) expect(valuation.valueCents).toBe(0);
          expect(valuation.valueCents).toBeGreaterThanOrEqual(0);
        }
      }),
    );
  });
});
