import type {
  ApprovalDecision,
  ChargeCategory,
  EmploymentStatus,
  PaymentMethod,
  RequisitionReason,
  SourceDocumentType,
} from '@concord/contracts';
import { Account, type CostCentre, type GlAccount, SEED_ACCOUNTS, SEED_COST_CENTRES } from './chart-of-accounts';
import { AccountsPayable, type Payment, type SupplierInvoice } from './accounts-payable';
import { ErpDomainError, ErpErrorCode, invalid, notFound } from './erp-domain.error';
import { SEED_ITEMS, SEED_LOCATIONS, SEED_OPENING_STOCK, SEED_PAYROLL_EMPLOYEES, SEED_SUPPLIERS, SEED_VERSION_TIME } from './erp-seed';
import {
  GeneralLedger,
  type CostCentreCheck,
  type JournalDraft,
  type JournalEntry,
  type JournalLineDraft,
  type TrialBalance,
} from './general-ledger';
import { glMappingsFor, type GlMapping } from './gl-mapping';
import { canonicalJson, IdempotencyRegistry } from './idempotency';
import {
  Inventory,
  type ItemMaster,
  type Lot,
  type ReceiptPlan,
  type StockBalance,
  type StorageLocation,
  type WorkingSet,
} from './inventory';
import { matchInvoice, type MatchResult } from './invoice-matching';
import { averageUnitCostCents } from './moving-average';
import { Payroll, type PayrollEmployee, type PayrollRun } from './payroll';
import { Purchasing, type PurchaseOrder, type Requisition, type Supplier } from './purchasing';

export interface ErpSettings {
  /** Requisitions and direct orders above this total need approval (10,000.00). */
  approvalThresholdCents: number;
  /** Invoice price tolerance against the PO price, in basis points (200 = 2 %). */
  priceToleranceBasisPoints: number;
  /** Cost centre that carries purchase price variance of direct orders (Supply Chain). */
  varianceCostCentre: string;
}

export const DEFAULT_ERP_SETTINGS: ErpSettings = {
  approvalThresholdCents: 1_000_000,
  priceToleranceBasisPoints: 200,
  varianceCostCentre: '8100',
};

export interface ReorderSignal {
  itemId: string;
  locationId: string;
  onHand: number;
  onOrder: number;
  reorderPoint: number;
  reorderQuantity: number;
  preferredSupplierId?: string;
  lastPurchasePriceCents?: number;
}

export interface StockIssue {
  id: string;
  itemId: string;
  locationId: string;
  quantity: number;
  unitOfMeasure: string;
  costCentre: string;
  encounterId?: string;
  procedureId?: string;
  serials: string[];
  lots: Lot[];
  unitCostCents: number;
  totalCostCents: number;
  journalEntryId?: string;
  onHandAfter: number;
  reorder?: ReorderSignal;
  issuedAt: string;
}

export interface GoodsReceiptLine {
  poLineNumber: number;
  itemId: string;
  quantity: number;
  unitCostCents: number;
  amountCents: number;
  serials: string[];
  lots: Lot[];
  averageUnitCostAfterCents: number;
  onHandAfter: number;
}

export interface GoodsReceipt {
  id: string;
  purchaseOrderId: string;
  locationId: string;
  receivedAt: string;
  lines: GoodsReceiptLine[];
  totalCents: number;
  journalEntryId: string;
}

// ---- command inputs -------------------------------------------------------------------------

export interface IssueStockInput {
  itemId: string;
  locationId: string;
  quantity: number;
  costCentre: string;
  encounterId?: string;
  procedureId?: string;
  serials?: string[];
  lots?: { lotNumber: string; quantity: number }[];
}

export interface CreateRequisitionInput {
  requester: string;
  costCentre: string;
  reason?: RequisitionReason;
  lines: { itemId: string; quantity: number; estimatedUnitPriceCents?: number; supplierId?: string }[];
}

export interface CreateOrderInput {
  requisitionId?: string;
  supplierId?: string;
  shipToLocationId: string;
  lines?: { itemId: string; quantity: number; unitPriceCents: number }[];
}

export interface GoodsReceiptInput {
  purchaseOrderId: string;
  lines: { poLineNumber: number; quantity: number; serials?: string[]; lots?: Lot[] }[];
}

export interface SupplierInvoiceInput {
  supplierId: string;
  invoiceNumber: string;
  purchaseOrderId: string;
  invoiceDate: string;
  lines: { poLineNumber: number; quantity: number; unitPriceCents: number }[];
}

export interface PaymentInput {
  invoiceId: string;
  amountCents?: number;
  method: PaymentMethod;
  paidOn?: string;
}

export interface JournalInput {
  postingDate?: string;
  memo?: string;
  source?: { type: SourceDocumentType; id: string };
  lines: JournalLineDraft[];
}

export interface PayrollEmployeeInput {
  employeeNumber: string;
  costCentre: string;
  hourlyRateCents: number;
  status: EmploymentStatus;
  hireDate: string;
  terminationDate?: string;
}

