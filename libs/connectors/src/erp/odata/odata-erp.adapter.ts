import type {
  ApprovalDecisionDto,
  CostCentreDto,
  CostCentreValidationDto,
  CreateGoodsReceiptDto,
  CreateInventoryIssueDto,
  CreateJournalEntryDto,
  CreatePaymentDto,
  CreatePurchaseOrderDto,
  CreatePurchaseRequisitionDto,
  CreateSupplierInvoiceDto,
  GLAccountDto,
  GLMappingDto,
  GoodsReceiptDto,
  InventoryBalanceDto,
  InventoryIssueDto,
  InvoiceVarianceApprovalDto,
  ItemDto,
  JournalEntryDto,
  PaymentDto,
  PurchaseOrderDto,
  PurchaseRequisitionDto,
  SourceDocumentType,
  SupplierDto,
  SupplierInvoiceDto,
  TrialBalanceDto,
} from '@concord/contracts';
import { COST_CENTRE_CODE_PATTERN } from '@concord/contracts';
import { centsToDecimal } from '../../odata/decimal-amount';
import { bindTo, type EntitySet } from '../../odata/entity-set';
import { ODataClient } from '../../odata/odata-client';
import { ODataException, ODataExceptionCode } from '../../odata/odata.exception';
import { type ODataFilter, where } from '../../odata/odata-filter';
import type { ODataEntity } from '../../odata/odata-payload';
import type { QueryOptions } from '../../odata/odata-query';
import type { ODataSessionOptions } from '../../odata/odata-session';
import type * as S4 from '../../odata/s4hana/s4-entities';
import { S4_OPERATIONS, S4_SERVICE_PATHS, type S4ServiceName } from '../../odata/s4hana/s4-services';
import { CircuitOpenError } from '../../resilience/outbound-policy';
import { ErpConnectorException, ErpConnectorExceptionCode as Code } from '../erp-connector.exception';
import {
  ErpPort,
  type GlMappingQuery,
  type InventoryBalanceQuery,
  type JournalQuery,
  type MasterDataQuery,
  type PostingOptions,
  type PurchaseOrderQuery,
  type TrialBalanceQuery,
} from '../erp.port';
import { businessCodeOf, erpErrorOf, type RequestShape } from './s4-erp-errors';
import { ERP_SETS } from './s4-erp.entities';
import type * as X from './s4-erp.entities';
import * as map from './s4-erp.mapping';
import { senderReference } from './sender-reference';

export interface ODataErpAdapterOptions {
  /** Origin of the S/4 system (e.g. https://my300000-api.s4hana.cloud.sap); its APIs at S/4's default paths. */
  origin?: string;
  /** Full service roots, where a tenant (or a test server) places them elsewhere than `origin` + default path. */
  services?: Partial<Record<S4ServiceName, string>>;
  /** Credentials, timeout, outbound limits (rate, concurrency, retries, circuit breaker) and CSRF of the one session all APIs share. */
  session: ODataSessionOptions;
  /** Plant (valuation area) whose storage locations are Concord's locations (default 1000). */
  plant?: string;
  companyCode?: string;
  controllingArea?: string;
  chartOfAccounts?: string;
  /** The 3-way match price tolerance the ERP applies, reported with each match result (default 2). */
  priceTolerancePercent?: number;
  /** Requisitions above this total (cents) wait for release (default 1,000,000 = 10,000.00). */
  requisitionReleaseThresholdCents?: number;
  /** Account types by number range (default: SCENARIOS.md's chart). */
  accountTypes?: readonly map.AccountTypeRange[];
  /** Days of each payment terms key (default NT30, NT45, NT60). */
  paymentTermsDays?: map.PaymentTermsDays;
  /**
   * Retries of a write refused as throttled or unavailable, after the Retry-After it was given. Safe
   * because every write carries its sender's reference: a retry of one that did land is read back.
   */
  writeRetries?: number;
  clock?: () => Date;
}

type Entity<T> = ODataEntity<T>;
const ALL_TIME = '9999-12-31';
const MAX_ETAG_ATTEMPTS = 4;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * ErpPort on an SAP S/4HANA-style ERP through its OData v4 APIs (business partner, product, stock,
 * material documents, purchase requisitions and orders, supplier invoices and payments, journal
 * entries). Money crosses as decimal text and becomes integer cents exactly; every write carries a
 * sender's reference derived from its idempotency key, so a retry is recognised (409) and read back;
 * changes to existing documents go with their ETag and are re-read and retried on 412. All mapping
 * lives in s4-erp.mapping.ts; this class chooses the calls.
 */
export class ODataErpAdapter extends ErpPort {
  readonly api: Record<S4ServiceName, ODataClient>;
  private readonly plant: string;
  private readonly companyCode: string;
  private readonly controllingArea: string;
  private readonly chartOfAccounts: string;
  private readonly tolerance: number;
  private readonly releaseThreshold: number;
  private readonly accountTypes: readonly map.AccountTypeRange[];
  private readonly paymentTerms: map.PaymentTermsDays;
  private readonly writeRetries: number;
  private readonly clock: () => Date;

  constructor(options: ODataErpAdapterOptions) {
    super();
    const roots = Object.fromEntries(
      (Object.keys(S4_SERVICE_PATHS) as S4ServiceName[]).map((name) => {
        const root =
          options.services?.[name] ?? (options.origin ? `${options.origin.replace(/\/+$/, '')}${S4_SERVICE_PATHS[name]}` : undefined);
        if (!root) throw new Error(`ODataErpAdapter needs an origin or a service root for ${name}`);
        return [name, root];
      }),
    ) as Record<S4ServiceName, string>;
    const first = new ODataClient({ serviceRoot: roots.API_BUSINESS_PARTNER, ...options.session });
    this.api = Object.fromEntries(
      (Object.keys(roots) as S4ServiceName[]).map((name) => [
        name,
        name === 'API_BUSINESS_PARTNER' ? first : first.forService(roots[name]),
      ]),
    ) as Record<S4ServiceName, ODataClient>;
    this.plant = options.plant ?? '1000';
    this.companyCode = options.companyCode ?? '1000';
    this.controllingArea = options.controllingArea ?? 'A000';
    this.chartOfAccounts = options.chartOfAccounts ?? 'YCOA';
    this.tolerance = options.priceTolerancePercent ?? 2;
    this.releaseThreshold = options.requisitionReleaseThresholdCents ?? 1_000_000;
    this.accountTypes = options.accountTypes ?? map.DEFAULT_ACCOUNT_TYPES;
    this.paymentTerms = options.paymentTermsDays ?? { NT30: 30, NT45: 45, NT60: 60 };
    this.writeRetries = options.writeRetries ?? 2;
    this.clock = options.clock ?? (() => new Date());
  }

  /** closed, open, half-open or isolated: the circuit of the session every API shares. */
  get circuitState(): string {
    return this.api.API_BUSINESS_PARTNER.circuitState;
  }

  // -------------------------------------------------------------------------------------------
  // Master data

  listSuppliers(query: MasterDataQuery = {}): Promise<SupplierDto[]> {
    return this.reading('other', async () => {
      const filter = query.changedSince === undefined ? undefined : where(ERP_SETS.A_Supplier).gt('LastChangeDateTime', query.changedSince);
      const suppliers = await collect(
        this.api.API_BUSINESS_PARTNER.all(ERP_SETS.A_Supplier, { filter, expand: { to_SupplierCompany: true } }),
      );
      return suppliers.map((supplier) =>
        read(supplier, (value) => map.supplierFromS4(value, this.paymentTerms, this.companyCode), 'supplier'),
      );
    });
  }

