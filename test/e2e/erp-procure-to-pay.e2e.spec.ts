import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from '../support/stack';

/**
 * /erp/v1 through the real stack (sandbox ERP over HTTP, system-api, events on the suite's profile):
 * scenario 1's knee from stock issue to its cost on department 6300's ledger, its replenishment
 * (approval above 10,000.00, new average 4,181.25), a matching invoice and payment; scenario 4's
 * invoice failing the 3-way match (6.76 % > 2 %), the variance approved and paid; journals, master
 * data sync and the cross-reference of clinical supply ids.
 */
let stack: Stack;
let headers: Record<string, string>;
const usd = (amount: number) => ({ amount, currency: 'USD' });
// Invoices are dated today: the procure-to-pay flow pays an invoice on its due date, and a fixed past
// date would let it pay before the test does once the calendar passes the supplier's terms.
const today = new Date().toISOString().slice(0, 10);

beforeAll(async () => {
  stack = await startStack({ env: { ERP_MASTER_DATA_SYNC_INTERVAL_MS: '0', WORKFORCE_EXPIRY_CHECK_INTERVAL_MS: '0' } });
  headers = await stack.auth('ops-console');
});
afterAll(async () => stack?.close());

async function call(method: string, path: string, body?: unknown, key: string | null = randomUUID()) {
  const response = await fetch(`${stack.urls.systemApi}${path}`, {
    method,
    headers: {
      ...headers,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(method !== 'GET' && key !== null ? { 'idempotency-key': key } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, any>) : {}, headers: response.headers };
}

/** The events system-api put in its outbox, of one type, as CloudEvents. */
async function published(type: string): Promise<{ id: string; data: Record<string, any>; partitionkey: string }[]> {
  const rows = (await stack.systemApi
    .get(DataSource)
    .query('SELECT payload FROM event_outbox WHERE type = $1', [type])
    .catch(() => stack.systemApi.get(DataSource).query('SELECT payload FROM event_outbox WHERE type = ?', [type]))) as {
    payload: string;
  }[];
  return rows.map((row) => (typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload));
}

const rows = (journal: { lines: { side: string; account: string; costCentre?: string; amount: { amount: number } }[] }) =>
  journal.lines
    .map((line) => [line.side === 'debit' ? 'DR' : 'CR', line.account, line.costCentre ?? '', line.amount.amount])
    .sort((a, b) => a.join('|').localeCompare(b.join('|')));

describe('scenario 1 through /erp/v1: an implant from stock issue to its cost on department 6300, replenished and paid', () => {
  let issueId = '';
  let orderId = '';
  let invoiceId = '';
  const issueKey = randomUUID();
  const issue = {
    clinicalItem: { system: 'urn:concord:ehr:supply-item', value: 'KNEE-TOT-CR' },
    locationId: 'CG-MAIN-OR',
    quantity: 1,
    costCentre: '6300',
    encounterId: 'enc-aq-tka',
    procedureId: 'proc-tka-aq',
    serials: ['SN-KN-55012'],
  };

  it('issues the knee named by the EHR’s item code at 4,150.00 to 6300, and announces it and the reorder point', async () => {
    const { status, body } = await call('POST', '/erp/v1/inventory/issues', issue, issueKey);
    expect(status).toBe(201);
    expect(body).toMatchObject({
      itemId: 'KNEE-TOT-CR',
      costCentre: '6300',
      encounterId: 'enc-aq-tka',
      serials: ['SN-KN-55012'],
      unitCost: usd(415_000),
      totalCost: usd(415_000),
      onHandAfter: 3,
      reorder: { onHand: 3, reorderPoint: 3, reorderQuantity: 5, lastPurchasePrice: usd(420_000), preferredSupplierId: 'SUP-SUMMIT' },
    });
    issueId = body.id;
    const journal = await call('GET', `/erp/v1/journals/${body.journalEntryId}`);
    expect(rows(journal.body as never)).toStrictEqual([
      ['CR', '1300', '', 415_000],
      ['DR', '5000', '6300', 415_000],
    ]);
    const [issued] = await published('erp.inventory.issued.v1');
    expect(issued).toMatchObject({
      partitionkey: 'KNEE-TOT-CR',
      data: {
        issueId,
        itemId: 'KNEE-TOT-CR',
        clinicalItemId: 'KNEE-TOT-CR',
        quantity: 1,
        serials: ['SN-KN-55012'],
        locationId: 'CG-MAIN-OR',
        encounterId: 'enc-aq-tka',
        departmentCode: '6300',
        totalCost: usd(415_000),
        journalEntryId: body.journalEntryId,
      },
    });
    expect((await published('erp.inventory.below-reorder-point.v1')).map((event) => event.data)).toStrictEqual([
      {
        itemId: 'KNEE-TOT-CR',
        locationId: 'CG-MAIN-OR',
        onHand: 3,
        onOrder: 0,
        reorderPoint: 3,
        reorderQuantity: 5,
        lastPurchasePrice: usd(420_000),
        preferredSupplierId: 'SUP-SUMMIT',
        issueId,
      },
    ]);
  });

  it('answers a retried issue with the first result and announces nothing twice', async () => {
    const again = await call('POST', '/erp/v1/inventory/issues', issue, issueKey);
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(issueId);
    expect(await published('erp.inventory.issued.v1')).toHaveLength(1);
    const balance = await call('GET', '/erp/v1/inventory?itemId=KNEE-TOT-CR&locationId=CG-MAIN-OR');
    expect(balance.body.items).toStrictEqual([
      expect.objectContaining({ onHand: 3, movingAverageUnitCost: usd(415_000), atOrBelowReorderPoint: true }),
    ]);
  });

  it('shows the implant’s cost on department 6300’s ledger', async () => {
    const department = await call('GET', '/erp/v1/trial-balance?costCentre=6300');
    expect(department.status).toBe(200);
    expect(department.body.lines).toStrictEqual([
      { account: '5000', accountName: 'Supplies expense', costCentre: '6300', debit: usd(415_000), credit: usd(0) },
    ]);
    expect((await call('GET', '/erp/v1/trial-balance?byCostCentre=true')).body.balanced).toBe(true);
  });

  it('raises the requisition for 5 × 4,200.00 = 21,000.00, which waits for approval above 10,000.00, and approves it', async () => {
    const created = await call('POST', '/erp/v1/purchase-requisitions', {
      requester: 'E10003',
      costCentre: '6300',
      reason: 'reorder-point',
      lines: [{ itemId: 'KNEE-TOT-CR', quantity: 5 }],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ total: usd(2_100_000), approvalRequired: true, approvalStatus: 'pending' });
    const early = await call('POST', '/erp/v1/purchase-orders', { requisitionId: created.body.id, shipToLocationId: 'CG-MAIN-OR' });
    expect(early).toMatchObject({ status: 409, body: { code: 'ERP_DOCUMENT_STATE_CONFLICT' } });
    const own = await call('POST', `/erp/v1/purchase-requisitions/${created.body.id}/approve`, { approver: 'E10003' });
    expect(own).toMatchObject({ status: 422, body: { code: 'ERP_APPROVAL_NOT_ALLOWED' } });
    const approved = await call('POST', `/erp/v1/purchase-requisitions/${created.body.id}/approve`, {
      approver: 'E10002',
      comment: 'Replenish after TKA',
    });
    expect(approved).toMatchObject({ status: 200, body: { approvalStatus: 'approved', decidedBy: 'E10002' } });

    const order = await call('POST', '/erp/v1/purchase-orders', { requisitionId: created.body.id, shipToLocationId: 'CG-MAIN-OR' });
    expect(order.status).toBe(201);
    expect(order.body).toMatchObject({
      supplierId: 'SUP-SUMMIT',
      status: 'approved',
      total: usd(2_100_000),
      requisitionId: created.body.id,
    });
    orderId = order.body.id;
    expect((await call('POST', `/erp/v1/purchase-orders/${orderId}/send`)).body.status).toBe('sent');
    expect(
      (await published('erp.purchase-order.created.v1')).map((event) => [event.partitionkey, event.data.total, event.data.lines]),
    ).toStrictEqual([[orderId, usd(2_100_000), [{ lineNumber: 1, itemId: 'KNEE-TOT-CR', quantity: 5, unitPrice: usd(420_000) }]]]);
    const sent = await call('GET', '/erp/v1/purchase-orders?status=sent');
    expect(sent.body.items.map((candidate: { id: string }) => candidate.id)).toContain(orderId);
  });

  it('receives the 5 knees at 4,200.00 (DR 1300 / CR 2050 21,000.00): new moving average 4,181.25', async () => {
    const serials = ['SN-KN-60001', 'SN-KN-60002', 'SN-KN-60003', 'SN-KN-60004', 'SN-KN-60005'];
    const receipt = await call('POST', '/erp/v1/goods-receipts', {
      purchaseOrderId: orderId,
      lines: [{ poLineNumber: 1, quantity: 5, serials }],
    });
    expect(receipt.status).toBe(201);
    expect(receipt.body.lines[0]).toMatchObject({
      quantity: 5,
      unitCost: usd(420_000),
      movingAverageUnitCostAfter: usd(418_125),
      onHandAfter: 8,
    });
    expect(rows((await call('GET', `/erp/v1/journals/${receipt.body.journalEntryId}`)).body as never)).toStrictEqual([
      ['CR', '2050', '', 2_100_000],
      ['DR', '1300', '', 2_100_000],
    ]);
    expect((await call('GET', `/erp/v1/purchase-orders/${orderId}`)).body.status).toBe('received');
    const [received] = await published('erp.goods.received.v1');
    expect(received).toMatchObject({
      partitionkey: orderId,
      data: { total: usd(2_100_000), lines: [{ movingAverageUnitCostAfter: usd(418_125), onHandAfter: 8, serials }] },
    });
  });

  it('posts the invoice of 5 × 4,200.00, which matches (DR 2050 / CR 2000), and pays it; the order closes', async () => {
    const invoice = await call('POST', '/erp/v1/invoices', {
      supplierId: 'SUP-SUMMIT',
      invoiceNumber: 'SO-INV-2026-0117',
      purchaseOrderId: orderId,
      invoiceDate: today,
      lines: [{ poLineNumber: 1, quantity: 5, unitPrice: usd(420_000) }],
    });
    expect(invoice.status).toBe(201);
    expect(invoice.body).toMatchObject({
      status: 'matched',
      total: usd(2_100_000),
      match: { result: 'matched', priceTolerancePercent: 2 },
    });
    invoiceId = invoice.body.id;
    expect(rows((await call('GET', `/erp/v1/journals/${invoice.body.journalEntryId}`)).body as never)).toStrictEqual([
      ['CR', '2000', '', 2_100_000],
      ['DR', '2050', '', 2_100_000],
    ]);
    expect((await published('erp.invoice.received.v1')).map((event) => event.data.invoiceId)).toContain(invoiceId);
    expect((await published('erp.invoice.matched.v1')).find((event) => event.data.invoiceId === invoiceId)?.data).toMatchObject({
      resolution: 'matched',
      purchaseOrderId: orderId,
      openAmount: usd(2_100_000),
    });
    const payment = await call('POST', '/erp/v1/payments', { invoiceId, method: 'ach', paidOn: '2026-11-20' });
    expect(payment.status).toBe(201);
    expect(payment.body).toMatchObject({ amount: usd(2_100_000), supplierId: 'SUP-SUMMIT' });
    expect(rows((await call('GET', `/erp/v1/journals/${payment.body.journalEntryId}`)).body as never)).toStrictEqual([
      ['CR', '1000', '', 2_100_000],
      ['DR', '2000', '', 2_100_000],
    ]);
    expect((await published('erp.payment.issued.v1')).find((event) => event.data.invoiceId === invoiceId)).toMatchObject({
      partitionkey: orderId,
      data: { amount: usd(2_100_000), invoiceOpenAmount: usd(0), method: 'ach' },
    });
    expect((await call('GET', `/erp/v1/purchase-orders/${orderId}`)).body.status).toBe('closed');
    expect((await call('GET', `/erp/v1/invoices/${invoiceId}`)).body).toMatchObject({ status: 'paid', openAmount: usd(0) });
  });
});

describe('scenario 4 through /erp/v1: an invoice 6.8 % over the PO price fails the match, the variance is approved and paid', () => {
  let orderId = '';
  let invoiceId = '';

  it('orders 100 boxes of gloves at 18.50 and receives them (DR 1300 / CR 2050 1,850.00)', async () => {
    const order = await call('POST', '/erp/v1/purchase-orders', {
      supplierId: 'SUP-NORTHWIND',
      shipToLocationId: 'CG-CENTRAL',
      lines: [{ itemId: 'GLV-NIT-M', quantity: 100, unitPrice: usd(1_850) }],
    });
    expect(order.body).toMatchObject({ status: 'approved', total: usd(185_000) });
    orderId = order.body.id;
    await call('POST', `/erp/v1/purchase-orders/${orderId}/send`);
    const receipt = await call('POST', '/erp/v1/goods-receipts', { purchaseOrderId: orderId, lines: [{ poLineNumber: 1, quantity: 100 }] });
    expect(receipt.body.total).toStrictEqual(usd(185_000));
  });

  it('answers the invoice of 100 at 19.75 = 1,975.00 with a failed match and its reason: 6.76 % over the PO price, beyond 2 %', async () => {
    const invoice = await call('POST', '/erp/v1/invoices', {
      supplierId: 'SUP-NORTHWIND',
      invoiceNumber: 'NW-88120',
      purchaseOrderId: orderId,
      invoiceDate: today,
      lines: [{ poLineNumber: 1, quantity: 100, unitPrice: usd(1_975) }],
    });
    expect(invoice.status).toBe(201);
    expect(invoice.body).toMatchObject({
      status: 'match-failed',
      total: usd(197_500),
      openAmount: usd(0),
      match: { result: 'failed', priceTolerancePercent: 2 },
    });
    expect(invoice.body.match.lines[0]).toMatchObject({
      result: 'failed',
      poUnitPrice: usd(1_850),
      invoiceUnitPrice: usd(1_975),
      priceVariancePercent: 6.76,
      priceVarianceAmount: usd(12_500),
      discrepancies: [{ code: 'price-variance', message: expect.stringContaining('6.76') }],
    });
    invoiceId = invoice.body.id;
    const [failed] = await published('erp.invoice.match-failed.v1');
    expect(failed).toMatchObject({
      partitionkey: orderId,
      data: {
        invoiceId,
        reasons: [{ poLineNumber: 1, code: 'price-variance' }],
        priceVariancePercent: 6.76,
        priceVarianceAmount: usd(12_500),
        priceTolerancePercent: 2,
      },
    });
    const early = await call('POST', '/erp/v1/payments', { invoiceId, method: 'ach' });
    expect(early).toMatchObject({ status: 409, body: { code: 'ERP_DOCUMENT_STATE_CONFLICT' } });
  });

  it('posts the approved variance: DR 2050 1,850.00, DR 5050 125.00 / CR 2000 1,975.00, and pays 1,975.00', async () => {
    const approved = await call('POST', `/erp/v1/invoices/${invoiceId}/variance-approval`, {
      approver: 'E10003',
      comment: 'Q4 price increase',
    });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'variance-approved', varianceApprovedBy: 'E10003', openAmount: usd(197_500) });
    const journal = (await call('GET', `/erp/v1/journals/${approved.body.journalEntryId}`)).body;
    expect(rows(journal as never).map(([side, account, , amount]) => [side, account, amount])).toStrictEqual([
      ['CR', '2000', 197_500],
      ['DR', '2050', 185_000],
      ['DR', '5050', 12_500],
    ]);
    expect((await published('erp.invoice.matched.v1')).find((event) => event.data.invoiceId === invoiceId)?.data).toMatchObject({
      resolution: 'variance-approved',
      approvedBy: 'E10003',
      openAmount: usd(197_500),
    });
    const payment = await call('POST', '/erp/v1/payments', { invoiceId, method: 'check' });
    expect(payment.body.amount).toStrictEqual(usd(197_500));
    expect((await call('GET', `/erp/v1/invoices/${invoiceId}`)).body.status).toBe('paid');
    expect((await call('GET', '/erp/v1/trial-balance')).body.balanced).toBe(true);
  });
});

