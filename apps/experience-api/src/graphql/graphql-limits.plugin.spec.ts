import { describe, expect, it } from 'vitest';
import { throttleUnitsFor } from './graphql-limits.plugin';

describe('throttleUnitsFor', () => {
  it('charges the cost per rate unit, rounded up, so a costly operation counts more than a REST call', () => {
    expect(throttleUnitsFor(22, 1)).toBe(22);
    expect(throttleUnitsFor(1152, 200)).toBe(6);
    expect(throttleUnitsFor(20_000, 200)).toBe(100);
  });

  it('charges at least one unit, like any REST call', () => {
    expect(throttleUnitsFor(1, 200)).toBe(1);
    expect(throttleUnitsFor(0, 200)).toBe(1);
  });
});