  getSupplier(id: string): Promise<SupplierDto> {
    return this.reading(
      'other',
      async () => {
        const supplier = await this.api.API_BUSINESS_PARTNER.read(ERP_SETS.A_Supplier, id, { expand: { to_SupplierCompany: true } });
        return read(supplier, (value) => map.supplierFromS4(value, this.paymentTerms, this.companyCode), 'supplier');
      },
      `supplier ${id}`,
    );
  }

  listItems(query: MasterDataQuery = {}): Promise<ItemDto[]> {
    return this.reading('other', async () => {
      const filter = query.changedSince === undefined ? undefined : where(ERP_SETS.A_Product).gt('LastChangeDateTime', query.changedSince);
      const [products, records] = await Promise.all([
        collect(this.api.API_PRODUCT_SRV.all(ERP_SETS.A_Product, { filter, expand: { to_Plant: true } })),
        this.infoRecords(),
      ]);
      return products.map((product) =>
        read(product, (value) => map.itemFromS4(value, this.plant, map.currentInfoRecord(records, value.Product, this.plant)), 'product'),
      );
    });
  }

  getItem(id: string): Promise<ItemDto> {
    return this.reading('other', async () => this.item(id), `item ${id}`);
  }

  async listInventoryBalances(query: InventoryBalanceQuery = {}): Promise<InventoryBalanceDto[]> {
    return this.reading('other', async () => {
      const s = where(ERP_SETS.A_MatlStkInAcctMod);
      const stock = await collect(
        this.api.API_MATERIAL_STOCK_SRV.all(ERP_SETS.A_MatlStkInAcctMod, {
          filter: s.and(
            s.eq('Plant', this.plant),
            s.eq('InventoryStockType', '01'),
            ...(query.itemId !== undefined ? [s.eq('Material', query.itemId)] : []),
            ...(query.locationId !== undefined ? [s.eq('StorageLocation', query.locationId)] : []),
          ),
        }),
      );
      const materials = [...new Set(stock.map((row) => row.Material))];
      if (!materials.length) return [];
      const p = where(ERP_SETS.A_Product);
      const [products, serials, onOrder] = await Promise.all([
        collect(
          this.api.API_PRODUCT_SRV.all(ERP_SETS.A_Product, {
            filter: p.in('Product', materials),
            expand: { to_Plant: true, to_Valuation: true },
          }),
        ),
        this.serialsInStock(materials, query.locationId),
        this.openOrderQuantities(materials),
      ]);
      const byProduct = new Map(products.map((product) => [product.Product, product]));
      return stock.map((row) =>
        read(
          row,
          (value) => {
            const product = byProduct.get(value.Material);
            const valuation = product?.to_Valuation?.find((candidate) => candidate.ValuationArea === this.plant);
            return map.balanceFromS4({
              stock: value,
              movingAveragePrice: valuation?.MovingAveragePrice,
              priceUnit: valuation?.PriceUnitQty,
              serials: serials.get(`${value.Material}|${value.StorageLocation}`) ?? [],
              planning: product ? map.planningOf(product, this.plant) : { allowNegativeStock: false },
              onOrder: onOrder.get(`${value.Material}|${value.StorageLocation}`) ?? 0,
            });
          },
          'stock line',
        ),
      );
    });
  }

  async issueStock(input: CreateInventoryIssueDto, options: PostingOptions): Promise<InventoryIssueDto> {
    if (input.lots?.length) throw notSupported('lots: this ERP API does not carry batches on a goods issue');
    if (input.encounterId && input.encounterId.length > map.ENCOUNTER_REFERENCE_LENGTH)
      throw map.unrepresentable('encounterId', `at most ${map.ENCOUNTER_REFERENCE_LENGTH} characters`);
    const sent = map.issueToS4(input, senderReference(options.idempotencyKey), this.plant);
    const document = await this.writing('issue', () => this.postMaterialDocument(sent));
    return this.reading('issue', async () => {
      const [stock, product, records] = await Promise.all([
        this.onHand(input.itemId, input.locationId),
        this.api.API_PRODUCT_SRV.read(ERP_SETS.A_Product, input.itemId, { expand: { to_Plant: true } }),
        this.infoRecords(input.itemId),
      ]);
      const planning = map.planningOf(product, this.plant);
      const record = map.currentInfoRecord(records, input.itemId, this.plant);
      const below = planning.reorderPoint !== undefined && stock <= planning.reorderPoint;
      const onOrder = below ? ((await this.openOrderQuantities([input.itemId])).get(`${input.itemId}|${input.locationId}`) ?? 0) : 0;
      return read(
        document,
        (value) =>
          map.issueFromS4(value, {
            procedureId: input.procedureId,
            onHandAfter: stock,
            reorder: {
              onHand: stock,
              onOrder,
              planning,
              preferredSupplierId: record?.Supplier,
              lastPurchasePrice: record?.NetPriceAmount
                ? { amount: map.cents(record.NetPriceAmount, 'NetPriceAmount'), currency: 'USD' }
                : undefined,
            },
          }),
        'material document',
      );
    });
  }

  listCostCentres(): Promise<CostCentreDto[]> {
    return this.reading('other', async () => {
      const rows = await collect(
        this.api.API_COSTCENTER_SRV.all(ERP_SETS.A_CostCenter, {
          filter: where(ERP_SETS.A_CostCenter).eq('ControllingArea', this.controllingArea),
        }),
      );
      const byCode = new Map<string, S4.A_CostCenter[]>();
      for (const row of rows) byCode.set(row.CostCenter, [...(byCode.get(row.CostCenter) ?? []), row]);
      return [...byCode.values()]
        .map((periods) => read(periods, (value) => map.costCentreFromS4(value, this.today()), 'cost centre'))
        .filter((costCentre): costCentre is CostCentreDto => costCentre !== undefined)
        .sort((a, b) => a.code.localeCompare(b.code));
    });
  }

  async validateCostCentre(code: string): Promise<CostCentreValidationDto> {
    // A malformed code never reaches the ERP: it could not name a cost centre.
    if (!COST_CENTRE_CODE_PATTERN.test(code)) return { code, valid: false, reason: 'malformed' };
    return this.reading('other', async () => {
      const c = where(ERP_SETS.A_CostCenter);
      const rows = await collect(
        this.api.API_COSTCENTER_SRV.all(ERP_SETS.A_CostCenter, {
          filter: c.and(c.eq('ControllingArea', this.controllingArea), c.eq('CostCenter', code)),
        }),
      );
      return read(rows, (value) => map.costCentreValidation(code, value, this.today()), 'cost centre');
    });
  }

  // -------------------------------------------------------------------------------------------
  // Requisitions and purchase orders

