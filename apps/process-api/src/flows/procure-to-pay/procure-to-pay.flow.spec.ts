import type { DataSource } from 'typeorm';
import { describe, expect, it } from 'vitest';
import type { SystemApiClient } from '@concord/clients';
import type { StepContext } from '../../engine/flow-definition';
import {
  dueDateOf,
  ProcureToPayFlow,
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

describe('the payment step', () => {
  const step = new ProcureToPayFlow({} as DataSource).v1().steps.find((s) => s.name === 'payment')!;
  const ok = (data: unknown) => Promise.resolve({ data, response: new Response(null, { status: 200 }) });
  /** The system-api client is the edge: the invoice's status per call, and the payment's answer. */
  const client = (statuses: string[], payment: () => Promise<unknown>) => {
    const calls: string[] = [];
    const api = {
      GET: (path: string) => {
        calls.push(`GET ${path}`);
        return ok({ status: statuses.shift() ?? 'paid' });
      },
      POST: (path: string) => {
        calls.push(`POST ${path}`);
        return payment();
      },
    } as unknown as SystemApiClient;
    return { api, calls };
  };
  const context = (systemApi: SystemApiClient, now: Date): StepContext<ProcureToPayState> => ({
    flowId: 'f-1',
    flowType: 'procure-to-pay',
    correlationId: 'c-1',
    businessKeys: {},
    state: { ...failed, dueDate: '2026-12-24' },
    attempt: 1,
    idempotencyKey: () => 'k',
    systemApi,
    link: () => undefined,
    now: () => now,
  });

  it('waits for the due date before paying', async () => {
    const { api, calls } = client([], () => Promise.reject(new Error('not called')));
    expect(await step.run(context(api, new Date('2026-12-01T09:00:00Z')))).toEqual({
      kind: 'wait-until',
      until: new Date('2026-12-24T00:00:00Z'),
      state: { dueDate: '2026-12-24' },
    });
    expect(calls).toEqual([]);
  });

  it('does not pay an invoice someone already paid in the ERP', async () => {
    const { api, calls } = client(['paid'], () => Promise.reject(new Error('not called')));
    expect(await step.run(context(api, new Date('2026-12-24T09:00:00Z')))).toMatchObject({
      kind: 'done',
      output: { paidOutsideFlow: true },
    });
    expect(calls).toEqual(['GET /erp/v1/invoices/{id}']);
  });

  it('accepts a payment made in the ERP between its look and its own payment (409)', async () => {
    const conflict = () =>
      Promise.resolve({
        error: { code: 'ERP_DOCUMENT_STATE_CONFLICT', title: 'Conflict', status: 409, detail: 'Invoice INV-000002 is paid' },
        response: new Response(null, { status: 409 }),
      });
    const { api, calls } = client(['variance-approved', 'paid'], conflict);
    expect(await step.run(context(api, new Date('2026-12-24T09:00:00Z')))).toMatchObject({
      kind: 'done',
      output: { paidOutsideFlow: true },
    });
    expect(calls).toEqual(['GET /erp/v1/invoices/{id}', 'POST /erp/v1/payments', 'GET /erp/v1/invoices/{id}']);
  });
});
