import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type S4ODataServer, startS4ODataServer } from '../../../../../test/support/s4-odata/s4-odata.server';
import { s4Clients } from '../../../../../test/support/s4-odata/s4-clients';
import { erpRejection, journalRows } from '../erp-port.contract';
import { ErpConnectorExceptionCode as Code } from '../erp-connector.exception';
import { ODataErpAdapter } from './odata-erp.adapter';
import { ERP_SETS } from './s4-erp.entities';

/** What the OData adapter does beyond the shared contract: retries that never post twice, ETags, sync, limits. */
let server: S4ODataServer;
const usd = (amount: number) => ({ amount, currency: 'USD' as const });
const key = () => `s4-${randomUUID()}`;

function adapter(options: { timeoutMs?: number; fetch?: typeof fetch; retries?: number } = {}): ODataErpAdapter {
  return new ODataErpAdapter({
    services: server.services,
    session: {
      timeoutMs: options.timeoutMs ?? 5_000,
      fetch: options.fetch,
      limits: { ratePerSecond: 200, concurrency: 8, retries: 2, breakerThreshold: 20, halfOpenAfterMs: 5_000, maxRetryAfterMs: 2_000 },
    },
    writeRetries: options.retries ?? 2,
  });
}

const posts = (set: string) => server.requests.entries.filter((entry) => entry.method === 'POST' && entry.url.includes(set));

beforeAll(async () => {
  server = await startS4ODataServer();
});
afterAll(async () => server?.close());
afterEach(() => {
  server.faults.clear();
  server.requests.clear();
});

const revenue = (claim: string, memo = 'Revenue at gross') => ({
  memo,
  sourceDocument: { type: 'claim' as const, id: claim },
  lines: [
    { account: '1200', side: 'debit' as const, amount: usd(31_000) },
    { account: '4000', costCentre: '6500', side: 'credit' as const, amount: usd(31_000) },
  ],
});

describe('postings that are retried never post twice', () => {
  it('retries a journal refused with 429 after its Retry-After, and posts it once', async () => {
    const erp = adapter();
    await erp.postJournal(revenue(`CLM-${randomUUID().slice(0, 8)}`), { idempotencyKey: key() }); // fetches the CSRF token
    server.requests.clear();
    server.faults.failNext(1, { status: 429, retryAfterSeconds: 1 });
    const claim = `CLM-${randomUUID().slice(0, 8)}`;
    const entry = await erp.postJournal(revenue(claim), { idempotencyKey: key() });
    const attempts = posts('A_JournalEntry');
    expect(attempts).toHaveLength(2);
    expect(attempts[1].at - attempts[0].at).toBeGreaterThanOrEqual(950);
    expect((await erp.listJournals({ sourceType: 'claim', sourceId: claim })).map((journal) => journal.id)).toStrictEqual([entry.id]);
  });

  it('recognises a posting whose answer was lost (timeout) and returns it instead of posting again', async () => {
    const erp = adapter({ timeoutMs: 400 });
    await erp.listSuppliers();
    const claim = `CLM-${randomUUID().slice(0, 8)}`;
    await erp.postJournal(revenue(`CLM-${randomUUID().slice(0, 8)}`), { idempotencyKey: key() });
    // The first attempt reaches the ERP only after the client gave up on it; the retry finds it posted, or posts it first.
    server.faults.failNext(1, { delayMs: 700 });
    const entry = await erp.postJournal(revenue(claim), { idempotencyKey: key() });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await erp.listJournals({ sourceType: 'claim', sourceId: claim })).map((journal) => journal.id)).toStrictEqual([entry.id]);
  });

  it('replays a stock issue for the same key, and refuses the key for another issue', async () => {
    const erp = adapter();
    const issueKey = key();
    const first = await erp.issueStock(
      { itemId: 'GLV-NIT-M', locationId: 'CS01', quantity: 2, costCentre: '6200', encounterId: 'enc-1' },
      { idempotencyKey: issueKey },
    );
    const again = await erp.issueStock(
      { itemId: 'GLV-NIT-M', locationId: 'CS01', quantity: 2, costCentre: '6200', encounterId: 'enc-1' },
      { idempotencyKey: issueKey },
    );
    expect(again).toMatchObject({ id: first.id, journalEntryId: first.journalEntryId, totalCost: usd(3_700), onHandAfter: 38 });
    expect(posts('A_MaterialDocumentHeader')).toHaveLength(2);
    const other = await erpRejection(
      erp.issueStock({ itemId: 'GLV-NIT-M', locationId: 'CS01', quantity: 3, costCentre: '6200' }, { idempotencyKey: issueKey }),
    );
    expect(other.code).toBe(Code.IDEMPOTENCY_KEY_REUSED);
    expect((await erp.listInventoryBalances({ itemId: 'GLV-NIT-M' }))[0]?.onHand).toBe(38);
    const journals = await erp.listJournals({ sourceType: 'inventory-issue', sourceId: first.id });
    expect(journals.map((journal) => journalRows(journal))).toStrictEqual([
      [
        ['CR', '1300', '', 3_700],
        ['DR', '5000', '6200', 3_700],
      ],
    ]);
  });

  it('replays a requisition, a purchase order and an invoice for the same key', async () => {
    const erp = adapter();
    const requisitionKey = key();
    const request = { requester: 'E10003', costCentre: '8100', reason: 'manual' as const, lines: [{ itemId: 'GLV-NIT-M', quantity: 10 }] };
    const requisition = await erp.createRequisition(request, { idempotencyKey: requisitionKey });
    expect(requisition).toMatchObject({
      approvalStatus: 'not-required',
      total: usd(18_500),
      lines: [{ estimatedUnitPrice: usd(1_850), supplierId: '17300002' }],
    });
    expect((await erp.createRequisition(request, { idempotencyKey: requisitionKey })).id).toBe(requisition.id);
    const orderKey = key();
    const order = await erp.createPurchaseOrder({ requisitionId: requisition.id, shipToLocationId: 'CS01' }, { idempotencyKey: orderKey });
    expect(
      (await erp.createPurchaseOrder({ requisitionId: requisition.id, shipToLocationId: 'CS01' }, { idempotencyKey: orderKey })).id,
    ).toBe(order.id);
    await erp.postGoodsReceipt({ purchaseOrderId: order.id, lines: [{ poLineNumber: 1, quantity: 10 }] }, { idempotencyKey: key() });
    const invoiceKey = key();
    const invoice = {
      supplierId: '17300002',
      invoiceNumber: `NW-${randomUUID().slice(0, 8)}`,
      purchaseOrderId: order.id,
      invoiceDate: '2026-11-09',
      lines: [{ poLineNumber: 1, quantity: 10, unitPrice: usd(1_850) }],
    };
    const posted = await erp.postSupplierInvoice(invoice, { idempotencyKey: invoiceKey });
    expect(await erp.postSupplierInvoice(invoice, { idempotencyKey: invoiceKey })).toMatchObject({ id: posted.id, status: 'matched' });
    expect(posts('A_SupplierInvoice')).toHaveLength(1);
    expect(
      (await erpRejection(erp.postSupplierInvoice({ ...invoice, invoiceNumber: 'OTHER-1' }, { idempotencyKey: invoiceKey }))).code,
    ).toBe(Code.IDEMPOTENCY_KEY_REUSED);
    const payKey = key();
    const payment = await erp.postPayment({ invoiceId: posted.id, method: 'wire' }, { idempotencyKey: payKey });
    expect(await erp.postPayment({ invoiceId: posted.id, method: 'wire' }, { idempotencyKey: payKey })).toStrictEqual(payment);
    expect(payment).toMatchObject({ method: 'wire', amount: usd(18_500) });
    await expect(erp.getPurchaseOrder(order.id)).resolves.toMatchObject({ status: 'closed' });
  });
});