export interface PayrollRunInput {
  periodStart: string;
  periodEnd: string;
  timesheets: { employeeNumber: string; hours: number }[];
}

export type ItemChange = Partial<
  Pick<
    ItemMaster,
    | 'description'
    | 'reorderPoint'
    | 'reorderQuantity'
    | 'allowNegativeStock'
    | 'preferredSupplierId'
    | 'active'
    | 'gtin'
    | 'unspsc'
    | 'billableHcpcs'
    | 'chargeCode'
  >
>;
export type SupplierChange = Partial<Pick<Supplier, 'name' | 'taxId' | 'paymentTermsDays' | 'active' | 'orderEmail'>>;

/** Every state change the ERP accepts: what the command log records and replays. */
export type ErpCommand =
  | { type: 'issue-stock'; input: IssueStockInput }
  | { type: 'create-requisition'; input: CreateRequisitionInput }
  | { type: 'decide-requisition'; requisitionId: string; input: { approver: string; decision: ApprovalDecision; comment?: string } }
  | { type: 'create-purchase-order'; input: CreateOrderInput }
  | { type: 'approve-purchase-order'; purchaseOrderId: string; approver: string }
  | { type: 'send-purchase-order'; purchaseOrderId: string }
  | { type: 'cancel-purchase-order'; purchaseOrderId: string }
  | { type: 'post-goods-receipt'; input: GoodsReceiptInput }
  | { type: 'post-invoice'; input: SupplierInvoiceInput }
  | { type: 'approve-invoice-variance'; invoiceId: string; input: { approver: string; comment?: string } }
  | { type: 'post-payment'; input: PaymentInput }
  | { type: 'post-journal'; input: JournalInput }
  | { type: 'upsert-payroll-employee'; input: PayrollEmployeeInput }
  | { type: 'run-payroll'; input: PayrollRunInput }
  | { type: 'update-item'; itemId: string; change: ItemChange }
  | { type: 'update-supplier'; supplierId: string; change: SupplierChange };

export interface CommandContext {
  idempotencyKey: string;
  /** When the command happened; the ERP clock when absent (a replayed log entry carries its own). */
  at?: Date;
}

export interface Outcome<T> {
  result: T;
  /** True when the key had been used: the result is the first one and nothing changed. */
  replayed: boolean;
}

export interface CommittedCommand {
  command: ErpCommand;
  idempotencyKey: string;
  at: string;
}

/** The ERP's own documents may post to control accounts; journals from outside may not. */
const AUTOMATIC = { automatic: true };

const padded = (prefix: string, n: number) => `${prefix}-${String(n).padStart(6, '0')}`;
const dateOf = (at: string) => at.slice(0, 10);

/**
 * The sandbox's reference ERP: general ledger, perpetual inventory at moving-average cost, purchasing,
 * payables and payroll costing, behind one command surface. Each command validates everything before
 * it changes anything, posts its journal, and is remembered by idempotency key. No HTTP here.
 */
export class SandboxErp {
  readonly ledger: GeneralLedger;
  readonly inventory: Inventory;
  readonly purchasing: Purchasing;
  readonly payables = new AccountsPayable();
  readonly payroll = new Payroll();
  private readonly idempotency = new IdempotencyRegistry();
  private readonly issues = new Map<string, StockIssue>();
  private readonly receipts = new Map<string, GoodsReceipt>();
  private readonly mappings: GlMapping[];
  private listener?: (committed: CommittedCommand) => void;
  private brokenBy?: unknown;

  constructor(
    readonly settings: ErpSettings = DEFAULT_ERP_SETTINGS,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.ledger = new GeneralLedger(SEED_ACCOUNTS, SEED_COST_CENTRES);
    this.inventory = new Inventory(SEED_ITEMS, SEED_LOCATIONS);
    this.purchasing = new Purchasing(SEED_SUPPLIERS, settings.approvalThresholdCents);
    this.mappings = glMappingsFor(SEED_COST_CENTRES);
    this.ledger.requireCostCentre(settings.varianceCostCentre, 'varianceCostCentre');
    this.seedOpeningBalances();
  }

  /** Whether a command already ran under this idempotency key (its replay would change nothing). */
  knowsIdempotencyKey(key: string): boolean {
    return this.idempotency.knows(key);
  }

  /** Called after each command that changed state (not for replays); a throw marks the ERP broken. */
  onCommitted(listener: (committed: CommittedCommand) => void): void {
    this.listener = listener;
  }

  // ---- reads ----------------------------------------------------------------------------------

  listSuppliers(): Supplier[] {
    return structuredClone(this.purchasing.listSuppliers());
  }

  supplier(id: string): Supplier {
    const supplier = this.purchasing.supplier(id);
    if (!supplier) throw notFound('Supplier', id);
    return structuredClone(supplier);
  }

  listItems(): ItemMaster[] {
    return structuredClone(this.inventory.listItems());
  }

