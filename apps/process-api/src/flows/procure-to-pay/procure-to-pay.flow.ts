import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DownstreamException, unwrap } from '@concord/clients';
import type { ErpGoodsReceivedData, ErpInvoiceReceivedData, ErpPurchaseOrderCreatedData } from '@concord/contracts';
import type { CloudEvent } from '@concord/events';
import {
  done,
  type FlowBusinessImpact,
  type FlowDefinition,
  type FlowStart,
  type StepContext,
  StepFailure,
  waitForEvent,
  waitUntil,
} from '../../engine/flow-definition';
import { FlowInstanceEntity } from '../../engine/entities/flow-instance.entity';
import { FlowKeyEntity } from '../../engine/entities/flow-key.entity';

export const PROCURE_TO_PAY_FLOW = 'procure-to-pay';
export const PURCHASE_ORDER_CREATED = 'erp.purchase-order.created.v1';
export const GOODS_RECEIVED = 'erp.goods.received.v1';
export const INVOICE_RECEIVED = 'erp.invoice.received.v1';
export const VARIANCE_APPROVER_ROLE = 'Buyer';
/** Payment terms when the supplier master has none (net 30). */
const DEFAULT_PAYMENT_TERMS_DAYS = 30;

export interface InvoiceMatch {
  result: 'matched' | 'failed';
  priceTolerancePercent: number;
  priceVariancePercent: number;
  priceVarianceCents: number;
  reasons: string[];
}

export interface ProcureToPayState {
  purchaseOrderId: string;
  supplierId?: string;
  goodsReceipts?: { id: string; journalEntryId: string; totalCents: number }[];
  invoiceId?: string;
  invoiceNumber?: string;
  invoiceDate?: string;
  invoiceTotalCents?: number;
  /** Invoice date plus the supplier's payment terms: the day the invoice is paid. */
  dueDate?: string;
  match?: InvoiceMatch;
  invoiceJournalEntryId?: string;
  varianceApprovedBy?: string;
  paymentId?: string;
  paidCents?: number;
  paymentJournalEntryId?: string;
  /** Another instance already follows this order (a manual start next to an event-started one). */
  duplicateOf?: string;
}

type Ctx = StepContext<ProcureToPayState>;
const API = 'system-api';
const withKey = (ctx: Ctx, suffix?: string) => ({ headers: { 'Idempotency-Key': ctx.idempotencyKey(suffix) } });
const poSubject = (purchaseOrderId: string) => `PurchaseOrder/${purchaseOrderId}`;

/** One instance per purchase order, whichever of its documents is seen first. */
export function startForOrder(purchaseOrderId: string, extra: Partial<ProcureToPayState> = {}): FlowStart<ProcureToPayState> {
  return {
    startKey: `po:${purchaseOrderId}`,
    businessKeys: { 'purchase-order': purchaseOrderId, ...(extra.supplierId ? { supplier: extra.supplierId } : {}) },
    state: { purchaseOrderId, ...extra },
  };
}

export function manualProcureToPayStart(input: Record<string, unknown>): FlowStart<ProcureToPayState> {
  if (typeof input.purchaseOrderId !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/.test(input.purchaseOrderId))
    throw new Error('purchaseOrderId is required (the ERP purchase order id, e.g. PO-000001)');
  return startForOrder(input.purchaseOrderId);
}

/**
 * Procure to pay (ARCHITECTURE §5): a purchase order is followed through its goods receipt and the
 * supplier's invoice; the ERP's 3-way match within tolerance decides whether it is payable, a price
 * variance beyond it waits for a buyer (rejected: an exception with the amount at risk and the due
 * date), then the invoice is paid and the journals of receipt, invoice and payment are checked in
 * the general ledger.
 * A FlowDefinitionSource by shape: importing that interface from flow-definitions.ts would close an import cycle.
 */
@Injectable()
export class ProcureToPayFlow {
  constructor(private readonly dataSource: DataSource) {}

  definitions(): FlowDefinition<object>[] {
    return [this.v1()];
  }

