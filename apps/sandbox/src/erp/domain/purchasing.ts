import type { ApprovalDecision, PurchaseOrderStatus, RequisitionApprovalStatus, RequisitionReason } from '@concord/contracts';
import { lineAmount } from './cents';
import { ErpDomainError, ErpErrorCode, invalid, notFound } from './erp-domain.error';

export interface Supplier {
  id: string;
  name: string;
  taxId?: string;
  paymentTermsDays: number;
  active: boolean;
  orderEmail?: string;
  version: number;
  updatedAt: string;
}

export interface RequisitionLine {
  lineNumber: number;
  itemId: string;
  quantity: number;
  unitOfMeasure: string;
  estimatedUnitPriceCents: number;
  amountCents: number;
  supplierId?: string;
}

export interface Requisition {
  id: string;
  requester: string;
  costCentre: string;
  reason: RequisitionReason;
  lines: RequisitionLine[];
  totalCents: number;
  approvalRequired: boolean;
  approvalStatus: RequisitionApprovalStatus;
  decidedBy?: string;
  decisionComment?: string;
  purchaseOrderId?: string;
  createdAt: string;
  version: number;
}

export interface PurchaseOrderLine {
  lineNumber: number;
  itemId: string;
  quantity: number;
  unitOfMeasure: string;
  unitPriceCents: number;
  amountCents: number;
  receivedQuantity: number;
  invoicedQuantity: number;
}

export interface PurchaseOrder {
  id: string;
  supplierId: string;
  requisitionId?: string;
  /** Cost centre of the requisition, or the supply chain's for a direct order: where price variance lands. */
  costCentre: string;
  status: PurchaseOrderStatus;
  shipToLocationId: string;
  lines: PurchaseOrderLine[];
  totalCents: number;
  approvedBy?: string;
  createdAt: string;
  version: number;
}

export interface NewRequisitionLine {
  itemId: string;
  quantity: number;
  unitOfMeasure: string;
  estimatedUnitPriceCents: number;
  supplierId?: string;
}

export interface NewOrderLine {
  itemId: string;
  quantity: number;
  unitOfMeasure: string;
  unitPriceCents: number;
}

/** Statuses from which goods may be received. */
const RECEIVABLE: PurchaseOrderStatus[] = ['sent', 'partially-received'];
/** Statuses against which a supplier may invoice. */
const INVOICEABLE: PurchaseOrderStatus[] = ['sent', 'partially-received', 'received', 'invoiced'];

const padded = (prefix: string, n: number) => `${prefix}-${String(n).padStart(6, '0')}`;

/**
 * Suppliers, requisitions and purchase orders with their approval rule (above the threshold, a
 * second person approves; nobody approves their own request) and the order life cycle:
 * draft → approved → sent → partially-received → received → invoiced → closed, or cancelled
 * before anything arrives.
 */
export class Purchasing {
  private readonly suppliers = new Map<string, Supplier>();
  private readonly requisitions = new Map<string, Requisition>();
  private readonly orders = new Map<string, PurchaseOrder>();

  constructor(
    suppliers: Supplier[],
    readonly approvalThresholdCents: number,
  ) {
    for (const supplier of suppliers) this.suppliers.set(supplier.id, { ...supplier });
  }

  listSuppliers(): Supplier[] {
    return [...this.suppliers.values()];
  }

  supplier(id: string): Supplier | undefined {
    return this.suppliers.get(id);
  }

  requireSupplier(id: string, field = 'supplierId'): Supplier {
    const supplier = this.suppliers.get(id);
    if (!supplier) throw new ErpDomainError(ErpErrorCode.NOT_FOUND, `Supplier ${id} does not exist`, { field });
    if (!supplier.active) throw new ErpDomainError(ErpErrorCode.INACTIVE, `Supplier ${id} is blocked`, { field });
    return supplier;
  }

  updateSupplier(id: string, change: Partial<Omit<Supplier, 'id' | 'version'>>, at: string): Supplier {
    const supplier = this.suppliers.get(id);
    if (!supplier) throw notFound('Supplier', id);
    const updated = { ...supplier, ...change, id, version: supplier.version + 1, updatedAt: at };
    this.suppliers.set(id, updated);
    return updated;
  }

  listRequisitions(): Requisition[] {
    return [...this.requisitions.values()];
  }

  requisition(id: string): Requisition {
    const requisition = this.requisitions.get(id);
    if (!requisition) throw notFound('Requisition', id);
    return requisition;
  }