  item(id: string): ItemMaster {
    const item = this.inventory.item(id);
    if (!item) throw notFound('Item', id);
    return structuredClone(item);
  }

  listLocations(): StorageLocation[] {
    return structuredClone(this.inventory.listLocations());
  }

  balances(
    filter: { itemId?: string; locationId?: string } = {},
  ): (StockBalance & { averageUnitCostCents: number; onOrder: number; atOrBelowReorderPoint: boolean })[] {
    return this.inventory.balances(filter).map((balance) => {
      const item = this.inventory.item(balance.itemId);
      return {
        ...balance,
        averageUnitCostCents: averageUnitCostCents(balance.valuation, item?.lastPurchasePriceCents ?? 0),
        onOrder: this.purchasing.onOrder(balance.itemId, balance.locationId),
        atOrBelowReorderPoint: item?.reorderPoint !== undefined && balance.valuation.quantity <= item.reorderPoint,
      };
    });
  }

  listCostCentres(): CostCentre[] {
    return structuredClone(this.ledger.listCostCentres());
  }

  checkCostCentre(code: string): CostCentreCheck {
    return structuredClone(this.ledger.checkCostCentre(code));
  }

  listAccounts(): GlAccount[] {
    return structuredClone(this.ledger.listAccounts());
  }

  journalEntries(filter: { sourceType?: SourceDocumentType; sourceId?: string } = {}): JournalEntry[] {
    return structuredClone(this.ledger.entries(filter));
  }

  journalEntry(id: string): JournalEntry {
    const entry = this.ledger.entry(id);
    if (!entry) throw notFound('Journal entry', id);
    return structuredClone(entry);
  }

  trialBalance(options: { byCostCentre?: boolean; costCentre?: string } = {}): TrialBalance {
    return this.ledger.trialBalance(options);
  }

  glMappings(filter: { departmentCode?: string; chargeCategory?: ChargeCategory } = {}): GlMapping[] {
    return structuredClone(
      this.mappings.filter(
        (mapping) =>
          (filter.departmentCode === undefined || mapping.departmentCode === filter.departmentCode) &&
          (filter.chargeCategory === undefined || mapping.chargeCategory === filter.chargeCategory),
      ),
    );
  }

  listIssues(): StockIssue[] {
    return structuredClone([...this.issues.values()]);
  }

  issue(id: string): StockIssue {
    const issue = this.issues.get(id);
    if (!issue) throw notFound('Stock issue', id);
    return structuredClone(issue);
  }

  listRequisitions(): Requisition[] {
    return structuredClone(this.purchasing.listRequisitions());
  }

  requisition(id: string): Requisition {
    return structuredClone(this.purchasing.requisition(id));
  }

  listOrders(): PurchaseOrder[] {
    return structuredClone(this.purchasing.listOrders());
  }

  order(id: string): PurchaseOrder {
    return structuredClone(this.purchasing.order(id));
  }

  listReceipts(): GoodsReceipt[] {
    return structuredClone([...this.receipts.values()]);
  }

  receipt(id: string): GoodsReceipt {
    const receipt = this.receipts.get(id);
    if (!receipt) throw notFound('Goods receipt', id);
    return structuredClone(receipt);
  }

  listInvoices(): SupplierInvoice[] {
    return structuredClone(this.payables.listInvoices());
  }

  invoice(id: string): SupplierInvoice {
    return structuredClone(this.payables.invoice(id));
  }

  listPayments(): Payment[] {
    return structuredClone(this.payables.listPayments());
  }

  payment(id: string): Payment {
    return structuredClone(this.payables.payment(id));
  }

  listPayrollEmployees(): PayrollEmployee[] {
    return structuredClone(this.payroll.listEmployees());
  }

  payrollEmployee(employeeNumber: string): PayrollEmployee {
    return structuredClone(this.payroll.employee(employeeNumber));
  }

  listPayrollRuns(): PayrollRun[] {
    return structuredClone(this.payroll.listRuns());
  }

  payrollRun(id: string): PayrollRun {
    return structuredClone(this.payroll.run(id));
  }

  // ---- commands -------------------------------------------------------------------------------

  /** Runs any command; the log replays through here. */
  execute(command: ErpCommand, context: CommandContext): Outcome<unknown> {
    switch (command.type) {
      case 'issue-stock':
        return this.issueStock(command.input, context);
      case 'create-requisition':
        return this.createRequisition(command.input, context);
      case 'decide-requisition':
        return this.decideRequisition(command.requisitionId, command.input, context);
      case 'create-purchase-order':
        return this.createPurchaseOrder(command.input, context);
      case 'approve-purchase-order':
        return this.approvePurchaseOrder(command.purchaseOrderId, command.approver, context);
      case 'send-purchase-order':
        return this.sendPurchaseOrder(command.purchaseOrderId, context);
      case 'cancel-purchase-order':
        return this.cancelPurchaseOrder(command.purchaseOrderId, context);
      case 'post-goods-receipt':
        return this.postGoodsReceipt(command.input, context);
      case 'post-invoice':
        return this.postInvoice(command.input, context);
      case 'approve-invoice-variance':
        return this.approveInvoiceVariance(command.invoiceId, command.input, context);
      case 'post-payment':
        return this.postPayment(command.input, context);
      case 'post-journal':
        return this.postJournal(command.input, context);
      case 'upsert-payroll-employee':
        return this.upsertPayrollEmployee(command.input, context);
      case 'run-payroll':
        return this.runPayroll(command.input, context);
      case 'update-item':
        return this.updateItem(command.itemId, command.change, context);
      case 'update-supplier':
        return this.updateSupplier(command.supplierId, command.change, context);
    }
  }

