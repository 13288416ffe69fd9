import { registerDecorator, type ValidationArguments, type ValidationOptions } from 'class-validator';
import { CURRENCIES, MAX_MONEY_CENTS } from '../common/money.dto';

export type MoneySign = 'any' | 'positive' | 'non-negative';

/** A MoneyDto-shaped value: a safe integer number of cents within bounds, in a known currency, with the sign asked for. */
export function isMoneyCents(value: unknown, sign: MoneySign = 'any'): boolean {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  const { amount, currency } = value as { amount?: unknown; currency?: unknown };
  if (typeof amount !== 'number' || !Number.isSafeInteger(amount) || Math.abs(amount) > MAX_MONEY_CENTS) return false;
  if (!(CURRENCIES as readonly unknown[]).includes(currency)) return false;
  if (sign === 'positive') return amount > 0;
  if (sign === 'non-negative') return amount >= 0;
  return true;
}

const SIGN_WORDS: Record<MoneySign, string> = { any: '', positive: 'positive ', 'non-negative': 'non-negative ' };

/**
 * Money in the canonical shape `{ amount: <integer cents>, currency: 'USD' }`. One decorator so the
 * rule, its message and its OpenAPI description stay identical wherever an amount is accepted.
 */
export function IsMoneyCents(options: { sign?: MoneySign } & ValidationOptions = {}): PropertyDecorator {
  const { sign = 'any', ...validationOptions } = options;
  return (target, propertyName) =>
    registerDecorator({
      name: 'isMoneyCents',
      target: target.constructor,
      propertyName: propertyName as string,
      options: {
        message: ({ property }: ValidationArguments) =>
          `${property} must be ${SIGN_WORDS[sign]}money as { amount: integer cents, currency: ${CURRENCIES.join('|')} }`,
        ...validationOptions,
      },
      validator: { validate: (value: unknown) => isMoneyCents(value, sign) },
    });
}

/**
 * Cost centre (department) codes: 2–10 upper-case letters or digits, the width SAP's KOSTL and most
 * ERPs allow. The demo hospital uses four digits (6300 Perioperative Services).
 */
export const COST_CENTRE_CODE_PATTERN = /^[A-Z0-9]{2,10}$/;

export function isCostCentreCode(value: unknown): value is string {
  return typeof value === 'string' && COST_CENTRE_CODE_PATTERN.test(value);
}

export function IsCostCentreCode(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isCostCentreCode',
      target: target.constructor,
      propertyName: propertyName as string,
      options: {
        message: ({ property }: ValidationArguments) => `${property} must be a cost centre code of 2-10 upper-case letters or digits`,
        ...options,
      },
      validator: { validate: isCostCentreCode },
    });
}

/** GL account numbers: 3–10 digits (1300 Inventory). */
export const GL_ACCOUNT_PATTERN = /^[0-9]{3,10}$/;

/** ERP document and master-data ids (KNEE-TOT-CR, PO-000123): 1–40 letters, digits, '-', '_' or '.'. */
export const ERP_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;

/** An ERP id reference in an input (item, location, supplier, document). */
export function IsErpId(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isErpId',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: ({ property }: ValidationArguments) => `${property} must be 1-40 letters, digits, ".", "_" or "-"`, ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && ERP_ID_PATTERN.test(value) },
    });
}

/** Units of measure as short upper-case codes (EA each, BX box, CS case, H hour). */
export const UNIT_OF_MEASURE_PATTERN = /^[A-Z0-9]{1,6}$/;

/** A quantity of stock: positive, at most three decimals, below a billion. */
export function isStockQuantity(value: unknown): value is number {
  return (
    typeof value === 'number' &&
    Number.isFinite(value) &&
    value > 0 &&
    value < 1e9 &&
    Math.abs(Math.round(value * 1000) - value * 1000) < 1e-6
  );
}

export function IsStockQuantity(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isStockQuantity',
      target: target.constructor,
      propertyName: propertyName as string,
      options: {
        message: ({ property }: ValidationArguments) => `${property} must be a positive quantity with at most three decimals`,
        ...options,
      },
      validator: { validate: isStockQuantity },
    });
}
