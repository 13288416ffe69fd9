import { Injectable } from '@nestjs/common';
import { ErpPort } from '@concord/connectors/erp';
import {
  type CreateGoodsReceiptDto,
  type CreatePurchaseOrderDto,
  type CreatePurchaseRequisitionDto,
  ERP_GOODS_RECEIVED,
  ERP_PURCHASE_ORDER_CREATED,
  type GoodsReceiptDto,
  type PurchaseOrderDto,
  type PurchaseRequisitionDto,
} from '@concord/contracts';
import type { ApproverRequestDto, PurchaseOrderListQuery } from '../dto/erp-requests.dto';
import { type Page, pageOf } from '../dto/list-page';
import { announce, CoreSystemEvents } from '../erp-events.publisher';
import { erpCall } from '../erp.exception';
import type { PostingContext } from '../posting.decorator';

/** Requisitions (approval above the threshold), purchase orders with their status, and goods receipts. */
@Injectable()
export class ProcurementService {
  constructor(
    private readonly erp: ErpPort,
    private readonly events: CoreSystemEvents,
  ) {}

  createRequisition(input: CreatePurchaseRequisitionDto, posting: PostingContext): Promise<PurchaseRequisitionDto> {
    return erpCall('write', () => this.erp.createRequisition(input, { idempotencyKey: posting.idempotencyKey }));
  }

  getRequisition(id: string): Promise<PurchaseRequisitionDto> {
    return erpCall('read', () => this.erp.getRequisition(id));
  }

  decideRequisition(
    id: string,
    decision: 'approve' | 'reject',
    request: ApproverRequestDto,
    posting: PostingContext,
  ): Promise<PurchaseRequisitionDto> {
    return erpCall('write', () =>
      this.erp.decideRequisition(
        id,
        { approver: request.approver, decision, ...(request.comment !== undefined ? { comment: request.comment } : {}) },
        { idempotencyKey: posting.idempotencyKey, ifMatch: posting.ifMatch },
      ),
    );
  }

  async createPurchaseOrder(input: CreatePurchaseOrderDto, posting: PostingContext): Promise<PurchaseOrderDto> {
    const order = await erpCall('write', () => this.erp.createPurchaseOrder(input, { idempotencyKey: posting.idempotencyKey }));
    await this.events.publish(posting.idempotencyKey, [
      announce(
        ERP_PURCHASE_ORDER_CREATED,
        {
          purchaseOrderId: order.id,
          supplierId: order.supplierId,
          requisitionId: order.requisitionId,
          status: order.status,
          shipToLocationId: order.shipToLocationId,
          total: order.total,
          lines: order.lines.map((line) => ({
            lineNumber: line.lineNumber,
            itemId: line.itemId,
            quantity: line.quantity,
            unitPrice: line.unitPrice,
          })),
        },
        `PurchaseOrder/${order.id}`,
      ),
    ]);
    return order;
  }

  getPurchaseOrder(id: string): Promise<PurchaseOrderDto> {
    return erpCall('read', () => this.erp.getPurchaseOrder(id));
  }

  async listPurchaseOrders(query: PurchaseOrderListQuery): Promise<Page<PurchaseOrderDto>> {
    const orders = await erpCall('read', () => this.erp.listPurchaseOrders({ status: query.status, supplierId: query.supplierId }));
    return pageOf(orders, query, `purchase-orders|${query.status ?? ''}|${query.supplierId ?? ''}`);
  }

  approvePurchaseOrder(id: string, request: ApproverRequestDto, posting: PostingContext): Promise<PurchaseOrderDto> {
    return erpCall('write', () =>
      this.erp.approvePurchaseOrder(id, request.approver, { idempotencyKey: posting.idempotencyKey, ifMatch: posting.ifMatch }),
    );
  }

  sendPurchaseOrder(id: string, posting: PostingContext): Promise<PurchaseOrderDto> {
    return erpCall('write', () => this.erp.sendPurchaseOrder(id, { idempotencyKey: posting.idempotencyKey, ifMatch: posting.ifMatch }));
  }

  cancelPurchaseOrder(id: string, posting: PostingContext): Promise<PurchaseOrderDto> {
    return erpCall('write', () => this.erp.cancelPurchaseOrder(id, { idempotencyKey: posting.idempotencyKey, ifMatch: posting.ifMatch }));
  }

  async postGoodsReceipt(input: CreateGoodsReceiptDto, posting: PostingContext): Promise<GoodsReceiptDto> {
    const receipt = await erpCall('write', () => this.erp.postGoodsReceipt(input, { idempotencyKey: posting.idempotencyKey }));
    await this.events.publish(posting.idempotencyKey, [
      announce(
        ERP_GOODS_RECEIVED,
        {
          goodsReceiptId: receipt.id,
          purchaseOrderId: receipt.purchaseOrderId,
          locationId: receipt.locationId,
          lines: receipt.lines.map((line) => ({
            poLineNumber: line.poLineNumber,
            itemId: line.itemId,
            quantity: line.quantity,
            amount: line.amount,
            serials: line.serials,
            movingAverageUnitCostAfter: line.movingAverageUnitCostAfter,
            onHandAfter: line.onHandAfter,
          })),
          total: receipt.total,
          journalEntryId: receipt.journalEntryId,
          receivedAt: receipt.receivedAt,
        },
        `PurchaseOrder/${receipt.purchaseOrderId}`,
      ),
    ]);
    return receipt;
  }

  getGoodsReceipt(id: string): Promise<GoodsReceiptDto> {
    return erpCall('read', () => this.erp.getGoodsReceipt(id));
  }
}