  v1(): FlowDefinition<ProcureToPayState> {
    return {
      type: PROCURE_TO_PAY_FLOW,
      version: 1,
      title: 'Procure to pay',
      triggers: [
        {
          eventType: PURCHASE_ORDER_CREATED,
          start: (event: CloudEvent) => {
            const data = event.data as ErpPurchaseOrderCreatedData;
            return startForOrder(data.purchaseOrderId, { supplierId: data.supplierId });
          },
        },
        {
          eventType: GOODS_RECEIVED,
          start: (event: CloudEvent) => startForOrder((event.data as ErpGoodsReceivedData).purchaseOrderId),
        },
        {
          eventType: INVOICE_RECEIVED,
          start: (event: CloudEvent) => {
            const data = event.data as ErpInvoiceReceivedData;
            return startForOrder(data.purchaseOrderId, { supplierId: data.supplierId });
          },
        },
      ],
      awaits: [GOODS_RECEIVED, INVOICE_RECEIVED],
      manualStart: manualProcureToPayStart,
      impact: procureToPayImpact,
      steps: [
        { name: 'goods-receipt', run: (ctx) => this.awaitReceipt(ctx) },
        { name: 'supplier-invoice', run: (ctx) => Promise.resolve(this.awaitInvoice(ctx)) },
        { name: 'three-way-match', run: (ctx) => this.match(ctx) },
        {
          name: 'approve-variance',
          slaMs: 2 * 24 * 3_600_000,
          approval: (ctx) => varianceApproval(ctx.state),
          run: (ctx) => this.decideVariance(ctx),
        },
        { name: 'payment', run: (ctx) => this.pay(ctx) },
        { name: 'general-ledger', run: (ctx) => this.checkLedger(ctx) },
      ],
    };
  }

  /** Done once the order is fully received; each receipt on the way is noted with its journal. */
  private async awaitReceipt(ctx: Ctx) {
    const owner = await this.firstInstanceFor(ctx.state.purchaseOrderId);
    if (owner && owner !== ctx.flowId)
      return done<ProcureToPayState>({ state: { duplicateOf: owner }, output: { duplicateOf: owner }, next: 'end' });
    const receipts = [...(ctx.state.goodsReceipts ?? [])];
    if (ctx.signal?.type === GOODS_RECEIVED) {
      const data = ctx.signal.data as ErpGoodsReceivedData;
      if (!receipts.some((r) => r.id === data.goodsReceiptId)) {
        receipts.push({ id: data.goodsReceiptId, journalEntryId: data.journalEntryId, totalCents: data.total.amount });
        ctx.link(`erp-goods-receipt:${data.goodsReceiptId}`, data.goodsReceiptId);
        ctx.link(`erp-journal:receipt:${data.goodsReceiptId}`, data.journalEntryId);
      }
    }
    const order = await unwrap(
      API,
      ctx.systemApi.GET('/erp/v1/purchase-orders/{id}', { params: { path: { id: ctx.state.purchaseOrderId } } }),
    );
    if (order.status === 'cancelled')
      return done<ProcureToPayState>({ state: { goodsReceipts: receipts }, output: { cancelled: true }, next: 'end' });
    const state = { goodsReceipts: receipts, supplierId: order.supplierId };
    if (['received', 'invoiced', 'closed'].includes(order.status))
      return done<ProcureToPayState>({ state, output: { status: order.status, receipts } });
    return waitForEvent<ProcureToPayState>(GOODS_RECEIVED, poSubject(ctx.state.purchaseOrderId), {
      state,
      output: { status: order.status },
    });
  }

  private awaitInvoice(ctx: Ctx) {
    if (ctx.signal?.type === INVOICE_RECEIVED) {
      const data = ctx.signal.data as ErpInvoiceReceivedData;
      ctx.link('erp-supplier-invoice', data.invoiceId);
      return done<ProcureToPayState>({
        state: {
          invoiceId: data.invoiceId,
          invoiceNumber: data.invoiceNumber,
          invoiceDate: data.invoiceDate,
          invoiceTotalCents: data.total.amount,
        },
        output: { invoiceId: data.invoiceId, invoiceNumber: data.invoiceNumber },
      });
    }
    return waitForEvent<ProcureToPayState>(INVOICE_RECEIVED, poSubject(ctx.state.purchaseOrderId));
  }

  /** The ERP ran the 3-way match when the invoice arrived; the flow reads its result and reasons. */
  private async match(ctx: Ctx) {
    const invoice = await unwrap(API, ctx.systemApi.GET('/erp/v1/invoices/{id}', { params: { path: { id: ctx.state.invoiceId! } } }));
    const failedLines = invoice.match.lines.filter((line) => line.result === 'failed');
    const match: InvoiceMatch = {
      result: invoice.match.result,
      priceTolerancePercent: invoice.match.priceTolerancePercent,
      priceVariancePercent: Math.max(0, ...invoice.match.lines.map((line) => line.priceVariancePercent ?? 0)),
      priceVarianceCents: invoice.match.lines.reduce((sum, line) => sum + (line.priceVarianceAmount?.amount ?? 0), 0),
      reasons: failedLines.flatMap((line) => (line.discrepancies ?? []).map((d) => d.message)),
    };
    const dueDate = await this.dueDate(ctx, invoice.invoiceDate, invoice.supplierId);
    const state = {
      match,
      dueDate,
      invoiceTotalCents: invoice.total.amount,
      invoiceDate: invoice.invoiceDate,
      invoiceNumber: invoice.invoiceNumber,
      ...(invoice.journalEntryId ? { invoiceJournalEntryId: invoice.journalEntryId } : {}),
    };
    if (invoice.journalEntryId) ctx.link('erp-journal:invoice', invoice.journalEntryId);
    if (invoice.status === 'match-failed') return done<ProcureToPayState>({ state, output: { result: 'failed', reasons: match.reasons } });
    return done<ProcureToPayState>({ state, output: { result: invoice.match.result, status: invoice.status }, next: 'payment' });
  }

