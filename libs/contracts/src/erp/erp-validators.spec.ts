import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { describe, expect, it } from 'vitest';
import { CreatePayrollRunDto } from '../workforce/payroll.dto';
import { isCostCentreCode, IsCostCentreCode, isMoneyCents, IsMoneyCents, isStockQuantity, type MoneySign } from './erp-validators';
import { CreateJournalEntryDto } from './general-ledger.dto';
import { CreateInventoryIssueDto } from './inventory.dto';

describe('isMoneyCents', () => {
  it.each<{ value: unknown; sign?: MoneySign; expected: boolean; why: string }>([
    { value: { amount: 415000, currency: 'USD' }, expected: true, why: 'integer cents in USD' },
    { value: { amount: 0, currency: 'USD' }, expected: true, why: 'zero' },
    { value: { amount: -12500, currency: 'USD' }, expected: true, why: 'a credit' },
    { value: { amount: 1_000_000_000_000, currency: 'USD' }, expected: true, why: 'the largest amount' },
    { value: { amount: 1_000_000_000_001, currency: 'USD' }, expected: false, why: 'beyond the largest amount' },
    { value: { amount: 4150.5, currency: 'USD' }, expected: false, why: 'a fraction of a cent' },
    { value: { amount: '415000', currency: 'USD' }, expected: false, why: 'a string amount' },
    { value: { amount: Number.NaN, currency: 'USD' }, expected: false, why: 'NaN' },
    { value: { amount: 100, currency: 'EUR' }, expected: false, why: 'an unsupported currency' },
    { value: { amount: 100 }, expected: false, why: 'no currency' },
    { value: 415000, expected: false, why: 'a bare number' },
    { value: null, expected: false, why: 'null' },
    { value: [415000, 'USD'], expected: false, why: 'an array' },
    { value: { amount: 1, currency: 'USD' }, sign: 'positive', expected: true, why: 'one cent is positive' },
    { value: { amount: 0, currency: 'USD' }, sign: 'positive', expected: false, why: 'zero is not positive' },
    { value: { amount: 0, currency: 'USD' }, sign: 'non-negative', expected: true, why: 'zero is non-negative' },
    { value: { amount: -1, currency: 'USD' }, sign: 'non-negative', expected: false, why: 'minus one cent is negative' },
  ])('$why → $expected', ({ value, sign, expected }) => {
    expect(isMoneyCents(value, sign)).toBe(expected);
  });
});

describe('isCostCentreCode', () => {
  it.each([
    { value: '6300', expected: true },
    { value: 'CC10', expected: true },
    { value: '0123456789', expected: true },
    { value: '01234567890', expected: false },
    { value: '6', expected: false },
    { value: '63 00', expected: false },
    { value: 'cc10', expected: false },
    { value: '', expected: false },
    { value: 6300, expected: false },
  ])('$value → $expected', ({ value, expected }) => {
    expect(isCostCentreCode(value)).toBe(expected);
  });
});

describe('isStockQuantity', () => {
  it.each([
    { value: 1, expected: true },
    { value: 0.125, expected: true },
    { value: 2.5, expected: true },
    { value: 0.0001, expected: false },
    { value: 0, expected: false },
    { value: -1, expected: false },
    { value: Number.POSITIVE_INFINITY, expected: false },
    { value: 1e9, expected: false },
    { value: '1', expected: false },
  ])('$value → $expected', ({ value, expected }) => {
    expect(isStockQuantity(value)).toBe(expected);
  });
});

const constraintsOf = (errors: ValidationError[]): Record<string, string[]> => {
  const flat: Record<string, string[]> = {};
  const walk = (list: ValidationError[], prefix: string) => {
    for (const error of list) {
      const path = prefix ? `${prefix}.${error.property}` : error.property;
      if (error.constraints) flat[path] = Object.values(error.constraints);
      if (error.children?.length) walk(error.children, path);
    }
  };
  walk(errors, '');
  return flat;
};

describe('decorators name the field and the rule', () => {
  class Price {
    @IsMoneyCents({ sign: 'positive' })
    unitPrice!: unknown;

    @IsCostCentreCode()
    costCentre!: unknown;
  }

  it('reports each field with its own message', () => {
    const errors = validateSync(Object.assign(new Price(), { unitPrice: { amount: 0, currency: 'USD' }, costCentre: '63' + 'x' }));
    expect(constraintsOf(errors)).toStrictEqual({
      unitPrice: ['unitPrice must be positive money as { amount: integer cents, currency: USD }'],
      costCentre: ['costCentre must be a cost centre code of 2-10 upper-case letters or digits'],
    });
  });

  it('accepts valid values', () => {
    expect(validateSync(Object.assign(new Price(), { unitPrice: { amount: 1850, currency: 'USD' }, costCentre: '8100' }))).toStrictEqual(
      [],
    );
  });
});

describe('input DTOs', () => {
  it('a journal needs two lines, positive cents and real account numbers', () => {
    const dto = plainToInstance(CreateJournalEntryDto, {
      postingDate: '2026-02-30',
      lines: [{ account: '12', side: 'both', amount: { amount: -5, currency: 'USD' }, costCentre: '6300' }],
    });
    expect(constraintsOf(validateSync(dto))).toStrictEqual({
      postingDate: ['postingDate must be a date in YYYY-MM-DD form'],
      lines: ['lines must contain at least 2 elements'],
      'lines.0.account': ['account must be a GL account number of 3-10 digits'],
      'lines.0.side': ['side must be one of the following values: debit, credit'],
      'lines.0.amount': ['amount must be positive money as { amount: integer cents, currency: USD }'],
    });
  });

  it('a stock issue needs an item, a location, a positive quantity and a cost centre', () => {
    const dto = plainToInstance(CreateInventoryIssueDto, {
      itemId: '../x',
      locationId: 'CG-MAIN-OR',
      quantity: 0,
      costCentre: 'OR',
      serials: ['ok', 'not ok'],
    });
    expect(constraintsOf(validateSync(dto))).toStrictEqual({
      itemId: ['itemId must be 1-40 letters, digits, ".", "_" or "-"'],
      quantity: ['quantity must be a positive quantity with at most three decimals'],
      serials: ['each serial must be 1-40 letters, digits, ".", "_", "/" or "-"'],
    });
  });

  it('a payroll run needs hours to the hundredth', () => {
    const dto = plainToInstance(CreatePayrollRunDto, {
      periodStart: '2026-11-01',
      periodEnd: '2026-11-14',
      timesheets: [{ employeeNumber: 'E10042', hours: 7.125 }],
    });
    expect(Object.keys(constraintsOf(validateSync(dto)))).toStrictEqual(['timesheets.0.hours']);
  });
});
