import 'reflect-metadata';
import { validateSync } from 'class-validator';
import { describe, expect, it } from 'vitest';
import { IsCalendarDate, isCalendarDate } from './is-calendar-date.validator';

describe('isCalendarDate', () => {
  it.each([
    { value: '2024-02-29', expected: true, why: 'leap day of a leap year' },
    { value: '2000-02-29', expected: true, why: 'leap day of a year divisible by 400' },
    { value: '1957-03-14', expected: true, why: 'an ordinary date' },
    { value: '2026-12-31', expected: true, why: 'last day of the year' },
    { value: '0001-01-01', expected: true, why: 'first day of year 1' },
    { value: '2023-02-29', expected: false, why: 'leap day of a common year' },
    { value: '1900-02-29', expected: false, why: 'leap day of a century that is not a leap year' },
    { value: '2026-02-30', expected: false, why: 'February 30' },
    { value: '2026-04-31', expected: false, why: 'April 31' },
    { value: '2026-13-01', expected: false, why: 'month 13' },
    { value: '2026-00-10', expected: false, why: 'month 0' },
    { value: '2026-01-00', expected: false, why: 'day 0' },
    { value: '2026-01-32', expected: false, why: 'day 32' },
    { value: '1957-3-14', expected: false, why: 'a one-digit month' },
    { value: '1957-03-4', expected: false, why: 'a one-digit day' },
    { value: '57-03-14', expected: false, why: 'a two-digit year' },
    { value: '1957/03/14', expected: false, why: 'slashes' },
    { value: '14-03-1957', expected: false, why: 'day first' },
    { value: '1957-03-14T00:00:00Z', expected: false, why: 'a date-time' },
    { value: ' 1957-03-14', expected: false, why: 'leading space' },
    { value: '1957-03-14\n', expected: false, why: 'trailing newline' },
    { value: '１９５７-０３-１４', expected: false, why: 'full-width digits' },
    { value: '', expected: false, why: 'an empty string' },
  ])('$value → $expected ($why)', ({ value, expected }) => {
    expect(isCalendarDate(value)).toBe(expected);
  });

  it.each([
    { value: undefined },
    { value: null },
    { value: 19570314 },
    { value: new Date('1957-03-14T00:00:00Z') },
    { value: ['1957-03-14'] },
    { value: { toString: () => '1957-03-14' } },
  ])('rejects the non-string $value', ({ value }) => {
    expect(isCalendarDate(value)).toBe(false);
  });
});

describe('@IsCalendarDate', () => {
  class Query {
    @IsCalendarDate()
    birthdate!: unknown;
  }

  const errorsFor = (birthdate: unknown) => {
    const query = new Query();
    query.birthdate = birthdate;
    return validateSync(query);
  };

  it('accepts a real date', () => {
    expect(errorsFor('2024-02-29')).toStrictEqual([]);
  });

  it('rejects an impossible date with a message naming the property', () => {
    const errors = errorsFor('2023-02-29');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.constraints).toStrictEqual({ isCalendarDate: 'birthdate must be a date in YYYY-MM-DD form' });
  });

  it('lets the caller override the message', () => {
    class Custom {
      @IsCalendarDate({ message: 'give a birth date' })
      born!: string;
    }
    const custom = new Custom();
    custom.born = 'yesterday';
    expect(validateSync(custom)[0]?.constraints).toStrictEqual({ isCalendarDate: 'give a birth date' });
  });
});