  async createRequisition(input: CreatePurchaseRequisitionDto, options: PostingOptions): Promise<PurchaseRequisitionDto> {
    const reference = senderReference(options.idempotencyKey);
    return this.writing('requisition', async () => {
      const lines = await this.resolveRequisitionLines(input);
      const existing = await this.findOne(this.api.API_PURCHASEREQ_PROCESS_SRV, ERP_SETS.A_PurchaseRequisitionHeader, {
        filter: where(ERP_SETS.A_PurchaseRequisitionHeader).eq('YY1_SenderReference_PRH', reference),
        expand: { to_PurchaseReqnItem: true },
      });
      if (existing) {
        const stored = read(existing, (value) => map.requisitionFromS4(value, this.releaseThreshold), 'purchase requisition');
        if (!sameRequisition(stored, input, lines)) throw keyReused();
        return stored;
      }
      const created = await this.api.API_PURCHASEREQ_PROCESS_SRV.create(
        ERP_SETS.A_PurchaseRequisitionHeader,
        map.requisitionToS4(input, lines, reference, this.plant),
      );
      return read(created, (value) => map.requisitionFromS4(value, this.releaseThreshold), 'purchase requisition');
    });
  }

  getRequisition(id: string): Promise<PurchaseRequisitionDto> {
    return this.reading('requisition', async () => this.requisition(id), `purchase requisition ${id}`);
  }

  async decideRequisition(id: string, decision: ApprovalDecisionDto, options: PostingOptions): Promise<PurchaseRequisitionDto> {
    const decided = (requisition: PurchaseRequisitionDto): PurchaseRequisitionDto => ({
      ...requisition,
      decidedBy: decision.approver,
      ...(decision.comment !== undefined ? { decisionComment: decision.comment } : {}),
    });
    return this.withETag('requisition', options, async (etag) => {
      const requisition = await this.requisition(id);
      if (decision.decision === 'reject') throw notSupported('rejecting a requisition: this ERP API only releases requisitions');
      // Approving what is approved changes nothing (a retried approval lands here).
      if (requisition.approvalStatus === 'approved') return decided(requisition);
      if (requisition.approvalStatus !== 'pending')
        throw new ErpConnectorException(
          Code.DOCUMENT_STATE_CONFLICT,
          `Requisition ${id} is ${requisition.approvalStatus}, not pending approval`,
        );
      if (decision.approver === requisition.requester)
        throw new ErpConnectorException(
          Code.APPROVAL_NOT_ALLOWED,
          `Requisition ${id} must be decided by someone other than its requester`,
          undefined,
          {
            fieldErrors: [{ in: 'body', name: 'approver', detail: 'the requester cannot approve their own requisition' }],
          },
        );
      await this.api.API_PURCHASEREQ_PROCESS_SRV.action(
        S4_OPERATIONS.releaseRequisition,
        {},
        bindTo(ERP_SETS.A_PurchaseRequisitionHeader, id, etag ?? map.etagOf(requisition.source.versionId)),
      );
      return decided(await this.requisition(id));
    });
  }

  async createPurchaseOrder(input: CreatePurchaseOrderDto, options: PostingOptions): Promise<PurchaseOrderDto> {
    const reference = senderReference(options.idempotencyKey);
    return this.writing('purchase-order', async () => {
      const sent = await this.purchaseOrderFor(input, reference);
      const existing = await this.findOne(this.api.API_PURCHASEORDER_PROCESS_SRV, ERP_SETS.A_PurchaseOrder, {
        filter: where(ERP_SETS.A_PurchaseOrder).eq('YY1_SenderReference_PDH', reference),
        expand: { to_PurchaseOrderItem: true },
      });
      if (existing) {
        if (!samePurchaseOrder(existing, sent)) throw keyReused();
        return this.purchaseOrderDto(existing);
      }
      const created = await this.api.API_PURCHASEORDER_PROCESS_SRV.create(ERP_SETS.A_PurchaseOrder, sent);
      return read(created, (value) => map.purchaseOrderFromS4(value, false), 'purchase order');
    });
  }

  getPurchaseOrder(id: string): Promise<PurchaseOrderDto> {
    return this.reading('purchase-order', async () => this.purchaseOrderDto(await this.purchaseOrder(id)), `purchase order ${id}`);
  }

  listPurchaseOrders(query: PurchaseOrderQuery = {}): Promise<PurchaseOrderDto[]> {
    return this.reading('purchase-order', async () => {
      const filter = query.supplierId === undefined ? undefined : where(ERP_SETS.A_PurchaseOrder).eq('Supplier', query.supplierId);
      const orders = await collect(
        this.api.API_PURCHASEORDER_PROCESS_SRV.all(ERP_SETS.A_PurchaseOrder, { filter, expand: { to_PurchaseOrderItem: true } }),
      );
      const dtos = await Promise.all(orders.map((order) => this.purchaseOrderDto(order)));
      return dtos.filter((order) => query.status === undefined || order.status === query.status);
    });
  }

  async approvePurchaseOrder(id: string, _approver: string, _options: PostingOptions): Promise<PurchaseOrderDto> {
    const order = await this.getPurchaseOrder(id);
    // S/4 creates purchase orders active; approval happens on the requisition (release) before.
    throw new ErpConnectorException(
      Code.DOCUMENT_STATE_CONFLICT,
      `Purchase order ${id} is ${order.status}; it cannot be approved (this ERP creates purchase orders approved)`,
    );
  }

  sendPurchaseOrder(id: string, options: PostingOptions): Promise<PurchaseOrderDto> {
    return this.withETag('purchase-order', options, async (etag) => {
      const order = await this.purchaseOrder(id);
      const dto = await this.purchaseOrderDto(order);
      if (dto.status !== 'approved') {
        if (order.YY1_OutputSent_PDH) return dto;
        throw new ErpConnectorException(Code.DOCUMENT_STATE_CONFLICT, `Purchase order ${id} is ${dto.status}; it cannot be sent`);
      }
      await this.api.API_PURCHASEORDER_PROCESS_SRV.update(
        ERP_SETS.A_PurchaseOrder,
        id,
        { YY1_OutputSent_PDH: true },
        { etag: etag ?? order['@odata.etag'] },
      );
      return this.purchaseOrderDto(await this.purchaseOrder(id));
    });
  }

  cancelPurchaseOrder(id: string, options: PostingOptions): Promise<PurchaseOrderDto> {
    return this.withETag('purchase-order', options, async (etag) => {
      const order = await this.purchaseOrder(id);
      if (order.PurchasingProcessingStatus === '08') return this.purchaseOrderDto(order);
      await this.api.API_PURCHASEORDER_PROCESS_SRV.update(
        ERP_SETS.A_PurchaseOrder,
        id,
        { PurchasingProcessingStatus: '08' },
        { etag: etag ?? order['@odata.etag'] },
      );
      return this.purchaseOrderDto(await this.purchaseOrder(id));
    });
  }

  // -------------------------------------------------------------------------------------------
  // Goods receipts, invoices, payments

  async postGoodsReceipt(input: CreateGoodsReceiptDto, options: PostingOptions): Promise<GoodsReceiptDto> {
    const lotsAt = input.lines.findIndex((line) => line.lots?.length);
    if (lotsAt >= 0) throw notSupported(`lines[${lotsAt}].lots: this ERP API does not carry batches on a goods receipt`);
    const sent = map.receiptToS4(input, senderReference(options.idempotencyKey));
    const document = await this.writing('receipt', () => this.postMaterialDocument(sent));
    return this.reading('receipt', () => this.receiptDto(document));
  }

  getGoodsReceipt(id: string): Promise<GoodsReceiptDto> {
    return this.reading('receipt', async () => this.receiptDto(await this.materialDocument(id, 'goods receipt')), `goods receipt ${id}`);
  }

