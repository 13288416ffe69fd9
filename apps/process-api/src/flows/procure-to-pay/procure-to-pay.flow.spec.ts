import { describe, expect, it } from 'vitest';
import {
  dueDateOf,
  manualProcureToPayStart,
  procureToPayImpact,
  type ProcureToPayState,
  startForOrder,
  varianceApproval,
} from './procure-to-pay.flow';

const failed: ProcureToPayState = {
  purchaseOrderId: 'PO-000002',
  supplierId: 'SUP-NORTHWIND',
  invoiceId: 'INV-000002',
  invoiceNumber: 'NW-88120',
  invoiceDate: '2026-11-09',
  invoiceTotalCents: 197_500,
  match: { result: 'failed', priceTolerancePercent: 2, priceVariancePercent: 6.76, priceVarianceCents: 12_500, reasons: ['6.76 % above'] },
};

describe('procure to pay', () => {
  it('follows one order per instance, whichever document starts it', () => {
    expect(startForOrder('PO-000001', { supplierId: 'SUP-SUMMIT' })).toEqual({
      startKey: 'po:PO-000001',
      businessKeys: { 'purchase-order': 'PO-000001', supplier: 'SUP-SUMMIT' },
      state: { purchaseOrderId: 'PO-000001', supplierId: 'SUP-SUMMIT' },
    });
    expect(manualProcureToPayStart({ purchaseOrderId: 'PO-000001' }).startKey).toBe('po:PO-000001');
    expect(() => manualProcureToPayStart({ purchaseOrderId: 'PO 1; drop' })).toThrow('purchaseOrderId is required');
    expect(() => manualProcureToPayStart({})).toThrow('purchaseOrderId is required');
  });

  it('asks a buyer about a failed match only', () => {
    expect(varianceApproval(failed)).toMatchObject({ role: 'Buyer', amountCents: 12_500, summary: expect.stringContaining('6.76 % over') });
    expect(varianceApproval({ ...failed, match: { ...failed.match!, result: 'matched' } })).toBeUndefined();
    expect(varianceApproval({ purchaseOrderId: 'PO-1' })).toBeUndefined();
  });

  it.each([
    ['2026-11-09', 45, '2026-12-24'],
    ['2026-10-06', 30, '2026-11-05'],
    ['2028-02-01', 30, '2028-03-02'],
  ])('falls due on the invoice date %s plus %i days: %s', (date, days, due) => {
    expect(dueDateOf(date, days)).toBe(due);
  });

  it('puts the invoice total at risk until its due date', () => {
    expect(procureToPayImpact({ ...failed, dueDate: '2026-12-24' }, 'approve-variance')).toEqual({
      amountAtRiskCents: 197_500,
      dueDate: '2026-12-24',
      details: {
        step: 'approve-variance',
        purchaseOrder: 'PO-000002',
        invoice: 'INV-000002',
        supplier: 'SUP-NORTHWIND',
        priceVariancePercent: 6.76,
      },
    });
    expect(procureToPayImpact({ purchaseOrderId: 'PO-1' }, 'goods-receipt')).toEqual({
      details: { step: 'goods-receipt', purchaseOrder: 'PO-1' },
    });
  });
});