describe('changes to existing documents go with their ETag', () => {
  it('re-reads and retries when someone changed the order in between, and refuses a stale If-Match', async () => {
    const other = s4Clients(server).API_PURCHASEORDER_PROCESS_SRV;
    let interfered = false;
    // Just before the adapter's PATCH leaves, another user changes the same order.
    const interfering: typeof fetch = async (input, init) => {
      if (!interfered && init?.method === 'PATCH') {
        interfered = true;
        const current = await other.read(ERP_SETS.A_PurchaseOrder, orderId);
        await other.update(ERP_SETS.A_PurchaseOrder, orderId, { PurchasingGroup: '002' }, { etag: current['@odata.etag'] });
      }
      return fetch(input, init);
    };
    const erp = adapter({ fetch: interfering });
    const order = await erp.createPurchaseOrder(
      { supplierId: '17300002', shipToLocationId: 'CS01', lines: [{ itemId: 'GLV-NIT-M', quantity: 5, unitPrice: usd(1_850) }] },
      { idempotencyKey: key() },
    );
    const orderId = order.id;
    expect(order.status).toBe('approved');
    await expect(erp.sendPurchaseOrder(orderId, { idempotencyKey: key() })).resolves.toMatchObject({ status: 'sent' });
    expect(interfered).toBe(true);
    // The other user's change, the adapter's refused one (same, now stale ETag), and its retry with the fresh ETag.
    const patches = server.requests.entries.filter((entry) => entry.method === 'PATCH').map((entry) => entry.ifMatch);
    expect(patches).toHaveLength(3);
    expect([patches[1] === patches[0], patches[2] !== patches[1]]).toStrictEqual([true, true]);
    expect((await erpRejection(erp.cancelPurchaseOrder(orderId, { idempotencyKey: key(), ifMatch: order.source.versionId }))).code).toBe(
      Code.VERSION_CONFLICT,
    );
    await expect(erp.cancelPurchaseOrder(orderId, { idempotencyKey: key() })).resolves.toMatchObject({ status: 'cancelled' });
    expect(
      (
        await erpRejection(
          erp.postGoodsReceipt({ purchaseOrderId: orderId, lines: [{ poLineNumber: 1, quantity: 1 }] }, { idempotencyKey: key() }),
        )
      ).code,
    ).toBe(Code.DOCUMENT_STATE_CONFLICT);
  });
});

