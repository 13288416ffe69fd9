import type {
  ApprovalDecisionDto,
  CostCentreDto,
  CostCentreValidationDto,
  CreateGoodsReceiptDto,
  CreateInventoryIssueDto,
  CreateJournalEntryDto,
  CreatePaymentDto,
  CreatePayrollRunDto,
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
  PayrollEmployeeDto,
  PayrollRunDto,
  PurchaseOrderDto,
  PurchaseRequisitionDto,
  SupplierDto,
  SupplierInvoiceDto,
  TrialBalanceDto,
} from '@concord/contracts';
import { ErpConnectorException, ErpConnectorExceptionCode as Code } from '../erp-connector.exception';
import {
  ErpPort,
  type ErpPayrollPort,
  type GlMappingQuery,
  type InventoryBalanceQuery,
  type JournalQuery,
  type MasterDataQuery,
  type PostingOptions,
  type PurchaseOrderQuery,
  type TrialBalanceQuery,
} from '../erp.port';
import type * as Ll from './ledgerline-api.types';
import * as map from './ledgerline.mapping';
import { ErpSandboxClient, type ErpSandboxClientOptions } from './erp-sandbox.client';

/** A record id as one URL path segment; "." and ".." would climb out of the resource path. */
function segment(id: string, what: string): string {
  if (!id || id === '.' || id === '..' || id.length > 64) {
    throw new ErpConnectorException(Code.INVALID_REQUEST, `${what} must be a 1-64 character id`, undefined, {
      fieldErrors: [{ in: 'path', name: 'id', detail: 'not a record id' }],
    });
  }
  return encodeURIComponent(id);
}

/** A version id from the canonical `source.versionId`, as the vendor's ETag. */
const etag = (versionId: string | undefined) => (versionId === undefined ? undefined : `W/"${versionId}"`);

/** Maps a vendor record, turning anything it cannot read into INVALID_RESPONSE instead of a crash. */
function read<V, C>(record: V, mapper: (value: V) => C, what: string): C {
  try {
    return mapper(record);
  } catch (error) {
    if (error instanceof ErpConnectorException) throw error;
    throw new ErpConnectorException(Code.INVALID_RESPONSE, `The ERP sent a ${what} Concord cannot read`, undefined, { cause: error });
  }
}

/**
 * ErpPort (and ErpPayrollPort) on the sandbox ERP's vendor REST API. All mapping lives in
 * ledgerline.mapping.ts; this class only chooses the calls.
 */
export class SandboxErpAdapter extends ErpPort implements ErpPayrollPort {
  readonly client: ErpSandboxClient;

  constructor(options: ErpSandboxClientOptions | ErpSandboxClient) {
    super();
    this.client = options instanceof ErpSandboxClient ? options : new ErpSandboxClient(options);
  }

  async listSuppliers(query: MasterDataQuery = {}): Promise<SupplierDto[]> {
    const vendors = await this.client.getAll<Ll.LlVendor>('/vendors');
    return vendors
      .map((vendor) => read(vendor, map.supplierFromVendor, 'vendor'))
      .filter((supplier) => changedSince(supplier.source.lastUpdated, query.changedSince));
  }

  async getSupplier(id: string): Promise<SupplierDto> {
    const { body } = await this.client.get<Ll.LlVendor>(`/vendors/${segment(id, 'supplier id')}`);
    return read(body, map.supplierFromVendor, 'vendor');
  }

  async listItems(query: MasterDataQuery = {}): Promise<ItemDto[]> {
    const materials = await this.client.getAll<Ll.LlMaterial>('/materials', { changed_since: query.changedSince });
    return materials.map((material) => read(material, map.itemFromMaterial, 'material'));
  }

  async getItem(id: string): Promise<ItemDto> {
    const { body } = await this.client.get<Ll.LlMaterial>(`/materials/${segment(id, 'item id')}`);
    return read(body, map.itemFromMaterial, 'material');
  }

  async listInventoryBalances(query: InventoryBalanceQuery = {}): Promise<InventoryBalanceDto[]> {
    const stock = await this.client.getAll<Ll.LlStock>('/stock', { material_no: query.itemId, storage_location: query.locationId });
    return stock.map((line) => read(line, map.balanceFromStock, 'stock line'));
  }

  async issueStock(input: CreateInventoryIssueDto, options: PostingOptions): Promise<InventoryIssueDto> {
    const { body } = await this.client.post<Ll.LlGoodsIssue>('/goods-issues', {
      body: map.goodsIssueToVendor(input),
      idempotencyKey: options.idempotencyKey,
    });
    return read(body, map.issueFromVendor, 'goods issue');
  }

  async listCostCentres(): Promise<CostCentreDto[]> {
    const costCenters = await this.client.getAll<Ll.LlCostCenter>('/cost-centers');
    return costCenters.map((costCenter) => read(costCenter, map.costCentreFromVendor, 'cost centre'));
  }