  /** The buyer's decision: approved posts the variance (to 5050) and makes the invoice payable; rejected is an exception. */
  private async decideVariance(ctx: Ctx) {
    if (!ctx.approval) return done<ProcureToPayState>({ output: { approval: 'not-required' } });
    if (ctx.approval.decision === 'rejected')
      throw new StepFailure(
        'INVOICE_VARIANCE_REJECTED',
        `The buyer ${ctx.approval.by} rejected the price variance of invoice ${ctx.state.invoiceNumber ?? ctx.state.invoiceId}` +
          (ctx.approval.comment ? `: ${ctx.approval.comment}` : ''),
        false,
      );
    const invoice = await unwrap(
      API,
      ctx.systemApi.POST('/erp/v1/invoices/{id}/variance-approval', {
        params: { path: { id: ctx.state.invoiceId! } },
        body: { approver: ctx.approval.by.slice(0, 64), ...(ctx.approval.comment ? { comment: ctx.approval.comment.slice(0, 500) } : {}) },
        ...withKey(ctx),
      }),
    );
    if (invoice.journalEntryId) ctx.link('erp-journal:invoice', invoice.journalEntryId);
    return done<ProcureToPayState>({
      state: { varianceApprovedBy: ctx.approval.by, ...(invoice.journalEntryId ? { invoiceJournalEntryId: invoice.journalEntryId } : {}) },
      output: { status: invoice.status, approvedBy: ctx.approval.by, journalEntryId: invoice.journalEntryId },
    });
  }

  /**
   * Pays on the due date (invoice date plus the supplier's terms), as a payment run would, not the
   * moment the invoice matches. An invoice someone already paid in the ERP is not paid again.
   */
  private async pay(ctx: Ctx) {
    const dueDate = ctx.state.dueDate ?? (await this.dueDate(ctx, ctx.state.invoiceDate!, ctx.state.supplierId!));
    const due = new Date(`${dueDate}T00:00:00Z`);
    if (ctx.now() < due) return waitUntil<ProcureToPayState>(due, { dueDate });
    const paidAlready = async () => {
      const invoice = await unwrap(API, ctx.systemApi.GET('/erp/v1/invoices/{id}', { params: { path: { id: ctx.state.invoiceId! } } }));
      return invoice.status === 'paid' ? done<ProcureToPayState>({ state: { dueDate }, output: { paidOutsideFlow: true } }) : undefined;
    };
    const before = await paidAlready();
    if (before) return before;
    let payment;
    try {
      payment = await unwrap(
        API,
        ctx.systemApi.POST('/erp/v1/payments', { body: { invoiceId: ctx.state.invoiceId!, method: 'ach' }, ...withKey(ctx) }),
      );
    } catch (error) {
      // Paid in the ERP between the look and the payment: that payment stands.
      const after = error instanceof DownstreamException && error.status === 409 ? await paidAlready() : undefined;
      if (after) return after;
      throw error;
    }
    ctx.link('erp-payment', payment.id);
    ctx.link('erp-journal:payment', payment.journalEntryId);
    return done<ProcureToPayState>({
      state: { dueDate, paymentId: payment.id, paidCents: payment.amount.amount, paymentJournalEntryId: payment.journalEntryId },
      output: { paymentId: payment.id, amount: payment.amount, journalEntryId: payment.journalEntryId, dueDate },
    });
  }

  /** Invoice date plus the supplier's payment terms from the ERP supplier master. */
  private async dueDate(ctx: Ctx, invoiceDate: string, supplierId: string): Promise<string> {
    const supplier = await unwrap(API, ctx.systemApi.GET('/erp/v1/suppliers/{id}', { params: { path: { id: supplierId } } }));
    return dueDateOf(invoiceDate, supplier.paymentTermsDays ?? DEFAULT_PAYMENT_TERMS_DAYS);
  }

