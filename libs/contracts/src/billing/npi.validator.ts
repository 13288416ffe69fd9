import { registerDecorator, type ValidationOptions } from 'class-validator';

/**
 * A National Provider Identifier: 10 digits whose last digit is the Luhn check digit of the
 * first nine, computed with the 80840 card-issuer prefix (the constant 24 below is that prefix's
 * contribution to the Luhn sum).
 */
export function isValidNpi(value: unknown): boolean {
  if (typeof value !== 'string' || !/^[12]\d{9}$/.test(value)) return false;
  let sum = 24;
  for (let i = 0; i < 9; i++) {
    const digit = value.charCodeAt(i) - 48;
    // Counting from the check digit leftwards, every other digit is doubled: here the 1st, 3rd ... 9th.
    if (i % 2 === 0) {
      const doubled = digit * 2;
      sum += doubled > 9 ? doubled - 9 : doubled;
    } else {
      sum += digit;
    }
  }
  return (10 - (sum % 10)) % 10 === value.charCodeAt(9) - 48;
}

/** class-validator rule: the property is an NPI with a valid check digit. */
export function IsNpi(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isNpi',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: `${String(propertyName)} must be a 10-digit NPI with a valid check digit`, ...options },
      validator: { validate: isValidNpi },
    });
}
