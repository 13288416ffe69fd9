import { DecimalAmountException, formatScaledDecimal, parseScaledDecimal } from '../../../../libs/connectors/src/odata/decimal-amount';
import { S4BusinessError } from './s4-error';

// The server keeps money exact the same way the client does: decimal text in, integer arithmetic
// (BigInt) in the middle, decimal text out. Amounts have 2 places, quantities 3, prices per unit 2.

function scaled(value: unknown, scale: number, target: string): bigint {
  // Decimals arrive as strings (IEEE754Compatible) or, from some clients and SQLite, as numbers.
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text !== 'string') throw new S4BusinessError(400, 'DECIMAL_REQUIRED', `${target} is required`, target);
  try {
    return parseScaledDecimal(text, scale, target);
  } catch (error) {
    if (error instanceof DecimalAmountException) throw new S4BusinessError(400, 'DECIMAL_INVALID', error.message, target);
    throw error;
  }
}

/** An amount in cents. */
export const cents = (value: unknown, target: string): bigint => scaled(value, 2, target);
/** A quantity in thousandths of the unit. */
export const milli = (value: unknown, target: string): bigint => scaled(value, 3, target);
export const amountText = (centsValue: bigint): string => formatScaledDecimal(centsValue, 2);
export const quantityText = (milliValue: bigint): string => formatScaledDecimal(milliValue, 3);

/** numerator / denominator rounded half away from zero (commercial rounding). */
export function divideHalfUp(numerator: bigint, denominator: bigint): bigint {
  if (denominator <= 0n) throw new RangeError('denominator must be positive');
  const negative = numerator < 0n;
  const magnitude = negative ? -numerator : numerator;
  const quotient = (magnitude * 2n + denominator) / (denominator * 2n);
  return negative ? -quotient : quotient;
}

/** Value in cents of a quantity (thousandths) at a price in cents per `priceUnit` units. */
export function valueOf(quantityMilli: bigint, priceCents: bigint, priceUnit: bigint): bigint {
  return divideHalfUp(quantityMilli * priceCents, 1000n * priceUnit);
}

/** New moving-average price after receiving `receivedMilli` worth `receivedCents`. */
export function movingAverage(stockMilli: bigint, averageCents: bigint, receivedMilli: bigint, receivedCents: bigint): bigint {
  const totalMilli = stockMilli + receivedMilli;
  // With no (or negative) stock before, the old average carries no weight.
  if (stockMilli <= 0n || totalMilli <= 0n) return divideHalfUp(receivedCents * 1000n, receivedMilli);
  return divideHalfUp(stockMilli * averageCents + receivedCents * 1000n, totalMilli);
}

/** A price unit (Decimal(5,0)): how many units the price is for; 1 when absent or not positive. */
export function priceUnitOf(value: unknown): bigint {
  const unit = scaled(value ?? '1', 0, 'price unit');
  return unit > 0n ? unit : 1n;
}