  async postSupplierInvoice(input: CreateSupplierInvoiceDto, options: PostingOptions): Promise<SupplierInvoiceDto> {
    if (input.invoiceNumber.length > 16)
      throw map.unrepresentable('invoiceNumber', 'at most 16 characters (the ERP keeps the supplier’s reference in 16)');
    const reference = senderReference(options.idempotencyKey);
    const posted = await this.writing('invoice', async () => {
      const mine = () =>
        this.findOne(this.api.API_SUPPLIERINVOICE_PROCESS_SRV, ERP_SETS.A_SupplierInvoice, {
          filter: where(ERP_SETS.A_SupplierInvoice).eq('DocumentHeaderText', reference),
          expand: { to_SuplrInvcItemPurOrdRef: true, to_MatchIssue: true },
        });
      const sent = await this.invoiceFor(input, reference);
      const existing = await mine();
      if (existing) {
        if (!sameInvoice(existing, sent)) throw keyReused();
        return existing;
      }
      try {
        return await this.api.API_SUPPLIERINVOICE_PROCESS_SRV.create(ERP_SETS.A_SupplierInvoice, sent);
      } catch (error) {
        if (businessCodeOf(error) !== 'DUPLICATE_DOCUMENT') throw error;
        const raced = await mine();
        if (raced && sameInvoice(raced, sent)) return raced;
        throw new ErpConnectorException(
          Code.DUPLICATE_INVOICE,
          `Invoice ${input.invoiceNumber} of supplier ${input.supplierId} was already entered`,
          409,
          { cause: error, fieldErrors: [{ in: 'body', name: 'invoiceNumber', detail: 'already entered for this supplier' }] },
        );
      }
    });
    return this.reading('invoice', () => this.invoiceDto(posted));
  }

  getSupplierInvoice(id: string): Promise<SupplierInvoiceDto> {
    return this.reading('invoice', async () => this.invoiceDto(await this.supplierInvoice(id)), `supplier invoice ${id}`);
  }

  async approveInvoiceVariance(id: string, approval: InvoiceVarianceApprovalDto, options: PostingOptions): Promise<SupplierInvoiceDto> {
    const approved = (invoice: SupplierInvoiceDto): SupplierInvoiceDto => ({ ...invoice, varianceApprovedBy: approval.approver });
    return this.withETag('invoice', options, async (etag) => {
      const invoice = await this.supplierInvoice(id);
      const dto = await this.invoiceDto(invoice);
      // Releasing what is released changes nothing (a retried approval lands here).
      if (dto.status !== 'match-failed') {
        if (dto.match.result === 'failed') return approved(dto);
        throw new ErpConnectorException(Code.VARIANCE_NOT_APPROVABLE, `Invoice ${id} matched; there is no variance to approve`);
      }
      const other = dto.match.lines.flatMap((line) => line.discrepancies).find((discrepancy) => discrepancy.code !== 'price-variance');
      if (other)
        throw new ErpConnectorException(
          Code.VARIANCE_NOT_APPROVABLE,
          `Invoice ${id} cannot be released by approving a price variance: ${other.message}`,
        );
      const key = { SupplierInvoice: invoice.SupplierInvoice!, FiscalYear: invoice.FiscalYear! };
      await this.api.API_SUPPLIERINVOICE_PROCESS_SRV.action(
        S4_OPERATIONS.releaseInvoicePaymentBlock,
        {},
        bindTo(ERP_SETS.A_SupplierInvoice, key, etag ?? invoice['@odata.etag']),
      );
      return approved(await this.invoiceDto(await this.supplierInvoice(id)));
    });
  }

  async postPayment(input: CreatePaymentDto, options: PostingOptions): Promise<PaymentDto> {
    const reference = senderReference(options.idempotencyKey);
    const payment = await this.writing('payment', async () => {
      const mine = () =>
        this.findOne(this.api.API_SUPPLIERPAYMENT_SRV, ERP_SETS.A_SupplierPayment, {
          filter: where(ERP_SETS.A_SupplierPayment).eq('PaymentReference', reference),
        });
      const invoice = await this.supplierInvoice(input.invoiceId);
      const existing = await mine();
      if (existing) {
        const same =
          map.documentId(existing.SupplierInvoice, existing.SupplierInvoiceFiscalYear) === input.invoiceId &&
          (input.amount === undefined || map.cents(existing.PaymentAmount, 'PaymentAmount') === input.amount.amount) &&
          existing.PaymentMethod === map.PAYMENT_METHOD_CODES[input.method];
        if (!same) throw keyReused();
        return existing;
      }
      const open = map.cents(invoice.InvoiceGrossAmount, 'InvoiceGrossAmount') - map.cents(invoice.PaidAmount ?? '0', 'PaidAmount');
      const sent: X.A_SupplierPayment = {
        SupplierInvoice: invoice.SupplierInvoice!,
        SupplierInvoiceFiscalYear: invoice.FiscalYear!,
        PaymentAmount: centsToDecimal(input.amount?.amount ?? open),
        PaymentReference: reference,
        PaymentMethod: map.PAYMENT_METHOD_CODES[input.method],
        ...(input.paidOn ? { PostingDate: input.paidOn } : {}),
      };
      try {
        return await this.api.API_SUPPLIERPAYMENT_SRV.create(ERP_SETS.A_SupplierPayment, sent);
      } catch (error) {
        const raced = businessCodeOf(error) === 'DUPLICATE_DOCUMENT' ? await mine() : undefined;
        if (raced) return raced;
        throw error;
      }
    });
    return read(payment, map.paymentFromS4, 'payment');
  }

  getPayment(id: string): Promise<PaymentDto> {
    return this.reading(
      'payment',
      async () => {
        const key = documentKey(id, 'payment');
        const payment = await this.api.API_SUPPLIERPAYMENT_SRV.read(ERP_SETS.A_SupplierPayment, {
          PaymentDocument: key.number,
          FiscalYear: key.year,
        });
        return read(payment, map.paymentFromS4, 'payment');
      },
      `payment ${id}`,
    );
  }

  // -------------------------------------------------------------------------------------------
  // General ledger

  async postJournal(input: CreateJournalEntryDto, options: PostingOptions): Promise<JournalEntryDto> {
    const foreign = input.lines.findIndex((line) => line.amount.currency !== 'USD');
    if (foreign >= 0) throw map.unrepresentable(`lines[${foreign}].amount`, 'the company code posts in USD');
    const difference = map.journalDifference(input);
    if (difference !== 0) {
      // Checked here so the refusal can name the difference exactly, without a round trip.
      const side = difference > 0 ? 'debits exceed credits' : 'credits exceed debits';
      throw new ErpConnectorException(
        Code.JOURNAL_UNBALANCED,
        `The journal does not balance: ${side} by ${centsToDecimal(Math.abs(difference))} USD`,
        undefined,
        {
          difference: { amount: difference, currency: 'USD' },
          fieldErrors: [{ in: 'body', name: 'lines', detail: 'debits must equal credits' }],
        },
      );
    }
    const sent = map.journalToS4(input, senderReference(options.idempotencyKey));
    const entry = await this.writing('journal', async () => {
      try {
        return await this.api.API_JOURNALENTRY_SRV.create(ERP_SETS.A_JournalEntry, sent);
      } catch (error) {
        if (businessCodeOf(error) !== 'DUPLICATE_DOCUMENT') throw error;
        const stored = await this.findOne(this.api.API_JOURNALENTRY_SRV, ERP_SETS.A_JournalEntry, {
          filter: where(ERP_SETS.A_JournalEntry).eq('DocumentReferenceID', sent.DocumentReferenceID!),
          expand: { to_Item: true },
        });
        if (!stored) throw error;
        if (!map.sameJournal(stored, sent)) throw keyReused();
        return stored;
      }
    });
    return read(entry, map.journalFromS4, 'journal entry');
  }