describe('journals from other systems', () => {
  it('refuses an unbalanced journal with a 422 naming the difference, and posts a balanced one once', async () => {
    const unbalanced = await call('POST', '/erp/v1/journals', {
      sourceDocument: { type: 'claim', id: 'CLM-1001' },
      lines: [
        { account: '1200', side: 'debit', amount: usd(2_865_000) },
        { account: '4000', costCentre: '6300', side: 'credit', amount: usd(2_860_000) },
      ],
    });
    expect(unbalanced.status).toBe(422);
    expect(unbalanced.headers.get('content-type')).toContain('application/problem+json');
    expect(unbalanced.body).toMatchObject({ code: 'ERP_JOURNAL_UNBALANCED', detail: expect.stringContaining('50.00 USD') });
    const key = randomUUID();
    const revenue = {
      memo: 'Revenue at gross, scenario 1',
      sourceDocument: { type: 'claim', id: 'CLM-1001' },
      lines: [
        { account: '1200', side: 'debit', amount: usd(2_865_000) },
        { account: '4000', costCentre: '6200', side: 'credit', amount: usd(560_000) },
        { account: '4000', costCentre: '6300', side: 'credit', amount: usd(2_210_000) },
        { account: '4000', costCentre: '6400', side: 'credit', amount: usd(64_000) },
        { account: '4000', costCentre: '6500', side: 'credit', amount: usd(31_000) },
      ],
    };
    const posted = await call('POST', '/erp/v1/journals', revenue, key);
    expect(posted.status).toBe(201);
    expect(posted.body.total).toStrictEqual(usd(2_865_000));
    expect((await call('POST', '/erp/v1/journals', revenue, key)).body.id).toBe(posted.body.id);
    expect((await call('GET', '/erp/v1/journals?sourceType=claim&sourceId=CLM-1001')).body.items).toHaveLength(1);
    expect((await published('erp.journal.posted.v1')).map((event) => [event.partitionkey, event.data.total])).toStrictEqual([
      ['CLM-1001', usd(2_865_000)],
    ]);
    expect((await call('POST', '/erp/v1/journals', revenue, null)).body.code).toBe('IDEMPOTENCY_KEY_REQUIRED');
  });

  it('maps department and charge category to accounts, and validates cost centres', async () => {
    expect((await call('GET', '/erp/v1/gl-mappings?departmentCode=6300&chargeCategory=inpatient')).body).toStrictEqual([
      expect.objectContaining({ revenueAccount: '4000', contraRevenueAccount: '4900' }),
    ]);
    expect((await call('GET', '/erp/v1/cost-centres/6300/validation')).body).toMatchObject({
      valid: true,
      costCentre: { name: 'Perioperative Services' },
    });
    expect((await call('GET', '/erp/v1/cost-centres/9999/validation')).body).toMatchObject({ valid: false, reason: 'unknown' });
    expect((await call('GET', '/erp/v1/cost-centres/6900/validation')).body).toMatchObject({ valid: false, reason: 'inactive' });
  });
});