  /** The earliest live instance following the order: the one that acts on it. */
  private async firstInstanceFor(purchaseOrderId: string): Promise<string | undefined> {
    const first = await this.dataSource
      .createQueryBuilder(FlowInstanceEntity, 'i')
      .innerJoin(FlowKeyEntity, 'k', 'k.flow_id = i.id')
      .where('i.type = :type', { type: PROCURE_TO_PAY_FLOW })
      .andWhere("i.status NOT IN ('cancelled', 'compensated')")
      .andWhere("k.role = 'business' AND k.name = 'purchase-order' AND k.value = :po", { po: purchaseOrderId })
      .orderBy('i.startedAt', 'ASC')
      .addOrderBy('i.id', 'ASC')
      .getOne();
    return first?.id;
  }

  /** Reads back every journal of the order (receipt, invoice, payment): each balanced, GRNI cleared, AP paid. */
  private async checkLedger(ctx: Ctx) {
    const ids = [
      ...(ctx.state.goodsReceipts ?? []).map((r) => r.journalEntryId),
      ctx.state.invoiceJournalEntryId,
      ctx.state.paymentJournalEntryId,
    ].filter((id): id is string => Boolean(id));
    const journals = [];
    for (const id of ids) {
      const journal = await unwrap(API, ctx.systemApi.GET('/erp/v1/journals/{id}', { params: { path: { id } } }));
      const debit = journal.lines.filter((l) => l.side === 'debit').reduce((sum, l) => sum + l.amount.amount, 0);
      const credit = journal.lines.filter((l) => l.side === 'credit').reduce((sum, l) => sum + l.amount.amount, 0);
      if (debit !== credit)
        throw new StepFailure('JOURNAL_UNBALANCED', `Journal ${id} debits ${debit} and credits ${credit} (cents)`, false);
      journals.push({
        id,
        lines: journal.lines.map(
          (l) => `${l.side === 'debit' ? 'DR' : 'CR'} ${l.account}${l.costCentre ? `/${l.costCentre}` : ''} ${l.amount.amount}`,
        ),
      });
    }
    const order = await unwrap(
      API,
      ctx.systemApi.GET('/erp/v1/purchase-orders/{id}', { params: { path: { id: ctx.state.purchaseOrderId } } }),
    );
    return done<ProcureToPayState>({ output: { journals, purchaseOrderStatus: order.status } });
  }
}

/** A failed match waits for a buyer, who sees the variance and why the ERP held the invoice. */
export function varianceApproval(state: ProcureToPayState) {
  if (state.match?.result !== 'failed') return undefined;
  const m = state.match;
  return {
    role: VARIANCE_APPROVER_ROLE,
    summary:
      `Invoice ${state.invoiceNumber ?? state.invoiceId} for ${state.purchaseOrderId} failed the 3-way match: ` +
      `${m.priceVariancePercent} % over the PO price, tolerance ${m.priceTolerancePercent} %`,
    amountCents: m.priceVarianceCents,
    details: {
      invoice: state.invoiceId ?? '',
      purchaseOrder: state.purchaseOrderId,
      invoiceTotalCents: state.invoiceTotalCents ?? 0,
      priceVariancePercent: m.priceVariancePercent,
      reasons: m.reasons.join(' | ').slice(0, 500),
    },
  };
}

/** The day an invoice falls due: its date plus the payment terms (YYYY-MM-DD). */
export function dueDateOf(invoiceDate: string, termsDays: number): string {
  const due = new Date(`${invoiceDate}T00:00:00Z`);
  due.setUTCDate(due.getUTCDate() + termsDays);
  return due.toISOString().slice(0, 10);
}

/** An unpaid invoice puts its total at risk until its due date (invoice date + payment terms). */
export function procureToPayImpact(state: ProcureToPayState, step: string): FlowBusinessImpact {
  const due = state.dueDate ?? (state.invoiceDate ? dueDateOf(state.invoiceDate, DEFAULT_PAYMENT_TERMS_DAYS) : undefined);
  return {
    ...(state.invoiceTotalCents !== undefined ? { amountAtRiskCents: state.invoiceTotalCents } : {}),
    ...(due ? { dueDate: due } : {}),
    details: {
      step,
      purchaseOrder: state.purchaseOrderId,
      ...(state.invoiceId ? { invoice: state.invoiceId } : {}),
      ...(state.supplierId ? { supplier: state.supplierId } : {}),
      ...(state.match ? { priceVariancePercent: state.match.priceVariancePercent } : {}),
    },
  };
}
