import { describe, expect, it } from 'vitest';
import { edm, type EdmType, encodeLiteral, formatLiteral, type LiteralValue } from './edm-literal';
import { ODataException, ODataExceptionCode } from './odata.exception';

describe('formatLiteral', () => {
  const written: [string, LiteralValue, EdmType | undefined, string][] = [
    ['plain text', 'Summit Orthopedics', undefined, "'Summit Orthopedics'"],
    ['a single quote is doubled', "O'Brien", undefined, "'O''Brien'"],
    ['an injection attempt stays inside the literal', "' or 1 eq 1 or '", undefined, "''' or 1 eq 1 or '''"],
    ['empty text', '', undefined, "''"],
    ['unicode text', 'ünï ☃ 😀', undefined, "'ünï ☃ 😀'"],
    ['integer', 42, undefined, '42'],
    ['negative integer', -7, undefined, '-7'],
    ['fraction', 18.5, undefined, '18.5'],
    ['bigint', 9_007_199_254_740_993n, undefined, '9007199254740993'],
    ['boolean', true, undefined, 'true'],
    ['null', null, 'Edm.String', 'null'],
    ['Date object as timestamp', new Date(Date.UTC(2026, 0, 31, 8, 30)), undefined, '2026-01-31T08:30:00.000Z'],
    ['declared date', '2026-01-31', 'Edm.Date', '2026-01-31'],
    ['Date object as declared date', new Date(Date.UTC(2026, 1, 28)), 'Edm.Date', '2026-02-28'],
    ['declared GUID, lower-cased', '6F9619FF-8B86-D011-B42D-00C04FC964FF', 'Edm.Guid', '6f9619ff-8b86-d011-b42d-00c04fc964ff'],
    ['declared decimal string', '18.50', 'Edm.Decimal', '18.50'],
    ['declared decimal number', 1975, 'Edm.Decimal', '1975'],
    ['declared Int64 string', '-9223372036854775808', 'Edm.Int64', '-9223372036854775808'],
    ['declared timestamp with offset', '2026-01-31T08:30:00+05:30', 'Edm.DateTimeOffset', '2026-01-31T08:30:00+05:30'],
    ['declared time of day', '23:59:59.999', 'Edm.TimeOfDay', '23:59:59.999'],
    ['typed wrapper beats inference', edm.date('2024-02-29'), undefined, '2024-02-29'],
    ['typed decimal wrapper', edm.decimal('0.01'), 'Edm.String', '0.01'],
    ['double with exponent', edm.double(1e21), undefined, '1e+21'],
  ];
  it.each(written)('%s', (_, value, type, expected) => {
    expect(formatLiteral(value, type, 'test')).toBe(expected);
  });

  const refused: [string, LiteralValue, EdmType | undefined][] = [
    ['an unpaired surrogate', 'a\uD800b', undefined],
    ['a number for a text field', 5, 'Edm.String'],
    ['a malformed GUID', "6f9619ff' or '1", 'Edm.Guid'],
    ['a non-calendar date', '2026-02-30', 'Edm.Date'],
    ['a date with a trailing clause', '2026-01-31) or (1 eq 1', 'Edm.Date'],
    ['a timestamp without offset', '2026-01-31T08:30:00', 'Edm.DateTimeOffset'],
    ['an invalid Date object', new Date('nope'), undefined],
    ['a decimal with an exponent', '1e3', 'Edm.Decimal'],
    ['a number only writable with an exponent', 1e-7, undefined],
    ['NaN', Number.NaN, 'Edm.Double'],
    ['Infinity', Number.POSITIVE_INFINITY, undefined],
    ['an unsafe integer', 2 ** 60, 'Edm.Int64'],
    ['an Int32 out of range', 2 ** 31, 'Edm.Int32'],
    ['text for a boolean', 'yes', 'Edm.Boolean'],
    ['a time of day out of range', '24:00', 'Edm.TimeOfDay'],
  ];
  it.each(refused)('refuses %s with INVALID_QUERY, without echoing the value', (_, value, type) => {
    let thrown: unknown;
    try {
      formatLiteral(value, type, 'filter on X');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ODataException);
    expect((thrown as ODataException).code).toBe(ODataExceptionCode.INVALID_QUERY);
    expect((thrown as ODataException).message).toMatch(/^filter on X: /);
    if (typeof value === 'string' && value.length > 3) expect((thrown as ODataException).message).not.toContain(value);
  });
});

describe('encodeLiteral', () => {
  it('percent-encodes everything that would end a query value or path segment', () => {
    expect(encodeLiteral("'a&b=c#d?e/f+g%h i'")).toBe("'a%26b%3Dc%23d%3Fe%2Ff%2Bg%25h%20i'");
  });
});