describe('master data and the cross-reference of clinical supply ids', () => {
  it('refuses an issue of a clinical item the ERP does not know with a precise 422, and lists it', async () => {
    const unknown = await call('POST', '/erp/v1/inventory/issues', {
      clinicalItem: { system: 'urn:concord:ehr:supply-item', value: 'KNEE-TOT-PS' },
      locationId: 'CG-MAIN-OR',
      quantity: 1,
      costCentre: '6300',
      encounterId: 'enc-aq-tka',
    });
    expect(unknown.status).toBe(422);
    expect(unknown.body).toMatchObject({
      code: 'ERP_UNKNOWN_CLINICAL_ITEM',
      errors: [{ in: 'body', name: 'clinicalItem.value' }],
      detail: expect.stringContaining('KNEE-TOT-PS'),
    });
    const listed = await call('GET', '/erp/v1/items/unknown-clinical');
    expect(listed.body.items).toStrictEqual([
      expect.objectContaining({ system: 'urn:concord:ehr:supply-item', value: 'KNEE-TOT-PS', occurrences: 1, lastDepartment: '6300' }),
    ]);
    const linked = await call('POST', '/erp/v1/items/KNEE-TOT-CR/clinical-identifiers', {
      system: 'urn:concord:ehr:supply-item',
      value: 'KNEE-TOT-PS',
    });
    expect(linked.status).toBe(201);
    expect((await call('GET', '/erp/v1/items/unknown-clinical')).body.items).toStrictEqual([]);
  });

  it('announces each item and supplier change once, and links item GTINs for issues by GTIN', async () => {
    const first = await call('POST', '/erp/v1/master-data/sync');
    expect(first.status).toBe(200);
    expect(first.body.items).toBeGreaterThanOrEqual(4);
    expect(first.body.suppliers).toBeGreaterThanOrEqual(2);
    expect((await published('erp.item.updated.v1')).map((event) => event.data.itemId)).toEqual(
      expect.arrayContaining(['KNEE-TOT-CR', 'GLV-NIT-M']),
    );
    expect((await published('erp.supplier.updated.v1')).map((event) => event.data.name)).toContain('Summit Orthopedics');
    const before = (await published('erp.item.updated.v1')).length;
    expect((await call('POST', '/erp/v1/master-data/sync')).body).toStrictEqual({ items: 0, suppliers: 0 });
    expect(await published('erp.item.updated.v1')).toHaveLength(before);
    const byGtin = await call('POST', '/erp/v1/inventory/issues', {
      clinicalItem: { system: 'https://www.gs1.org/gtin', value: '10812345678922' },
      locationId: 'CG-CENTRAL',
      quantity: 2,
      costCentre: '6200',
      encounterId: 'enc-jr-visit',
    });
    expect(byGtin.status).toBe(201);
    expect(byGtin.body).toMatchObject({ itemId: 'GLV-NIT-M', totalCost: usd(3_700) });
  });

  it('keeps ERP routes to callers with ERP scopes', async () => {
    const partner = await stack.auth('partner-acme');
    const response = await fetch(`${stack.urls.systemApi}/erp/v1/items`, { headers: partner });
    expect(response.status).toBe(403);
  });
});
