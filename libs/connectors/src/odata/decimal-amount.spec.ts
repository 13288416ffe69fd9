import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  centsToDecimal,
  DecimalAmountException,
  DecimalAmountExceptionCode as Code,
  decimalToCents,
  formatScaledDecimal,
  parseScaledDecimal,
} from './decimal-amount';

describe('decimalToCents', () => {
  const exact: [string | number, number][] = [
    ['1975.00', 197_500],
    ['18.50', 1_850],
    ['18.5', 1_850],
    ['4181.25', 418_125],
    ['0.01', 1],
    ['-0.05', -5],
    ['-0.00', 0],
    ['+3', 300],
    ['007.10', 710],
    ['21000.000', 2_100_000],
    ['90071992547409.91', 9_007_199_254_740_991],
    [0.1, 10],
    [1975, 197_500],
    [-12.34, -1_234],
  ];
  it.each(exact)('%j is %i cents', (text, cents) => {
    expect(decimalToCents(text)).toBe(cents);
    expect(Object.is(decimalToCents(text), -0)).toBe(false);
  });

  const refused: [string | number, Code][] = [
    ['18.505', Code.INEXACT_AMOUNT],
    [0.1 + 0.2, Code.INEXACT_AMOUNT],
    ['1e3', Code.MALFORMED_DECIMAL],
    ['1,975.00', Code.MALFORMED_DECIMAL],
    [' 18.50', Code.MALFORMED_DECIMAL],
    ['', Code.MALFORMED_DECIMAL],
    ['.5', Code.MALFORMED_DECIMAL],
    ['5.', Code.MALFORMED_DECIMAL],
    ['--5', Code.MALFORMED_DECIMAL],
    ['NaN', Code.MALFORMED_DECIMAL],
    [Number.NaN, Code.MALFORMED_DECIMAL],
    [1e21, Code.MALFORMED_DECIMAL],
    ['90071992547409.92', Code.AMOUNT_OUT_OF_RANGE],
  ];
  it.each(refused)('refuses %j with %s', (value, code) => {
    let thrown: unknown;
    try {
      decimalToCents(value, 2, 'InvoiceGrossAmount');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(DecimalAmountException);
    expect((thrown as DecimalAmountException).code).toBe(code);
    expect((thrown as DecimalAmountException).message).toMatch(/^InvoiceGrossAmount /);
  });

  it('handles currencies with other minor units', () => {
    expect(decimalToCents('1500', 0)).toBe(1_500);
    expect(decimalToCents('1.234', 3)).toBe(1_234);
    expect(centsToDecimal(1_234, 3)).toBe('1.234');
    expect(centsToDecimal(1_500, 0)).toBe('1500');
  });
});

describe('centsToDecimal', () => {
  it.each([
    [197_500, '1975.00'],
    [5, '0.05'],
    [-5, '-0.05'],
    [0, '0.00'],
    [-100, '-1.00'],
    [9_007_199_254_740_991, '90071992547409.91'],
  ])('%i cents is %s', (cents, text) => {
    expect(centsToDecimal(cents)).toBe(text);
  });

  it('refuses a fractional or unsafe number of cents', () => {
    expect(() => centsToDecimal(1.5)).toThrow(RangeError);
    expect(() => centsToDecimal(2 ** 60)).toThrow(RangeError);
  });
});

describe('decimal ↔ cents properties', () => {
  const safeCents = fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER });

  it('cents → decimal → cents is the identity', () => {
    fc.assert(fc.property(safeCents, (cents) => decimalToCents(centsToDecimal(cents)) === cents));
  });

  it('agrees with exact BigInt arithmetic on arbitrary digit strings', () => {
    const digits = fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 1, maxLength: 40 });
    fc.assert(
      fc.property(
        fc.boolean(),
        digits,
        fc.option(digits, { nil: undefined }),
        fc.integer({ min: 0, max: 6 }),
        (negative, whole, fraction, scale) => {
          const text = `${negative ? '-' : ''}${whole}${fraction === undefined ? '' : `.${fraction}`}`;
          const significant = (fraction ?? '').slice(scale);
          if (/[1-9]/.test(significant)) {
            expect(() => parseScaledDecimal(text, scale)).toThrow(DecimalAmountException);
            return;
          }
          const expected = BigInt(`${whole}${(fraction ?? '').slice(0, scale).padEnd(scale, '0')}`) * (negative ? -1n : 1n);
          const parsed = parseScaledDecimal(text, scale);
          expect(parsed).toBe(expected);
          // And back: the canonical text has exactly `scale` places and parses to the same value.
          expect(parseScaledDecimal(formatScaledDecimal(parsed, scale), scale)).toBe(parsed);
        },
      ),
    );
  });

  it('sums of amounts in cents equal the decimal sum computed by string arithmetic (no float drift)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -10_000_000, max: 10_000_000 }), { minLength: 1, maxLength: 50 }), (amounts) => {
        const texts = amounts.map((cents) => centsToDecimal(cents));
        const total = texts.reduce((sum, text) => sum + decimalToCents(text), 0);
        expect(total).toBe(amounts.reduce((sum, cents) => sum + cents, 0));
        expect(centsToDecimal(total)).toBe(
          formatScaledDecimal(
            texts.reduce((sum, text) => sum + parseScaledDecimal(text, 2), 0n),
            2,
          ),
        );
      }),
    );
  });
});
