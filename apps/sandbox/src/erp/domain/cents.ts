/** Integer cent arithmetic. Products go through BigInt so value × quantity never loses precision. */

export const MAX_CENTS = 1_000_000_000_000;

/** numerator / denominator rounded half away from zero, exactly. */
export function divideRounded(numerator: bigint, denominator: bigint): number {
  if (denominator === 0n) throw new RangeError('division by zero');
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const rounded = (2n * n + d) / (2n * d);
  return Number(negative ? -rounded : rounded);
}

/** quantity × unit price, for whole quantities. */
export function lineAmount(quantity: number, unitCents: number): number {
  return Number(BigInt(quantity) * BigInt(unitCents));
}

/** Cents as a dollar string for messages: 415000 → "4,150.00". */
export function formatCents(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const dollars = Math.floor(abs / 100).toLocaleString('en-US');
  return `${sign}${dollars}.${String(abs % 100).padStart(2, '0')}`;
}

/** (actual − expected) / expected in basis points (hundredths of a per cent), rounded. */
export function varianceBasisPoints(actualCents: number, expectedCents: number): number {
  if (expectedCents <= 0) throw new RangeError('the expected amount must be positive');
  return divideRounded(BigInt(actualCents - expectedCents) * 10_000n, BigInt(expectedCents));
}
