import { divideRounded, lineAmount } from './cents';

/**
 * Perpetual valuation at moving-average cost, per item and location.
 *
 * The stock value in cents is the record; the average unit cost is value ÷ quantity, carried as that
 * exact fraction rather than a rounded price, so no rounding drift builds up in the value. A receipt
 * adds quantity × price. An issue takes value × issued ÷ on hand, rounded to the cent; issuing
 * everything takes the whole value, so an empty location is worth exactly zero.
 *
 * Negative stock (only for items that allow it): units issued beyond what is on hand are valued at
 * the last average the location had while it held stock (or the item's last purchase price). The
 * receipt that fills the hole clears that value; what it paid more or less for those units goes to
 * purchase price variance, so the stock that remains is valued at what it cost.
 */
export interface Valuation {
  quantity: number;
  valueCents: number;
  /** The average while stock was last positive, as the exact fraction value/quantity. */
  lastAverage?: { valueCents: number; quantity: number };
}

export const EMPTY_VALUATION: Valuation = { quantity: 0, valueCents: 0 };

/** The average unit cost rounded to the cent (the last positive average when there is no stock). */
export function averageUnitCostCents(valuation: Valuation, fallbackUnitCents = 0): number {
  if (valuation.quantity > 0) return divideRounded(BigInt(valuation.valueCents), BigInt(valuation.quantity));
  if (valuation.lastAverage) return divideRounded(BigInt(valuation.lastAverage.valueCents), BigInt(valuation.lastAverage.quantity));
  return fallbackUnitCents;
}

export interface IssueValuation {
  costCents: number;
  after: Valuation;
}

/** Cost of issuing `quantity` whole units and the valuation left behind. */
export function valueIssue(valuation: Valuation, quantity: number, fallbackUnitCents = 0): IssueValuation {
  if (!Number.isSafeInteger(quantity) || quantity <= 0) throw new RangeError('an issue takes a positive whole quantity');
  const onHand = Math.max(valuation.quantity, 0);
  const fromStock = Math.min(quantity, onHand);
  const beyondStock = quantity - fromStock;
  let costCents = 0;
  if (fromStock > 0) {
    costCents +=
      fromStock === onHand ? valuation.valueCents : divideRounded(BigInt(valuation.valueCents) * BigInt(fromStock), BigInt(onHand));
  }
  if (beyondStock > 0) {
    costCents += valuation.lastAverage
      ? divideRounded(BigInt(valuation.lastAverage.valueCents) * BigInt(beyondStock), BigInt(valuation.lastAverage.quantity))
      : lineAmount(beyondStock, fallbackUnitCents);
  }
  const after: Valuation = {
    quantity: valuation.quantity - quantity,
    valueCents: valuation.valueCents - costCents,
    lastAverage: valuation.lastAverage,
  };
  return { costCents, after: withLastAverage(after) };
}

export interface ReceiptValuation {
  amountCents: number;
  /**
   * Difference between what the receipt paid for units that cover negative stock and the value those
   * units were issued at: positive is extra cost (DR purchase price variance, CR inventory), negative
   * a saving. Zero whenever stock was not negative.
   */
  residualCents: number;
  after: Valuation;
}

/** Receive `quantity` whole units at `unitCents` each. */
export function valueReceipt(valuation: Valuation, quantity: number, unitCents: number): ReceiptValuation {
  if (!Number.isSafeInteger(quantity) || quantity <= 0) throw new RangeError('a receipt takes a positive whole quantity');
  if (!Number.isSafeInteger(unitCents) || unitCents < 0) throw new RangeError('a receipt takes a non-negative unit cost in cents');
  const amountCents = lineAmount(quantity, unitCents);
  let residualCents = 0;
  if (valuation.quantity < 0) {
    // Units that fill the hole left by negative stock clear the value they were issued at.
    const short = -valuation.quantity;
    const covering = Math.min(quantity, short);
    const clearedCents =
      covering === short ? -valuation.valueCents : divideRounded(BigInt(-valuation.valueCents) * BigInt(covering), BigInt(short));
    residualCents = lineAmount(covering, unitCents) - clearedCents;
  }
  const after = {
    quantity: valuation.quantity + quantity,
    valueCents: valuation.valueCents + amountCents - residualCents,
    lastAverage: valuation.lastAverage,
  };
  return { amountCents, residualCents, after: withLastAverage(after) };
}

function withLastAverage(valuation: Valuation): Valuation {
  if (valuation.quantity > 0) return { ...valuation, lastAverage: { valueCents: valuation.valueCents, quantity: valuation.quantity } };
  return valuation;
}
