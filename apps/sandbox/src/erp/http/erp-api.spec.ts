import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '@concord/platform';
import { registerErpSandbox, type ErpSandbox } from '../erp-sandbox';

let app: FastifyInstance;
let sandbox: ErpSandbox;

async function start(quotaPerSecond = 0): Promise<void> {
  app = Fastify();
  sandbox = await registerErpSandbox(app, createLogger({ app: 'sandbox', level: 'silent' }), {
    quotaPerSecond,
    clock: () => new Date('2026-11-02T13:40:00Z'),
  });
  await app.ready();
}

beforeEach(() => start());
afterEach(() => app.close());

const api = '/erp/api/v1';
const issueBody = {
  material_no: 'KNEE-TOT-CR',
  storage_location: 'CG-MAIN-OR',
  qty: 1,
  cost_center: '6300',
  encounter_ref: 'enc-aq-tka',
  serial_numbers: ['SN-KN-55012'],
};

describe('vendor representation', () => {
  it('shows a material in the vendor’s shape with an ETag, and answers 304 to a matching If-None-Match', async () => {
    const response = await app.inject({ method: 'GET', url: `${api}/materials/KNEE-TOT-CR` });
    expect(response.statusCode).toBe(200);
    expect(response.headers.etag).toBe('W/"1"');
    expect(response.json()).toMatchObject({
      material_no: 'KNEE-TOT-CR',
      base_uom: 'EA',
      hcpcs: 'C1776',
      serial_profile: 'SERIAL',
      batch_managed: false,
      reorder_point: 3,
      reorder_qty: 5,
      last_po_price: '4200.00',
      preferred_vendor: 'SUP-SUMMIT',
      status: 'ACTIVE',
    });
    const cached = await app.inject({ method: 'GET', url: `${api}/materials/KNEE-TOT-CR`, headers: { 'if-none-match': 'W/"1"' } });
    expect(cached.statusCode).toBe(304);
    expect(cached.body).toBe('');
  });

  it('lists stock with decimal-string amounts and pages', async () => {
    const response = await app.inject({ method: 'GET', url: `${api}/stock?material_no=KNEE-TOT-CR` });
    expect(response.json()).toStrictEqual({
      data: [
        {
          material_no: 'KNEE-TOT-CR',
          storage_location: 'CG-MAIN-OR',
          qty_on_hand: 4,
          base_uom: 'EA',
          moving_avg_price: '4150.00',
          stock_value: '16600.00',
          currency: 'USD',
          serial_numbers: ['SN-KN-55010', 'SN-KN-55011', 'SN-KN-55012', 'SN-KN-55013'],
          batches: [],
          qty_on_order: 0,
          below_reorder_point: false,
        },
      ],
      paging: { offset: 0, limit: 100, total: 1 },
    });
    const paged = await app.inject({ method: 'GET', url: `${api}/materials?offset=1&limit=2` });
    expect(paged.json().data.map((material: { material_no: string }) => material.material_no)).toStrictEqual(['GLV-NIT-M', 'BONE-CEM-40']);
    expect(paged.json().paging).toStrictEqual({ offset: 1, limit: 2, total: 4 });
  });

  it('says whether a cost centre may be posted to', async () => {
    const answers = await Promise.all(
      ['6300', '6900', '9999', 'x!'].map((code) =>
        app.inject({ method: 'GET', url: `${api}/cost-centers/${encodeURIComponent(code)}/validity` }),
      ),
    );
    expect(answers.map((answer) => [answer.json().postable, answer.json().reason])).toStrictEqual([
      [true, null],
      [false, 'CLOSED'],
      [false, 'UNKNOWN'],
      [false, 'MALFORMED'],
    ]);
  });
});

