import { Injectable } from '@nestjs/common';
import { ErpPort } from '@concord/connectors/erp';
import {
  type CreatePaymentDto,
  type CreateSupplierInvoiceDto,
  ERP_INVOICE_MATCH_FAILED,
  ERP_INVOICE_MATCHED,
  ERP_INVOICE_RECEIVED,
  ERP_PAYMENT_ISSUED,
  type InvoiceVarianceApprovalDto,
  type PaymentDto,
  type SupplierInvoiceDto,
} from '@concord/contracts';
import { type Announcement, announce, CoreSystemEvents } from '../erp-events.publisher';
import { erpCall } from '../erp.exception';
import type { PostingContext } from '../posting.decorator';

/** Supplier invoices with their 3-way match, variance approval, and payments. */
@Injectable()
export class PayablesService {
  constructor(
    private readonly erp: ErpPort,
    private readonly events: CoreSystemEvents,
  ) {}

  /** Posts the invoice; the ERP runs the 3-way match within its tolerance and the answer carries the result and its reasons. */
  async postInvoice(input: CreateSupplierInvoiceDto, posting: PostingContext): Promise<SupplierInvoiceDto> {
    const invoice = await erpCall('write', () => this.erp.postSupplierInvoice(input, { idempotencyKey: posting.idempotencyKey }));
    await this.events.publish(posting.idempotencyKey, [
      // About the order it bills: the order's procure-to-pay flow waits for its invoice by the PO.
      announce(
        ERP_INVOICE_RECEIVED,
        {
          invoiceId: invoice.id,
          supplierId: invoice.supplierId,
          invoiceNumber: invoice.invoiceNumber,
          purchaseOrderId: invoice.purchaseOrderId,
          invoiceDate: invoice.invoiceDate,
          total: invoice.total,
        },
        `PurchaseOrder/${invoice.purchaseOrderId}`,
      ),
      invoice.match.result === 'matched' ? matched(invoice, 'matched') : matchFailed(invoice),
    ]);
    return invoice;
  }

  getInvoice(id: string): Promise<SupplierInvoiceDto> {
    return erpCall('read', () => this.erp.getSupplierInvoice(id));
  }

  /** A buyer accepts the price variance: the invoice is posted (variance to purchase price variance) and payable. */
  async approveVariance(id: string, approval: InvoiceVarianceApprovalDto, posting: PostingContext): Promise<SupplierInvoiceDto> {
    const invoice = await erpCall('write', () =>
      this.erp.approveInvoiceVariance(id, approval, { idempotencyKey: posting.idempotencyKey, ifMatch: posting.ifMatch }),
    );
    await this.events.publish(posting.idempotencyKey, [matched(invoice, 'variance-approved', approval.approver)]);
    return invoice;
  }

  async postPayment(input: CreatePaymentDto, posting: PostingContext): Promise<PaymentDto> {
    const payment = await erpCall('write', () => this.erp.postPayment(input, { idempotencyKey: posting.idempotencyKey }));
    const invoice = await erpCall('read', () => this.erp.getSupplierInvoice(payment.invoiceId));
    await this.events.publish(posting.idempotencyKey, [
      announce(
        ERP_PAYMENT_ISSUED,
        {
          paymentId: payment.id,
          invoiceId: payment.invoiceId,
          purchaseOrderId: invoice.purchaseOrderId,
          supplierId: payment.supplierId,
          amount: payment.amount,
          method: payment.method,
          paidOn: payment.paidOn,
          journalEntryId: payment.journalEntryId,
          invoiceOpenAmount: invoice.openAmount,
        },
        `Payment/${payment.id}`,
      ),
    ]);
    return payment;
  }

  getPayment(id: string): Promise<PaymentDto> {
    return erpCall('read', () => this.erp.getPayment(id));
  }
}

function matched(invoice: SupplierInvoiceDto, resolution: 'matched' | 'variance-approved', approvedBy?: string): Announcement {
  return announce(
    ERP_INVOICE_MATCHED,
    {
      invoiceId: invoice.id,
      purchaseOrderId: invoice.purchaseOrderId,
      supplierId: invoice.supplierId,
      resolution,
      total: invoice.total,
      openAmount: invoice.openAmount,
      journalEntryId: invoice.journalEntryId,
      approvedBy,
    },
    `SupplierInvoice/${invoice.id}`,
  );
}

/** The reasons of a failed match, with the largest price variance in per cent and the sum of the variances. */
function matchFailed(invoice: SupplierInvoiceDto): Announcement {
  const lines = invoice.match.lines;
  return announce(
    ERP_INVOICE_MATCH_FAILED,
    {
      invoiceId: invoice.id,
      purchaseOrderId: invoice.purchaseOrderId,
      supplierId: invoice.supplierId,
      invoiceNumber: invoice.invoiceNumber,
      total: invoice.total,
      reasons: lines.flatMap((line) =>
        line.discrepancies.map((discrepancy) => ({
          poLineNumber: line.poLineNumber,
          code: discrepancy.code,
          message: discrepancy.message,
        })),
      ),
      priceVariancePercent: lines.reduce((largest, line) => Math.max(largest, line.priceVariancePercent), 0),
      priceVarianceAmount: {
        amount: lines.reduce((sum, line) => sum + line.priceVarianceAmount.amount, 0),
        currency: invoice.total.currency,
      },
      priceTolerancePercent: invoice.match.priceTolerancePercent,
    },
    `SupplierInvoice/${invoice.id}`,
  );
}
