import { describe, expect, it } from 'vitest';
import { Account } from './chart-of-accounts';
import { ErpErrorCode } from './erp-domain.error';
import type { JournalEntry } from './general-ledger';
import { SandboxErp } from './sandbox-erp';

/** Journal lines as compact rows, for comparing with SCENARIOS.md. */
const rows = (entry: JournalEntry) =>
  entry.lines.map((line) => [line.side === 'debit' ? 'DR' : 'CR', line.account, line.costCentre ?? '', line.amountCents]);

let keys = 0;
const key = () => `k-${++keys}`;
const at = (iso: string) => ({ idempotencyKey: key(), at: new Date(iso) });

function expectTrialBalanceZero(erp: SandboxErp): void {
  const trial = erp.trialBalance();
  expect(trial.totalDebitsCents).toBe(trial.totalCreditsCents);
}

describe('scenario 1: total knee replacement, stock issue to payment', () => {
  const erp = new SandboxErp();

  it('issues the knee at the moving-average cost of 4,150.00 to cost centre 6300 and fires the reorder point', () => {
    const { result: issue } = erp.issueStock(
      {
        itemId: 'KNEE-TOT-CR',
        locationId: 'CG-MAIN-OR',
        quantity: 1,
        costCentre: '6300',
        encounterId: 'enc-aq-tka',
        serials: ['SN-KN-55012'],
      },
      at('2026-11-02T13:40:00Z'),
    );
    expect(issue).toMatchObject({ unitCostCents: 415_000, totalCostCents: 415_000, onHandAfter: 3, serials: ['SN-KN-55012'] });
    expect(rows(erp.journalEntry(issue.journalEntryId!))).toStrictEqual([
      ['DR', Account.SUPPLIES_EXPENSE, '6300', 415_000],
      ['CR', Account.INVENTORY, '', 415_000],
    ]);
    // 4 → 3 is at the reorder point, and the rule fires at or below it.
    expect(issue.reorder).toStrictEqual({
      itemId: 'KNEE-TOT-CR',
      locationId: 'CG-MAIN-OR',
      onHand: 3,
      onOrder: 0,
      reorderPoint: 3,
      reorderQuantity: 5,
      preferredSupplierId: 'SUP-SUMMIT',
      lastPurchasePriceCents: 420_000,
    });
    expect(erp.balances({ itemId: 'KNEE-TOT-CR' })[0]).toMatchObject({
      serials: ['SN-KN-55010', 'SN-KN-55011', 'SN-KN-55013'],
      averageUnitCostCents: 415_000,
    });
    expect(erp.ledger.balance(Account.SUPPLIES_EXPENSE, '6300')).toBe(415_000);
    expectTrialBalanceZero(erp);
  });

  it('raises a requisition for 5 × 4,200.00 = 21,000.00, which needs approval above 10,000.00', () => {
    const { result: requisition } = erp.createRequisition(
      { requester: 'E10003', costCentre: '6300', reason: 'reorder-point', lines: [{ itemId: 'KNEE-TOT-CR', quantity: 5 }] },
      at('2026-11-02T13:41:00Z'),
    );
    expect(requisition).toMatchObject({ id: 'PR-000001', totalCents: 2_100_000, approvalRequired: true, approvalStatus: 'pending' });
    expect(requisition.lines[0]).toMatchObject({ estimatedUnitPriceCents: 420_000, supplierId: 'SUP-SUMMIT', amountCents: 2_100_000 });
    expect(() =>
      erp.createPurchaseOrder({ requisitionId: 'PR-000001', shipToLocationId: 'CG-MAIN-OR' }, at('2026-11-02T13:42:00Z')),
    ).toThrow(expect.objectContaining({ code: ErpErrorCode.INVALID_STATE }));
    expect(() => erp.decideRequisition('PR-000001', { approver: 'E10003', decision: 'approve' }, at('2026-11-02T13:43:00Z'))).toThrow(
      expect.objectContaining({ code: ErpErrorCode.SEGREGATION_OF_DUTIES }),
    );
    const { result: approved } = erp.decideRequisition(
      'PR-000001',
      { approver: 'E10002', decision: 'approve' },
      at('2026-11-02T14:00:00Z'),
    );
    expect(approved).toMatchObject({ approvalStatus: 'approved', decidedBy: 'E10002' });
  });

  it('orders from Summit Orthopedics, receives 5 at 4,200.00 and moves the average to 4,181.25', () => {
    const { result: order } = erp.createPurchaseOrder(
      { requisitionId: 'PR-000001', shipToLocationId: 'CG-MAIN-OR' },
      at('2026-11-02T14:05:00Z'),
    );
    expect(order).toMatchObject({ supplierId: 'SUP-SUMMIT', status: 'approved', totalCents: 2_100_000, approvedBy: 'E10002' });
    expect(erp.balances({ itemId: 'KNEE-TOT-CR' })[0]?.onOrder).toBe(5);
    erp.sendPurchaseOrder(order.id, at('2026-11-02T14:06:00Z'));
    const { result: receipt } = erp.postGoodsReceipt(
      {
        purchaseOrderId: order.id,
        lines: [{ poLineNumber: 1, quantity: 5, serials: ['SN-KN-56001', 'SN-KN-56002', 'SN-KN-56003', 'SN-KN-56004', 'SN-KN-56005'] }],
      },
      at('2026-11-05T09:00:00Z'),
    );
    expect(rows(erp.journalEntry(receipt.journalEntryId))).toStrictEqual([
      ['DR', Account.INVENTORY, '', 2_100_000],
      ['CR', Account.GOODS_RECEIVED_NOT_INVOICED, '', 2_100_000],
    ]);
    // (3 × 4,150.00 + 5 × 4,200.00) / 8 = 4,181.25
    expect(receipt.lines[0]).toMatchObject({ averageUnitCostAfterCents: 418_125, onHandAfter: 8 });
    expect(erp.balances({ itemId: 'KNEE-TOT-CR' })[0]).toMatchObject({
      averageUnitCostCents: 418_125,
      valuation: { quantity: 8, valueCents: 3_345_000 },
      onOrder: 0,
    });
    expect(erp.order(order.id).status).toBe('received');
  });

  it('matches the invoice of 5 × 4,200.00 (DR 2050 / CR 2000 21,000.00) and pays it (DR 2000 / CR 1000)', () => {
    const { result: invoice } = erp.postInvoice(
      {
        supplierId: 'SUP-SUMMIT',
        invoiceNumber: 'SO-7781',
        purchaseOrderId: 'PO-000001',
        invoiceDate: '2026-11-06',
        lines: [{ poLineNumber: 1, quantity: 5, unitPriceCents: 420_000 }],
      },
      at('2026-11-06T10:00:00Z'),
    );
    expect(invoice).toMatchObject({ status: 'matched', totalCents: 2_100_000, openCents: 2_100_000 });
    expect(invoice.match.lines[0]).toMatchObject({ matched: true, priceVarianceBasisPoints: 0, quantityVariance: 0, discrepancies: [] });
    expect(rows(erp.journalEntry(invoice.journalEntryId!))).toStrictEqual([
      ['DR', Account.GOODS_RECEIVED_NOT_INVOICED, '', 2_100_000],
      ['CR', Account.ACCOUNTS_PAYABLE, '', 2_100_000],
    ]);
    expect(erp.order('PO-000001').status).toBe('invoiced');
    const { result: payment } = erp.postPayment({ invoiceId: invoice.id, method: 'ach' }, at('2026-11-20T10:00:00Z'));
    expect(rows(erp.journalEntry(payment.journalEntryId))).toStrictEqual([
      ['DR', Account.ACCOUNTS_PAYABLE, '', 2_100_000],
      ['CR', Account.CASH, '', 2_100_000],
    ]);
    expect(erp.invoice(invoice.id)).toMatchObject({ status: 'paid', openCents: 0 });
    expect(erp.order('PO-000001').status).toBe('closed');
    expect(erp.ledger.balance(Account.GOODS_RECEIVED_NOT_INVOICED)).toBe(0);
    expect(erp.ledger.balance(Account.ACCOUNTS_PAYABLE)).toBe(0);
    expect(erp.ledger.balance(Account.INVENTORY)).toBe(erp.inventory.totalValueCents());
    expectTrialBalanceZero(erp);
  });

  it('takes revenue, allowance and remittance journals from billing to the cent', () => {
    const { result: revenue } = erp.postJournal(
      {
        memo: 'Revenue at gross, 837I',
        source: { type: 'claim', id: 'CLM-AQ-1' },
        lines: [
          { account: '1200', side: 'debit', amountCents: 2_865_000 },
          { account: '4000', costCentre: '6200', side: 'credit', amountCents: 560_000 },
          { account: '4000', costCentre: '6300', side: 'credit', amountCents: 2_210_000 },
          { account: '4000', costCentre: '6400', side: 'credit', amountCents: 64_000 },
          { account: '4000', costCentre: '6500', side: 'credit', amountCents: 31_000 },
        ],
      },
      at('2026-11-04T12:00:00Z'),
    );
    expect(revenue.totalCents).toBe(2_865_000);
    erp.postJournal(
      {
        lines: [
          { account: '4900', costCentre: '6300', side: 'debit', amountCents: 1_370_000 },
          { account: '1200', side: 'credit', amountCents: 1_370_000 },
        ],
      },
      at('2026-11-04T12:00:01Z'),
    );
    erp.postJournal(
      {
        source: { type: 'remittance', id: '835-AQ-1' },
        lines: [
          { account: '1000', side: 'debit', amountCents: 1_327_400 },
          { account: '1210', side: 'debit', amountCents: 167_600 },
          { account: '1200', side: 'credit', amountCents: 1_495_000 },
        ],
      },
      at('2026-11-25T12:00:00Z'),
    );
    // The claim's payer A/R is then exactly 0.00.
    expect(erp.ledger.balance('1200')).toBe(0);
    expectTrialBalanceZero(erp);
  });
});