  /** Consume stock for an encounter and department at the current moving-average cost: DR 5000 cc / CR 1300. */
  issueStock(input: IssueStockInput, context: CommandContext): Outcome<StockIssue> {
    return this.run({ type: 'issue-stock', input }, context, (at) => {
      this.ledger.requireCostCentre(input.costCentre);
      const plan = this.inventory.planIssue(input);
      const id = padded('GI', this.issues.size + 1);
      const draft: JournalDraft | undefined =
        plan.costCents > 0
          ? {
              postingDate: dateOf(at),
              memo: `Stock issue ${id}: ${plan.quantity} ${plan.item.unitOfMeasure} ${plan.item.id}`,
              source: { type: 'inventory-issue', id },
              lines: [
                {
                  account: Account.SUPPLIES_EXPENSE,
                  costCentre: input.costCentre,
                  side: 'debit',
                  amountCents: plan.costCents,
                  memo: input.encounterId ? `Encounter ${input.encounterId}` : undefined,
                },
                { account: Account.INVENTORY, side: 'credit', amountCents: plan.costCents },
              ],
            }
          : undefined;
      if (draft) this.ledger.validate(draft, AUTOMATIC);
      this.inventory.apply(plan);
      const entry = draft ? this.ledger.post(draft, at, AUTOMATIC) : undefined;
      const onHandAfter = plan.after.valuation.quantity;
      const item = plan.item;
      const issue: StockIssue = {
        id,
        itemId: item.id,
        locationId: plan.locationId,
        quantity: plan.quantity,
        unitOfMeasure: item.unitOfMeasure,
        costCentre: input.costCentre,
        encounterId: input.encounterId,
        procedureId: input.procedureId,
        serials: plan.serials,
        lots: plan.lots,
        unitCostCents: plan.unitCostCents,
        totalCostCents: plan.costCents,
        journalEntryId: entry?.id,
        onHandAfter,
        reorder:
          item.reorderPoint !== undefined && onHandAfter <= item.reorderPoint
            ? {
                itemId: item.id,
                locationId: plan.locationId,
                onHand: onHandAfter,
                onOrder: this.purchasing.onOrder(item.id, plan.locationId),
                reorderPoint: item.reorderPoint,
                reorderQuantity: item.reorderQuantity ?? item.reorderPoint,
                preferredSupplierId: item.preferredSupplierId,
                lastPurchasePriceCents: item.lastPurchasePriceCents,
              }
            : undefined,
        issuedAt: at,
      };
      this.issues.set(id, issue);
      return issue;
    });
  }

  /** A request to buy; it waits for approval when its total is above the threshold. */
  createRequisition(input: CreateRequisitionInput, context: CommandContext): Outcome<Requisition> {
    return this.run({ type: 'create-requisition', input }, context, (at) => {
      this.ledger.requireCostCentre(input.costCentre);
      const lines = input.lines.map((line, index) => {
        const item = this.inventory.requireItem(line.itemId, `lines[${index}].itemId`);
        requirePositiveWhole(line.quantity, `lines[${index}].quantity`);
        const supplierId = line.supplierId ?? item.preferredSupplierId;
        if (supplierId !== undefined) this.purchasing.requireSupplier(supplierId, `lines[${index}].supplierId`);
        const estimatedUnitPriceCents = line.estimatedUnitPriceCents ?? item.lastPurchasePriceCents;
        if (estimatedUnitPriceCents === undefined)
          throw invalid(`lines[${index}].estimatedUnitPrice`, `${item.id} has no last price: give an estimated unit price`);
        return { itemId: item.id, quantity: line.quantity, unitOfMeasure: item.unitOfMeasure, estimatedUnitPriceCents, supplierId };
      });
      return this.purchasing.createRequisition(
        { requester: input.requester, costCentre: input.costCentre, reason: input.reason ?? 'manual', lines },
        at,
      );
    });
  }

  decideRequisition(
    requisitionId: string,
    input: { approver: string; decision: ApprovalDecision; comment?: string },
    context: CommandContext,
  ): Outcome<Requisition> {
    return this.run({ type: 'decide-requisition', requisitionId, input }, context, () =>
      this.purchasing.decideRequisition(requisitionId, input),
    );
  }

