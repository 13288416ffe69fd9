import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { RequestMeter } from '../../ehr/request-meter';
import { ErpDomainError, ErpErrorCode } from '../domain/erp-domain.error';
import type { ItemChange, Outcome, SandboxErp, SupplierChange } from '../domain/sandbox-erp';
import { decimalToCents } from './decimal-amount';
import { handleErpError, sendVendorError, VendorHttpError } from './erp-errors';
import * as view from './erp-representation';
import * as schema from './erp-schemas';
import { strictAjv } from './strict-ajv';

export const ERP_API_PATH = '/erp/api/v1';

/** Switches tests flip: an outage answers 503 to every API call until it is switched off. */
export class ErpAvailability {
  down = false;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Vendor name of the document's line list, for error targets (items, lines, time_records). */
    linesAs?: string;
  }
}

const CATEGORY_BY_CODE = { IP: 'inpatient', OP: 'outpatient', SUP: 'supplies', LAB: 'labour' } as const;

/**
 * The sandbox ERP as a vendor REST API under /erp/api/v1 ("Ledgerline ERP"): its own resource names
 * and JSON, ETags on mutable records (If-None-Match, If-Match), Idempotency-Key on every POST, a
 * request quota answered with 429 and Retry-After, and an outage switch answered with 503.
 */