  async validateCostCentre(code: string): Promise<CostCentreValidationDto> {
    // Malformed codes never reach the ERP: they could not name a cost centre, and may not be a path segment.
    if (!/^[A-Z0-9]{2,10}$/.test(code)) return { code, valid: false, reason: 'malformed' };
    const { body } = await this.client.get<Ll.LlCostCenterValidity>(`/cost-centers/${encodeURIComponent(code)}/validity`);
    return read(body, map.costCentreValidationFromVendor, 'cost centre validity');
  }

  async createRequisition(input: CreatePurchaseRequisitionDto, options: PostingOptions): Promise<PurchaseRequisitionDto> {
    const { body } = await this.client.post<Ll.LlRequisition>('/purchase-requisitions', {
      body: map.requisitionToVendor(input),
      idempotencyKey: options.idempotencyKey,
    });
    return read(body, map.requisitionFromVendor, 'purchase requisition');
  }

  async getRequisition(id: string): Promise<PurchaseRequisitionDto> {
    const { body } = await this.client.get<Ll.LlRequisition>(`/purchase-requisitions/${segment(id, 'requisition id')}`);
    return read(body, map.requisitionFromVendor, 'purchase requisition');
  }

  async decideRequisition(id: string, decision: ApprovalDecisionDto, options: PostingOptions): Promise<PurchaseRequisitionDto> {
    const { body } = await this.client.post<Ll.LlRequisition>(`/purchase-requisitions/${segment(id, 'requisition id')}/decision`, {
      body: map.decisionToVendor(decision),
      idempotencyKey: options.idempotencyKey,
      ifMatch: etag(options.ifMatch),
    });
    return read(body, map.requisitionFromVendor, 'purchase requisition');
  }

  async createPurchaseOrder(input: CreatePurchaseOrderDto, options: PostingOptions): Promise<PurchaseOrderDto> {
    const { body } = await this.client.post<Ll.LlPurchaseOrder>('/purchase-orders', {
      body: map.purchaseOrderToVendor(input),
      idempotencyKey: options.idempotencyKey,
    });
    return read(body, map.purchaseOrderFromVendor, 'purchase order');
  }

  async getPurchaseOrder(id: string): Promise<PurchaseOrderDto> {
    const { body } = await this.client.get<Ll.LlPurchaseOrder>(`/purchase-orders/${segment(id, 'purchase order id')}`);
    return read(body, map.purchaseOrderFromVendor, 'purchase order');
  }

  async listPurchaseOrders(query: PurchaseOrderQuery = {}): Promise<PurchaseOrderDto[]> {
    const orders = await this.client.getAll<Ll.LlPurchaseOrder>('/purchase-orders', {
      status: query.status === undefined ? undefined : map.PO_STATUS_TO_VENDOR[query.status],
      vendor_no: query.supplierId,
    });
    return orders.map((order) => read(order, map.purchaseOrderFromVendor, 'purchase order'));
  }

  approvePurchaseOrder(id: string, approver: string, options: PostingOptions): Promise<PurchaseOrderDto> {
    return this.orderAction(id, 'release', options, { approver });
  }

  sendPurchaseOrder(id: string, options: PostingOptions): Promise<PurchaseOrderDto> {
    return this.orderAction(id, 'transmit', options);
  }

  cancelPurchaseOrder(id: string, options: PostingOptions): Promise<PurchaseOrderDto> {
    return this.orderAction(id, 'cancel', options);
  }

  async postGoodsReceipt(input: CreateGoodsReceiptDto, options: PostingOptions): Promise<GoodsReceiptDto> {
    const { body } = await this.client.post<Ll.LlGoodsReceipt>('/goods-receipts', {
      body: map.goodsReceiptToVendor(input),
      idempotencyKey: options.idempotencyKey,
    });
    return read(body, map.goodsReceiptFromVendor, 'goods receipt');
  }

  async getGoodsReceipt(id: string): Promise<GoodsReceiptDto> {
    const { body } = await this.client.get<Ll.LlGoodsReceipt>(`/goods-receipts/${segment(id, 'goods receipt id')}`);
    return read(body, map.goodsReceiptFromVendor, 'goods receipt');
  }

  async postSupplierInvoice(input: CreateSupplierInvoiceDto, options: PostingOptions): Promise<SupplierInvoiceDto> {
    const { body } = await this.client.post<Ll.LlInvoice>('/ap/invoices', {
      body: map.invoiceToVendor(input),
      idempotencyKey: options.idempotencyKey,
    });
    return read(body, map.invoiceFromVendor, 'invoice');
  }

  async getSupplierInvoice(id: string): Promise<SupplierInvoiceDto> {
    const { body } = await this.client.get<Ll.LlInvoice>(`/ap/invoices/${segment(id, 'invoice id')}`);
    return read(body, map.invoiceFromVendor, 'invoice');
  }

  async approveInvoiceVariance(id: string, approval: InvoiceVarianceApprovalDto, options: PostingOptions): Promise<SupplierInvoiceDto> {
    const { body } = await this.client.post<Ll.LlInvoice>(`/ap/invoices/${segment(id, 'invoice id')}/release`, {
      body: { approver: approval.approver, ...(approval.comment === undefined ? {} : { comment: approval.comment }) },
      idempotencyKey: options.idempotencyKey,
      ifMatch: etag(options.ifMatch),
    });
    return read(body, map.invoiceFromVendor, 'invoice');
  }