  /** An order from an approved requisition (approved at once), or a direct one (a draft above the threshold). */
  createPurchaseOrder(input: CreateOrderInput, context: CommandContext): Outcome<PurchaseOrder> {
    return this.run({ type: 'create-purchase-order', input }, context, (at) => {
      this.inventory.requireLocation(input.shipToLocationId, 'shipToLocationId');
      if (input.requisitionId !== undefined) {
        if (input.lines?.length) throw invalid('lines', 'An order raised from a requisition takes its lines from it');
        const { requisition, supplierId } = this.purchasing.checkConvertible(input.requisitionId);
        if (input.supplierId !== undefined && input.supplierId !== supplierId)
          throw invalid('supplierId', `Requisition ${requisition.id} names supplier ${supplierId}`);
        this.purchasing.requireSupplier(supplierId);
        return this.purchasing.createOrder(
          {
            supplierId,
            requisitionId: requisition.id,
            costCentre: requisition.costCentre,
            shipToLocationId: input.shipToLocationId,
            approvedBy: requisition.decidedBy,
            lines: requisition.lines.map((line) => ({
              itemId: line.itemId,
              quantity: line.quantity,
              unitOfMeasure: line.unitOfMeasure,
              unitPriceCents: line.estimatedUnitPriceCents,
            })),
          },
          at,
        );
      }
      if (input.supplierId === undefined) throw invalid('supplierId', 'A direct order needs a supplier');
      if (!input.lines?.length) throw invalid('lines', 'A direct order needs at least one line');
      this.purchasing.requireSupplier(input.supplierId);
      const lines = input.lines.map((line, index) => {
        const item = this.inventory.requireItem(line.itemId, `lines[${index}].itemId`);
        requirePositiveWhole(line.quantity, `lines[${index}].quantity`);
        return { itemId: item.id, quantity: line.quantity, unitOfMeasure: item.unitOfMeasure, unitPriceCents: line.unitPriceCents };
      });
      return this.purchasing.createOrder(
        { supplierId: input.supplierId, costCentre: this.settings.varianceCostCentre, shipToLocationId: input.shipToLocationId, lines },
        at,
      );
    });
  }

  approvePurchaseOrder(purchaseOrderId: string, approver: string, context: CommandContext): Outcome<PurchaseOrder> {
    return this.run({ type: 'approve-purchase-order', purchaseOrderId, approver }, context, () =>
      this.purchasing.approveOrder(purchaseOrderId, approver),
    );
  }

  sendPurchaseOrder(purchaseOrderId: string, context: CommandContext): Outcome<PurchaseOrder> {
    return this.run({ type: 'send-purchase-order', purchaseOrderId }, context, () => this.purchasing.sendOrder(purchaseOrderId));
  }

  cancelPurchaseOrder(purchaseOrderId: string, context: CommandContext): Outcome<PurchaseOrder> {
    return this.run({ type: 'cancel-purchase-order', purchaseOrderId }, context, () => this.purchasing.cancelOrder(purchaseOrderId));
  }

