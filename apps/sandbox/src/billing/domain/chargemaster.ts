import { BillingDomainError, BillingErrorCode } from './billing-domain.error';
import type { ChargemasterItem, ChargePrice } from './billing-seed';

/** The price of an item in force on a date (ISO YYYY-MM-DD compare as strings), if any. */
export function priceOn(item: ChargemasterItem, date: string): ChargePrice | undefined {
  return item.prices.find((price) => price.effectiveFrom <= date && (price.effectiveTo === undefined || date <= price.effectiveTo));
}

/** The chargemaster: items by code, priced by service date. */
export class Chargemaster {
  private readonly items: Map<string, ChargemasterItem>;

  constructor(items: readonly ChargemasterItem[]) {
    for (const item of items) checkPrices(item);
    this.items = new Map(items.map((item) => [item.code, structuredClone(item)]));
  }

  list(): ChargemasterItem[] {
    return [...this.items.values()].sort((a, b) => a.code.localeCompare(b.code));
  }

  get(code: string): ChargemasterItem | undefined {
    return this.items.get(code);
  }

  /**
   * Creates or updates an item from a finance extract. Its price from `price.effectiveFrom` replaces
   * the one in force then: that one ends the day before (or is replaced when it starts the same
   * day); a later price stays and bounds the new one. Applying the same update twice changes nothing.
   */
  put(update: Omit<ChargemasterItem, 'prices'> & { price: { effectiveFrom: string; amountCents: number } }): ChargemasterItem {
    const existing = this.items.get(update.code);
    const { price, ...fields } = update;
    const prices = (existing?.prices ?? []).flatMap((current): ChargePrice[] => {
      if (current.effectiveFrom >= price.effectiveFrom) return current.effectiveFrom === price.effectiveFrom ? [] : [current];
      if (current.effectiveTo !== undefined && current.effectiveTo < price.effectiveFrom) return [current];
      return [{ ...current, effectiveTo: dayBefore(price.effectiveFrom) }];
    });
    const next = prices
      .filter((p) => p.effectiveFrom > price.effectiveFrom)
      .sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom))[0];
    prices.push({
      effectiveFrom: price.effectiveFrom,
      ...(next ? { effectiveTo: dayBefore(next.effectiveFrom) } : {}),
      amountCents: price.amountCents,
    });
    const item: ChargemasterItem = { ...fields, prices: prices.sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom)) };
    checkPrices(item);
    this.items.set(item.code, item);
    return structuredClone(item);
  }

  /** Unit price of `code` on `date`; refuses an unknown code or a date no price covers. */
  unitPrice(code: string, date: string, field = 'charge_code'): { item: ChargemasterItem; unitCents: number } {
    const item = this.items.get(code);
    if (!item)
      throw new BillingDomainError(BillingErrorCode.UNKNOWN_CHARGE_CODE, `Charge code ${code} is not in the chargemaster`, { field });
    const price = priceOn(item, date);
    if (!price)
      throw new BillingDomainError(BillingErrorCode.NO_PRICE_ON_DATE, `Charge code ${code} has no price effective on ${date}`, {
        field: 'service_date',
      });
    return { item, unitCents: price.amountCents };
  }
}

/** Prices of one item must not overlap: exactly one price applies on any date. */
function checkPrices(item: ChargemasterItem): void {
  const sorted = [...item.prices].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
  for (let i = 1; i < sorted.length; i++) {
    const previous = sorted[i - 1];
    if (previous.effectiveTo === undefined || previous.effectiveTo >= sorted[i].effectiveFrom)
      throw new Error(`chargemaster item ${item.code}: prices overlap from ${sorted[i].effectiveFrom}`);
  }
}

function dayBefore(date: string): string {
  const day = new Date(`${date}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() - 1);
  return day.toISOString().slice(0, 10);
}