describe('Idempotency-Key', () => {
  it('replays the first answer for the same key and body, and changes nothing', async () => {
    const first = await app.inject({
      method: 'POST',
      url: `${api}/goods-issues`,
      headers: { 'idempotency-key': 'tka-1' },
      payload: issueBody,
    });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({
      document_no: 'GI-000001',
      unit_cost: '4150.00',
      total_cost: '4150.00',
      qty_remaining: 3,
      reorder_alert: { reorder_point: 3, reorder_qty: 5 },
    });
    const again = await app.inject({
      method: 'POST',
      url: `${api}/goods-issues`,
      headers: { 'idempotency-key': 'tka-1' },
      payload: issueBody,
    });
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toStrictEqual(first.json());
    expect(sandbox.erp.listIssues()).toHaveLength(1);
  });

  it('refuses the same key with another body', async () => {
    await app.inject({
      method: 'POST',
      url: `${api}/goods-issues`,
      headers: { 'idempotency-key': 'k' },
      payload: { ...issueBody, serial_numbers: ['SN-KN-55010'] },
    });
    const reused = await app.inject({
      method: 'POST',
      url: `${api}/goods-issues`,
      headers: { 'idempotency-key': 'k' },
      payload: issueBody,
    });
    expect(reused.statusCode).toBe(422);
    expect(reused.json().error).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', target: 'Idempotency-Key' });
  });

  it('treats POSTs without a key as new each time', async () => {
    const body = { material_no: 'GLV-NIT-M', storage_location: 'CG-CENTRAL', qty: 1, cost_center: '6200' };
    await app.inject({ method: 'POST', url: `${api}/goods-issues`, payload: body });
    await app.inject({ method: 'POST', url: `${api}/goods-issues`, payload: body });
    expect(sandbox.erp.listIssues()).toHaveLength(2);
  });
});