  /** Stock up at the PO price (DR 1300 / CR 2050) and move the moving average. */
  postGoodsReceipt(input: GoodsReceiptInput, context: CommandContext): Outcome<GoodsReceipt> {
    return this.run({ type: 'post-goods-receipt', input }, context, (at) => {
      if (!input.lines.length) throw invalid('lines', 'A goods receipt needs at least one line');
      input.lines.forEach((line, index) => requirePositiveWhole(line.quantity, `lines[${index}].quantity`));
      const order = this.purchasing.checkReceipt(input.purchaseOrderId, input.lines);
      const id = padded('GR', this.receipts.size + 1);
      const working: WorkingSet = new Map();
      const plans: { plan: ReceiptPlan; poLineNumber: number }[] = input.lines.map((line, index) => {
        const poLine = order.lines.find((candidate) => candidate.lineNumber === line.poLineNumber);
        if (!poLine) throw invalid(`lines[${index}].poLineNumber`, `${order.id} has no line ${line.poLineNumber}`);
        const plan = this.inventory.planReceipt(
          {
            itemId: poLine.itemId,
            locationId: order.shipToLocationId,
            quantity: line.quantity,
            unitCostCents: poLine.unitPriceCents,
            serials: line.serials,
            lots: line.lots,
          },
          `lines[${index}]`,
          working,
        );
        return { plan, poLineNumber: line.poLineNumber };
      });
      const totalCents = plans.reduce((sum, { plan }) => sum + plan.amountCents, 0);
      const residualCents = plans.reduce((sum, { plan }) => sum + plan.residualCents, 0);
      const lines: JournalLineDraft[] = [
        { account: Account.INVENTORY, side: 'debit', amountCents: totalCents },
        { account: Account.GOODS_RECEIVED_NOT_INVOICED, side: 'credit', amountCents: totalCents, memo: `PO ${order.id}` },
      ];
      // Units that filled negative stock: what they cost more (or less) than they were issued at.
      if (residualCents > 0) {
        lines.push({
          account: Account.PURCHASE_PRICE_VARIANCE,
          costCentre: order.costCentre,
          side: 'debit',
          amountCents: residualCents,
          memo: 'Negative stock revaluation',
        });
        lines.push({ account: Account.INVENTORY, side: 'credit', amountCents: residualCents });
      } else if (residualCents < 0) {
        lines.push({ account: Account.INVENTORY, side: 'debit', amountCents: -residualCents });
        lines.push({
          account: Account.PURCHASE_PRICE_VARIANCE,
          costCentre: order.costCentre,
          side: 'credit',
          amountCents: -residualCents,
          memo: 'Negative stock revaluation',
        });
      }
      const draft: JournalDraft = {
        postingDate: dateOf(at),
        memo: `Goods receipt ${id} for ${order.id}`,
        source: { type: 'goods-receipt', id },
        lines,
      };
      this.ledger.validate(draft, AUTOMATIC);
      for (const { plan } of plans) this.inventory.apply(plan);
      const entry = this.ledger.post(draft, at, AUTOMATIC);
      this.purchasing.recordReceipt(order.id, input.lines);
      for (const poLine of order.lines) {
        if (input.lines.some((line) => line.poLineNumber === poLine.lineNumber))
          this.inventory.updateItem(poLine.itemId, { lastPurchasePriceCents: poLine.unitPriceCents }, at);
      }
      const receipt: GoodsReceipt = {
        id,
        purchaseOrderId: order.id,
        locationId: order.shipToLocationId,
        receivedAt: at,
        lines: plans.map(({ plan, poLineNumber }) => {
          const after = this.inventory.balance(plan.item.id, plan.locationId);
          return {
            poLineNumber,
            itemId: plan.item.id,
            quantity: plan.quantity,
            unitCostCents: plan.amountCents / plan.quantity,
            amountCents: plan.amountCents,
            serials: plan.serials,
            lots: plan.lots,
            averageUnitCostAfterCents: averageUnitCostCents(after.valuation),
            onHandAfter: after.valuation.quantity,
          };
        }),
        totalCents,
        journalEntryId: entry.id,
      };
      this.receipts.set(id, receipt);
      return receipt;
    });
  }

  /**
   * Receive a supplier invoice and run the 3-way match. A match posts it to payables (DR 2050 at
   * the PO value, any in-tolerance difference to 5050, CR 2000 the invoice total); a failed match is
   * recorded with its reasons and posts nothing until a buyer approves the variance.
   */
  postInvoice(input: SupplierInvoiceInput, context: CommandContext): Outcome<SupplierInvoice> {
    return this.run({ type: 'post-invoice', input }, context, (at) => {
      if (!input.lines.length) throw invalid('lines', 'An invoice needs at least one line');
      const seen = new Set<number>();
      input.lines.forEach((line, index) => {
        requirePositiveWhole(line.quantity, `lines[${index}].quantity`);
        if (!Number.isSafeInteger(line.unitPriceCents) || line.unitPriceCents < 0)
          throw invalid(`lines[${index}].unitPrice`, 'unitPrice must be a non-negative whole number of cents');
        if (seen.has(line.poLineNumber))
          throw invalid(`lines[${index}].poLineNumber`, `PO line ${line.poLineNumber} appears twice on the invoice`);
        seen.add(line.poLineNumber);
      });
      if (!this.purchasing.supplier(input.supplierId))
        throw new ErpDomainError(ErpErrorCode.NOT_FOUND, `Supplier ${input.supplierId} does not exist`, { field: 'supplierId' });
      const order = this.purchasing.requireInvoiceable(input.purchaseOrderId);
      if (order.supplierId !== input.supplierId)
        throw invalid('supplierId', `${order.id} was placed with ${order.supplierId}, not ${input.supplierId}`);
      this.payables.checkNotDuplicate(input.supplierId, input.invoiceNumber);
      const match = matchInvoice(order.lines, input.lines, this.settings.priceToleranceBasisPoints);
      let posting: { journalEntryId: string } | undefined;
      if (match.matched) {
        const draft = this.payablesJournal(this.payables.nextInvoiceId(), input.invoiceNumber, order, match, input.invoiceDate);
        this.ledger.validate(draft, AUTOMATIC);
        posting = { journalEntryId: this.ledger.post(draft, at, AUTOMATIC).id };
        this.purchasing.recordInvoiced(order.id, input.lines);
      }
      return this.payables.record(input, match, posting, at);
    });
  }