  createRequisition(
    input: { requester: string; costCentre: string; reason: RequisitionReason; lines: NewRequisitionLine[] },
    at: string,
  ): Requisition {
    if (!input.lines.length) throw invalid('lines', 'A requisition needs at least one line');
    const lines = input.lines.map((line, index) => ({
      ...line,
      lineNumber: index + 1,
      amountCents: lineAmount(line.quantity, line.estimatedUnitPriceCents),
    }));
    const totalCents = lines.reduce((sum, line) => sum + line.amountCents, 0);
    const approvalRequired = totalCents > this.approvalThresholdCents;
    const requisition: Requisition = {
      id: padded('PR', this.requisitions.size + 1),
      requester: input.requester,
      costCentre: input.costCentre,
      reason: input.reason,
      lines,
      totalCents,
      approvalRequired,
      approvalStatus: approvalRequired ? 'pending' : 'not-required',
      createdAt: at,
      version: 1,
    };
    this.requisitions.set(requisition.id, requisition);
    return requisition;
  }

  decideRequisition(id: string, decision: { approver: string; decision: ApprovalDecision; comment?: string }): Requisition {
    const requisition = this.requisition(id);
    if (requisition.approvalStatus !== 'pending') {
      throw new ErpDomainError(ErpErrorCode.INVALID_STATE, `Requisition ${id} is ${requisition.approvalStatus}, not pending approval`);
    }
    if (decision.approver === requisition.requester) {
      throw new ErpDomainError(
        ErpErrorCode.SEGREGATION_OF_DUTIES,
        `Requisition ${id} must be decided by someone other than its requester`,
        { field: 'approver' },
      );
    }
    requisition.approvalStatus = decision.decision === 'approve' ? 'approved' : 'rejected';
    requisition.decidedBy = decision.approver;
    requisition.decisionComment = decision.comment;
    requisition.version += 1;
    return requisition;
  }

  /** Checks that an order may be raised from the requisition; returns its supplier. */
  checkConvertible(requisitionId: string): { requisition: Requisition; supplierId: string } {
    const requisition = this.requisition(requisitionId);
    if (requisition.approvalStatus !== 'approved' && requisition.approvalStatus !== 'not-required') {
      throw new ErpDomainError(
        ErpErrorCode.INVALID_STATE,
        `Requisition ${requisitionId} is ${requisition.approvalStatus}; only approved requisitions become orders`,
        {
          field: 'requisitionId',
        },
      );
    }
    if (requisition.purchaseOrderId) {
      throw new ErpDomainError(ErpErrorCode.INVALID_STATE, `Requisition ${requisitionId} already became ${requisition.purchaseOrderId}`, {
        field: 'requisitionId',
      });
    }
    const suppliers = new Set(requisition.lines.map((line) => line.supplierId));
    const [supplierId] = [...suppliers];
    if (suppliers.size !== 1 || supplierId === undefined) {
      throw new ErpDomainError(
        ErpErrorCode.INVALID_STATE,
        `Requisition ${requisitionId} must name exactly one supplier to become one order`,
        { field: 'requisitionId' },
      );
    }
    return { requisition, supplierId };
  }

  listOrders(): PurchaseOrder[] {
    return [...this.orders.values()];
  }

  order(id: string): PurchaseOrder {
    const order = this.orders.get(id);
    if (!order) throw notFound('Purchase order', id);
    return order;
  }

  createOrder(
    input: {
      supplierId: string;
      requisitionId?: string;
      costCentre: string;
      shipToLocationId: string;
      lines: NewOrderLine[];
      approvedBy?: string;
    },
    at: string,
  ): PurchaseOrder {
    input.lines.forEach((line, index) => {
      if (!Number.isSafeInteger(line.unitPriceCents) || line.unitPriceCents <= 0)
        throw invalid(`lines[${index}].unitPrice`, 'A PO line needs a positive unit price');
    });
    const lines = input.lines.map((line, index) => ({
      ...line,
      lineNumber: index + 1,
      amountCents: lineAmount(line.quantity, line.unitPriceCents),
      receivedQuantity: 0,
      invoicedQuantity: 0,
    }));
    const totalCents = lines.reduce((sum, line) => sum + line.amountCents, 0);
    // An order from an approved requisition carries that approval; a direct order above the threshold waits for one.
    const preApproved = input.requisitionId !== undefined || totalCents <= this.approvalThresholdCents;
    const order: PurchaseOrder = {
      id: padded('PO', this.orders.size + 1),
      supplierId: input.supplierId,
      requisitionId: input.requisitionId,
      costCentre: input.costCentre,
      status: preApproved ? 'approved' : 'draft',
      shipToLocationId: input.shipToLocationId,
      lines,
      totalCents,
      approvedBy: input.approvedBy,
      createdAt: at,
      version: 1,
    };
    this.orders.set(order.id, order);
    if (input.requisitionId) {
      const requisition = this.requisition(input.requisitionId);
      requisition.purchaseOrderId = order.id;
      requisition.version += 1;
    }
    return order;
  }

