import { describe, expect, it } from 'vitest';
import { Account } from './chart-of-accounts';
import { ErpErrorCode } from './erp-domain.error';
import { SandboxErp } from './sandbox-erp';

let n = 0;
const ctx = () => ({ idempotencyKey: `t-${++n}`, at: new Date('2026-11-10T10:00:00Z') });
const refused = (code: ErpErrorCode, message?: string, field?: string) =>
  expect.objectContaining({ code, ...(message ? { message } : {}), ...(field ? { details: expect.objectContaining({ field }) } : {}) });

describe('stock issues', () => {
  it.each([
    {
      name: 'an unknown item',
      input: { itemId: 'NOPE', quantity: 1 },
      error: refused(ErpErrorCode.NOT_FOUND, 'Item NOPE does not exist', 'itemId'),
    },
    {
      name: 'an unknown location',
      input: { locationId: 'NOWHERE', quantity: 1 },
      error: refused(ErpErrorCode.NOT_FOUND, 'Location NOWHERE does not exist', 'locationId'),
    },
    {
      name: 'a closed cost centre',
      input: { costCentre: '6900', quantity: 1 },
      error: refused(ErpErrorCode.COST_CENTRE_INVALID, 'Cost centre 6900 is inactive', 'costCentre'),
    },
    { name: 'a fractional quantity', input: { quantity: 1.5 }, error: refused(ErpErrorCode.VALIDATION_FAILED, undefined, 'quantity') },
    {
      name: 'more than on hand',
      input: { quantity: 41 },
      error: refused(ErpErrorCode.INSUFFICIENT_STOCK, '40 BX of GLV-NIT-M on hand at CG-CENTRAL; 41 requested', 'quantity'),
    },
    {
      name: 'serials for an untracked item',
      input: { quantity: 1, serials: ['X'] },
      error: refused(ErpErrorCode.TRACKING_MISMATCH, 'GLV-NIT-M is not serial-tracked', 'serials'),
    },
  ])('refuses $name', ({ input, error }) => {
    const erp = new SandboxErp();
    expect(() => erp.issueStock({ itemId: 'GLV-NIT-M', locationId: 'CG-CENTRAL', costCentre: '6200', ...input }, ctx())).toThrow(error);
  });

  it('needs the serial of each implant used, and only serials on hand', () => {
    const erp = new SandboxErp();
    const issue =
      (serials?: string[], quantity = 1) =>
      () =>
        erp.issueStock({ itemId: 'KNEE-TOT-CR', locationId: 'CG-MAIN-OR', quantity, costCentre: '6300', serials }, ctx());
    expect(issue()).toThrow(refused(ErpErrorCode.TRACKING_MISMATCH, 'KNEE-TOT-CR is serial-tracked: name 1 distinct serial numbers'));
    expect(issue(['SN-KN-99999'])).toThrow(
      refused(ErpErrorCode.TRACKING_MISMATCH, 'Serial SN-KN-99999 of KNEE-TOT-CR is not on hand at CG-MAIN-OR'),
    );
    expect(issue(['SN-KN-55010', 'SN-KN-55010'], 2)).toThrow(refused(ErpErrorCode.TRACKING_MISMATCH));
    issue(['SN-KN-55010'])();
    expect(issue(['SN-KN-55010'])).toThrow(
      refused(ErpErrorCode.TRACKING_MISMATCH, 'Serial SN-KN-55010 of KNEE-TOT-CR is not on hand at CG-MAIN-OR'),
    );
  });

  it('takes lots first-expiry-first-out unless lots are named', () => {
    const erp = new SandboxErp();
    const { result: first } = erp.issueStock({ itemId: 'BONE-CEM-40', locationId: 'CG-MAIN-OR', quantity: 8, costCentre: '6300' }, ctx());
    expect(first.lots).toStrictEqual([
      { lotNumber: 'LOT-BC-2401', quantity: 6, expiryDate: '2027-03-31' },
      { lotNumber: 'LOT-BC-2402', quantity: 2, expiryDate: '2027-09-30' },
    ]);
    expect(() =>
      erp.issueStock(
        {
          itemId: 'BONE-CEM-40',
          locationId: 'CG-MAIN-OR',
          quantity: 1,
          costCentre: '6300',
          lots: [{ lotNumber: 'LOT-BC-2401', quantity: 1 }],
        },
        ctx(),
      ),
    ).toThrow(refused(ErpErrorCode.INSUFFICIENT_STOCK, 'Lot LOT-BC-2401 of BONE-CEM-40 holds 0; 1 requested'));
    const { result: second } = erp.issueStock(
      {
        itemId: 'BONE-CEM-40',
        locationId: 'CG-MAIN-OR',
        quantity: 2,
        costCentre: '6300',
        lots: [{ lotNumber: 'LOT-BC-2402', quantity: 2 }],
      },
      ctx(),
    );
    expect(second).toMatchObject({ onHandAfter: 0, totalCostCents: 19_000 });
    expect(erp.balances({ itemId: 'BONE-CEM-40' })[0]).toMatchObject({ lots: [], valuation: { quantity: 0, valueCents: 0 } });
  });

  it('lets consignment stock go negative and revalues the hole at the next receipt', () => {
    const erp = new SandboxErp();
    const { result: issue } = erp.issueStock(
      { itemId: 'SCREW-CANC-65', locationId: 'CG-MAIN-OR', quantity: 12, costCentre: '6100' },
      ctx(),
    );
    expect(issue).toMatchObject({ onHandAfter: -2, totalCostCents: 144_000 });
    const { result: order } = erp.createPurchaseOrder(
      {
        supplierId: 'SUP-SUMMIT',
        shipToLocationId: 'CG-MAIN-OR',
        lines: [{ itemId: 'SCREW-CANC-65', quantity: 10, unitPriceCents: 12_500 }],
      },
      ctx(),
    );
    erp.sendPurchaseOrder(order.id, ctx());
    const { result: receipt } = erp.postGoodsReceipt({ purchaseOrderId: order.id, lines: [{ poLineNumber: 1, quantity: 10 }] }, ctx());
    expect(receipt.lines[0]).toMatchObject({ onHandAfter: 8, averageUnitCostAfterCents: 12_500 });
    expect(
      erp.journalEntry(receipt.journalEntryId).lines.map((line) => [line.side, line.account, line.costCentre ?? '', line.amountCents]),
    ).toStrictEqual([
      ['debit', Account.INVENTORY, '', 125_000],
      ['credit', Account.GOODS_RECEIVED_NOT_INVOICED, '', 125_000],
      ['debit', Account.PURCHASE_PRICE_VARIANCE, '8100', 1_000],
      ['credit', Account.INVENTORY, '', 1_000],
    ]);
    expect(erp.ledger.balance(Account.INVENTORY)).toBe(erp.inventory.totalValueCents());
  });

  it('reports no reorder above the reorder point', () => {
    const erp = new SandboxErp();
    const { result } = erp.issueStock({ itemId: 'GLV-NIT-M', locationId: 'CG-CENTRAL', quantity: 19, costCentre: '6200' }, ctx());
    expect(result).toMatchObject({ onHandAfter: 21, reorder: undefined });
    const { result: next } = erp.issueStock({ itemId: 'GLV-NIT-M', locationId: 'CG-CENTRAL', quantity: 1, costCentre: '6200' }, ctx());
    expect(next.reorder).toMatchObject({ onHand: 20, reorderPoint: 20, reorderQuantity: 100 });
  });
});

