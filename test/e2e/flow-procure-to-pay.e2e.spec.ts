import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/event-backbone-harness';
import type { Stack } from '../support/stack';
import { bootStack, call, flowOf, type Json, knee, link, procedure, publishProcedures, rows, usd } from './supply-e2e.helpers';

/**
 * Procure to pay through every layer: the purchase order (raised by the replenishment flow, or by a
 * buyer in the ERP) starts the flow in process-api, which follows the goods receipt and the
 * supplier's invoice as the ERP announces them (events relayed from system-api), reads the ERP's
 * 3-way match, holds a price variance for a buyer (rejected: an exception with its impact), pays on
 * the due date and checks the journals (scenario 1 step 8, scenario 4).
 */
const P2P = 'procure-to-pay';

describe('procure to pay', () => {
  let stack: Stack;
  let operator: Record<string, string>;
  let patient: { id: string; mrn: string };

  beforeAll(async () => {
    ({ stack, operator, patient } = await bootStack());
  });
  afterAll(async () => stack?.close());

  const system = (method: string, path: string, body?: unknown) => call(stack, operator, 'system', method, path, body);
  const processApi = (method: string, path: string, body?: unknown) => call(stack, operator, 'process', method, path, body);
  const p2pOf = (orderId: string, expected: { status: string; currentStep?: string }) =>
    eventually(async () => {
      const list = await processApi('GET', `/v1/flows?type=${P2P}&key=purchase-order:${orderId}`);
      const first = [...(list.body.items as Json[])].sort((a, b) => a.startedAt.localeCompare(b.startedAt))[0];
      expect(first).toMatchObject(expected);
      return (await processApi('GET', `/v1/flows/${first.id}`)).body;
    });
  const journal = async (id: string) => rows((await system('GET', `/erp/v1/journals/${id}`)).body);

  describe('scenario 1 step 8: the replenished knees received, invoiced at the PO price and paid', () => {
    let orderId = '';

    it('follows the replenishment PO and books the receipt of 5 × 4,200.00: DR 1300 / CR 2050, moving average 4,181.25', async () => {
      await publishProcedures(stack, [procedure(patient, 'proc-aq-tka', [knee('SN-KN-55012')])]);
      const supply = await eventually(async () => {
        const flow = await flowOf(stack, operator, 'proc-aq-tka', 'waiting');
        expect(flow.currentStep).toBe('approve-requisition');
        return flow;
      });
      const [approval] = (await processApi('GET', `/v1/approvals?flowId=${supply.id}`)).body as Json[];
      expect((await processApi('POST', `/v1/approvals/${approval.id}/approve`, {})).status).toBe(200);
      orderId = link(await flowOf(stack, operator, 'proc-aq-tka', 'completed'), 'erp-purchase-order:KNEE-TOT-CR');

      const waiting = await p2pOf(orderId, { status: 'waiting', currentStep: 'goods-receipt' });
      expect(waiting.businessKeys).toEqual(
        expect.arrayContaining([
          { name: 'purchase-order', value: orderId },
          { name: 'supplier', value: 'SUP-SUMMIT' },
        ]),
      );
      const serials = ['SN-KN-60001', 'SN-KN-60002', 'SN-KN-60003', 'SN-KN-60004', 'SN-KN-60005'];
      const receipt = await system('POST', '/erp/v1/goods-receipts', {
        purchaseOrderId: orderId,
        lines: [{ poLineNumber: 1, quantity: 5, serials }],
      });
      expect(receipt.status, JSON.stringify(receipt.body)).toBe(201);
      expect(receipt.body.lines[0]).toMatchObject({ unitCost: usd(420_000), movingAverageUnitCostAfter: usd(418_125), onHandAfter: 8 });
      expect((await system('GET', '/erp/v1/inventory?itemId=KNEE-TOT-CR&locationId=CG-MAIN-OR')).body.items[0]).toMatchObject({
        onHand: 8,
        onOrder: 0,
        movingAverageUnitCost: usd(418_125),
      });

      const flow = await p2pOf(orderId, { status: 'waiting', currentStep: 'supplier-invoice' });
      expect(flow.state.goodsReceipts).toEqual([
        { id: receipt.body.id, journalEntryId: receipt.body.journalEntryId, totalCents: 2_100_000 },
      ]);
      expect(await journal(receipt.body.journalEntryId)).toStrictEqual([
        ['CR', '2050', '', 2_100_000],
        ['DR', '1300', '', 2_100_000],
      ]);
    });

    it('matches the invoice of 5 × 4,200.00 and pays it when due: DR 2050 / CR 2000, then DR 2000 / CR 1000, and the PO closes', async () => {
      const invoice = await system('POST', '/erp/v1/invoices', {
        supplierId: 'SUP-SUMMIT',
        invoiceNumber: 'SO-INV-2026-0117',
        purchaseOrderId: orderId,
        // Net 30 from 2026-10-06: due 2026-11-05, so the flow pays at once.
        invoiceDate: '2026-10-06',
        lines: [{ poLineNumber: 1, quantity: 5, unitPrice: usd(420_000) }],
      });
      expect(invoice.body).toMatchObject({ status: 'matched', match: { result: 'matched', priceTolerancePercent: 2 } });

      const flow = await p2pOf(orderId, { status: 'completed' });
      expect(flow.timeline.filter((r: Json) => r.kind === 'completed').map((r: Json) => r.step)).toEqual([
        'goods-receipt',
        'supplier-invoice',
        'three-way-match',
        'payment',
        'general-ledger',
      ]);
      expect(flow.state).toMatchObject({
        invoiceId: invoice.body.id,
        dueDate: '2026-11-05',
        paidCents: 2_100_000,
        match: { result: 'matched' },
      });
      expect(await journal(invoice.body.journalEntryId)).toStrictEqual([
        ['CR', '2000', '', 2_100_000],
        ['DR', '2050', '', 2_100_000],
      ]);
      expect(await journal(link(flow, 'erp-journal:payment'))).toStrictEqual([
        ['CR', '1000', '', 2_100_000],
        ['DR', '2000', '', 2_100_000],
      ]);
      expect((await system('GET', `/erp/v1/payments/${link(flow, 'erp-payment')}`)).body).toMatchObject({
        invoiceId: invoice.body.id,
        amount: usd(2_100_000),
        supplierId: 'SUP-SUMMIT',
      });
      expect((await system('GET', `/erp/v1/invoices/${invoice.body.id}`)).body).toMatchObject({ status: 'paid', openAmount: usd(0) });
      expect((await system('GET', `/erp/v1/purchase-orders/${orderId}`)).body.status).toBe('closed');
      const ledger = flow.timeline.find((r: Json) => r.step === 'general-ledger' && r.kind === 'completed').output;
      expect(ledger.journals).toHaveLength(3);
      expect(ledger.purchaseOrderStatus).toBe('closed');
    });
  });

  describe('scenario 4: gloves invoiced 6.8 % over the PO price', () => {
    const orderGloves = async (quantity: number) => {
      const order = await system('POST', '/erp/v1/purchase-orders', {
        supplierId: 'SUP-NORTHWIND',
        shipToLocationId: 'CG-CENTRAL',
        lines: [{ itemId: 'GLV-NIT-M', quantity, unitPrice: usd(1_850) }],
      });
      expect(order.body).toMatchObject({ status: 'approved', total: usd(quantity * 1_850) });
      await system('POST', `/erp/v1/purchase-orders/${order.body.id}/send`);
      return order.body.id as string;
    };
    const receiveAndInvoice = async (orderId: string, quantity: number, invoiceNumber: string) => {
      const receipt = await system('POST', '/erp/v1/goods-receipts', { purchaseOrderId: orderId, lines: [{ poLineNumber: 1, quantity }] });
      expect(await journal(receipt.body.journalEntryId)).toStrictEqual([
        ['CR', '2050', '', quantity * 1_850],
        ['DR', '1300', '', quantity * 1_850],
      ]);
      await p2pOf(orderId, { status: 'waiting', currentStep: 'supplier-invoice' });
      const invoice = await system('POST', '/erp/v1/invoices', {
        supplierId: 'SUP-NORTHWIND',
        invoiceNumber,
        purchaseOrderId: orderId,
        // Net 45 (Northwind's terms): due 2026-11-08.
        invoiceDate: '2026-09-24',
        lines: [{ poLineNumber: 1, quantity, unitPrice: usd(1_975) }],
      });
      expect(invoice.body).toMatchObject({ status: 'match-failed', match: { result: 'failed' } });
      return invoice.body.id as string;
    };

    it('is followed once when a buyer also starts it by hand', async () => {
      const orderId = await orderGloves(10);
      const first = await p2pOf(orderId, { status: 'waiting', currentStep: 'goods-receipt' });
      const invalid = await processApi('POST', `/v1/flows/${P2P}/start`, { input: { purchaseOrderId: '' } });
      expect(invalid.status).toBe(422);
      expect(invalid.body.detail).toContain('purchaseOrderId');
      const manual = await processApi('POST', `/v1/flows/${P2P}/start`, { input: { purchaseOrderId: orderId } });
      expect(manual.status).toBe(201);
      const duplicate = await eventually(async () => {
        const current = (await processApi('GET', `/v1/flows/${manual.body.id}`)).body;
        expect(current.status).toBe('completed');
        return current;
      });
      expect(duplicate.state.duplicateOf).toBe(first.id);
      expect((await processApi('GET', `/v1/flows/${first.id}`)).body).toMatchObject({ status: 'waiting', currentStep: 'goods-receipt' });
    });

    it('holds the variance for a buyer and, approved, posts DR 2050 1,850.00, DR 5050 125.00 / CR 2000 1,975.00, then pays 1,975.00', async () => {
      const orderId = await orderGloves(100);
      const invoiceId = await receiveAndInvoice(orderId, 100, 'NW-88120');
      const flow = await p2pOf(orderId, { status: 'waiting', currentStep: 'approve-variance' });
      expect(flow.state.match).toMatchObject({
        result: 'failed',
        priceVariancePercent: 6.76,
        priceTolerancePercent: 2,
        priceVarianceCents: 12_500,
      });
      const [approval] = (await processApi('GET', `/v1/approvals?flowId=${flow.id}`)).body as Json[];
      expect(approval).toMatchObject({ role: 'Buyer', status: 'pending', amount: usd(12_500), summary: expect.stringContaining('6.76 %') });
      expect((await system('POST', '/erp/v1/payments', { invoiceId, method: 'ach' })).status).toBe(409);

      const decided = await processApi('POST', `/v1/approvals/${approval.id}/approve`, { comment: 'Q4 price increase agreed' });
      expect(decided.body).toMatchObject({ status: 'approved', decidedBy: 'ops-console' });
      const completed = await p2pOf(orderId, { status: 'completed' });
      expect((await system('GET', `/erp/v1/invoices/${invoiceId}`)).body).toMatchObject({
        status: 'paid',
        varianceApprovedBy: 'ops-console',
        openAmount: usd(0),
      });
      expect(await journal(link(completed, 'erp-journal:invoice'))).toStrictEqual([
        ['CR', '2000', '', 197_500],
        ['DR', '2050', '', 185_000],
        // Purchase price variance is an expense: it carries Supply Chain's cost centre.
        ['DR', '5050', '8100', 12_500],
      ]);
      expect(await journal(link(completed, 'erp-journal:payment'))).toStrictEqual([
        ['CR', '1000', '', 197_500],
        ['DR', '2000', '', 197_500],
      ]);
      expect(completed.state).toMatchObject({ dueDate: '2026-11-08', paidCents: 197_500, varianceApprovedBy: 'ops-console' });
      expect((await system('GET', '/erp/v1/trial-balance')).body.balanced).toBe(true);
    });

    it('raises a rejected variance as an exception with the invoice at risk and its due date', async () => {
      const orderId = await orderGloves(20);
      const invoiceId = await receiveAndInvoice(orderId, 20, 'NW-88121');
      const flow = await p2pOf(orderId, { status: 'waiting', currentStep: 'approve-variance' });
      const [approval] = (await processApi('GET', `/v1/approvals?flowId=${flow.id}`)).body as Json[];
      await processApi('POST', `/v1/approvals/${approval.id}/reject`, { comment: 'Contract price is 18.50' });
      await p2pOf(orderId, { status: 'failed' });
      const [exception] = (await processApi('GET', `/v1/exceptions?flowId=${flow.id}`)).body.items as Json[];
      expect(exception).toMatchObject({
        step: 'approve-variance',
        kind: 'step-failed',
        status: 'open',
        code: 'INVOICE_VARIANCE_REJECTED',
        amountAtRisk: usd(39_500),
        dueDate: '2026-11-08',
        impact: expect.objectContaining({
          invoice: invoiceId,
          purchaseOrder: orderId,
          supplier: 'SUP-NORTHWIND',
          priceVariancePercent: 6.76,
        }),
      });
      expect(exception.reason).toContain('Contract price is 18.50');
      expect((await system('GET', `/erp/v1/invoices/${invoiceId}`)).body).toMatchObject({ status: 'match-failed' });
    });
  });
});