  getJournal(id: string): Promise<JournalEntryDto> {
    return this.reading(
      'journal',
      async () => {
        const key = documentKey(id, 'journal entry');
        const entry = await this.api.API_JOURNALENTRY_SRV.read(
          ERP_SETS.A_JournalEntry,
          { CompanyCode: this.companyCode, FiscalYear: key.year, AccountingDocument: key.number },
          { expand: { to_Item: true } },
        );
        return read(entry, map.journalFromS4, 'journal entry');
      },
      `journal entry ${id}`,
    );
  }

  listJournals(query: JournalQuery = {}): Promise<JournalEntryDto[]> {
    return this.reading('journal', async () => {
      const filter = this.journalFilter(query);
      if (!filter) return [];
      const entries = await collect(this.api.API_JOURNALENTRY_SRV.all(ERP_SETS.A_JournalEntry, { filter, expand: { to_Item: true } }));
      return entries.map((entry) => read(entry, map.journalFromS4, 'journal entry'));
    });
  }

  listGlAccounts(): Promise<GLAccountDto[]> {
    return this.reading('other', async () =>
      (await this.glAccounts()).map((account) => read(account, (value) => map.glAccountFromS4(value, this.accountTypes), 'GL account')),
    );
  }

  listGlMappings(query: GlMappingQuery = {}): Promise<GLMappingDto[]> {
    return this.reading('other', async () => {
      const m = where(ERP_SETS.YY1_GLAccountMapping);
      const conditions = [
        ...(query.departmentCode !== undefined ? [m.eq('CostCenter', query.departmentCode)] : []),
        ...(query.chargeCategory !== undefined ? [m.eq('ChargeCategory', map.CHARGE_CATEGORY_CODES[query.chargeCategory])] : []),
      ];
      const rows = await collect(
        this.api.YY1_GLACCOUNTMAPPING_CDS.all(ERP_SETS.YY1_GLAccountMapping, conditions.length ? { filter: m.and(...conditions) } : {}),
      );
      return rows
        .map((row) => read(row, map.glMappingFromS4, 'GL account mapping'))
        .filter((mapping): mapping is GLMappingDto => mapping !== undefined)
        .sort((a, b) => a.departmentCode.localeCompare(b.departmentCode) || a.chargeCategory.localeCompare(b.chargeCategory));
    });
  }

  getTrialBalance(query: TrialBalanceQuery = {}): Promise<TrialBalanceDto> {
    return this.reading('other', async () => {
      const [rows, accounts] = await Promise.all([
        this.api.API_JOURNALENTRY_SRV.function<S4.TrialBalanceLine[]>(
          S4_OPERATIONS.trialBalance,
          { CompanyCode: this.companyCode, ToPostingDate: ALL_TIME },
          { types: { ToPostingDate: 'Edm.Date' } },
        ),
        this.glAccounts(),
      ]);
      if (!Array.isArray(rows))
        throw new ErpConnectorException(Code.INVALID_RESPONSE, 'The ERP answered the trial balance without a list of lines');
      const names = new Map(
        accounts.map((account) => [account.GLAccount, account.GLAccountLongName ?? account.GLAccountName ?? account.GLAccount]),
      );
      return read(rows, (value) => map.trialBalanceFromS4(value, names, query, this.clock().toISOString()), 'trial balance');
    });
  }

  // -------------------------------------------------------------------------------------------
  // Reads behind the operations

  private today(): string {
    return this.clock().toISOString().slice(0, 10);
  }

  private async item(id: string): Promise<ItemDto> {
    const [product, records] = await Promise.all([
      this.api.API_PRODUCT_SRV.read(ERP_SETS.A_Product, id, { expand: { to_Plant: true } }),
      this.infoRecords(id),
    ]);
    return read(product, (value) => map.itemFromS4(value, this.plant, map.currentInfoRecord(records, id, this.plant)), 'product');
  }

  private infoRecords(material?: string): Promise<S4.A_PurchasingInfoRecord[]> {
    const filter = material === undefined ? undefined : where(ERP_SETS.A_PurchasingInfoRecord).eq('Material', material);
    return collect(this.api.API_INFORECORD_PROCESS_SRV.all(ERP_SETS.A_PurchasingInfoRecord, { filter }));
  }

  private async onHand(material: string, storageLocation: string): Promise<number> {
    try {
      const row = await this.api.API_MATERIAL_STOCK_SRV.read(ERP_SETS.A_MatlStkInAcctMod, {
        Material: material,
        Plant: this.plant,
        StorageLocation: storageLocation,
        InventoryStockType: '01',
      });
      return map.quantity(row.MatlWrhsStkQtyInMatlBaseUnit ?? '0', 'MatlWrhsStkQtyInMatlBaseUnit');
    } catch (error) {
      if (error instanceof ODataException && error.code === ODataExceptionCode.NOT_FOUND) return 0;
      throw error;
    }
  }

  /** Serial numbers in stock, by `material|storage location`. */
  private async serialsInStock(materials: string[], storageLocation?: string): Promise<Map<string, string[]>> {
    const s = where(ERP_SETS.A_SerialNumberStock);
    const rows = await collect(
      this.api.API_MATERIAL_STOCK_SRV.all(ERP_SETS.A_SerialNumberStock, {
        filter: s.and(
          s.eq('Plant', this.plant),
          s.in('Material', materials),
          ...(storageLocation !== undefined ? [s.eq('StorageLocation', storageLocation)] : []),
        ),
      }),
    );
    const serials = new Map<string, string[]>();
    for (const row of rows) {
      const key = `${row.Material}|${row.StorageLocation ?? ''}`;
      serials.set(key, [...(serials.get(key) ?? []), row.SerialNumber]);
    }
    return serials;
  }

  /** Quantity ordered and not yet received on live purchase orders, by `material|storage location`. */
  private async openOrderQuantities(materials: string[]): Promise<Map<string, number>> {
    const i = where(ERP_SETS.A_PurchaseOrderItem);
    const items = await collect(
      this.api.API_PURCHASEORDER_PROCESS_SRV.all(ERP_SETS.A_PurchaseOrderItem, {
        filter: i.and(i.eq('Plant', this.plant), i.in('Material', materials), i.eq('IsCompletelyDelivered', false)),
      }),
    );
    const live = items.filter((item) => item.PurchasingDocumentDeletionCode !== 'L');
    const orders = [...new Set(live.map((item) => item.PurchaseOrder!))];
    const cancelled = new Set<string>();
    if (orders.length) {
      const o = where(ERP_SETS.A_PurchaseOrder);
      const headers = await collect(
        this.api.API_PURCHASEORDER_PROCESS_SRV.all(ERP_SETS.A_PurchaseOrder, {
          filter: o.in('PurchaseOrder', orders),
          select: ['PurchaseOrder', 'PurchasingProcessingStatus'],
        }),
      );
      for (const header of headers) if (header.PurchasingProcessingStatus === '08') cancelled.add(header.PurchaseOrder!);
    }
    const open = new Map<string, number>();
    for (const item of live) {
      if (cancelled.has(item.PurchaseOrder!)) continue;
      const key = `${item.Material}|${item.StorageLocation ?? ''}`;
      const remaining =
        map.milli(item.OrderQuantity, 'OrderQuantity') - map.milli(item.GoodsReceiptQuantity ?? '0', 'GoodsReceiptQuantity');
      if (remaining > 0n) open.set(key, (open.get(key) ?? 0) + Number(remaining) / 1000);
    }
    return open;
  }

