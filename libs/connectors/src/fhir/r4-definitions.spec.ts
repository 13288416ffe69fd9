import { describe, expect, it } from 'vitest';
import { r4StructureErrors } from './r4-definitions';

describe('r4StructureErrors', () => {
  it('is empty for a valid resource', () => {
    expect(r4StructureErrors({ resourceType: 'Patient', id: 'p', gender: 'female' })).toStrictEqual([]);
  });

  it.each([
    { name: 'missing required elements', resource: { resourceType: 'Encounter' }, expected: ['Encounter.status', 'Encounter.class'] },
    {
      name: 'an unknown element',
      resource: { resourceType: 'Procedure', status: 'completed', subject: { reference: 'Patient/p' }, usedItem: [] },
      expected: ['Procedure.usedItem'],
    },
    {
      name: 'a wrong type',
      resource: {
        resourceType: 'ChargeItem',
        status: 'billable',
        code: { text: 'x' },
        subject: { reference: 'Patient/p' },
        quantity: { value: '2' },
      },
      expected: ['ChargeItem.quantity.value'],
    },
  ])('names the element for $name', ({ resource, expected }) => {
    const errors = r4StructureErrors(resource as never);
    for (const path of expected) expect(errors.some((error) => error.startsWith(path))).toBe(true);
  });
});