describe('purchasing', () => {
  it('holds a direct order above the threshold as a draft until approved, and receives only what was sent', () => {
    const erp = new SandboxErp();
    const { result: order } = erp.createPurchaseOrder(
      {
        supplierId: 'SUP-SUMMIT',
        shipToLocationId: 'CG-MAIN-OR',
        lines: [{ itemId: 'KNEE-TOT-CR', quantity: 3, unitPriceCents: 420_000 }],
      },
      ctx(),
    );
    expect(order).toMatchObject({ status: 'draft', totalCents: 1_260_000 });
    expect(() => erp.sendPurchaseOrder(order.id, ctx())).toThrow(
      refused(ErpErrorCode.INVALID_STATE, 'Purchase order PO-000001 is draft; it cannot be sent'),
    );
    expect(() =>
      erp.postGoodsReceipt({ purchaseOrderId: order.id, lines: [{ poLineNumber: 1, quantity: 1, serials: ['S1'] }] }, ctx()),
    ).toThrow(refused(ErpErrorCode.INVALID_STATE));
    erp.approvePurchaseOrder(order.id, 'E10002', ctx());
    erp.sendPurchaseOrder(order.id, ctx());
    expect(() =>
      erp.postGoodsReceipt(
        { purchaseOrderId: order.id, lines: [{ poLineNumber: 1, quantity: 4, serials: ['S1', 'S2', 'S3', 'S4'] }] },
        ctx(),
      ),
    ).toThrow(
      refused(ErpErrorCode.OVER_RECEIPT, 'Line 1 of PO-000001 ordered 3, 0 received; 4 more would exceed the order', 'lines[0].quantity'),
    );
    expect(() =>
      erp.postGoodsReceipt({ purchaseOrderId: order.id, lines: [{ poLineNumber: 1, quantity: 2, serials: ['S1', 'SN-KN-55011'] }] }, ctx()),
    ).toThrow(refused(ErpErrorCode.TRACKING_MISMATCH, 'Serial SN-KN-55011 of KNEE-TOT-CR is already on hand', 'lines[0].serials'));
    const { result: receipt } = erp.postGoodsReceipt(
      { purchaseOrderId: order.id, lines: [{ poLineNumber: 1, quantity: 2, serials: ['S1', 'S2'] }] },
      ctx(),
    );
    expect(receipt.lines[0]?.onHandAfter).toBe(6);
    expect(erp.order(order.id).status).toBe('partially-received');
    expect(() => erp.cancelPurchaseOrder(order.id, ctx())).toThrow(refused(ErpErrorCode.INVALID_STATE));
  });

  it('refuses orders to a blocked supplier and requisitions from a closed cost centre', () => {
    const erp = new SandboxErp();
    expect(() =>
      erp.createPurchaseOrder(
        { supplierId: 'SUP-HARBOR', shipToLocationId: 'CG-CENTRAL', lines: [{ itemId: 'GLV-NIT-M', quantity: 1, unitPriceCents: 1_850 }] },
        ctx(),
      ),
    ).toThrow(refused(ErpErrorCode.INACTIVE, 'Supplier SUP-HARBOR is blocked'));
    expect(() =>
      erp.createRequisition({ requester: 'E10003', costCentre: '6900', lines: [{ itemId: 'GLV-NIT-M', quantity: 1 }] }, ctx()),
    ).toThrow(refused(ErpErrorCode.COST_CENTRE_INVALID));
  });

  it('does not need approval for a requisition at the threshold, and converts it once', () => {
    const erp = new SandboxErp();
    const { result } = erp.createRequisition(
      { requester: 'E10003', costCentre: '8100', lines: [{ itemId: 'GLV-NIT-M', quantity: 1, estimatedUnitPriceCents: 1_000_000 }] },
      ctx(),
    );
    expect(result).toMatchObject({ approvalRequired: false, approvalStatus: 'not-required' });
    erp.createPurchaseOrder({ requisitionId: result.id, shipToLocationId: 'CG-CENTRAL' }, ctx());
    expect(() => erp.createPurchaseOrder({ requisitionId: result.id, shipToLocationId: 'CG-CENTRAL' }, ctx())).toThrow(
      refused(ErpErrorCode.INVALID_STATE, 'Requisition PR-000001 already became PO-000001'),
    );
  });
});

