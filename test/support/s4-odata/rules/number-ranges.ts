const STARTS = {
  purchaseRequisition: 10_000_001,
  purchaseOrder: 4_500_000_001,
  materialDocument: 4_900_000_001,
  supplierInvoice: 5_105_600_001,
  payment: 1_500_000_001,
  journalEntry: 100_000_001,
} as const;

export type NumberRange = keyof typeof STARTS;

/** Document number ranges, in the shape S/4 uses (10 digits, per fiscal year where S/4 does that). */
export class NumberRanges {
  private readonly next = new Map<string, number>();

  /** The next number of a range; assigned synchronously, so concurrent requests never share one. */
  take(range: NumberRange, year = ''): string {
    const key = `${range}/${year}`;
    const value = this.next.get(key) ?? STARTS[range];
    this.next.set(key, value + 1);
    return String(value).padStart(10, '0');
  }
}

/** Item numbers: 10, 20, 30 … as S/4 counts purchasing items; 1, 2, 3 … elsewhere. */
export function itemNumber(position: number, width: number, step = 1): string {
  return String(position * step).padStart(width, '0');
}
