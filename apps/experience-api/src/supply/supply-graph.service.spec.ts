import { describe, expect, it } from 'vitest';
import { ReorderStatus } from './supply.models';
import { reorderStatusOf } from './supply-graph.service';

describe('reorderStatusOf', () => {
  it.each([
    ['no balance anywhere', [], ReorderStatus.NOT_STOCKED],
    ['above the reorder point everywhere', [{ atOrBelowReorderPoint: false, onOrder: 0 }], ReorderStatus.OK],
    ['below with nothing on order', [{ atOrBelowReorderPoint: true, onOrder: 0 }], ReorderStatus.BELOW_REORDER_POINT],
    ['below and already on order', [{ atOrBelowReorderPoint: true, onOrder: 20 }], ReorderStatus.ON_ORDER],
    [
      'one location below without an order',
      [
        { atOrBelowReorderPoint: true, onOrder: 20 },
        { atOrBelowReorderPoint: true, onOrder: 0 },
      ],
      ReorderStatus.BELOW_REORDER_POINT,
    ],
  ])('%s', (_name, balances, expected) => {
    expect(reorderStatusOf(balances)).toBe(expected);
  });
});
