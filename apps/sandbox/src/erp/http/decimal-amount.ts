/** The vendor API writes money as decimal strings with two places ("4150.00"), never as floats. */
export const DECIMAL_AMOUNT_PATTERN = '^-?(0|[1-9][0-9]{0,9})\\.[0-9]{2}$';

export function centsToDecimal(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Parses a string the schema already checked against DECIMAL_AMOUNT_PATTERN. */
export function decimalToCents(decimal: string): number {
  const negative = decimal.startsWith('-');
  const [whole = '0', fraction = '00'] = (negative ? decimal.slice(1) : decimal).split('.');
  const cents = Number(whole) * 100 + Number(fraction);
  return negative ? -cents : cents;
}

/** Basis points as a percentage string: 676 → "6.76". */
export function basisPointsToPercent(basisPoints: number): string {
  return centsToDecimal(basisPoints);
}
