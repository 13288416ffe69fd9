import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type S4ODataServer, startS4ODataServer } from '../support/s4-odata/s4-odata.server';
import { type Stack, startStack } from '../support/stack';

/**
 * /erp/v1 on the OData adapter (ERP_ADAPTER=odata) against the S/4-like SAP CAP server started here:
 * the same routes and amounts as on the sandbox ERP — scenario 1's knee to department 6300's ledger
 * and its replenishment, scenario 4's invoice failing the match, approved and paid.
 */
let s4: S4ODataServer;
let stack: Stack;
let headers: Record<string, string>;
const usd = (amount: number) => ({ amount, currency: 'USD' });
// Invoices are dated today: the procure-to-pay flow pays an invoice on its due date, and a fixed past
// date would let it pay before the test does once the calendar passes the supplier's terms.
const today = new Date().toISOString().slice(0, 10);

beforeAll(async () => {
  s4 = await startS4ODataServer();
  stack = await startStack({
    env: {
      ERP_ADAPTER: 'odata',
      ERP_ODATA_BASE_URL: s4.url,
      ERP_MASTER_DATA_SYNC_INTERVAL_MS: '0',
      WORKFORCE_EXPIRY_CHECK_INTERVAL_MS: '0',
    },
  });
  headers = await stack.auth('ops-console');
});
afterAll(async () => {
  await stack?.close();
  await s4?.close();
});

