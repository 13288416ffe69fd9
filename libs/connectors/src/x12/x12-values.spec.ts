import { describe, expect, it } from 'vitest';
import {
  dateFromX12,
  dateToX12,
  formatAmount,
  icd10FromX12,
  icd10ToX12,
  isX12Date,
  isX12Time,
  parseAmount,
  parseDecimal,
} from './x12-values';

describe('parseAmount', () => {
  it.each([
    { text: '28650', cents: 2_865_000 },
    { text: '28650.00', cents: 2_865_000 },
    { text: '13274', cents: 1_327_400 },
    { text: '89.6', cents: 8_960 },
    { text: '22.40', cents: 2_240 },
    { text: '.5', cents: 50 },
    { text: '0.01', cents: 1 },
    { text: '-1.27', cents: -127 },
    { text: '632.5000', cents: 63_250, why: 'zeros past the cents are only precision' },
    { text: '-0', cents: 0 },
    { text: '1000000000000', cents: 100_000_000_000_000 },
  ])('$text → $cents cents', ({ text, cents }) => {
    expect(parseAmount(text)).toEqual({ ok: true, cents });
  });

  it.each([
    { text: '1.005', reason: 'precision' },
    { text: '12.341', reason: 'precision' },
    { text: '', reason: 'invalid' },
    { text: '-', reason: 'invalid' },
    { text: '.', reason: 'invalid' },
    { text: '1,000', reason: 'invalid' },
    { text: '1e3', reason: 'invalid' },
    { text: ' 12', reason: 'invalid' },
    { text: '12345678901234', reason: 'invalid', why: 'past 13 integer digits cents leave the safe range' },
  ])('$text is not cents ($reason)', ({ text, reason }) => {
    expect(parseAmount(text)).toEqual({ ok: false, reason });
  });

  it('reads every cent from 0.00 to 99.99 exactly, with no float drift', () => {
    for (let cents = 0; cents < 10_000; cents++) {
      const text = `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
      expect(parseAmount(text)).toEqual({ ok: true, cents });
    }
  });
});

describe('formatAmount', () => {
  it.each([
    { cents: 2_865_000, text: '28650' },
    { cents: 8_960, text: '89.6' },
    { cents: 2_240, text: '22.4' },
    { cents: 7_300, text: '73' },
    { cents: 1, text: '0.01' },
    { cents: 10, text: '0.1' },
    { cents: 0, text: '0' },
    { cents: -127, text: '-1.27' },
  ])('$cents cents → $text', ({ cents, text }) => {
    expect(formatAmount(cents)).toBe(text);
    expect(parseAmount(text)).toEqual({ ok: true, cents });
  });

  it('refuses fractions of a cent', () => {
    expect(() => formatAmount(1.5)).toThrow(RangeError);
  });
});

describe('dates, times, decimals and ICD-10 codes', () => {
  it.each([
    { text: '20261102', valid: true },
    { text: '20240229', valid: true },
    { text: '20230229', valid: false },
    { text: '20261131', valid: false },
    { text: '261102', valid: true },
    { text: '2026110', valid: false },
    { text: '2026-11-02', valid: false },
  ])('date $text valid: $valid', ({ text, valid }) => expect(isX12Date(text)).toBe(valid));

  it.each([
    { text: '0830', valid: true },
    { text: '235959', valid: true },
    { text: '08301234', valid: true },
    { text: '2400', valid: false },
    { text: '0860', valid: false },
    { text: '830', valid: false },
  ])('time $text valid: $valid', ({ text, valid }) => expect(isX12Time(text)).toBe(valid));

  it('converts dates both ways', () => {
    expect(dateFromX12('19570314')).toBe('1957-03-14');
    expect(dateToX12('1957-03-14')).toBe('19570314');
  });

  it.each([
    { text: '1', value: 1 },
    { text: '.2', value: 0.2 },
    { text: '-3.5', value: -3.5 },
    { text: 'x', value: undefined },
    { text: '', value: undefined },
  ])('decimal $text → $value', ({ text, value }) => expect(parseDecimal(text)).toBe(value));

  it.each([
    { x12: 'M1712', canonical: 'M17.12' },
    { x12: 'J069', canonical: 'J06.9' },
    { x12: 'R509', canonical: 'R50.9' },
    { x12: 'I10', canonical: 'I10' },
  ])('ICD-10-CM $x12 ↔ $canonical', ({ x12, canonical }) => {
    expect(icd10FromX12(x12)).toBe(canonical);
    expect(icd10ToX12(canonical)).toBe(x12);
  });
});