  async postPayment(input: CreatePaymentDto, options: PostingOptions): Promise<PaymentDto> {
    const { body } = await this.client.post<Ll.LlPayment>('/ap/payments', {
      body: map.paymentToVendor(input),
      idempotencyKey: options.idempotencyKey,
    });
    return read(body, map.paymentFromVendor, 'payment');
  }

  async getPayment(id: string): Promise<PaymentDto> {
    const { body } = await this.client.get<Ll.LlPayment>(`/ap/payments/${segment(id, 'payment id')}`);
    return read(body, map.paymentFromVendor, 'payment');
  }

  async postJournal(input: CreateJournalEntryDto, options: PostingOptions): Promise<JournalEntryDto> {
    const { body } = await this.client.post<Ll.LlJournalEntry>('/gl/journal-entries', {
      body: map.journalToVendor(input),
      idempotencyKey: options.idempotencyKey,
    });
    return read(body, map.journalFromVendor, 'journal entry');
  }

  async getJournal(id: string): Promise<JournalEntryDto> {
    const { body } = await this.client.get<Ll.LlJournalEntry>(`/gl/journal-entries/${segment(id, 'journal id')}`);
    return read(body, map.journalFromVendor, 'journal entry');
  }

  async listJournals(query: JournalQuery = {}): Promise<JournalEntryDto[]> {
    const entries = await this.client.getAll<Ll.LlJournalEntry>('/gl/journal-entries', {
      ref_doc_type: query.sourceType === undefined ? undefined : map.docTypeToVendor(query.sourceType),
      ref_doc_no: query.sourceId,
    });
    return entries.map((entry) => read(entry, map.journalFromVendor, 'journal entry'));
  }

  async listGlAccounts(): Promise<GLAccountDto[]> {
    const { body } = await this.client.get<Ll.LlPage<Ll.LlGlAccount>>('/gl/accounts');
    return read(body, (page) => page.data.map(map.glAccountFromVendor), 'account list');
  }

  async listGlMappings(query: GlMappingQuery = {}): Promise<GLMappingDto[]> {
    const { body } = await this.client.get<Ll.LlPage<Ll.LlAccountDetermination>>('/gl/account-determination', {
      query: {
        cost_center: query.departmentCode,
        category: query.chargeCategory === undefined ? undefined : map.CATEGORY_TO_VENDOR[query.chargeCategory],
      },
    });
    return read(body, (page) => page.data.map(map.glMappingFromVendor), 'account determination');
  }

  async getTrialBalance(query: TrialBalanceQuery = {}): Promise<TrialBalanceDto> {
    const { body } = await this.client.get<Ll.LlTrialBalance>('/gl/trial-balance', {
      query: { by_cost_center: query.byCostCentre, cost_center: query.costCentre },
    });
    return read(body, map.trialBalanceFromVendor, 'trial balance');
  }

  async syncPayrollEmployee(employee: PayrollEmployeeDto, options: PostingOptions): Promise<PayrollEmployeeDto> {
    const { body } = await this.client.put<Ll.LlPayrollEmployee>(
      `/payroll/employees/${segment(employee.employeeNumber, 'employee number')}`,
      {
        body: map.payrollEmployeeToVendor(employee),
        idempotencyKey: options.idempotencyKey,
        ifMatch: etag(options.ifMatch),
      },
    );
    return read(body, map.payrollEmployeeFromVendor, 'payroll employee');
  }

  async getPayrollEmployee(employeeNumber: string): Promise<PayrollEmployeeDto> {
    const { body } = await this.client.get<Ll.LlPayrollEmployee>(`/payroll/employees/${segment(employeeNumber, 'employee number')}`);
    return read(body, map.payrollEmployeeFromVendor, 'payroll employee');
  }

  async postPayrollRun(input: CreatePayrollRunDto, options: PostingOptions): Promise<PayrollRunDto> {
    const { body } = await this.client.post<Ll.LlPayrollRun>('/payroll/runs', {
      body: map.payrollRunToVendor(input),
      idempotencyKey: options.idempotencyKey,
    });
    return read(body, map.payrollRunFromVendor, 'payroll run');
  }

  private async orderAction(
    id: string,
    action: 'release' | 'transmit' | 'cancel',
    options: PostingOptions,
    body?: object,
  ): Promise<PurchaseOrderDto> {
    const response = await this.client.post<Ll.LlPurchaseOrder>(`/purchase-orders/${segment(id, 'purchase order id')}/${action}`, {
      body,
      idempotencyKey: options.idempotencyKey,
      ifMatch: etag(options.ifMatch),
    });
    return read(response.body, map.purchaseOrderFromVendor, 'purchase order');
  }
}

function changedSince(lastUpdated: string | undefined, since: string | undefined): boolean {
  return since === undefined || lastUpdated === undefined || lastUpdated > since;
}
