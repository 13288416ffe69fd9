import { DomainException, ErrorCategory } from '@concord/platform';

export enum DecimalAmountExceptionCode {
  MALFORMED_DECIMAL = 'DECIMAL_MALFORMED',
  INEXACT_AMOUNT = 'DECIMAL_INEXACT_AMOUNT',
  AMOUNT_OUT_OF_RANGE = 'DECIMAL_AMOUNT_OUT_OF_RANGE',
}

/** A decimal string that is not an exact amount in minor units. */
export class DecimalAmountException extends DomainException<DecimalAmountExceptionCode> {
  get category(): ErrorCategory {
    return ErrorCategory.UNPROCESSABLE;
  }
}

// Plain decimal notation only: no exponent, no grouping, no spaces (Edm.Decimal in IEEE754Compatible JSON).
const PLAIN_DECIMAL = /^([+-]?)(\d+)(?:\.(\d+))?$/;

/**
 * `text` as an exact integer scaled by 10^scale, by string arithmetic: "18.50" at scale 2 is 1850n.
 * Extra fraction digits are accepted only when they are zeros ("18.500"); "18.505" is INEXACT_AMOUNT.
 */
export function parseScaledDecimal(text: string, scale: number, where = 'amount'): bigint {
  if (!Number.isInteger(scale) || scale < 0 || scale > 20) throw new RangeError(`scale must be an integer from 0 to 20, got ${scale}`);
  const match = typeof text === 'string' ? PLAIN_DECIMAL.exec(text) : null;
  if (!match) throw new DecimalAmountException(DecimalAmountExceptionCode.MALFORMED_DECIMAL, `${where} is not a plain decimal number`);
  const [, sign, whole, fraction = ''] = match;
  if (/[1-9]/.test(fraction.slice(scale)))
    throw new DecimalAmountException(
      DecimalAmountExceptionCode.INEXACT_AMOUNT,
      `${where} has more than ${scale} significant decimal places`,
    );
  const digits = `${whole}${fraction.slice(0, scale).padEnd(scale, '0')}`;
  const magnitude = BigInt(digits);
  return sign === '-' ? -magnitude : magnitude;
}

/** `value` (scaled by 10^scale) written as a plain decimal string with exactly `scale` places: 1850n → "18.50". */
export function formatScaledDecimal(value: bigint, scale: number): string {
  if (!Number.isInteger(scale) || scale < 0 || scale > 20) throw new RangeError(`scale must be an integer from 0 to 20, got ${scale}`);
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const fraction = digits.slice(digits.length - scale);
  return `${negative ? '-' : ''}${whole}${scale ? `.${fraction}` : ''}`;
}

/**
 * An S/4-style decimal amount ("1975.00", "-0.5") as integer minor units (cents for USD), exactly.
 * A JSON number is accepted only when its shortest decimal form is plain and exact ("0.1" yes,
 * 0.30000000000000004 no): floats never become money silently.
 */
export function decimalToCents(value: string | number, minorUnits = 2, where = 'amount'): number {
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value))
      throw new DecimalAmountException(DecimalAmountExceptionCode.MALFORMED_DECIMAL, `${where} is not a finite number`);
    text = String(value);
  } else text = value;
  const scaled = parseScaledDecimal(text, minorUnits, where);
  if (scaled > BigInt(Number.MAX_SAFE_INTEGER) || scaled < -BigInt(Number.MAX_SAFE_INTEGER))
    throw new DecimalAmountException(DecimalAmountExceptionCode.AMOUNT_OUT_OF_RANGE, `${where} is too large to hold in minor units`);
  // `+ 0` turns -0 into 0.
  return Number(scaled) + 0;
}

/** Integer minor units as an S/4-style decimal string: 197500 → "1975.00", -5 → "-0.05". */
export function centsToDecimal(cents: number | bigint, minorUnits = 2): string {
  if (typeof cents === 'number' && !Number.isSafeInteger(cents)) throw new RangeError(`minor units must be a safe integer, got ${cents}`);
  return formatScaledDecimal(BigInt(cents), minorUnits);
}
