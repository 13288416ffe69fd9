import type {
  ApprovalDecisionDto,
  ChargeCategory,
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
  PurchaseOrderStatus,
  PurchaseRequisitionDto,
  SourceDocumentType,
  SupplierDto,
  SupplierInvoiceDto,
  TrialBalanceDto,
} from '@concord/contracts';

/** Every state change carries an idempotency key: a retry with the same key returns the first result and changes nothing. */
export interface PostingOptions {
  idempotencyKey: string;
  /** The record's `source.versionId` the change was decided on; a stale one is refused (VERSION_CONFLICT). */
  ifMatch?: string;
}

export interface MasterDataQuery {
  /** Only records changed after this instant (ISO 8601), for master-data sync by polling. */
  changedSince?: string;
}

export interface InventoryBalanceQuery {
  itemId?: string;
  locationId?: string;
}

export interface PurchaseOrderQuery {
  status?: PurchaseOrderStatus;
  supplierId?: string;
}

export interface JournalQuery {
  sourceType?: SourceDocumentType;
  sourceId?: string;
}

export interface TrialBalanceQuery {
  byCostCentre?: boolean;
  costCentre?: string;
}

export interface GlMappingQuery {
  departmentCode?: string;
  chargeCategory?: ChargeCategory;
}

/**
 * What Concord needs from an ERP (finance and supply chain), in the canonical model. system-api
 * depends on this; one adapter per ERP (the sandbox's REST API, an S/4-like OData service) implements
 * it and passes the same contract suite (`describeErpPortContract`). Adapters throw
 * ErpConnectorException, never HTTP errors.
 */
export abstract class ErpPort {
  abstract listSuppliers(query?: MasterDataQuery): Promise<SupplierDto[]>;
  abstract getSupplier(id: string): Promise<SupplierDto>;

  abstract listItems(query?: MasterDataQuery): Promise<ItemDto[]>;
  abstract getItem(id: string): Promise<ItemDto>;

  abstract listInventoryBalances(query?: InventoryBalanceQuery): Promise<InventoryBalanceDto[]>;
  /** Consumes stock for an encounter and department at the current moving-average cost. */
  abstract issueStock(input: CreateInventoryIssueDto, options: PostingOptions): Promise<InventoryIssueDto>;

  abstract listCostCentres(): Promise<CostCentreDto[]>;
  /** Whether postings to the code are accepted; never throws for an unknown or malformed code. */
  abstract validateCostCentre(code: string): Promise<CostCentreValidationDto>;

  abstract createRequisition(input: CreatePurchaseRequisitionDto, options: PostingOptions): Promise<PurchaseRequisitionDto>;
  abstract getRequisition(id: string): Promise<PurchaseRequisitionDto>;
  abstract decideRequisition(id: string, decision: ApprovalDecisionDto, options: PostingOptions): Promise<PurchaseRequisitionDto>;

  abstract createPurchaseOrder(input: CreatePurchaseOrderDto, options: PostingOptions): Promise<PurchaseOrderDto>;
  abstract getPurchaseOrder(id: string): Promise<PurchaseOrderDto>;
  abstract listPurchaseOrders(query?: PurchaseOrderQuery): Promise<PurchaseOrderDto[]>;
  abstract approvePurchaseOrder(id: string, approver: string, options: PostingOptions): Promise<PurchaseOrderDto>;
  abstract sendPurchaseOrder(id: string, options: PostingOptions): Promise<PurchaseOrderDto>;
  abstract cancelPurchaseOrder(id: string, options: PostingOptions): Promise<PurchaseOrderDto>;

  abstract postGoodsReceipt(input: CreateGoodsReceiptDto, options: PostingOptions): Promise<GoodsReceiptDto>;
  abstract getGoodsReceipt(id: string): Promise<GoodsReceiptDto>;

  /** Posts a supplier invoice; the answer carries the 3-way match result (matched, or failed with reasons per line). */
  abstract postSupplierInvoice(input: CreateSupplierInvoiceDto, options: PostingOptions): Promise<SupplierInvoiceDto>;
  abstract getSupplierInvoice(id: string): Promise<SupplierInvoiceDto>;
  abstract approveInvoiceVariance(id: string, approval: InvoiceVarianceApprovalDto, options: PostingOptions): Promise<SupplierInvoiceDto>;

  abstract postPayment(input: CreatePaymentDto, options: PostingOptions): Promise<PaymentDto>;
  abstract getPayment(id: string): Promise<PaymentDto>;

  /** Posts a balanced journal; an unbalanced one is refused with JOURNAL_UNBALANCED and its `difference`. */
  abstract postJournal(input: CreateJournalEntryDto, options: PostingOptions): Promise<JournalEntryDto>;
  abstract getJournal(id: string): Promise<JournalEntryDto>;
  abstract listJournals(query?: JournalQuery): Promise<JournalEntryDto[]>;

  abstract listGlAccounts(): Promise<GLAccountDto[]>;
  abstract listGlMappings(query?: GlMappingQuery): Promise<GLMappingDto[]>;
  abstract getTrialBalance(query?: TrialBalanceQuery): Promise<TrialBalanceDto>;
}

/** ERP payroll: employees synced from HR and pay-period labour cost by cost centre (hire-to-payroll). */
export abstract class ErpPayrollPort {
  abstract syncPayrollEmployee(employee: PayrollEmployeeDto, options: PostingOptions): Promise<PayrollEmployeeDto>;
  abstract getPayrollEmployee(employeeNumber: string): Promise<PayrollEmployeeDto>;
  /** Costs the hours by cost centre and accrues them (DR salaries and wages per cost centre, CR accrued payroll). */
  abstract postPayrollRun(input: CreatePayrollRunDto, options: PostingOptions): Promise<PayrollRunDto>;
}