  private async resolveRequisitionLines(input: CreatePurchaseRequisitionDto): Promise<map.ResolvedRequisitionLine[]> {
    return Promise.all(
      input.lines.map(async (line) => {
        if (line.estimatedUnitPrice !== undefined && line.supplierId !== undefined)
          return {
            itemId: line.itemId,
            quantity: line.quantity,
            unitPriceCents: line.estimatedUnitPrice.amount,
            supplierId: line.supplierId,
          };
        // The item's last price and preferred supplier stand in for what the requester left out.
        const item = await this.item(line.itemId);
        return {
          itemId: line.itemId,
          quantity: line.quantity,
          unitPriceCents: line.estimatedUnitPrice?.amount ?? item.lastPurchasePrice?.amount ?? 0,
          supplierId: line.supplierId ?? item.preferredSupplierId,
        };
      }),
    );
  }

  private async requisition(id: string): Promise<PurchaseRequisitionDto> {
    const header = await this.api.API_PURCHASEREQ_PROCESS_SRV.read(ERP_SETS.A_PurchaseRequisitionHeader, id, {
      expand: { to_PurchaseReqnItem: true },
    });
    return read(header, (value) => map.requisitionFromS4(value, this.releaseThreshold), 'purchase requisition');
  }

  private async purchaseOrderFor(input: CreatePurchaseOrderDto, reference: string): Promise<X.A_PurchaseOrder> {
    if (input.requisitionId === undefined) {
      if (input.supplierId === undefined || !input.lines?.length)
        throw new ErpConnectorException(
          Code.INVALID_REQUEST,
          'A purchase order without a requisition needs a supplier and lines',
          undefined,
          {
            fieldErrors: [
              ...(input.supplierId === undefined
                ? [{ in: 'body' as const, name: 'supplierId', detail: 'required without a requisition' }]
                : []),
              ...(!input.lines?.length ? [{ in: 'body' as const, name: 'lines', detail: 'required without a requisition' }] : []),
            ],
          },
        );
      return {
        Supplier: input.supplierId,
        YY1_SenderReference_PDH: reference,
        to_PurchaseOrderItem: input.lines.map((line) => ({
          Material: line.itemId,
          Plant: this.plant,
          StorageLocation: input.shipToLocationId,
          OrderQuantity: map.quantityText(line.quantity),
          NetPriceAmount: centsToDecimal(line.unitPrice.amount),
        })),
      };
    }
    const header = await this.api.API_PURCHASEREQ_PROCESS_SRV.read(ERP_SETS.A_PurchaseRequisitionHeader, input.requisitionId, {
      expand: { to_PurchaseReqnItem: true },
    });
    const requisition = read(header, (value) => map.requisitionFromS4(value, this.releaseThreshold), 'purchase requisition');
    const field = [{ in: 'body' as const, name: 'requisitionId', detail: 'not convertible' }];
    if (requisition.approvalStatus !== 'approved' && requisition.approvalStatus !== 'not-required')
      throw new ErpConnectorException(
        Code.DOCUMENT_STATE_CONFLICT,
        `Requisition ${requisition.id} is ${requisition.approvalStatus}; only approved requisitions become orders`,
        undefined,
        { fieldErrors: field },
      );
    const suppliers = [...new Set(requisition.lines.map((line) => line.supplierId))];
    if (suppliers.length !== 1 || suppliers[0] === undefined)
      throw new ErpConnectorException(
        Code.DOCUMENT_STATE_CONFLICT,
        `Requisition ${requisition.id} must name exactly one supplier to become one order`,
        undefined,
        { fieldErrors: field },
      );
    return {
      Supplier: suppliers[0],
      YY1_SenderReference_PDH: reference,
      to_PurchaseOrderItem: (header.to_PurchaseReqnItem ?? []).map((item) => ({
        Material: item.Material,
        Plant: item.Plant ?? this.plant,
        StorageLocation: input.shipToLocationId,
        OrderQuantity: item.RequestedQuantity,
        NetPriceAmount: item.PurchaseRequisitionPrice ?? '0.00',
        PurchaseRequisition: item.PurchaseRequisition,
        PurchaseRequisitionItem: item.PurchaseRequisitionItem,
      })),
    };
  }

  private purchaseOrder(id: string): Promise<Entity<X.A_PurchaseOrder>> {
    return this.api.API_PURCHASEORDER_PROCESS_SRV.read(ERP_SETS.A_PurchaseOrder, id, { expand: { to_PurchaseOrderItem: true } });
  }

  /** The order with its status; "closed" needs the invoices of a finally invoiced order to be paid. */
  private async purchaseOrderDto(order: Entity<X.A_PurchaseOrder>): Promise<PurchaseOrderDto> {
    const items = (order.to_PurchaseOrderItem ?? []).filter((item) => item.PurchasingDocumentDeletionCode !== 'L');
    const invoiced = items.length > 0 && items.every((item) => item.IsFinallyInvoiced);
    const paid = invoiced && order.PurchaseOrder ? await this.invoicesPaid(order.PurchaseOrder) : false;
    return read(order, (value) => map.purchaseOrderFromS4(value, paid), 'purchase order');
  }

  private async invoicesPaid(purchaseOrder: string): Promise<boolean> {
    const references = await collect(
      this.api.API_SUPPLIERINVOICE_PROCESS_SRV.all(ERP_SETS.A_SuplrInvcItemPurOrdRef, {
        filter: where(ERP_SETS.A_SuplrInvcItemPurOrdRef).eq('PurchaseOrder', purchaseOrder),
        select: ['SupplierInvoice', 'FiscalYear'],
      }),
    );
    const keys = [...new Set(references.map((reference) => `${reference.SupplierInvoice}|${reference.FiscalYear}`))];
    const invoices = await Promise.all(
      keys.map((key) => {
        const [SupplierInvoice = '', FiscalYear = ''] = key.split('|');
        return this.api.API_SUPPLIERINVOICE_PROCESS_SRV.read(ERP_SETS.A_SupplierInvoice, { SupplierInvoice, FiscalYear });
      }),
    );
    return invoices
      .filter((invoice) => invoice.SupplierInvoiceStatus === '5')
      .every(
        (invoice) => map.cents(invoice.PaidAmount ?? '0', 'PaidAmount') >= map.cents(invoice.InvoiceGrossAmount, 'InvoiceGrossAmount'),
      );
  }

  /** Posts a material document; a 409 on its reference is a retry of one that landed, read back and compared. */
  private async postMaterialDocument(sent: X.A_MaterialDocumentHeader): Promise<Entity<X.A_MaterialDocumentHeader>> {
    try {
      return await this.api.API_MATERIAL_DOCUMENT_SRV.create(ERP_SETS.A_MaterialDocumentHeader, sent);
    } catch (error) {
      if (businessCodeOf(error) !== 'DUPLICATE_DOCUMENT') throw error;
      const stored = await this.findOne(this.api.API_MATERIAL_DOCUMENT_SRV, ERP_SETS.A_MaterialDocumentHeader, {
        filter: where(ERP_SETS.A_MaterialDocumentHeader).eq('ReferenceDocument', sent.ReferenceDocument!),
        expand: { to_MaterialDocumentItem: { expand: { to_SerialNumbers: true } } },
      });
      if (!stored) throw error;
      if (!map.sameMaterialDocument(stored, sent)) throw keyReused();
      return stored;
    }
  }