describe('scenario 4: procure-to-pay with a price variance', () => {
  const erp = new SandboxErp();

  it('orders 100 boxes of gloves at 18.50 = 1,850.00 and receives them (DR 1300 / CR 2050 1,850.00)', () => {
    const { result: order } = erp.createPurchaseOrder(
      {
        supplierId: 'SUP-NORTHWIND',
        shipToLocationId: 'CG-CENTRAL',
        lines: [{ itemId: 'GLV-NIT-M', quantity: 100, unitPriceCents: 1_850 }],
      },
      at('2026-11-03T09:00:00Z'),
    );
    // Under the threshold: a direct order needs no approval.
    expect(order).toMatchObject({ totalCents: 185_000, status: 'approved' });
    erp.sendPurchaseOrder(order.id, at('2026-11-03T09:01:00Z'));
    const { result: receipt } = erp.postGoodsReceipt(
      { purchaseOrderId: order.id, lines: [{ poLineNumber: 1, quantity: 100 }] },
      at('2026-11-07T09:00:00Z'),
    );
    expect(rows(erp.journalEntry(receipt.journalEntryId))).toStrictEqual([
      ['DR', Account.INVENTORY, '', 185_000],
      ['CR', Account.GOODS_RECEIVED_NOT_INVOICED, '', 185_000],
    ]);
  });

  it('fails the match of 100 at 19.75 = 1,975.00: 6.76 % (6.8 %) over the PO price, beyond 2 %', () => {
    const { result: invoice } = erp.postInvoice(
      {
        supplierId: 'SUP-NORTHWIND',
        invoiceNumber: 'NW-88120',
        purchaseOrderId: 'PO-000001',
        invoiceDate: '2026-11-09',
        lines: [{ poLineNumber: 1, quantity: 100, unitPriceCents: 1_975 }],
      },
      at('2026-11-09T10:00:00Z'),
    );
    expect(invoice).toMatchObject({ status: 'match-failed', totalCents: 197_500, openCents: 0, journalEntryId: undefined });
    const [line] = invoice.match.lines;
    expect(line).toMatchObject({ matched: false, priceVarianceBasisPoints: 676, priceVarianceCents: 12_500, quantityVariance: 0 });
    expect((line.priceVarianceBasisPoints / 100).toFixed(1)).toBe('6.8');
    expect(line.discrepancies).toStrictEqual([
      { code: 'price-variance', message: 'Invoice price 19.75 is 6.76 % above the PO price 18.50; tolerance is 2.00 %' },
    ]);
    expect(() => erp.postPayment({ invoiceId: invoice.id, method: 'ach' }, at('2026-11-09T11:00:00Z'))).toThrow(
      expect.objectContaining({ code: ErpErrorCode.INVALID_STATE }),
    );
    expect(erp.journalEntries({ sourceType: 'supplier-invoice' })).toStrictEqual([]);
  });

  it('posts the approved variance: DR 2050 1,850.00, DR 5050 125.00 / CR 2000 1,975.00, then pays it', () => {
    const { result: invoice } = erp.approveInvoiceVariance(
      'INV-000001',
      { approver: 'E10003', comment: 'Q4 price increase' },
      at('2026-11-10T09:00:00Z'),
    );
    expect(invoice).toMatchObject({ status: 'variance-approved', varianceApprovedBy: 'E10003', openCents: 197_500 });
    expect(rows(erp.journalEntry(invoice.journalEntryId!))).toStrictEqual([
      ['DR', Account.GOODS_RECEIVED_NOT_INVOICED, '', 185_000],
      ['DR', Account.PURCHASE_PRICE_VARIANCE, '8100', 12_500],
      ['CR', Account.ACCOUNTS_PAYABLE, '', 197_500],
    ]);
    const { result: payment } = erp.postPayment({ invoiceId: invoice.id, method: 'check' }, at('2026-11-24T09:00:00Z'));
    expect(rows(erp.journalEntry(payment.journalEntryId))).toStrictEqual([
      ['DR', Account.ACCOUNTS_PAYABLE, '', 197_500],
      ['CR', Account.CASH, '', 197_500],
    ]);
    expect(erp.order('PO-000001').status).toBe('closed');
    expect(erp.ledger.balance(Account.GOODS_RECEIVED_NOT_INVOICED)).toBe(0);
    expectTrialBalanceZero(erp);
  });
});