  /** A buyer accepts a price outside tolerance: DR 2050 PO value, DR/CR 5050 the variance, CR 2000 the invoice total. */
  approveInvoiceVariance(
    invoiceId: string,
    input: { approver: string; comment?: string },
    context: CommandContext,
  ): Outcome<SupplierInvoice> {
    return this.run({ type: 'approve-invoice-variance', invoiceId, input }, context, (at) => {
      const invoice = this.payables.invoice(invoiceId);
      const order = this.purchasing.requireInvoiceable(invoice.purchaseOrderId);
      // Matched again against today's receipts: goods may have arrived since the invoice did.
      const rematch = matchInvoice(order.lines, invoice.lines, this.settings.priceToleranceBasisPoints);
      this.payables.checkVarianceApprovable(invoiceId, rematch);
      const draft = this.payablesJournal(invoice.id, invoice.invoiceNumber, order, rematch, invoice.invoiceDate);
      this.ledger.validate(draft, AUTOMATIC);
      const entry = this.ledger.post(draft, at, AUTOMATIC);
      this.purchasing.recordInvoiced(order.id, invoice.lines);
      return this.payables.recordVarianceApproval(invoiceId, input, rematch, entry.id);
    });
  }

  /** Pay a posted invoice (DR 2000 / CR 1000); the order closes once every invoice on it is paid. */
  postPayment(input: PaymentInput, context: CommandContext): Outcome<Payment> {
    return this.run({ type: 'post-payment', input }, context, (at) => {
      if (input.amountCents !== undefined && (!Number.isSafeInteger(input.amountCents) || input.amountCents <= 0)) {
        throw invalid('amount', 'amount must be a positive whole number of cents');
      }
      const { invoice, amountCents } = this.payables.checkPayment(input.invoiceId, input.amountCents);
      this.purchasing.requireSupplier(invoice.supplierId);
      const id = this.payables.nextPaymentId();
      const paidOn = input.paidOn ?? dateOf(at);
      const draft: JournalDraft = {
        postingDate: paidOn,
        memo: `Payment ${id} of invoice ${invoice.invoiceNumber}`,
        source: { type: 'payment', id },
        lines: [
          { account: Account.ACCOUNTS_PAYABLE, side: 'debit', amountCents, memo: `Invoice ${invoice.id}` },
          { account: Account.CASH, side: 'credit', amountCents },
        ],
      };
      this.ledger.validate(draft, AUTOMATIC);
      const entry = this.ledger.post(draft, at, AUTOMATIC);
      const payment = this.payables.recordPayment({
        supplierId: invoice.supplierId,
        invoiceId: invoice.id,
        amountCents,
        method: input.method,
        paidOn,
        journalEntryId: entry.id,
      });
      if (this.payables.allPaid(invoice.purchaseOrderId)) this.purchasing.closeOrder(invoice.purchaseOrderId);
      return payment;
    });
  }

  /** Post a balanced journal from another system (revenue, A/R, cash, allowances); an unbalanced one is refused with its difference. */
  postJournal(input: JournalInput, context: CommandContext): Outcome<JournalEntry> {
    return this.run({ type: 'post-journal', input }, context, (at) =>
      this.ledger.post({ postingDate: input.postingDate ?? dateOf(at), memo: input.memo, source: input.source, lines: input.lines }, at),
    );
  }

  /** Employee synced from HR to payroll (hire, change, termination). */
  upsertPayrollEmployee(input: PayrollEmployeeInput, context: CommandContext): Outcome<PayrollEmployee> {
    return this.run({ type: 'upsert-payroll-employee', input }, context, (at) => {
      this.ledger.requireCostCentre(input.costCentre);
      if (!Number.isSafeInteger(input.hourlyRateCents) || input.hourlyRateCents <= 0)
        throw invalid('hourlyRate', 'hourlyRate must be a positive whole number of cents');
      return this.payroll.upsertEmployee(input, at);
    });
  }

  /** Cost timesheet hours by cost centre: DR 6000 per cost centre / CR 2100. */
  runPayroll(input: PayrollRunInput, context: CommandContext): Outcome<PayrollRun> {
    return this.run({ type: 'run-payroll', input }, context, (at) => {
      const { costs, totalCents } = this.payroll.cost(input);
      costs.forEach((cost) => this.ledger.requireCostCentre(cost.costCentre));
      const id = this.payroll.nextRunId();
      const draft: JournalDraft = {
        postingDate: input.periodEnd,
        memo: `Payroll ${id}, ${input.periodStart} to ${input.periodEnd}`,
        source: { type: 'payroll-run', id },
        lines: [
          ...costs
            .filter((cost) => cost.labourCostCents > 0)
            .map((cost): JournalLineDraft => ({
              account: Account.SALARIES_AND_WAGES,
              costCentre: cost.costCentre,
              side: 'debit',
              amountCents: cost.labourCostCents,
            })),
          { account: Account.ACCRUED_PAYROLL, side: 'credit', amountCents: totalCents },
        ],
      };
      this.ledger.validate(draft, AUTOMATIC);
      const entry = this.ledger.post(draft, at, AUTOMATIC);
      return this.payroll.recordRun({
        id,
        periodStart: input.periodStart,
        periodEnd: input.periodEnd,
        costs,
        totalCents,
        journalEntryId: entry.id,
        postedAt: at,
      });
    });
  }

