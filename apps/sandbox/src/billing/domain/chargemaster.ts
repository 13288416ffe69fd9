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