describe('scenario 5: hire to payroll', () => {
  const erp = new SandboxErp();

  it('costs Casey Morgan’s hours at 48.50 to cost centre 6200: DR 6000 cc 6200 / CR 2100', () => {
    erp.upsertPayrollEmployee(
      { employeeNumber: 'E10042', costCentre: '6200', hourlyRateCents: 4_850, status: 'active', hireDate: '2026-11-02' },
      at('2026-11-02T08:00:00Z'),
    );
    const { result: run } = erp.runPayroll(
      {
        periodStart: '2026-11-01',
        periodEnd: '2026-11-14',
        timesheets: [
          { employeeNumber: 'E10042', hours: 36 },
          { employeeNumber: 'E10001', hours: 40 },
        ],
      },
      at('2026-11-15T06:00:00Z'),
    );
    // 36 h × 48.50 = 1,746.00 for the new hire, 40 h × 62.00 = 2,480.00 for the nurse manager.
    expect(run.costs).toStrictEqual([{ costCentre: '6200', hours: 76, labourCostCents: 422_600, employeeCount: 2 }]);
    expect(rows(erp.journalEntry(run.journalEntryId))).toStrictEqual([
      ['DR', Account.SALARIES_AND_WAGES, '6200', 422_600],
      ['CR', Account.ACCRUED_PAYROLL, '', 422_600],
    ]);
  });

  it('ends payroll after the termination date', () => {
    erp.upsertPayrollEmployee(
      {
        employeeNumber: 'E10042',
        costCentre: '6200',
        hourlyRateCents: 4_850,
        status: 'terminated',
        hireDate: '2026-11-02',
        terminationDate: '2026-11-30',
      },
      at('2026-12-01T08:00:00Z'),
    );
    expect(() =>
      erp.runPayroll(
        { periodStart: '2026-12-01', periodEnd: '2026-12-14', timesheets: [{ employeeNumber: 'E10042', hours: 8 }] },
        at('2026-12-15T06:00:00Z'),
      ),
    ).toThrow(
      expect.objectContaining({
        code: ErpErrorCode.INVALID_STATE,
        message: 'Employee E10042 was not employed between 2026-12-01 and 2026-12-14',
      }),
    );
  });
});