  private async materialDocument(id: string, what: string): Promise<Entity<X.A_MaterialDocumentHeader>> {
    const key = documentKey(id, what);
    return this.api.API_MATERIAL_DOCUMENT_SRV.read(
      ERP_SETS.A_MaterialDocumentHeader,
      { MaterialDocumentYear: key.year, MaterialDocument: key.number },
      { expand: { to_MaterialDocumentItem: { expand: { to_SerialNumbers: true } } } },
    );
  }

  private async receiptDto(document: X.A_MaterialDocumentHeader): Promise<GoodsReceiptDto> {
    const items = document.to_MaterialDocumentItem ?? [];
    if (!items.length || items.some((item) => item.GoodsMovementType !== '101'))
      throw new ErpConnectorException(Code.NOT_FOUND, `Material document ${document.MaterialDocument ?? ''} is not a goods receipt`);
    const orders = [...new Set(items.map((item) => item.PurchaseOrder ?? ''))];
    const materials = [...new Set(items.map((item) => item.Material ?? ''))];
    const [poItems, products, stock] = await Promise.all([
      Promise.all(orders.map((order) => this.purchaseOrder(order))).then((list) =>
        list.flatMap((order) => order.to_PurchaseOrderItem ?? []),
      ),
      collect(
        this.api.API_PRODUCT_SRV.all(ERP_SETS.A_Product, {
          filter: where(ERP_SETS.A_Product).in('Product', materials),
          expand: { to_Valuation: true },
        }),
      ),
      Promise.all(
        items.map(
          async (item) =>
            [
              `${item.Material ?? ''}|${item.StorageLocation ?? ''}`,
              await this.onHand(item.Material ?? '', item.StorageLocation ?? ''),
            ] as const,
        ),
      ),
    ]);
    const averages = new Map(
      products.map((product) => {
        const valuation = product.to_Valuation?.find((candidate) => candidate.ValuationArea === this.plant);
        return [
          product.Product,
          valuation?.MovingAveragePrice ? map.cents(valuation.MovingAveragePrice, 'MovingAveragePrice') : 0,
        ] as const;
      }),
    );
    return read(
      document,
      (value) =>
        map.receiptFromS4(value, {
          poItems: new Map(poItems.map((item) => [item.PurchaseOrderItem ?? '', item])),
          averageAfter: averages,
          onHandAfter: new Map(stock),
        }),
      'goods receipt',
    );
  }

  private async invoiceFor(input: CreateSupplierInvoiceDto, reference: string): Promise<X.A_SupplierInvoice> {
    let order: Entity<X.A_PurchaseOrder>;
    try {
      order = await this.purchaseOrder(input.purchaseOrderId);
    } catch (error) {
      if (error instanceof ODataException && error.code === ODataExceptionCode.NOT_FOUND)
        throw new ErpConnectorException(Code.NOT_FOUND, `Purchase order ${input.purchaseOrderId} does not exist`, 404, {
          cause: error,
          fieldErrors: [{ in: 'body', name: 'purchaseOrderId', detail: 'no such purchase order' }],
        });
      throw error;
    }
    if (order.Supplier !== input.supplierId)
      throw new ErpConnectorException(
        Code.INVALID_REQUEST,
        `Purchase order ${input.purchaseOrderId} was placed with another supplier`,
        undefined,
        {
          fieldErrors: [{ in: 'body', name: 'supplierId', detail: 'not the supplier of the purchase order' }],
        },
      );
    if (order.PurchasingProcessingStatus === '08')
      throw new ErpConnectorException(
        Code.DOCUMENT_STATE_CONFLICT,
        `Purchase order ${input.purchaseOrderId} is cancelled; it cannot be invoiced`,
      );
    const known = new Set((order.to_PurchaseOrderItem ?? []).map((item) => item.PurchaseOrderItem));
    const unknown = input.lines.findIndex((line) => !known.has(map.purchasingItem(line.poLineNumber)));
    if (unknown >= 0)
      throw new ErpConnectorException(
        Code.INVALID_REQUEST,
        `Purchase order ${input.purchaseOrderId} has no line ${input.lines[unknown].poLineNumber}`,
        undefined,
        { fieldErrors: [{ in: 'body', name: `lines[${unknown}].poLineNumber`, detail: 'no such line on the purchase order' }] },
      );
    const amounts = input.lines.map((line) => map.valueCents(BigInt(Math.round(line.quantity * 1000)), line.unitPrice.amount));
    return {
      InvoicingParty: input.supplierId,
      SupplierInvoiceIDByInvcgParty: input.invoiceNumber,
      DocumentDate: input.invoiceDate,
      InvoiceGrossAmount: centsToDecimal(amounts.reduce((sum, amount) => sum + amount, 0)),
      DocumentHeaderText: reference,
      to_SuplrInvcItemPurOrdRef: input.lines.map((line, index) => ({
        PurchaseOrder: input.purchaseOrderId,
        PurchaseOrderItem: map.purchasingItem(line.poLineNumber),
        QuantityInPurchaseOrderUnit: map.quantityText(line.quantity),
        SupplierInvoiceItemAmount: centsToDecimal(amounts[index]),
      })),
    };
  }

  private supplierInvoice(id: string): Promise<Entity<X.A_SupplierInvoice>> {
    const key = documentKey(id, 'supplier invoice');
    return this.api.API_SUPPLIERINVOICE_PROCESS_SRV.read(
      ERP_SETS.A_SupplierInvoice,
      { SupplierInvoice: key.number, FiscalYear: key.year },
      { expand: { to_SuplrInvcItemPurOrdRef: true, to_MatchIssue: true } },
    );
  }

  private async invoiceDto(invoice: Entity<X.A_SupplierInvoice>): Promise<SupplierInvoiceDto> {
    const orders = [...new Set((invoice.to_SuplrInvcItemPurOrdRef ?? []).map((item) => item.PurchaseOrder))];
    const poItems = (await Promise.all(orders.map((order) => this.purchaseOrder(order)))).flatMap(
      (order) => order.to_PurchaseOrderItem ?? [],
    );
    return read(
      invoice,
      (value) => map.invoiceFromS4(value, new Map(poItems.map((item) => [item.PurchaseOrderItem ?? '', item])), this.tolerance),
      'supplier invoice',
    );
  }

  private glAccounts(): Promise<S4.A_GLAccountInChartOfAccounts[]> {
    return collect(
      this.api.API_GLACCOUNTINCHARTOFACCOUNTS_SRV.all(ERP_SETS.A_GLAccountInChartOfAccounts, {
        filter: where(ERP_SETS.A_GLAccountInChartOfAccounts).eq('ChartOfAccounts', this.chartOfAccounts),
      }),
    );
  }

