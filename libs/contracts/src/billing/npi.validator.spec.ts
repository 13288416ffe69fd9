import 'reflect-metadata';
import { validateSync } from 'class-validator';
import { describe, expect, it } from 'vitest';
import { IsNpi, isValidNpi } from './npi.validator';

describe('isValidNpi', () => {
  it.each([
    { value: '1234567893', valid: true, why: 'Concord General Hospital' },
    { value: '1245319599', valid: true, why: 'the orthopaedic surgeon' },
    { value: '1982764353', valid: true, why: 'Concord Riverside Clinic' },
    { value: '1619345287', valid: true, why: 'the family physician' },
    { value: '1234567890', valid: false, why: 'wrong check digit' },
    { value: '1234567894', valid: false, why: 'check digit off by one' },
    { value: '2234567891', valid: true, why: 'an NPI may start with 2' },
    { value: '2234567892', valid: false, why: 'starts with 2, wrong check digit' },
    { value: '123456789', valid: false, why: 'nine digits' },
    { value: '12345678931', valid: false, why: 'eleven digits' },
    { value: '3234567893', valid: false, why: 'NPIs start with 1 or 2' },
    { value: '12345678 3', valid: false, why: 'a space' },
    { value: 1234567893, valid: false, why: 'a number, not a string' },
    { value: undefined, valid: false, why: 'absent' },
  ])('$value: $valid ($why)', ({ value, valid }) => {
    expect(isValidNpi(value)).toBe(valid);
  });

  it('finds exactly one valid check digit for any nine-digit stem', () => {
    for (const stem of ['123456789', '198276435', '161934528', '200000000']) {
      expect([...'0123456789'].filter((d) => isValidNpi(stem + d))).toHaveLength(1);
    }
  });
});

class Holder {
  @IsNpi()
  npi!: string;
}

describe('@IsNpi', () => {
  it('names the field in its message', () => {
    const holder = Object.assign(new Holder(), { npi: '1234567890' });
    expect(validateSync(holder).map((e) => e.constraints)).toEqual([{ isNpi: 'npi must be a 10-digit NPI with a valid check digit' }]);
    expect(validateSync(Object.assign(new Holder(), { npi: '1234567893' }))).toEqual([]);
  });
});
