/**
 * Conversions between X12 data element forms and canonical values: money (R) ↔ integer cents,
 * dates (DT) ↔ ISO dates, decimals, ICD-10 codes without and with their dot. Pure and allocation-light:
 * they run for every amount of a 100 MB remittance.
 */

/** Outcome of reading an amount: cents, or why it is not one. */
export type AmountParse = { ok: true; cents: number } | { ok: false; reason: 'invalid' | 'precision' };

const INVALID: AmountParse = { ok: false, reason: 'invalid' };
const PRECISION: AmountParse = { ok: false, reason: 'precision' };

/** Reads an X12 R amount ("28650", "89.6", "-1.27", ".5") as integer cents, never through a float. */
export function parseAmount(text: string): AmountParse {
  const cents = amountCents(text);
  if (Number.isNaN(cents)) return INVALID;
  if (cents === Infinity) return PRECISION;
  return { ok: true, cents };
}

/**
 * parseAmount without the result object (it runs for every amount of a remittance): cents, NaN when
 * the text is not an amount, Infinity when it has fractions of a cent.
 */
export function amountCents(text: string): number {
  const n = text.length;
  let i = 0;
  const negative = n > 0 && text.charCodeAt(0) === 45;
  if (negative) i = 1;
  let whole = 0;
  let wholeDigits = 0;
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 46) break;
    if (c < 48 || c > 57) return Number.NaN;
    whole = whole * 10 + (c - 48);
    wholeDigits++;
  }
  let fraction = 0;
  let fractionDigits = 0;
  let lostPrecision = false;
  if (i < n) {
    for (i++; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c < 48 || c > 57) return Number.NaN;
      // Digits past the cents must be zeros ("632.5000" is 632.50; "1.005" cannot be cents).
      if (fractionDigits < 2) fraction = fraction * 10 + (c - 48);
      else if (c !== 48) lostPrecision = true;
      fractionDigits++;
    }
  }
  if ((wholeDigits === 0 && fractionDigits === 0) || wholeDigits > 13) return Number.NaN;
  if (lostPrecision) return Infinity;
  const cents = whole * 100 + (fractionDigits === 1 ? fraction * 10 : fraction);
  return negative && cents !== 0 ? -cents : cents;
}

/** Writes cents as an X12 R amount: no trailing fractional zeros, no decimal point for whole amounts. */
export function formatAmount(cents: number): string {
  if (!Number.isSafeInteger(cents)) throw new RangeError('amount must be an integer number of cents');
  const negative = cents < 0;
  const abs = negative ? -cents : cents;
  const whole = Math.floor(abs / 100);
  const fraction = abs % 100;
  let text = String(whole);
  if (fraction !== 0) text += fraction % 10 === 0 ? `.${fraction / 10}` : `.${String(fraction).padStart(2, '0')}`;
  return negative ? `-${text}` : text;
}

const DECIMAL = /^-?(\d+(\.\d*)?|\.\d+)$/;

/** Reads an X12 R decimal that is not money (units, percentages), or undefined when invalid. */
export function parseDecimal(text: string): number | undefined {
  return DECIMAL.test(text) ? Number(text) : undefined;
}

/** Writes a non-money decimal without exponent or trailing zeros. */
export function formatDecimal(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError('decimal must be finite');
  return String(Number(value.toFixed(6)));
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function digitsValue(text: string, from: number, to: number): number {
  let value = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    value = value * 10 + c;
  }
  return value;
}

/** Whether CCYYMMDD (or YYMMDD) is a real calendar date. */
export function isX12Date(text: string): boolean {
  const n = text.length;
  if (n !== 8 && n !== 6) return false;
  const year = n === 8 ? digitsValue(text, 0, 4) : 2000 + digitsValue(text, 0, 2);
  const month = digitsValue(text, n - 4, n - 2);
  const day = digitsValue(text, n - 2, n);
  if (year < 0 || month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

/** Whether HHMM, HHMMSS or HHMMSSd… is a real time of day. */
export function isX12Time(text: string): boolean {
  if (!/^\d{4}(\d{2}(\d{1,2})?)?$/.test(text)) return false;
  const hours = Number(text.slice(0, 2));
  const minutes = Number(text.slice(2, 4));
  const seconds = text.length >= 6 ? Number(text.slice(4, 6)) : 0;
  return hours <= 23 && minutes <= 59 && seconds <= 59;
}

/** CCYYMMDD → YYYY-MM-DD (assumes a valid date). */
export function dateFromX12(text: string): string {
  return `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6, 8)}`;
}

/** YYYY-MM-DD → CCYYMMDD. */
export function dateToX12(isoDate: string): string {
  return isoDate.slice(0, 10).replaceAll('-', '');
}

/** ICD-10-CM as X12 carries it ("M1712") → with its dot ("M17.12"). */
export function icd10FromX12(code: string): string {
  return code.length > 3 && !code.includes('.') ? `${code.slice(0, 3)}.${code.slice(3)}` : code;
}

/** ICD-10-CM with its dot → X12 form without it. */
export function icd10ToX12(code: string): string {
  return code.replace('.', '');
}