describe('payables', () => {
  function receivedGloves() {
    const erp = new SandboxErp();
    const { result: order } = erp.createPurchaseOrder(
      {
        supplierId: 'SUP-NORTHWIND',
        shipToLocationId: 'CG-CENTRAL',
        lines: [{ itemId: 'GLV-NIT-M', quantity: 100, unitPriceCents: 1_850 }],
      },
      ctx(),
    );
    erp.sendPurchaseOrder(order.id, ctx());
    erp.postGoodsReceipt({ purchaseOrderId: order.id, lines: [{ poLineNumber: 1, quantity: 60 }] }, ctx());
    return { erp, order };
  }
  const invoice = (orderId: string, quantity: number, unitPriceCents: number, invoiceNumber = 'NW-1') => ({
    supplierId: 'SUP-NORTHWIND',
    invoiceNumber,
    purchaseOrderId: orderId,
    invoiceDate: '2026-11-09',
    lines: [{ poLineNumber: 1, quantity, unitPriceCents }],
  });

  it('refuses a duplicate supplier invoice number and an invoice from another supplier', () => {
    const { erp, order } = receivedGloves();
    erp.postInvoice(invoice(order.id, 60, 1_850), ctx());
    expect(() => erp.postInvoice(invoice(order.id, 10, 1_850), ctx())).toThrow(
      refused(ErpErrorCode.DUPLICATE_INVOICE, 'Invoice NW-1 of SUP-NORTHWIND was already received as INV-000001'),
    );
    expect(() => erp.postInvoice({ ...invoice(order.id, 10, 1_850, 'X'), supplierId: 'SUP-SUMMIT' }, ctx())).toThrow(
      refused(ErpErrorCode.VALIDATION_FAILED, undefined, 'supplierId'),
    );
  });

  it('will not approve a quantity shortfall as a price variance until the goods arrive', () => {
    const { erp, order } = receivedGloves();
    const { result } = erp.postInvoice(invoice(order.id, 100, 1_975), ctx());
    expect(result.match.lines[0]?.discrepancies.map((d) => d.code)).toStrictEqual(['quantity-exceeds-received', 'price-variance']);
    expect(() => erp.approveInvoiceVariance(result.id, { approver: 'E10003' }, ctx())).toThrow(
      refused(ErpErrorCode.VARIANCE_NOT_APPROVABLE),
    );
    erp.postGoodsReceipt({ purchaseOrderId: order.id, lines: [{ poLineNumber: 1, quantity: 40 }] }, ctx());
    const { result: approved } = erp.approveInvoiceVariance(result.id, { approver: 'E10003' }, ctx());
    expect(approved).toMatchObject({ status: 'variance-approved', openCents: 197_500 });
  });

  it('pays in parts, refuses to overpay, closes the order when paid', () => {
    const { erp, order } = receivedGloves();
    erp.postGoodsReceipt({ purchaseOrderId: order.id, lines: [{ poLineNumber: 1, quantity: 40 }] }, ctx());
    const { result } = erp.postInvoice(invoice(order.id, 100, 1_860), ctx());
    // Within tolerance: matched, with the 10.00 difference in purchase price variance.
    expect(result.status).toBe('matched');
    expect(erp.journalEntry(result.journalEntryId!).lines.map((line) => [line.account, line.amountCents])).toStrictEqual([
      ['2050', 185_000],
      ['5050', 1_000],
      ['2000', 186_000],
    ]);
    erp.postPayment({ invoiceId: result.id, amountCents: 100_000, method: 'ach' }, ctx());
    expect(erp.invoice(result.id)).toMatchObject({ status: 'partially-paid', openCents: 86_000 });
    expect(() => erp.postPayment({ invoiceId: result.id, amountCents: 86_001, method: 'ach' }, ctx())).toThrow(
      refused(ErpErrorCode.OVERPAYMENT, 'Invoice INV-000001 has 860.00 open; 860.01 would overpay it'),
    );
    erp.postPayment({ invoiceId: result.id, method: 'ach' }, ctx());
    expect(erp.order(order.id).status).toBe('closed');
  });
});
