/**
 * Splits an amount over weights (a claim's charges by department) so the parts add up to the
 * amount exactly: each part is rounded down, then the cents left over go to the largest remainders
 * (ties to the earlier weight). Negative amounts (reversals) split as the negation of the positive.
 */
export function allocateByWeight<K extends string>(amountCents: number, weights: readonly { key: K; weight: number }[]): Map<K, number> {
  const result = new Map<K, number>(weights.map((w) => [w.key, 0]));
  const totalWeight = weights.reduce((sum, w) => sum + Math.max(0, w.weight), 0);
  if (amountCents === 0 || totalWeight === 0 || !weights.length) {
    if (amountCents !== 0 && weights.length) result.set(weights[0].key, amountCents);
    return result;
  }
  const sign = amountCents < 0 ? -1 : 1;
  const amount = BigInt(Math.abs(amountCents));
  const total = BigInt(totalWeight);
  const parts = weights.map((w, index) => {
    const exact = amount * BigInt(Math.max(0, w.weight));
    return { key: w.key, index, floor: exact / total, remainder: exact % total };
  });
  let left = amount - parts.reduce((sum, p) => sum + p.floor, 0n);
  for (const part of [...parts].sort((a, b) => (b.remainder > a.remainder ? 1 : b.remainder < a.remainder ? -1 : a.index - b.index))) {
    if (left === 0n) break;
    part.floor += 1n;
    left -= 1n;
  }
  for (const part of parts) result.set(part.key, sign * Number(part.floor));
  return result;
}

/** a × percent / 100, rounded half up to the cent (coinsurance). */
export function percentOf(amountCents: number, percent: number): number {
  const basisPoints = BigInt(Math.round(percent * 100));
  const numerator = BigInt(amountCents) * basisPoints;
  const negative = numerator < 0n;
  const n = negative ? -numerator : numerator;
  const rounded = (2n * n + 10_000n) / 20_000n;
  return Number(negative ? -rounded : rounded);
}

/** Adds days to a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Whole days from one YYYY-MM-DD date to another. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
