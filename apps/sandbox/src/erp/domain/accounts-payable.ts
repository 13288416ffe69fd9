import type { PaymentMethod, SupplierInvoiceStatus } from '@concord/contracts';
import { formatCents, lineAmount } from './cents';
import { ErpDomainError, ErpErrorCode, notFound } from './erp-domain.error';
import type { MatchResult } from './invoice-matching';

export interface SupplierInvoiceLine {
  poLineNumber: number;
  itemId?: string;
  quantity: number;
  unitPriceCents: number;
  amountCents: number;
}

export interface SupplierInvoice {
  id: string;
  supplierId: string;
  invoiceNumber: string;
  purchaseOrderId: string;
  invoiceDate: string;
  lines: SupplierInvoiceLine[];
  totalCents: number;
  openCents: number;
  status: SupplierInvoiceStatus;
  match: MatchResult;
  journalEntryId?: string;
  varianceApprovedBy?: string;
  varianceComment?: string;
  receivedAt: string;
  version: number;
}

export interface Payment {
  id: string;
  supplierId: string;
  invoiceId: string;
  amountCents: number;
  method: PaymentMethod;
  paidOn: string;
  journalEntryId: string;
}

const padded = (prefix: string, n: number) => `${prefix}-${String(n).padStart(6, '0')}`;

/** Supplier invoices with their match results, and the payments that settle them. */
export class AccountsPayable {
  private readonly invoices = new Map<string, SupplierInvoice>();
  private readonly payments = new Map<string, Payment>();

  listInvoices(): SupplierInvoice[] {
    return [...this.invoices.values()];
  }

  invoice(id: string): SupplierInvoice {
    const invoice = this.invoices.get(id);
    if (!invoice) throw notFound('Invoice', id);
    return invoice;
  }

  /** A supplier's invoice number may be posted once. */
  checkNotDuplicate(supplierId: string, invoiceNumber: string): void {
    const duplicate = [...this.invoices.values()].find(
      (invoice) => invoice.supplierId === supplierId && invoice.invoiceNumber === invoiceNumber,
    );
    if (duplicate) {
      throw new ErpDomainError(
        ErpErrorCode.DUPLICATE_INVOICE,
        `Invoice ${invoiceNumber} of ${supplierId} was already received as ${duplicate.id}`,
        {
          field: 'invoiceNumber',
        },
      );
    }
  }

  nextInvoiceId(): string {
    return padded('INV', this.invoices.size + 1);
  }

  record(
    input: {
      supplierId: string;
      invoiceNumber: string;
      purchaseOrderId: string;
      invoiceDate: string;
      lines: { poLineNumber: number; quantity: number; unitPriceCents: number }[];
    },
    match: MatchResult,
    posting: { journalEntryId: string } | undefined,
    at: string,
  ): SupplierInvoice {
    const lines = input.lines.map((line) => ({
      ...line,
      itemId: match.lines.find((result) => result.poLineNumber === line.poLineNumber)?.itemId,
      amountCents: lineAmount(line.quantity, line.unitPriceCents),
    }));
    const totalCents = lines.reduce((sum, line) => sum + line.amountCents, 0);
    const invoice: SupplierInvoice = {
      id: this.nextInvoiceId(),
      supplierId: input.supplierId,
      invoiceNumber: input.invoiceNumber,
      purchaseOrderId: input.purchaseOrderId,
      invoiceDate: input.invoiceDate,
      lines,
      totalCents,
      openCents: posting ? totalCents : 0,
      status: match.matched ? 'matched' : 'match-failed',
      match,
      journalEntryId: posting?.journalEntryId,
      receivedAt: at,
      version: 1,
    };
    this.invoices.set(invoice.id, invoice);
    return invoice;
  }

  /** Throws unless the failed invoice's only problem is its price. */
  checkVarianceApprovable(id: string, rematch: MatchResult): SupplierInvoice {
    const invoice = this.invoice(id);
    if (invoice.status !== 'match-failed') {
      throw new ErpDomainError(
        ErpErrorCode.INVALID_STATE,
        `Invoice ${id} is ${invoice.status}; only a failed match awaits a variance approval`,
      );
    }
    const blocking = rematch.lines.flatMap((line) => line.discrepancies).filter((discrepancy) => discrepancy.code !== 'price-variance');
    if (blocking.length) {
      throw new ErpDomainError(
        ErpErrorCode.VARIANCE_NOT_APPROVABLE,
        `Invoice ${id} cannot be approved as a price variance: ${blocking.map((discrepancy) => discrepancy.message).join('; ')}`,
      );
    }
    return invoice;
  }

  recordVarianceApproval(
    id: string,
    approval: { approver: string; comment?: string },
    match: MatchResult,
    journalEntryId: string,
  ): SupplierInvoice {
    const invoice = this.invoice(id);
    invoice.status = 'variance-approved';
    invoice.match = match;
    invoice.varianceApprovedBy = approval.approver;
    invoice.varianceComment = approval.comment;
    invoice.journalEntryId = journalEntryId;
    invoice.openCents = invoice.totalCents;
    invoice.version += 1;
    return invoice;
  }

  /** Throws unless the amount may be paid on the invoice; returns the amount. */
  checkPayment(id: string, amountCents: number | undefined): { invoice: SupplierInvoice; amountCents: number } {
    const invoice = this.invoice(id);
    if (invoice.status !== 'matched' && invoice.status !== 'variance-approved' && invoice.status !== 'partially-paid') {
      throw new ErpDomainError(
        ErpErrorCode.INVALID_STATE,
        `Invoice ${id} is ${invoice.status}; only matched or approved invoices are paid`,
        { field: 'invoiceId' },
      );
    }
    const amount = amountCents ?? invoice.openCents;
    if (amount > invoice.openCents) {
      throw new ErpDomainError(
        ErpErrorCode.OVERPAYMENT,
        `Invoice ${id} has ${formatCents(invoice.openCents)} open; ${formatCents(amount)} would overpay it`,
        {
          field: 'amount',
        },
      );
    }
    return { invoice, amountCents: amount };
  }

  nextPaymentId(): string {
    return padded('PAY', this.payments.size + 1);
  }

  recordPayment(input: Omit<Payment, 'id'>): Payment {
    const payment: Payment = { ...input, id: this.nextPaymentId() };
    this.payments.set(payment.id, payment);
    const invoice = this.invoice(input.invoiceId);
    invoice.openCents -= input.amountCents;
    invoice.status = invoice.openCents === 0 ? 'paid' : 'partially-paid';
    invoice.version += 1;
    return payment;
  }

  listPayments(): Payment[] {
    return [...this.payments.values()];
  }

  payment(id: string): Payment {
    const payment = this.payments.get(id);
    if (!payment) throw notFound('Payment', id);
    return payment;
  }

  /** Every posted invoice of the order is paid. */
  allPaid(purchaseOrderId: string): boolean {
    const invoices = [...this.invoices.values()].filter(
      (invoice) => invoice.purchaseOrderId === purchaseOrderId && invoice.status !== 'match-failed',
    );
    return invoices.length > 0 && invoices.every((invoice) => invoice.status === 'paid');
  }
}