export async function registerErpApi(
  app: FastifyInstance,
  erp: SandboxErp,
  meter: RequestMeter,
  availability: ErpAvailability,
): Promise<void> {
  app.post(
    '/sandbox/v1/erp/outage',
    { schema: { body: { type: 'object', required: ['down'], additionalProperties: false, properties: { down: { type: 'boolean' } } } } },
    (request) => {
      availability.down = (request.body as { down: boolean }).down;
      return Promise.resolve({ down: availability.down });
    },
  );

  await app.register(
    (scope: FastifyInstance) => {
      const bodyAjv = strictAjv(false);
      const queryAjv = strictAjv(true);
      scope.setValidatorCompiler(({ schema: routeSchema, httpPart }) => (httpPart === 'body' ? bodyAjv : queryAjv).compile(routeSchema));
      scope.setErrorHandler((error, request, reply) =>
        handleErpError(error as Parameters<typeof handleErpError>[0], request, reply, (r) => r.routeOptions.config.linesAs ?? 'items'),
      );
      scope.setNotFoundHandler((request, reply) =>
        sendVendorError(reply, request, 404, 'ROUTE_NOT_FOUND', `No resource at ${request.method} ${request.url.split('?')[0]}`),
      );
      scope.addHook('onRequest', (request, _reply, done) => {
        // Metered first, like an API gateway in front of the ERP: refused calls count against the quota too.
        const admission = meter.admit();
        if (!admission.allowed) {
          done(
            new VendorHttpError(429, 'RATE_LIMIT_EXCEEDED', 'API quota exceeded', { 'retry-after': String(admission.retryAfterSeconds) }),
          );
          return;
        }
        if (availability.down) {
          done(new VendorHttpError(503, 'SERVICE_UNAVAILABLE', 'The ERP is down for maintenance', { 'retry-after': '1' }));
          return;
        }
        done(hasNonJsonBody(request) ? new VendorHttpError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send application/json') : undefined);
      });
      registerRoutes(scope, erp);
      return Promise.resolve();
    },
    { prefix: ERP_API_PATH },
  );
}

// ---- HTTP helpers ---------------------------------------------------------------------------------

function hasNonJsonBody(request: FastifyRequest): boolean {
  const hasBody =
    request.headers['content-length'] !== undefined
      ? request.headers['content-length'] !== '0'
      : request.headers['transfer-encoding'] !== undefined;
  if (!hasBody) return false;
  const type = request.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
  return type !== 'application/json';
}

const etagOf = (version: number) => `W/"${version}"`;

function idempotencyKeyOf(request: FastifyRequest): string {
  const header = request.headers['idempotency-key'];
  if (header === undefined) return `auto:${randomUUID()}`;
  if (Array.isArray(header) || !/^[\x21-\x7e]{1,200}$/.test(header))
    throw new VendorHttpError(400, 'INVALID_FIELD', 'Idempotency-Key must be 1-200 visible ASCII characters');
  return `key:${header}`;
}

/** If-Match, when sent, must name the current version (a replayed key is exempt: it changes nothing). */
function checkIfMatch(request: FastifyRequest, erp: SandboxErp, key: string, currentVersion: number): void {
  const header = request.headers['if-match'];
  if (header === undefined || erp.knowsIdempotencyKey(key)) return;
  const tags = header.split(',').map((tag) => tag.trim());
  if (tags.includes('*') || tags.some((tag) => tag.replace(/^W\//, '') === `"${currentVersion}"`)) return;
  throw new VendorHttpError(412, 'PRECONDITION_FAILED', `The record changed: its current version is ${etagOf(currentVersion)}`);
}

function sendVersioned(request: FastifyRequest, reply: FastifyReply, version: number, body: unknown): FastifyReply | Promise<unknown> {
  const etag = etagOf(version);
  void reply.header('etag', etag);
  const ifNoneMatch = request.headers['if-none-match'];
  if (ifNoneMatch && ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === `"${version}"`))
    return reply.status(304).send();
  return Promise.resolve(body);
}

function sendCreated<T>(reply: FastifyReply, outcome: Outcome<T>, body: unknown, version?: number): unknown {
  if (outcome.replayed) void reply.header('idempotent-replayed', 'true');
  if (version !== undefined) void reply.header('etag', etagOf(version));
  void reply.status(201);
  return body;
}

function sendUpdated<T>(reply: FastifyReply, outcome: Outcome<T>, body: unknown, version: number): unknown {
  if (outcome.replayed) void reply.header('idempotent-replayed', 'true');
  void reply.header('etag', etagOf(version));
  return body;
}

function page<T>(items: T[], query: schema.ListQuery): { data: T[]; paging: { offset: number; limit: number; total: number } } {
  return {
    data: items.slice(query.offset, query.offset + query.limit),
    paging: { offset: query.offset, limit: query.limit, total: items.length },
  };
}

const cents = (amount: string | undefined) => (amount === undefined ? undefined : decimalToCents(amount));
const lots = (batches: schema.BatchIn[] | undefined) =>
  batches?.map((batch) => ({ lotNumber: batch.batch, quantity: batch.qty, expiryDate: batch.expiry }));
const params = (request: FastifyRequest) => request.params as Record<string, string>;

// ---- routes -----------------------------------------------------------------------------------

function registerRoutes(api: FastifyInstance, erp: SandboxErp): void {
  const uomOf = (itemId: string) => erp.inventory.item(itemId)?.unitOfMeasure ?? 'EA';

  // Master data
  api.get('/vendors', { schema: { querystring: schema.listQuery({ blocked: { type: 'boolean' } }) } }, (request) => {
    const query = request.query as schema.ListQuery & { blocked?: boolean };
    const vendors = erp.listSuppliers().filter((supplier) => query.blocked === undefined || supplier.active !== query.blocked);
    return Promise.resolve(page(vendors.map(view.vendorOf), query));
  });
  api.get('/vendors/:vendor_no', { schema: { params: schema.idParams('vendor_no') } }, (request, reply) => {
    const supplier = erp.supplier(params(request).vendor_no);
    return sendVersioned(request, reply, supplier.version, view.vendorOf(supplier));
  });
  api.patch('/vendors/:vendor_no', { schema: { params: schema.idParams('vendor_no'), body: schema.vendorPatchBody } }, (request, reply) => {
    const key = idempotencyKeyOf(request);
    const current = erp.supplier(params(request).vendor_no);
    checkIfMatch(request, erp, key, current.version);
    const body = request.body as schema.VendorPatchBody;
    const change: SupplierChange = {
      name: body.name,
      taxId: body.tax_id,
      paymentTermsDays: body.payment_terms === undefined ? undefined : Number(body.payment_terms.slice(3)),
      active: body.blocked === undefined ? undefined : !body.blocked,
      orderEmail: body.order_email,
    };
    const outcome = erp.updateSupplier(current.id, dropUndefined(change), { idempotencyKey: key });
    return Promise.resolve(sendUpdated(reply, outcome, view.vendorOf(outcome.result), outcome.result.version));
  });

  api.get('/materials', { schema: { querystring: schema.listQuery({ changed_since: { type: 'string', maxLength: 40 } }) } }, (request) => {
    const query = request.query as schema.ListQuery & { changed_since?: string };
    const items = erp.listItems().filter((item) => query.changed_since === undefined || item.updatedAt > query.changed_since);
    return Promise.resolve(page(items.map(view.materialOf), query));
  });
  api.get('/materials/:material_no', { schema: { params: schema.idParams('material_no') } }, (request, reply) => {
    const item = erp.item(params(request).material_no);
    return sendVersioned(request, reply, item.version, view.materialOf(item));
  });
  api.patch(
    '/materials/:material_no',
    { schema: { params: schema.idParams('material_no'), body: schema.materialPatchBody } },
    (request, reply) => {
      const key = idempotencyKeyOf(request);
      const current = erp.item(params(request).material_no);
      checkIfMatch(request, erp, key, current.version);
      const body = request.body as schema.MaterialPatchBody;
      const change: ItemChange = {
        description: body.description,
        reorderPoint: body.reorder_point,
        reorderQuantity: body.reorder_qty,
        allowNegativeStock: body.negative_stock_allowed,
        preferredSupplierId: body.preferred_vendor,
        active: body.status === undefined ? undefined : body.status === 'ACTIVE',
        gtin: body.gtin,
        unspsc: body.unspsc,
        billableHcpcs: body.hcpcs,
        chargeCode: body.charge_code,
      };
      const outcome = erp.updateItem(current.id, dropUndefined(change), { idempotencyKey: key });
      return Promise.resolve(sendUpdated(reply, outcome, view.materialOf(outcome.result), outcome.result.version));
    },
  );

  api.get('/storage-locations', () => Promise.resolve({ data: erp.listLocations().map(view.storageLocationOf) }));

  api.get('/cost-centers', { schema: { querystring: schema.listQuery() } }, (request) =>
    Promise.resolve(page(erp.listCostCentres().map(view.costCenterOf), request.query as schema.ListQuery)),
  );
  api.get('/cost-centers/:cost_center/validity', { schema: { params: schema.idParams('cost_center') } }, (request) => {
    const code = params(request).cost_center;
    return Promise.resolve(view.costCenterValidityOf(code, /^[A-Z0-9]{2,10}$/.test(code) ? erp.checkCostCentre(code) : undefined));
  });

  // Inventory
  api.get(
    '/stock',
    {
      schema: {
        querystring: schema.listQuery({
          material_no: { type: 'string', maxLength: 40 },
          storage_location: { type: 'string', maxLength: 40 },
        }),
      },
    },
    (request) => {
      const query = request.query as schema.ListQuery & { material_no?: string; storage_location?: string };
      const balances = erp.balances({ itemId: query.material_no, locationId: query.storage_location });
      return Promise.resolve(
        page(
          balances.map((balance) => view.stockOf(balance, uomOf(balance.itemId))),
          query,
        ),
      );
    },
  );
  api.post('/goods-issues', { schema: { body: schema.goodsIssueBody } }, (request, reply) => {
    const body = request.body as schema.GoodsIssueBody;
    const outcome = erp.issueStock(
      {
        itemId: body.material_no,
        locationId: body.storage_location,
        quantity: body.qty,
        costCentre: body.cost_center,
        encounterId: body.encounter_ref,
        procedureId: body.procedure_ref,
        serials: body.serial_numbers,
        lots: lots(body.batches),
      },
      { idempotencyKey: idempotencyKeyOf(request) },
    );
    return Promise.resolve(sendCreated(reply, outcome, view.goodsIssueOf(outcome.result)));
  });
  api.get('/goods-issues/:document_no', { schema: { params: schema.idParams('document_no') } }, (request) =>
    Promise.resolve(view.goodsIssueOf(erp.issue(params(request).document_no))),
  );

  // General ledger
  api.get('/gl/accounts', () => Promise.resolve({ data: erp.listAccounts().map(view.glAccountOf) }));
  api.post('/gl/journal-entries', { schema: { body: schema.journalEntryBody }, config: { linesAs: 'lines' } }, (request, reply) => {
    const body = request.body as schema.JournalEntryBody;
    const outcome = erp.postJournal(
      {
        postingDate: body.posting_date,
        memo: body.header_text,
        source: body.reference && { type: body.reference.doc_type.toLowerCase().replaceAll('_', '-') as never, id: body.reference.doc_no },
        lines: body.lines.map((line) => ({
          account: line.account_no,
          costCentre: line.cost_center,
          side: line.dr_cr === 'D' ? 'debit' : 'credit',
          amountCents: decimalToCents(line.amount),
          memo: line.line_text,
        })),
      },
      { idempotencyKey: idempotencyKeyOf(request) },
    );
    return Promise.resolve(sendCreated(reply, outcome, view.journalEntryOf(outcome.result)));
  });
  api.get(
    '/gl/journal-entries',
    {
      schema: {
        querystring: schema.listQuery({ ref_doc_type: { type: 'string', maxLength: 40 }, ref_doc_no: { type: 'string', maxLength: 64 } }),
      },
    },
    (request) => {
      const query = request.query as schema.ListQuery & { ref_doc_type?: string; ref_doc_no?: string };
      const entries = erp.journalEntries({
        sourceType: query.ref_doc_type?.toLowerCase().replaceAll('_', '-') as never,
        sourceId: query.ref_doc_no,
      });
      return Promise.resolve(page(entries.map(view.journalEntryOf), query));
    },
  );
  api.get('/gl/journal-entries/:document_no', { schema: { params: schema.idParams('document_no') } }, (request) =>
    Promise.resolve(view.journalEntryOf(erp.journalEntry(params(request).document_no))),
  );
  api.get(
    '/gl/trial-balance',
    {
      schema: {
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { by_cost_center: { type: 'boolean' }, cost_center: { type: 'string', pattern: '^[A-Z0-9]{2,10}$' } },
        },
      },
    },
    (request) => {
      const query = request.query as { by_cost_center?: boolean; cost_center?: string };
      return Promise.resolve(
        view.trialBalanceOf(
          erp.trialBalance({ byCostCentre: query.by_cost_center, costCentre: query.cost_center }),
          new Date().toISOString(),
        ),
      );
    },
  );
  api.get(
    '/gl/account-determination',
    {
      schema: {
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { cost_center: { type: 'string', maxLength: 10 }, category: { enum: ['IP', 'OP', 'SUP', 'LAB'] } },
        },
      },
    },
    (request) => {
      const query = request.query as { cost_center?: string; category?: keyof typeof CATEGORY_BY_CODE };
      const mappings = erp.glMappings({
        departmentCode: query.cost_center,
        chargeCategory: query.category && CATEGORY_BY_CODE[query.category],
      });
      return Promise.resolve({ data: mappings.map(view.accountDeterminationOf) });
    },
  );

  // Purchasing
  api.post('/purchase-requisitions', { schema: { body: schema.requisitionBody } }, (request, reply) => {
    const body = request.body as schema.RequisitionBody;
    const outcome = erp.createRequisition(
      {
        requester: body.requested_by,
        costCentre: body.cost_center,
        reason: body.origin === 'MRP' ? 'reorder-point' : 'manual',
        lines: body.items.map((item) => ({
          itemId: item.material_no,
          quantity: item.qty,
          estimatedUnitPriceCents: cents(item.est_price),
          supplierId: item.vendor_no,
        })),
      },
      { idempotencyKey: idempotencyKeyOf(request) },
    );
    return Promise.resolve(sendCreated(reply, outcome, view.purchaseRequisitionOf(outcome.result), outcome.result.version));
  });
  api.get('/purchase-requisitions', { schema: { querystring: schema.listQuery() } }, (request) =>
    Promise.resolve(page(erp.listRequisitions().map(view.purchaseRequisitionOf), request.query as schema.ListQuery)),
  );
  api.get('/purchase-requisitions/:pr_no', { schema: { params: schema.idParams('pr_no') } }, (request, reply) => {
    const requisition = erp.requisition(params(request).pr_no);
    return sendVersioned(request, reply, requisition.version, view.purchaseRequisitionOf(requisition));
  });
  api.post(
    '/purchase-requisitions/:pr_no/decision',
    { schema: { params: schema.idParams('pr_no'), body: schema.decisionBody } },
    (request, reply) => {
      const key = idempotencyKeyOf(request);
      const current = erp.requisition(params(request).pr_no);
      checkIfMatch(request, erp, key, current.version);
      const body = request.body as schema.DecisionBody;
      const outcome = erp.decideRequisition(
        current.id,
        { approver: body.approver, decision: body.decision === 'APPROVE' ? 'approve' : 'reject', comment: body.comment },
        { idempotencyKey: key },
      );
      return Promise.resolve(sendUpdated(reply, outcome, view.purchaseRequisitionOf(outcome.result), outcome.result.version));
    },
  );

  api.post('/purchase-orders', { schema: { body: schema.purchaseOrderBody } }, (request, reply) => {
    const body = request.body as schema.PurchaseOrderBody;
    const outcome = erp.createPurchaseOrder(
      {
        requisitionId: body.pr_no,
        supplierId: body.vendor_no,
        shipToLocationId: body.ship_to,
        lines: body.items?.map((item) => ({
          itemId: item.material_no,
          quantity: item.qty,
          unitPriceCents: decimalToCents(item.unit_price),
        })),
      },
      { idempotencyKey: idempotencyKeyOf(request) },
    );
    return Promise.resolve(sendCreated(reply, outcome, view.purchaseOrderOf(outcome.result), outcome.result.version));
  });
  api.get(
    '/purchase-orders',
    {
      schema: {
        querystring: schema.listQuery({
          status: { enum: Object.values(view.PO_STATUS_CODES) },
          vendor_no: { type: 'string', maxLength: 40 },
        }),
      },
    },
    (request) => {
      const query = request.query as schema.ListQuery & { status?: string; vendor_no?: string };
      const orders = erp
        .listOrders()
        .filter(
          (order) =>
            (query.status === undefined || view.PO_STATUS_CODES[order.status] === query.status) &&
            (query.vendor_no === undefined || order.supplierId === query.vendor_no),
        );
      return Promise.resolve(page(orders.map(view.purchaseOrderOf), query));
    },
  );
  api.get('/purchase-orders/:po_no', { schema: { params: schema.idParams('po_no') } }, (request, reply) => {
    const order = erp.order(params(request).po_no);
    return sendVersioned(request, reply, order.version, view.purchaseOrderOf(order));
  });
  const orderAction = (
    path: string,
    act: (
      id: string,
      key: string,
      body: schema.ReleaseBody | undefined,
    ) => Outcome<{ version: number } & Parameters<typeof view.purchaseOrderOf>[0]>,
    body?: object,
  ) =>
    api.post(
      `/purchase-orders/:po_no/${path}`,
      { schema: { params: schema.idParams('po_no'), ...(body ? { body } : {}) } },
      (request, reply) => {
        const key = idempotencyKeyOf(request);
        const current = erp.order(params(request).po_no);
        checkIfMatch(request, erp, key, current.version);
        const outcome = act(current.id, key, request.body as schema.ReleaseBody | undefined);
        return Promise.resolve(sendUpdated(reply, outcome, view.purchaseOrderOf(outcome.result), outcome.result.version));
      },
    );
  orderAction('release', (id, key, body) => erp.approvePurchaseOrder(id, body!.approver, { idempotencyKey: key }), schema.releaseBody);
  orderAction('transmit', (id, key) => erp.sendPurchaseOrder(id, { idempotencyKey: key }));
  orderAction('cancel', (id, key) => erp.cancelPurchaseOrder(id, { idempotencyKey: key }));

  api.post('/goods-receipts', { schema: { body: schema.goodsReceiptBody } }, (request, reply) => {
    const body = request.body as schema.GoodsReceiptBody;
    const outcome = erp.postGoodsReceipt(
      {
        purchaseOrderId: body.po_no,
        lines: body.items.map((item) => ({
          poLineNumber: item.po_item,
          quantity: item.qty,
          serials: item.serial_numbers,
          lots: lots(item.batches),
        })),
      },
      { idempotencyKey: idempotencyKeyOf(request) },
    );
    return Promise.resolve(sendCreated(reply, outcome, view.goodsReceiptOf(outcome.result)));
  });
  api.get('/goods-receipts', { schema: { querystring: schema.listQuery({ po_no: { type: 'string', maxLength: 40 } }) } }, (request) => {
    const query = request.query as schema.ListQuery & { po_no?: string };
    const receipts = erp.listReceipts().filter((receipt) => query.po_no === undefined || receipt.purchaseOrderId === query.po_no);
    return Promise.resolve(page(receipts.map(view.goodsReceiptOf), query));
  });
  api.get('/goods-receipts/:document_no', { schema: { params: schema.idParams('document_no') } }, (request) =>
    Promise.resolve(view.goodsReceiptOf(erp.receipt(params(request).document_no))),
  );

  // Payables
  api.post('/ap/invoices', { schema: { body: schema.invoiceBody } }, (request, reply) => {
    const body = request.body as schema.InvoiceBody;
    const outcome = erp.postInvoice(
      {
        supplierId: body.vendor_no,
        invoiceNumber: body.vendor_invoice_no,
        purchaseOrderId: body.po_no,
        invoiceDate: body.invoice_date,
        lines: body.items.map((item) => ({
          poLineNumber: item.po_item,
          quantity: item.qty,
          unitPriceCents: decimalToCents(item.unit_price),
        })),
      },
      { idempotencyKey: idempotencyKeyOf(request) },
    );
    return Promise.resolve(sendCreated(reply, outcome, view.invoiceOf(outcome.result), outcome.result.version));
  });
  api.get(
    '/ap/invoices',
    {
      schema: {
        querystring: schema.listQuery({
          po_no: { type: 'string', maxLength: 40 },
          status: { enum: Object.values(view.INVOICE_STATUS_CODES) },
        }),
      },
    },
    (request) => {
      const query = request.query as schema.ListQuery & { po_no?: string; status?: string };
      const invoices = erp
        .listInvoices()
        .filter(
          (invoice) =>
            (query.po_no === undefined || invoice.purchaseOrderId === query.po_no) &&
            (query.status === undefined || view.INVOICE_STATUS_CODES[invoice.status] === query.status),
        );
      return Promise.resolve(page(invoices.map(view.invoiceOf), query));
    },
  );
  api.get('/ap/invoices/:invoice_doc', { schema: { params: schema.idParams('invoice_doc') } }, (request, reply) => {
    const invoice = erp.invoice(params(request).invoice_doc);
    return sendVersioned(request, reply, invoice.version, view.invoiceOf(invoice));
  });
  api.post(
    '/ap/invoices/:invoice_doc/release',
    { schema: { params: schema.idParams('invoice_doc'), body: schema.releaseBody } },
    (request, reply) => {
      const key = idempotencyKeyOf(request);
      const current = erp.invoice(params(request).invoice_doc);
      checkIfMatch(request, erp, key, current.version);
      const body = request.body as schema.ReleaseBody;
      const outcome = erp.approveInvoiceVariance(current.id, { approver: body.approver, comment: body.comment }, { idempotencyKey: key });
      return Promise.resolve(sendUpdated(reply, outcome, view.invoiceOf(outcome.result), outcome.result.version));
    },
  );

  api.post('/ap/payments', { schema: { body: schema.paymentBody } }, (request, reply) => {
    const body = request.body as schema.PaymentBody;
    const outcome = erp.postPayment(
      {
        invoiceId: body.invoice_doc,
        amountCents: cents(body.amount),
        method: body.method.toLowerCase() as 'ach' | 'check' | 'wire',
        paidOn: body.value_date,
      },
      { idempotencyKey: idempotencyKeyOf(request) },
    );
    return Promise.resolve(sendCreated(reply, outcome, view.paymentOf(outcome.result)));
  });
  api.get('/ap/payments', { schema: { querystring: schema.listQuery({ invoice_doc: { type: 'string', maxLength: 40 } }) } }, (request) => {
    const query = request.query as schema.ListQuery & { invoice_doc?: string };
    const payments = erp.listPayments().filter((payment) => query.invoice_doc === undefined || payment.invoiceId === query.invoice_doc);
    return Promise.resolve(page(payments.map(view.paymentOf), query));
  });
  api.get('/ap/payments/:payment_doc', { schema: { params: schema.idParams('payment_doc') } }, (request) =>
    Promise.resolve(view.paymentOf(erp.payment(params(request).payment_doc))),
  );

  // Payroll
  api.get('/payroll/employees', { schema: { querystring: schema.listQuery() } }, (request) =>
    Promise.resolve(page(erp.listPayrollEmployees().map(view.payrollEmployeeOf), request.query as schema.ListQuery)),
  );
  api.get('/payroll/employees/:personnel_no', { schema: { params: schema.idParams('personnel_no') } }, (request, reply) => {
    const employee = erp.payrollEmployee(params(request).personnel_no);
    return sendVersioned(request, reply, employee.version, view.payrollEmployeeOf(employee));
  });
  api.put(
    '/payroll/employees/:personnel_no',
    { schema: { params: schema.idParams('personnel_no'), body: schema.payrollEmployeeBody } },
    (request, reply) => {
      const key = idempotencyKeyOf(request);
      const personnelNo = params(request).personnel_no;
      if (!/^[A-Za-z0-9]{1,20}$/.test(personnelNo))
        throw new ErpDomainError(ErpErrorCode.VALIDATION_FAILED, 'personnel_no must be 1-20 letters or digits', {
          field: 'employeeNumber',
        });
      const existing = erp.listPayrollEmployees().find((employee) => employee.employeeNumber === personnelNo);
      if (existing) checkIfMatch(request, erp, key, existing.version);
      const body = request.body as schema.PayrollEmployeeBody;
      const outcome = erp.upsertPayrollEmployee(
        {
          employeeNumber: personnelNo,
          costCentre: body.cost_center,
          hourlyRateCents: decimalToCents(body.hourly_rate),
          status: body.status === 'ACTIVE' ? 'active' : 'terminated',
          hireDate: body.entry_date,
          terminationDate: body.leaving_date,
        },
        { idempotencyKey: key },
      );
      if (!existing) void reply.status(201);
      return Promise.resolve(sendUpdated(reply, outcome, view.payrollEmployeeOf(outcome.result), outcome.result.version));
    },
  );
  api.post('/payroll/runs', { schema: { body: schema.payrollRunBody }, config: { linesAs: 'time_records' } }, (request, reply) => {
    const body = request.body as schema.PayrollRunBody;
    const outcome = erp.runPayroll(
      {
        periodStart: body.period_from,
        periodEnd: body.period_to,
        timesheets: body.time_records.map((record) => ({ employeeNumber: record.personnel_no, hours: record.hours })),
      },
      { idempotencyKey: idempotencyKeyOf(request) },
    );
    return Promise.resolve(sendCreated(reply, outcome, view.payrollRunOf(outcome.result)));
  });
  api.get('/payroll/runs/:run_no', { schema: { params: schema.idParams('run_no') } }, (request) =>
    Promise.resolve(view.payrollRunOf(erp.payrollRun(params(request).run_no))),
  );
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as T;
}