describe('vendor errors', () => {
  it.each([
    {
      name: 'a missing and an unknown field',
      url: '/goods-issues',
      payload: { material_no: 'KNEE-TOT-CR', storage_location: 'CG-MAIN-OR', qty: 1, colour: 'red' },
      status: 400,
      code: 'INVALID_FIELD',
      details: [
        { target: 'cost_center', message: 'cost_center is required' },
        { target: 'colour', message: 'colour is not a field of this resource' },
      ],
    },
    {
      name: 'a float amount',
      url: '/gl/journal-entries',
      payload: {
        lines: [
          { account_no: '1000', dr_cr: 'D', amount: 1.5 },
          { account_no: '1200', dr_cr: 'C', amount: '1.50' },
        ],
      },
      status: 400,
      code: 'INVALID_FIELD',
      details: [{ target: 'lines[0].amount', message: 'must be string' }],
    },
    {
      name: 'an impossible date',
      url: '/ap/payments',
      payload: { invoice_doc: 'INV-000001', method: 'ACH', value_date: '2026-02-30' },
      status: 400,
      code: 'INVALID_FIELD',
      details: [{ target: 'value_date', message: 'must match format "calendar-date"' }],
    },
  ])('$name → $status $code', async ({ url, payload, status, code, details }) => {
    const response = await app.inject({ method: 'POST', url: `${api}${url}`, payload });
    expect(response.statusCode).toBe(status);
    expect(response.json().error).toMatchObject({ code, status, details });
  });

  it('names the difference of an unbalanced journal', async () => {
    const response = await app.inject({
      method: 'POST',
      url: `${api}/gl/journal-entries`,
      payload: {
        lines: [
          { account_no: '1200', dr_cr: 'D', amount: '28650.00' },
          { account_no: '4000', cost_center: '6300', dr_cr: 'C', amount: '28600.00' },
        ],
      },
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().error).toMatchObject({
      code: 'FI_BALANCE_NOT_ZERO',
      message: 'Debits 28,650.00 and credits 28,600.00 differ by 50.00',
      target: 'lines',
      difference: '50.00',
    });
  });

  it('names domain fields in the vendor’s vocabulary', async () => {
    const closed = await app.inject({ method: 'POST', url: `${api}/goods-issues`, payload: { ...issueBody, cost_center: '6900' } });
    expect(closed.json().error).toMatchObject({
      code: 'CO_CCTR_NOT_POSTABLE',
      target: 'cost_center',
      message: 'Cost centre 6900 is inactive',
    });
    const receipt = await app.inject({
      method: 'POST',
      url: `${api}/goods-receipts`,
      payload: { po_no: 'PO-404', items: [{ po_item: 1, qty: 1 }] },
    });
    expect(receipt.statusCode).toBe(404);
    expect(receipt.json().error.code).toBe('RESOURCE_NOT_FOUND');
  });

  it('answers malformed JSON, a wrong media type and an unknown route with vendor bodies', async () => {
    const malformed = await app.inject({
      method: 'POST',
      url: `${api}/goods-issues`,
      headers: { 'content-type': 'application/json' },
      payload: '{"material_no":',
    });
    expect([malformed.statusCode, malformed.json().error.code]).toStrictEqual([400, 'MALFORMED_JSON']);
    const media = await app.inject({ method: 'POST', url: `${api}/goods-issues`, headers: { 'content-type': 'text/plain' }, payload: 'x' });
    expect([media.statusCode, media.json().error.code]).toStrictEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
    const route = await app.inject({ method: 'GET', url: `${api}/nothing-here?x=1` });
    expect(route.json().error).toMatchObject({
      code: 'ROUTE_NOT_FOUND',
      status: 404,
      message: 'No resource at GET /erp/api/v1/nothing-here',
    });
  });
});

describe('ETag concurrency', () => {
  it('refuses a change made against a stale version with 412, accepts the current one', async () => {
    const stale = await app.inject({
      method: 'PATCH',
      url: `${api}/materials/GLV-NIT-M`,
      headers: { 'if-match': 'W/"7"' },
      payload: { reorder_point: 25 },
    });
    expect(stale.statusCode).toBe(412);
    expect(stale.json().error).toMatchObject({ code: 'PRECONDITION_FAILED', message: 'The record changed: its current version is W/"1"' });
    const fresh = await app.inject({
      method: 'PATCH',
      url: `${api}/materials/GLV-NIT-M`,
      headers: { 'if-match': 'W/"1"' },
      payload: { reorder_point: 25 },
    });
    expect(fresh.statusCode).toBe(200);
    expect(fresh.headers.etag).toBe('W/"2"');
    expect(fresh.json()).toMatchObject({ reorder_point: 25, row_version: 2 });
  });

  it('lets a retried action with the same key through even though its version moved on', async () => {
    const order = await app.inject({
      method: 'POST',
      url: `${api}/purchase-orders`,
      payload: { vendor_no: 'SUP-NORTHWIND', ship_to: 'CG-CENTRAL', items: [{ material_no: 'GLV-NIT-M', qty: 100, unit_price: '18.50' }] },
    });
    const etag = order.headers.etag as string;
    const send = () =>
      app.inject({
        method: 'POST',
        url: `${api}/purchase-orders/PO-000001/transmit`,
        headers: { 'if-match': etag, 'idempotency-key': 'send-1' },
      });
    const first = await send();
    const retry = await send();
    expect([first.statusCode, first.json().status]).toStrictEqual([200, 'ORDERED']);
    expect([retry.statusCode, retry.headers['idempotent-replayed']]).toStrictEqual([200, 'true']);
  });
});

describe('quota and outage', () => {
  it('answers 429 with Retry-After beyond the quota', async () => {
    await app.close();
    await start(1);
    const answers = [];
    for (let i = 0; i < 5; i += 1) answers.push(await app.inject({ method: 'GET', url: `${api}/vendors` }));
    // One call a second is admitted; five calls in a row span at most two seconds, so at least three are refused.
    const refused = answers.filter((response) => response.statusCode === 429);
    expect(refused.length).toBeGreaterThanOrEqual(3);
    expect(refused[0]?.headers['retry-after']).toBe('1');
    expect(refused[0]?.json().error).toMatchObject({ code: 'RATE_LIMIT_EXCEEDED', status: 429 });
  });

  it('answers 503 with Retry-After while the outage switch is on', async () => {
    const down = await app.inject({ method: 'POST', url: '/sandbox/v1/erp/outage', payload: { down: true } });
    expect(down.json()).toStrictEqual({ down: true });
    const refused = await app.inject({ method: 'GET', url: `${api}/vendors` });
    expect([refused.statusCode, refused.headers['retry-after'], refused.json().error.code]).toStrictEqual([
      503,
      '1',
      'SERVICE_UNAVAILABLE',
    ]);
    await app.inject({ method: 'POST', url: '/sandbox/v1/erp/outage', payload: { down: false } });
    expect((await app.inject({ method: 'GET', url: `${api}/vendors` })).statusCode).toBe(200);
  });
});

describe('validation targets', () => {
  it('names a missing field inside a line by its full path', async () => {
    const response = await app.inject({
      method: 'POST',
      url: `${api}/gl/journal-entries`,
      payload: {
        lines: [
          { account_no: '1000', amount: '1.00' },
          { account_no: '1200', dr_cr: 'C', amount: '1.00', extra: true },
        ],
      },
    });
    expect(response.json().error.details).toStrictEqual([
      { target: 'lines[0].dr_cr', message: 'dr_cr is required' },
      { target: 'lines[1].extra', message: 'extra is not a field of this resource' },
    ]);
  });
});