  private journalFilter(query: JournalQuery): ODataFilter<X.A_JournalEntry> | undefined {
    const j = where(ERP_SETS.A_JournalEntry);
    const conditions = [j.eq('CompanyCode', this.companyCode)];
    const own = ERP_SOURCE_TYPES[query.sourceType ?? 'manual'];
    if (query.sourceType !== undefined && own === null) return undefined;
    if (query.sourceType !== undefined && own) {
      conditions.push(j.eq('ReferenceDocumentType', own.referenceType));
      if (own.documentType) conditions.push(j.eq('AccountingDocumentType', own.documentType));
      if (query.sourceId !== undefined) {
        const key = map.parseDocumentId(query.sourceId);
        if (!key) return undefined;
        conditions.push(j.eq('OriginalReferenceDocument', `${key.number}${key.year}`));
      }
    } else {
      if (query.sourceType !== undefined) conditions.push(j.eq('YY1_SourceDocType_JEH', query.sourceType));
      if (query.sourceId !== undefined) conditions.push(j.eq('YY1_SourceDocID_JEH', query.sourceId));
    }
    return j.and(...conditions);
  }

  private async findOne<T extends object, K extends Extract<keyof T, string>>(
    client: ODataClient,
    set: EntitySet<T, K>,
    options: QueryOptions<T>,
  ): Promise<Entity<T> | undefined> {
    const page = await client.query(set, { ...options, top: 1 });
    return page.value[0];
  }

  // -------------------------------------------------------------------------------------------
  // How calls are made

  /** A read: ERP failures become ErpConnectorExceptions; NOT_FOUND names what was looked for. */
  private async reading<T>(shape: RequestShape, work: () => Promise<T>, what?: string): Promise<T> {
    try {
      return await work();
    } catch (error) {
      const translated = erpErrorOf(error, shape);
      if (
        what &&
        translated instanceof ErpConnectorException &&
        translated.code === Code.NOT_FOUND &&
        translated.cause instanceof ODataException
      )
        throw new ErpConnectorException(Code.NOT_FOUND, `The ERP has no ${what}`, 404, { cause: error });
      throw translated;
    }
  }

  /**
   * A write, retried after Retry-After when the ERP refused it as throttled or unavailable (or the
   * answer was lost): `work` finds or recognises what an earlier attempt posted, so it never posts twice.
   */
  private async writing<T>(shape: RequestShape, work: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await work();
      } catch (error) {
        if (attempt >= this.writeRetries || !transient(error)) throw erpErrorOf(error, shape);
        const wait = (error as ODataException).retryAfterMs ?? Math.min(2_000, 100 * 2 ** attempt);
        await sleep(Math.min(wait, 30_000));
      }
    }
  }

  /**
   * A change of an existing document with its ETag: with the caller's version (If-Match) it is tried
   * once; without, the document is re-read and the change retried when someone changed it in between.
   */
  private async withETag<T>(shape: RequestShape, options: PostingOptions, work: (etag: string | undefined) => Promise<T>): Promise<T> {
    const given = map.etagOf(options.ifMatch);
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.writing(shape, () => work(given));
      } catch (error) {
        const stale = error instanceof ErpConnectorException && error.code === Code.VERSION_CONFLICT;
        if (!stale || given !== undefined || attempt >= MAX_ETAG_ATTEMPTS) throw error;
      }
    }
  }
}

/** The journal filters of the ERP's own postings, by source type; null where this ERP keeps none. */
const ERP_SOURCE_TYPES: Record<SourceDocumentType, { referenceType: string; documentType?: string } | null | undefined> = {
  'inventory-issue': { referenceType: 'MKPF', documentType: 'WA' },
  'goods-receipt': { referenceType: 'MKPF', documentType: 'WE' },
  'supplier-invoice': { referenceType: 'RMRP' },
  payment: { referenceType: 'PAYM' },
  'payroll-run': null,
  claim: undefined,
  remittance: undefined,
  allocation: undefined,
  manual: undefined,
};

function transient(error: unknown): boolean {
  if (!(error instanceof ODataException) || error.idempotent || error.cause instanceof CircuitOpenError) return false;
  return (
    error.code === ODataExceptionCode.THROTTLED ||
    error.code === ODataExceptionCode.SERVER_UNAVAILABLE ||
    error.code === ODataExceptionCode.SERVER_TIMEOUT ||
    error.code === ODataExceptionCode.SERVER_ERROR
  );
}

async function collect<T>(rows: AsyncIterable<T>): Promise<T[]> {
  const list: T[] = [];
  for await (const row of rows) list.push(row);
  return list;
}

/** Maps an ERP record, turning anything it cannot read into INVALID_RESPONSE instead of a crash. */
function read<V, C>(record: V, mapper: (value: V) => C, what: string): C {
  try {
    return mapper(record);
  } catch (error) {
    if (error instanceof ErpConnectorException) throw error;
    throw new ErpConnectorException(Code.INVALID_RESPONSE, `The ERP sent a ${what} Concord cannot read`, undefined, { cause: error });
  }
}

/** The number and fiscal year of a document id; an id that is not one names no document. */
function documentKey(id: string, what: string): { number: string; year: string } {
  const key = map.parseDocumentId(id);
  if (!key) throw new ErpConnectorException(Code.NOT_FOUND, `The ERP has no ${what} ${id}`, 404);
  return key;
}

function keyReused(): ErpConnectorException {
  return new ErpConnectorException(Code.IDEMPOTENCY_KEY_REUSED, 'This idempotency key was used for a different request', undefined, {
    fieldErrors: [{ in: 'header', name: 'Idempotency-Key', detail: 'already used for a different request' }],
  });
}

function notSupported(what: string): ErpConnectorException {
  return new ErpConnectorException(Code.NOT_SUPPORTED, `Not supported by this ERP: ${what}`);
}

function sameRequisition(
  stored: PurchaseRequisitionDto,
  input: CreatePurchaseRequisitionDto,
  lines: map.ResolvedRequisitionLine[],
): boolean {
  return (
    stored.requester === input.requester &&
    stored.costCentre === input.costCentre &&
    stored.lines.length === lines.length &&
    stored.lines.every(
      (line, index) =>
        line.itemId === lines[index].itemId &&
        line.quantity === lines[index].quantity &&
        line.estimatedUnitPrice.amount === lines[index].unitPriceCents &&
        line.supplierId === lines[index].supplierId,
    )
  );
}

function samePurchaseOrder(stored: X.A_PurchaseOrder, sent: X.A_PurchaseOrder): boolean {
  const lines = (order: X.A_PurchaseOrder) =>
    (order.to_PurchaseOrderItem ?? []).map((item) =>
      [
        item.Material,
        item.StorageLocation ?? '',
        map.milli(item.OrderQuantity, 'OrderQuantity'),
        map.cents(item.NetPriceAmount, 'NetPriceAmount'),
      ].join('|'),
    );
  return stored.Supplier === sent.Supplier && JSON.stringify(lines(stored)) === JSON.stringify(lines(sent));
}

function sameInvoice(stored: X.A_SupplierInvoice, sent: X.A_SupplierInvoice): boolean {
  const lines = (invoice: X.A_SupplierInvoice) =>
    (invoice.to_SuplrInvcItemPurOrdRef ?? []).map((item) =>
      [
        item.PurchaseOrder,
        item.PurchaseOrderItem,
        map.milli(item.QuantityInPurchaseOrderUnit, 'QuantityInPurchaseOrderUnit'),
        map.cents(item.SupplierInvoiceItemAmount, 'SupplierInvoiceItemAmount'),
      ].join('|'),
    );
  return (
    stored.InvoicingParty === sent.InvoicingParty &&
    stored.SupplierInvoiceIDByInvcgParty === sent.SupplierInvoiceIDByInvcgParty &&
    JSON.stringify(lines(stored)) === JSON.stringify(lines(sent))
  );
}