  approveOrder(id: string, approver: string): PurchaseOrder {
    const order = this.requireStatus(id, ['draft'], 'approved');
    order.status = 'approved';
    order.approvedBy = approver;
    order.version += 1;
    return order;
  }

  sendOrder(id: string): PurchaseOrder {
    const order = this.requireStatus(id, ['approved'], 'sent');
    order.status = 'sent';
    order.version += 1;
    return order;
  }

  cancelOrder(id: string): PurchaseOrder {
    const order = this.requireStatus(id, ['draft', 'approved', 'sent'], 'cancelled');
    order.status = 'cancelled';
    order.version += 1;
    return order;
  }

  /** Throws unless the quantities may be received on the order's lines. */
  checkReceipt(id: string, lines: { poLineNumber: number; quantity: number }[]): PurchaseOrder {
    const order = this.requireStatus(id, RECEIVABLE, 'received against', 'purchaseOrderId');
    const pending = new Map<number, number>();
    lines.forEach((line, index) => {
      const poLine = order.lines.find((candidate) => candidate.lineNumber === line.poLineNumber);
      if (!poLine) throw invalid(`lines[${index}].poLineNumber`, `${id} has no line ${line.poLineNumber}`);
      const already = poLine.receivedQuantity + (pending.get(line.poLineNumber) ?? 0);
      if (already + line.quantity > poLine.quantity) {
        throw new ErpDomainError(
          ErpErrorCode.OVER_RECEIPT,
          `Line ${line.poLineNumber} of ${id} ordered ${poLine.quantity}, ${already} received; ${line.quantity} more would exceed the order`,
          { field: `lines[${index}].quantity` },
        );
      }
      pending.set(line.poLineNumber, (pending.get(line.poLineNumber) ?? 0) + line.quantity);
    });
    return order;
  }

  recordReceipt(id: string, lines: { poLineNumber: number; quantity: number }[]): PurchaseOrder {
    const order = this.order(id);
    for (const line of lines) {
      const poLine = order.lines.find((candidate) => candidate.lineNumber === line.poLineNumber);
      if (poLine) poLine.receivedQuantity += line.quantity;
    }
    order.status = order.lines.every((line) => line.receivedQuantity >= line.quantity) ? 'received' : 'partially-received';
    order.version += 1;
    return order;
  }

  requireInvoiceable(id: string): PurchaseOrder {
    return this.requireStatus(id, INVOICEABLE, 'invoiced', 'purchaseOrderId');
  }

  recordInvoiced(id: string, lines: { poLineNumber: number; quantity: number }[]): PurchaseOrder {
    const order = this.order(id);
    for (const line of lines) {
      const poLine = order.lines.find((candidate) => candidate.lineNumber === line.poLineNumber);
      if (poLine) poLine.invoicedQuantity += line.quantity;
    }
    if (order.status === 'received' && order.lines.every((line) => line.invoicedQuantity >= line.quantity)) order.status = 'invoiced';
    order.version += 1;
    return order;
  }

  closeOrder(id: string): PurchaseOrder {
    const order = this.order(id);
    if (order.status === 'invoiced') {
      order.status = 'closed';
      order.version += 1;
    }
    return order;
  }

  /** Quantity ordered and not yet received, by item and ship-to location, over live orders. */
  onOrder(itemId: string, locationId: string): number {
    let quantity = 0;
    for (const order of this.orders.values()) {
      if (order.shipToLocationId !== locationId || order.status === 'cancelled' || order.status === 'closed') continue;
      for (const line of order.lines) if (line.itemId === itemId) quantity += Math.max(0, line.quantity - line.receivedQuantity);
    }
    return quantity;
  }

  private requireStatus(id: string, allowed: PurchaseOrderStatus[], action: string, field?: string): PurchaseOrder {
    const order = this.order(id);
    if (!allowed.includes(order.status)) {
      throw new ErpDomainError(
        ErpErrorCode.INVALID_STATE,
        `Purchase order ${id} is ${order.status}; it cannot be ${action}`,
        field ? { field } : {},
      );
    }
    return order;
  }
}