  updateItem(itemId: string, change: ItemChange, context: CommandContext): Outcome<ItemMaster> {
    return this.run({ type: 'update-item', itemId, change }, context, (at) => {
      if (change.preferredSupplierId !== undefined && !this.purchasing.supplier(change.preferredSupplierId)) {
        throw new ErpDomainError(ErpErrorCode.NOT_FOUND, `Supplier ${change.preferredSupplierId} does not exist`, {
          field: 'preferredSupplierId',
        });
      }
      for (const field of ['reorderPoint', 'reorderQuantity'] as const) {
        const value = change[field];
        if (value !== undefined && (!Number.isSafeInteger(value) || value < 0))
          throw invalid(field, `${field} must be a whole number, zero or more`);
      }
      return this.inventory.updateItem(itemId, change, at);
    });
  }

  updateSupplier(supplierId: string, change: SupplierChange, context: CommandContext): Outcome<Supplier> {
    return this.run({ type: 'update-supplier', supplierId, change }, context, (at) => {
      if (change.paymentTermsDays !== undefined && (!Number.isSafeInteger(change.paymentTermsDays) || change.paymentTermsDays < 0)) {
        throw invalid('paymentTermsDays', 'paymentTermsDays must be a whole number of days');
      }
      return this.purchasing.updateSupplier(supplierId, change, at);
    });
  }

  // ---- internals ------------------------------------------------------------------------------

  private payablesJournal(
    invoiceId: string,
    invoiceNumber: string,
    order: PurchaseOrder,
    match: MatchResult,
    invoiceDate: string,
  ): JournalDraft {
    const lines: JournalLineDraft[] = [
      { account: Account.GOODS_RECEIVED_NOT_INVOICED, side: 'debit', amountCents: match.poValueCents, memo: `PO ${order.id}` },
    ];
    if (match.priceVarianceCents > 0) {
      lines.push({
        account: Account.PURCHASE_PRICE_VARIANCE,
        costCentre: order.costCentre,
        side: 'debit',
        amountCents: match.priceVarianceCents,
      });
    } else if (match.priceVarianceCents < 0) {
      lines.push({
        account: Account.PURCHASE_PRICE_VARIANCE,
        costCentre: order.costCentre,
        side: 'credit',
        amountCents: -match.priceVarianceCents,
      });
    }
    lines.push({
      account: Account.ACCOUNTS_PAYABLE,
      side: 'credit',
      amountCents: match.invoiceTotalCents,
      memo: `Invoice ${invoiceNumber}`,
    });
    return {
      postingDate: invoiceDate,
      memo: `Supplier invoice ${invoiceNumber} for ${order.id}`,
      source: { type: 'supplier-invoice', id: invoiceId },
      lines,
    };
  }

  private run<T>(command: ErpCommand, context: CommandContext, perform: (at: string) => T): Outcome<T> {
    if (this.brokenBy !== undefined) {
      throw new ErpDomainError(
        ErpErrorCode.STORAGE_FAILED,
        'The ERP could not record an earlier change durably and refuses new ones until it restarts',
      );
    }
    if (!context.idempotencyKey || context.idempotencyKey.length > 200)
      throw invalid('idempotencyKey', 'Every posting needs an idempotency key of 1-200 characters');
    const fingerprint = canonicalJson(command);
    const previous = this.idempotency.replay(context.idempotencyKey, fingerprint);
    if (previous.hit) return { result: previous.result as T, replayed: true };
    const at = (context.at ?? this.clock()).toISOString();
    const result = perform(at);
    this.idempotency.remember(context.idempotencyKey, fingerprint, result);
    try {
      this.listener?.({ command, idempotencyKey: context.idempotencyKey, at });
    } catch (error) {
      this.brokenBy = error;
      throw new ErpDomainError(
        ErpErrorCode.STORAGE_FAILED,
        'The change was made but could not be recorded durably; the ERP refuses new changes until it restarts',
      );
    }
    return { result: structuredClone(result), replayed: false };
  }

  private seedOpeningBalances(): void {
    const working: WorkingSet = new Map();
    const plans = SEED_OPENING_STOCK.map((stock) => this.inventory.planReceipt(stock, 'opening', working));
    for (const plan of plans) this.inventory.apply(plan);
    const total = plans.reduce((sum, plan) => sum + plan.amountCents, 0);
    this.ledger.post(
      {
        postingDate: SEED_VERSION_TIME.slice(0, 10),
        memo: 'Opening stock',
        source: { type: 'manual', id: 'opening-balances' },
        lines: [
          { account: Account.INVENTORY, side: 'debit', amountCents: total },
          { account: Account.NET_ASSETS_OPENING, side: 'credit', amountCents: total },
        ],
      },
      SEED_VERSION_TIME,
      AUTOMATIC,
    );
    for (const employee of SEED_PAYROLL_EMPLOYEES) this.payroll.upsertEmployee(employee, SEED_VERSION_TIME);
  }
}

function requirePositiveWhole(quantity: number, field: string): void {
  if (!Number.isSafeInteger(quantity) || quantity <= 0)
    throw invalid(field, `${field} must be a positive whole number of units (the sandbox ERP stocks whole units)`);
}