describe('what this ERP cannot do, and ids it never issued', () => {
  it('says it cannot reject a requisition, approve a released order, or take lots', async () => {
    const erp = adapter();
    const requisition = await erp.createRequisition(
      { requester: 'E10003', costCentre: '6300', lines: [{ itemId: 'KNEE-TOT-CR', quantity: 5 }] },
      { idempotencyKey: key() },
    );
    expect(requisition).toMatchObject({ approvalStatus: 'pending', total: usd(2_100_000) });
    expect(
      (await erpRejection(erp.decideRequisition(requisition.id, { approver: 'E10002', decision: 'reject' }, { idempotencyKey: key() })))
        .code,
    ).toBe(Code.NOT_SUPPORTED);
    expect(
      (await erpRejection(erp.decideRequisition(requisition.id, { approver: 'E10003', decision: 'approve' }, { idempotencyKey: key() })))
        .code,
    ).toBe(Code.APPROVAL_NOT_ALLOWED);
    expect(
      (await erpRejection(erp.createPurchaseOrder({ requisitionId: requisition.id, shipToLocationId: 'OR01' }, { idempotencyKey: key() })))
        .code,
    ).toBe(Code.DOCUMENT_STATE_CONFLICT);
    const lots = await erpRejection(
      erp.issueStock(
        { itemId: 'GLV-NIT-M', locationId: 'CS01', quantity: 1, costCentre: '6200', lots: [{ lotNumber: 'L1', quantity: 1 }] },
        { idempotencyKey: key() },
      ),
    );
    expect(lots.code).toBe(Code.NOT_SUPPORTED);
  });

  it.each([
    ['getJournal', (erp: ODataErpAdapter) => erp.getJournal('JE-000001')],
    ['getSupplierInvoice', (erp: ODataErpAdapter) => erp.getSupplierInvoice('9999999999-2026')],
    ['getGoodsReceipt', (erp: ODataErpAdapter) => erp.getGoodsReceipt('../../x')],
    ['getPurchaseOrder', (erp: ODataErpAdapter) => erp.getPurchaseOrder('NOPE')],
  ])('%s of an unknown id is NOT_FOUND', async (_name, call) => {
    expect((await erpRejection(call(adapter()))).code).toBe(Code.NOT_FOUND);
  });
});

describe('master data for sync', () => {
  it('lists only items and suppliers changed after an instant', async () => {
    const erp = adapter();
    const since = new Date(Date.now() - 1_000).toISOString();
    expect(await erp.listItems({ changedSince: since })).toStrictEqual([]);
    const products = s4Clients(server).API_PRODUCT_SRV;
    const knee = await products.read(ERP_SETS.A_Product, 'KNEE-TOT-CR');
    await products.update(
      ERP_SETS.A_Product,
      'KNEE-TOT-CR',
      { ProductDescription: 'Total knee system, CR, v2' },
      { etag: knee['@odata.etag'] },
    );
    const changed = await erp.listItems({ changedSince: since });
    expect(changed.map((item) => [item.id, item.description, item.gtin])).toStrictEqual([
      ['KNEE-TOT-CR', 'Total knee system, CR, v2', '00812345678901'],
    ]);
    expect(changed[0].source.lastUpdated! > since).toBe(true);
    expect(await erp.listSuppliers({ changedSince: since })).toStrictEqual([]);
    expect((await erp.listSuppliers()).map((supplier) => [supplier.name, supplier.paymentTermsDays])).toStrictEqual([
      ['Summit Orthopedics', 30],
      ['Northwind Surgical Supply', 45],
    ]);
  });
});

describe('when the ERP fails', () => {
  it('reports throttling it could not wait out, and opens the circuit after repeated failures', async () => {
    const erp = new ODataErpAdapter({
      services: server.services,
      session: {
        timeoutMs: 2_000,
        limits: { ratePerSecond: 100, concurrency: 2, retries: 0, breakerThreshold: 3, halfOpenAfterMs: 60_000 },
      },
      writeRetries: 0,
    });
    server.faults.failNext(1, { status: 429, retryAfterSeconds: 7 });
    const throttled = await erpRejection(erp.getItem('KNEE-TOT-CR'));
    expect(throttled).toMatchObject({ code: Code.SERVER_THROTTLED, retryAfterMs: 7_000 });
    server.faults.failNext(3, { status: 503 });
    for (let attempt = 0; attempt < 3; attempt += 1) expect((await erpRejection(erp.listSuppliers())).code).toBe(Code.SERVER_UNAVAILABLE);
    expect(erp.circuitState).toBe('open');
    server.requests.clear();
    const paused = await erpRejection(erp.listSuppliers());
    expect(paused).toMatchObject({ code: Code.SERVER_UNAVAILABLE, message: 'The ERP is failing repeatedly; calls are paused' });
    expect(server.requests.entries).toHaveLength(0);
  });
});
