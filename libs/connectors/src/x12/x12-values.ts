/**
 * Conversions between X12 data element forms and canonical values: money (R) ↔ integer cents,
 * dates (DT) ↔ ISO dates, decimals, ICD-10 codes without and with their dot. Pure and allocation-light:
 * they run for every amount of a 100 MB remittance.
 */

/** Outcome of reading an amount: cents, or why it is not one. */
export type AmountParse = { ok: true; cents: number } | { ok: false; reason: 'invalid' | 'precision' };

const AMOUNT = /^(-?)(\d*)(?:\.(\d*))?$/;

/** Reads an X12 R amount ("28650", "89.6", "-1.27", ".5") as integer cents, never through a float. */
export function parseAmount(text: string): AmountParse {
  const match = AMOUNT.exec(text);
  if (match === null) return { ok: false, reason: 'invalid' };
  const whole = match[2]!;
  const fraction = match[3] ?? '';
  if (whole.length === 0 && fraction.length === 0) return { ok: false, reason: 'invalid' };
  if (whole.length > 13) return { ok: false, reason: 'invalid' };
  // Digits past the cents must be zeros ("632.5000" is 632.50; "1.005" cannot be cents).
  for (let i = 2; i < fraction.length; i++) if (fraction.charCodeAt(i) !== 48) return { ok: false, reason: 'precision' };
  const cents = Number(whole || '0') * 100 + Number((fraction + '00').slice(0, 2));
  return { ok: true, cents: match[1] === '-' && cents !== 0 ? -cents : cents };
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
  return month === 2 ? (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Whether CCYYMMDD (or YYMMDD) is a real calendar date. */
export function isX12Date(text: string): boolean {
  if (!/^\d{6}(\d{2})?$/.test(text)) return false;
  const year = text.length === 8 ? Number(text.slice(0, 4)) : 2000 + Number(text.slice(0, 2));
  const month = Number(text.slice(-4, -2));
  const day = Number(text.slice(-2));
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
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