async function call(method: string, path: string, body?: unknown) {
  const response = await fetch(`${stack.urls.systemApi}${path}`, {
    method,
    headers: {
      ...headers,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(method !== 'GET' ? { 'idempotency-key': randomUUID() } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, any>) : {} };
}

const rows = (journal: Record<string, any>) =>
  (journal.lines as { side: string; account: string; costCentre?: string; amount: { amount: number } }[])
    .map((line) => [line.side === 'debit' ? 'DR' : 'CR', line.account, line.costCentre ?? '', line.amount.amount])
    .sort((a, b) => a.join('|').localeCompare(b.join('|')));

describe('scenario 1 on the OData adapter', () => {
  it('issues the knee named by the EHR’s item code at 4,150.00 to 6300, which the department’s ledger shows', async () => {
    const issue = await call('POST', '/erp/v1/inventory/issues', {
      clinicalItem: { system: 'urn:concord:ehr:supply-item', value: 'KNEE-TOT-CR' },
      locationId: 'OR01',
      quantity: 1,
      costCentre: '6300',
      encounterId: 'enc-aq-tka',
      serials: ['SN-KN-55010'],
    });
    expect(issue.status).toBe(201);
    expect(issue.body).toMatchObject({
      itemId: 'KNEE-TOT-CR',
      totalCost: usd(415_000),
      onHandAfter: 3,
      serials: ['SN-KN-55010'],
      reorder: { onHand: 3, reorderPoint: 3, reorderQuantity: 5, lastPurchasePrice: usd(420_000) },
    });
    expect(rows((await call('GET', `/erp/v1/journals/${issue.body.journalEntryId}`)).body)).toStrictEqual([
      ['CR', '1300', '', 415_000],
      ['DR', '5000', '6300', 415_000],
    ]);
    expect((await call('GET', '/erp/v1/trial-balance?costCentre=6300')).body.lines).toStrictEqual([
      expect.objectContaining({ account: '5000', costCentre: '6300', debit: usd(415_000), credit: usd(0) }),
    ]);
  });

  it('replenishes: requisition above 10,000.00 approved, ordered, received at 4,200.00 (average 4,181.25), matched and paid', async () => {
    const requisition = await call('POST', '/erp/v1/purchase-requisitions', {
      requester: 'E10003',
      costCentre: '6300',
      reason: 'reorder-point',
      lines: [{ itemId: 'KNEE-TOT-CR', quantity: 5 }],
    });
    expect(requisition.body).toMatchObject({ total: usd(2_100_000), approvalStatus: 'pending' });
    expect(
      (await call('POST', `/erp/v1/purchase-requisitions/${requisition.body.id}/approve`, { approver: 'E10002' })).body.approvalStatus,
    ).toBe('approved');
    const order = await call('POST', '/erp/v1/purchase-orders', { requisitionId: requisition.body.id, shipToLocationId: 'OR01' });
    expect(order.body).toMatchObject({ status: 'approved', total: usd(2_100_000) });
    expect((await call('POST', `/erp/v1/purchase-orders/${order.body.id}/send`)).body.status).toBe('sent');
    const receipt = await call('POST', '/erp/v1/goods-receipts', {
      purchaseOrderId: order.body.id,
      lines: [{ poLineNumber: 1, quantity: 5, serials: ['SN-KN-70001', 'SN-KN-70002', 'SN-KN-70003', 'SN-KN-70004', 'SN-KN-70005'] }],
    });
    expect(receipt.body.lines[0]).toMatchObject({ movingAverageUnitCostAfter: usd(418_125), onHandAfter: 8 });
    const invoice = await call('POST', '/erp/v1/invoices', {
      supplierId: order.body.supplierId,
      invoiceNumber: 'SO-INV-0117',
      purchaseOrderId: order.body.id,
      invoiceDate: today,
      lines: [{ poLineNumber: 1, quantity: 5, unitPrice: usd(420_000) }],
    });
    expect(invoice.body).toMatchObject({ status: 'matched', match: { result: 'matched' } });
    expect((await call('POST', '/erp/v1/payments', { invoiceId: invoice.body.id, method: 'ach' })).body.amount).toStrictEqual(
      usd(2_100_000),
    );
    expect((await call('GET', `/erp/v1/purchase-orders/${order.body.id}`)).body.status).toBe('closed');
  });
});

describe('scenario 4 on the OData adapter', () => {
  it('fails the match of 19.75 against 18.50 (6.76 % > 2 %), posts the approved variance and pays 1,975.00', async () => {
    const order = await call('POST', '/erp/v1/purchase-orders', {
      supplierId: '17300002',
      shipToLocationId: 'CS01',
      lines: [{ itemId: 'GLV-NIT-M', quantity: 100, unitPrice: usd(1_850) }],
    });
    await call('POST', '/erp/v1/goods-receipts', { purchaseOrderId: order.body.id, lines: [{ poLineNumber: 1, quantity: 100 }] });
    const invoice = await call('POST', '/erp/v1/invoices', {
      supplierId: '17300002',
      invoiceNumber: 'NW-88120',
      purchaseOrderId: order.body.id,
      invoiceDate: today,
      lines: [{ poLineNumber: 1, quantity: 100, unitPrice: usd(1_975) }],
    });
    expect(invoice.status).toBe(201);
    expect(invoice.body).toMatchObject({ status: 'match-failed', match: { result: 'failed', priceTolerancePercent: 2 } });
    expect(invoice.body.match.lines[0]).toMatchObject({
      priceVariancePercent: 6.76,
      priceVarianceAmount: usd(12_500),
      discrepancies: [{ code: 'price-variance', message: 'Price 6.76 % above the purchase order (tolerance 2.00 %)' }],
    });
    expect((await call('POST', '/erp/v1/payments', { invoiceId: invoice.body.id, method: 'ach' })).status).toBe(409);
    const approved = await call('POST', `/erp/v1/invoices/${invoice.body.id}/variance-approval`, { approver: 'E10003' });
    expect(approved.body).toMatchObject({ status: 'variance-approved', openAmount: usd(197_500) });
    expect(
      rows((await call('GET', `/erp/v1/journals/${approved.body.journalEntryId}`)).body).map(([side, account, , amount]) => [
        side,
        account,
        amount,
      ]),
    ).toStrictEqual([
      ['CR', '2000', 197_500],
      ['DR', '2050', 185_000],
      ['DR', '5050', 12_500],
    ]);
    expect((await call('POST', '/erp/v1/payments', { invoiceId: invoice.body.id, method: 'check' })).body.amount).toStrictEqual(
      usd(197_500),
    );
    expect((await call('GET', '/erp/v1/trial-balance')).body.balanced).toBe(true);
  });

  it('names the difference of an unbalanced journal, and says what this ERP cannot do', async () => {
    const unbalanced = await call('POST', '/erp/v1/journals', {
      lines: [
        { account: '1200', side: 'debit', amount: usd(100_000) },
        { account: '4000', costCentre: '6300', side: 'credit', amount: usd(99_999) },
      ],
    });
    expect(unbalanced).toMatchObject({
      status: 422,
      body: { code: 'ERP_JOURNAL_UNBALANCED', detail: expect.stringContaining('0.01 USD') },
    });
    const payroll = await call('GET', '/workforce/v1/payroll/employees/E10042');
    expect(payroll).toMatchObject({ status: 422, body: { code: 'ERP_NOT_SUPPORTED' } });
  });
});
