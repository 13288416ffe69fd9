import { describe, expect, it } from 'vitest';
import { ageOn } from './patient.service';

describe('ageOn', () => {
  const today = new Date('2026-11-25T12:00:00Z');
  it.each([
    ['1957-03-14', 69],
    ['1957-11-25', 69],
    ['1957-11-26', 68],
    [undefined, null],
    ['****-**-**', null],
  ])('%s → %s', (birthDate, age) => {
    expect(ageOn(birthDate, today)).toBe(age);
  });
});
