/**
 * The shared contract suite of ErpPort: test support, imported only by spec files. Every adapter
 * (sandbox REST, OData) runs it against a real server seeded with ../shared/SCENARIOS.md's reference
 * data; it reproduces scenarios 1 and 4 to the cent and the refusals system-api relies on.
 *
 * What it assumes of the seed: suppliers named "Summit Orthopedics" and "Northwind Surgical Supply";
 * items KNEE-TOT-CR (serial-tracked, HCPCS C1776, 4 on hand at one location at 4,150.00, reorder point 3,
 * quantity 5, last price 4,200.00, preferred supplier Summit) and GLV-NIT-M (last price 18.50,
 * preferred supplier Northwind, stocked somewhere); the eight cost centres and thirteen accounts of
 * SCENARIOS.md; approval above 10,000.00; 2 % price tolerance. Ids of suppliers and locations are
 * looked up, never assumed. Each group gets a fresh ERP from the factory.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InventoryBalanceDto, JournalEntryDto, MoneyDto, SupplierDto } from '@concord/contracts';
import { ErpConnectorException, ErpConnectorExceptionCode as Code } from './erp-connector.exception';
import type { ErpPort } from './erp.port';

export interface ErpPortFixture {
  port: ErpPort;
  close(): Promise<void>;
}

const usd = (amount: number): MoneyDto => ({ amount, currency: 'USD' });

/** Journal lines as [side, account, cost centre or '', cents], sorted, for comparing with SCENARIOS.md. */
export function journalRows(entry: JournalEntryDto): [string, string, string, number][] {
  return entry.lines
    .map((line): [string, string, string, number] => [
      line.side === 'debit' ? 'DR' : 'CR',
      line.account,
      line.costCentre ?? '',
      line.amount.amount,
    ])
    .sort((a, b) => a.join('|').localeCompare(b.join('|')));
}

const rows = (...lines: [string, string, string, number][]) => [...lines].sort((a, b) => a.join('|').localeCompare(b.join('|')));

/** The ErpConnectorException a call rejects with; fails when it resolves or throws anything else. */
export async function erpRejection(promise: Promise<unknown>): Promise<ErpConnectorException> {
  const error = await promise.then(
    (value) => {
      throw new Error(`expected the ERP to refuse, got ${JSON.stringify(value)}`);
    },
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(ErpConnectorException);
  return error as ErpConnectorException;
}

function useFixture(factory: () => Promise<ErpPortFixture>): () => ErpPort {
  let fixture: ErpPortFixture | undefined;
  beforeAll(async () => {
    fixture = await factory();
  });
  afterAll(async () => {
    await fixture?.close();
  });
  return () => {
    if (!fixture) throw new Error('the ERP fixture did not start');
    return fixture.port;
  };
}

const key = (label: string) => `contract-${label}-${randomUUID()}`;

async function supplierNamed(port: ErpPort, name: string): Promise<SupplierDto> {
  const supplier = (await port.listSuppliers()).find((candidate) => candidate.name === name);
  if (!supplier) throw new Error(`the seed has no supplier named ${name}`);
  return supplier;
}

async function balanceOf(port: ErpPort, itemId: string): Promise<InventoryBalanceDto> {
  const balance =
    (await port.listInventoryBalances({ itemId })).find((candidate) => candidate.onHand > 0) ??
    (await port.listInventoryBalances({ itemId }))[0];
  if (!balance) throw new Error(`the seed has no stock of ${itemId}`);
  return balance;
}

export function describeErpPortContract(name: string, factory: () => Promise<ErpPortFixture>): void {
  describe(`ErpPort contract: ${name}`, () => {
    describe('master data', () => {
      const port = useFixture(factory);

      it('lists the suppliers and reads one by id', async () => {
        const summit = await supplierNamed(port(), 'Summit Orthopedics');
        const northwind = await supplierNamed(port(), 'Northwind Surgical Supply');
        expect([summit.active, northwind.active]).toStrictEqual([true, true]);
        expect(summit.source.system).toBe('erp');
        await expect(port().getSupplier(summit.id)).resolves.toMatchObject({ id: summit.id, name: 'Summit Orthopedics' });
        expect((await erpRejection(port().getSupplier('NO-SUCH-SUPPLIER'))).code).toBe(Code.NOT_FOUND);
      });

      it('reads the knee implant and the gloves as the item master holds them', async () => {
        const summit = await supplierNamed(port(), 'Summit Orthopedics');
        const northwind = await supplierNamed(port(), 'Northwind Surgical Supply');
        await expect(port().getItem('KNEE-TOT-CR')).resolves.toMatchObject({
          id: 'KNEE-TOT-CR',
          unitOfMeasure: 'EA',
          billableHcpcs: 'C1776',
          serialTracked: true,
          reorderPoint: 3,
          reorderQuantity: 5,
          allowNegativeStock: false,
          lastPurchasePrice: usd(420_000),
          preferredSupplierId: summit.id,
          active: true,
        });
        await expect(port().getItem('GLV-NIT-M')).resolves.toMatchObject({
          lastPurchasePrice: usd(1_850),
          preferredSupplierId: northwind.id,
        });
        expect((await port().listItems()).map((item) => item.id)).toEqual(expect.arrayContaining(['KNEE-TOT-CR', 'GLV-NIT-M']));
        expect((await erpRejection(port().getItem('NO-SUCH-ITEM'))).code).toBe(Code.NOT_FOUND);
      });

      it('holds 4 knees at a moving-average cost of 4,150.00, each with its serial', async () => {
        const knee = await balanceOf(port(), 'KNEE-TOT-CR');
        expect(knee).toMatchObject({ onHand: 4, movingAverageUnitCost: usd(415_000), value: usd(1_660_000), atOrBelowReorderPoint: false });
        expect(new Set(knee.serials).size).toBe(4);
      });

      it('knows the eight departments as cost centres and validates codes without throwing', async () => {
        const codes = (await port().listCostCentres()).map((costCentre) => costCentre.code);
        expect(codes).toEqual(expect.arrayContaining(['6100', '6200', '6300', '6400', '6500', '7100', '8100', '8200']));
        await expect(port().validateCostCentre('6300')).resolves.toMatchObject({
          code: '6300',
          valid: true,
          costCentre: { name: 'Perioperative Services', active: true },
        });
        await expect(port().validateCostCentre('9999')).resolves.toMatchObject({ code: '9999', valid: false, reason: 'unknown' });
        await expect(port().validateCostCentre('63 00/..')).resolves.toMatchObject({ valid: false, reason: 'malformed' });
      });

      it('has the chart of accounts, with cost centres required on revenue and expense', async () => {
        const accounts = await port().listGlAccounts();
        const numbers = accounts.map((account) => account.number);
        expect(numbers).toEqual(
          expect.arrayContaining(['1000', '1200', '1210', '1300', '2000', '2050', '2100', '4000', '4100', '4900', '5000', '5050', '6000']),
        );
        const byNumber = (number: string) => accounts.find((account) => account.number === number);
        expect(byNumber('4000')).toMatchObject({ type: 'revenue', requiresCostCentre: true, normalBalance: 'credit' });
        expect(byNumber('4900')).toMatchObject({ type: 'contra-revenue', requiresCostCentre: true });
        expect(byNumber('5000')).toMatchObject({ type: 'expense', requiresCostCentre: true, normalBalance: 'debit' });
        expect(byNumber('1300')).toMatchObject({ type: 'asset', requiresCostCentre: false });
      });

      it('maps department and charge category to accounts', async () => {
        await expect(port().listGlMappings({ departmentCode: '6300', chargeCategory: 'inpatient' })).resolves.toStrictEqual([
          expect.objectContaining({
            departmentCode: '6300',
            chargeCategory: 'inpatient',
            revenueAccount: '4000',
            contraRevenueAccount: '4900',
          }),
        ]);
        await expect(port().listGlMappings({ departmentCode: '7100', chargeCategory: 'outpatient' })).resolves.toStrictEqual([
          expect.objectContaining({ revenueAccount: '4100' }),
        ]);
        await expect(port().listGlMappings({ departmentCode: '6300', chargeCategory: 'supplies' })).resolves.toStrictEqual([
          expect.objectContaining({ expenseAccount: '5000' }),
        ]);
      });

      it('starts with a trial balance at zero', async () => {
        const trial = await port().getTrialBalance();
        expect(trial.balanced).toBe(true);
        expect(trial.totalDebits).toStrictEqual(trial.totalCredits);
      });
    });

    describe('scenario 1: the knee from stock issue to its cost on the department, replenished and paid', () => {
      const port = useFixture(factory);
      const issueKey = key('issue');
      let location = '';
      let serial = '';
      let summit: SupplierDto;
      let requisitionId = '';
      let orderId = '';
      let invoiceId = '';

      it('issues the knee at 4,150.00: DR 5000 cc 6300 / CR 1300, and the reorder point fires', async () => {
        const knee = await balanceOf(port(), 'KNEE-TOT-CR');
        location = knee.locationId;
        serial = knee.serials[0]!;
        summit = await supplierNamed(port(), 'Summit Orthopedics');
        const issue = await port().issueStock(
          { itemId: 'KNEE-TOT-CR', locationId: location, quantity: 1, costCentre: '6300', encounterId: 'enc-aq-tka', serials: [serial] },
          { idempotencyKey: issueKey },
        );
        expect(issue).toMatchObject({
          quantity: 1,
          costCentre: '6300',
          unitCost: usd(415_000),
          totalCost: usd(415_000),
          onHandAfter: 3,
          serials: [serial],
        });
        expect(issue.reorder).toMatchObject({ itemId: 'KNEE-TOT-CR', onHand: 3, reorderPoint: 3, reorderQuantity: 5 });
        expect(journalRows(await port().getJournal(issue.journalEntryId!))).toStrictEqual(
          rows(['DR', '5000', '6300', 415_000], ['CR', '1300', '', 415_000]),
        );
      });

      it('replays the issue for the same key without issuing again', async () => {
        const again = await port().issueStock(
          { itemId: 'KNEE-TOT-CR', locationId: location, quantity: 1, costCentre: '6300', encounterId: 'enc-aq-tka', serials: [serial] },
          { idempotencyKey: issueKey },
        );
        expect(again.onHandAfter).toBe(3);
        expect((await port().listInventoryBalances({ itemId: 'KNEE-TOT-CR', locationId: location }))[0]?.onHand).toBe(3);
      });

      it('raises a requisition for 5 × 4,200.00 = 21,000.00 that waits for approval, then approves it', async () => {
        const requisition = await port().createRequisition(
          {
            requester: 'E10003',
            costCentre: '6300',
            reason: 'reorder-point',
            lines: [{ itemId: 'KNEE-TOT-CR', quantity: 5, estimatedUnitPrice: usd(420_000), supplierId: summit.id }],
          },
          { idempotencyKey: key('requisition') },
        );
        expect(requisition).toMatchObject({ total: usd(2_100_000), approvalRequired: true, approvalStatus: 'pending' });
        requisitionId = requisition.id;
        const approved = await port().decideRequisition(
          requisitionId,
          { approver: 'E10002', decision: 'approve' },
          { idempotencyKey: key('approve') },
        );
        expect(approved).toMatchObject({ approvalStatus: 'approved', decidedBy: 'E10002' });
        await expect(port().getRequisition(requisitionId)).resolves.toMatchObject({ approvalStatus: 'approved' });
      });

      it('orders from Summit Orthopedics and sends the order', async () => {
        const order = await port().createPurchaseOrder({ requisitionId, shipToLocationId: location }, { idempotencyKey: key('po') });
        expect(order).toMatchObject({ supplierId: summit.id, status: 'approved', total: usd(2_100_000) });
        expect(order.lines).toStrictEqual([
          expect.objectContaining({ itemId: 'KNEE-TOT-CR', quantity: 5, unitPrice: usd(420_000), receivedQuantity: 0 }),
        ]);
        orderId = order.id;
        await expect(port().sendPurchaseOrder(orderId, { idempotencyKey: key('send') })).resolves.toMatchObject({ status: 'sent' });
        expect((await port().listPurchaseOrders({ status: 'sent' })).map((candidate) => candidate.id)).toContain(orderId);
      });

      it('receives 5 at 4,200.00 (DR 1300 / CR 2050 21,000.00) and moves the average to 4,181.25', async () => {
        const serials = Array.from({ length: 5 }, (_, index) => `SN-CT-${randomUUID().slice(0, 8)}-${index}`);
        const receipt = await port().postGoodsReceipt(
          { purchaseOrderId: orderId, lines: [{ poLineNumber: 1, quantity: 5, serials }] },
          { idempotencyKey: key('gr') },
        );
        expect(receipt.total).toStrictEqual(usd(2_100_000));
        expect(receipt.lines[0]).toMatchObject({
          quantity: 5,
          unitCost: usd(420_000),
          movingAverageUnitCostAfter: usd(418_125),
          onHandAfter: 8,
        });
        expect(journalRows(await port().getJournal(receipt.journalEntryId))).toStrictEqual(
          rows(['DR', '1300', '', 2_100_000], ['CR', '2050', '', 2_100_000]),
        );
        await expect(port().getGoodsReceipt(receipt.id)).resolves.toMatchObject({ purchaseOrderId: orderId });
        const knee = (await port().listInventoryBalances({ itemId: 'KNEE-TOT-CR', locationId: location }))[0];
        expect(knee).toMatchObject({ onHand: 8, movingAverageUnitCost: usd(418_125), value: usd(3_345_000) });
        await expect(port().getPurchaseOrder(orderId)).resolves.toMatchObject({ status: 'received' });
      });

      it('matches the invoice of 5 × 4,200.00: DR 2050 / CR 2000 21,000.00', async () => {
        const invoice = await port().postSupplierInvoice(
          {
            supplierId: summit.id,
            invoiceNumber: `SO-${randomUUID().slice(0, 8)}`,
            purchaseOrderId: orderId,
            invoiceDate: '2026-11-06',
            lines: [{ poLineNumber: 1, quantity: 5, unitPrice: usd(420_000) }],
          },
          { idempotencyKey: key('invoice') },
        );
        expect(invoice).toMatchObject({
          status: 'matched',
          total: usd(2_100_000),
          openAmount: usd(2_100_000),
          match: { result: 'matched', priceTolerancePercent: 2 },
        });
        expect(invoice.match.lines[0]).toMatchObject({
          result: 'matched',
          quantityVariance: 0,
          priceVariancePercent: 0,
          discrepancies: [],
        });
        expect(journalRows(await port().getJournal(invoice.journalEntryId!))).toStrictEqual(
          rows(['DR', '2050', '', 2_100_000], ['CR', '2000', '', 2_100_000]),
        );
        invoiceId = invoice.id;
      });

      it('pays it (DR 2000 / CR 1000 21,000.00) and the order closes', async () => {
        const payment = await port().postPayment({ invoiceId, method: 'ach', paidOn: '2026-11-20' }, { idempotencyKey: key('pay') });
        expect(payment).toMatchObject({ supplierId: summit.id, amount: usd(2_100_000), method: 'ach', paidOn: '2026-11-20' });
        expect(journalRows(await port().getJournal(payment.journalEntryId))).toStrictEqual(
          rows(['DR', '2000', '', 2_100_000], ['CR', '1000', '', 2_100_000]),
        );
        await expect(port().getPayment(payment.id)).resolves.toMatchObject({ invoiceId });
        await expect(port().getSupplierInvoice(invoiceId)).resolves.toMatchObject({ status: 'paid', openAmount: usd(0) });
        await expect(port().getPurchaseOrder(orderId)).resolves.toMatchObject({ status: 'closed' });
      });

      it('shows the implant’s cost on cost centre 6300 and a trial balance at zero', async () => {
        const department = await port().getTrialBalance({ costCentre: '6300' });
        expect(department.lines).toStrictEqual([
          expect.objectContaining({ account: '5000', costCentre: '6300', debit: usd(415_000), credit: usd(0) }),
        ]);
        const trial = await port().getTrialBalance({ byCostCentre: true });
        expect(trial.balanced).toBe(true);
        expect(trial.lines.filter((line) => line.account === '2050' || line.account === '2000')).toStrictEqual([]);
      });
    });

    describe('scenario 4: procure-to-pay with a price variance', () => {
      const port = useFixture(factory);
      let orderId = '';
      let invoiceId = '';
      let northwind: SupplierDto;

      it('orders 100 boxes of gloves at 18.50 = 1,850.00 and receives them (DR 1300 / CR 2050 1,850.00)', async () => {
        northwind = await supplierNamed(port(), 'Northwind Surgical Supply');
        const location = (await balanceOf(port(), 'GLV-NIT-M')).locationId;
        const order = await port().createPurchaseOrder(
          { supplierId: northwind.id, shipToLocationId: location, lines: [{ itemId: 'GLV-NIT-M', quantity: 100, unitPrice: usd(1_850) }] },
          { idempotencyKey: key('po') },
        );
        expect(order).toMatchObject({ status: 'approved', total: usd(185_000) });
        orderId = order.id;
        await port().sendPurchaseOrder(orderId, { idempotencyKey: key('send') });
        const receipt = await port().postGoodsReceipt(
          { purchaseOrderId: orderId, lines: [{ poLineNumber: 1, quantity: 100 }] },
          { idempotencyKey: key('gr') },
        );
        expect(journalRows(await port().getJournal(receipt.journalEntryId))).toStrictEqual(
          rows(['DR', '1300', '', 185_000], ['CR', '2050', '', 185_000]),
        );
      });

      it('fails the 3-way match of 100 at 19.75 = 1,975.00: 6.76 % over the PO price, beyond 2 %', async () => {
        const invoice = await port().postSupplierInvoice(
          {
            supplierId: northwind.id,
            invoiceNumber: `NW-${randomUUID().slice(0, 8)}`,
            purchaseOrderId: orderId,
            invoiceDate: '2026-11-09',
            lines: [{ poLineNumber: 1, quantity: 100, unitPrice: usd(1_975) }],
          },
          { idempotencyKey: key('invoice') },
        );
        expect(invoice).toMatchObject({
          status: 'match-failed',
          total: usd(197_500),
          match: { result: 'failed', priceTolerancePercent: 2 },
        });
        expect(invoice.journalEntryId).toBeUndefined();
        const [line] = invoice.match.lines;
        expect(line).toMatchObject({
          result: 'failed',
          poUnitPrice: usd(1_850),
          invoiceUnitPrice: usd(1_975),
          priceVariancePercent: 6.76,
          priceVarianceAmount: usd(12_500),
          quantityVariance: 0,
        });
        expect(line?.discrepancies.map((discrepancy) => discrepancy.code)).toStrictEqual(['price-variance']);
        invoiceId = invoice.id;
        expect((await erpRejection(port().postPayment({ invoiceId, method: 'ach' }, { idempotencyKey: key('early-pay') }))).code).toBe(
          Code.DOCUMENT_STATE_CONFLICT,
        );
      });

      it('posts the approved variance: DR 2050 1,850.00, DR 5050 125.00 / CR 2000 1,975.00, then pays 1,975.00', async () => {
        const approved = await port().approveInvoiceVariance(
          invoiceId,
          { approver: 'E10003', comment: 'Q4 price increase' },
          { idempotencyKey: key('approve') },
        );
        expect(approved).toMatchObject({ status: 'variance-approved', varianceApprovedBy: 'E10003', openAmount: usd(197_500) });
        const entry = await port().getJournal(approved.journalEntryId!);
        expect(journalRows(entry).map(([side, account, , amount]) => [side, account, amount])).toStrictEqual(
          rows(['DR', '2050', '', 185_000], ['DR', '5050', '', 12_500], ['CR', '2000', '', 197_500]).map(([side, account, , amount]) => [
            side,
            account,
            amount,
          ]),
        );
        expect(entry.lines.find((line) => line.account === '5050')?.costCentre).toBeDefined();
        const payment = await port().postPayment({ invoiceId, method: 'check' }, { idempotencyKey: key('pay') });
        expect(payment.amount).toStrictEqual(usd(197_500));
        await expect(port().getSupplierInvoice(invoiceId)).resolves.toMatchObject({ status: 'paid' });
        expect((await port().getTrialBalance()).balanced).toBe(true);
      });
    });

    describe('journals from other systems', () => {
      const port = useFixture(factory);
      const claim = `CLM-${randomUUID().slice(0, 8)}`;
      const revenue = {
        memo: 'Revenue at gross, scenario 1',
        sourceDocument: { type: 'claim' as const, id: claim },
        lines: [
          { account: '1200', side: 'debit' as const, amount: usd(2_865_000) },
          { account: '4000', costCentre: '6200', side: 'credit' as const, amount: usd(560_000) },
          { account: '4000', costCentre: '6300', side: 'credit' as const, amount: usd(2_210_000) },
          { account: '4000', costCentre: '6400', side: 'credit' as const, amount: usd(64_000) },
          { account: '4000', costCentre: '6500', side: 'credit' as const, amount: usd(31_000) },
        ],
      };
      const revenueKey = key('revenue');
      let revenueId = '';

      it('refuses an unbalanced journal, naming the difference, and posts nothing', async () => {
        const error = await erpRejection(
          port().postJournal(
            {
              sourceDocument: { type: 'claim', id: claim },
              lines: [
                { account: '1200', side: 'debit', amount: usd(2_865_000) },
                { account: '4000', costCentre: '6300', side: 'credit', amount: usd(2_860_000) },
              ],
            },
            { idempotencyKey: key('unbalanced') },
          ),
        );
        expect(error.code).toBe(Code.JOURNAL_UNBALANCED);
        expect(error.difference).toStrictEqual(usd(5_000));
        expect(await port().listJournals({ sourceType: 'claim', sourceId: claim })).toStrictEqual([]);
      });

      it('refuses a revenue line without a cost centre, naming the line', async () => {
        const error = await erpRejection(
          port().postJournal(
            {
              lines: [
                { account: '1200', side: 'debit', amount: usd(100) },
                { account: '4000', side: 'credit', amount: usd(100) },
              ],
            },
            { idempotencyKey: key('no-cc') },
          ),
        );
        expect(error.code).toBe(Code.JOURNAL_INVALID);
        expect(error.fieldErrors.map((field) => field.name)).toContain('lines[1].costCentre');
      });

      it('posts scenario 1’s revenue at gross by department (DR 1200 28,650.00)', async () => {
        const entry = await port().postJournal(revenue, { idempotencyKey: revenueKey });
        expect(entry.total).toStrictEqual(usd(2_865_000));
        expect(journalRows(entry)).toStrictEqual(
          rows(
            ['DR', '1200', '', 2_865_000],
            ['CR', '4000', '6200', 560_000],
            ['CR', '4000', '6300', 2_210_000],
            ['CR', '4000', '6400', 64_000],
            ['CR', '4000', '6500', 31_000],
          ),
        );
        revenueId = entry.id;
        await expect(port().listJournals({ sourceType: 'claim', sourceId: claim })).resolves.toStrictEqual([
          expect.objectContaining({ id: revenueId }),
        ]);
      });

      it('replays a posting with the same key: same entry, books unchanged', async () => {
        const before = await port().getTrialBalance({ byCostCentre: true });
        const again = await port().postJournal(revenue, { idempotencyKey: revenueKey });
        expect(again.id).toBe(revenueId);
        const after = await port().getTrialBalance({ byCostCentre: true });
        expect(after.lines).toStrictEqual(before.lines);
      });

      it('refuses the same key for a different journal', async () => {
        const other = { ...revenue, memo: 'something else' };
        expect((await erpRejection(port().postJournal(other, { idempotencyKey: revenueKey }))).code).toBe(Code.IDEMPOTENCY_KEY_REUSED);
      });
    });

    describe('refusals', () => {
      const port = useFixture(factory);

      it('refuses to issue more than is on hand, an unknown item, or to an unknown cost centre', async () => {
        const gloves = await balanceOf(port(), 'GLV-NIT-M');
        const issue = (change: object) =>
          port().issueStock(
            { itemId: 'GLV-NIT-M', locationId: gloves.locationId, quantity: 1, costCentre: '6200', ...change },
            { idempotencyKey: key('issue') },
          );
        expect((await erpRejection(issue({ quantity: gloves.onHand + 1 }))).code).toBe(Code.INSUFFICIENT_STOCK);
        expect((await erpRejection(issue({ itemId: 'NO-SUCH-ITEM' }))).code).toBe(Code.NOT_FOUND);
        expect((await erpRejection(issue({ costCentre: '9999' }))).code).toBe(Code.COST_CENTRE_INVALID);
        const unchanged = (await port().listInventoryBalances({ itemId: 'GLV-NIT-M', locationId: gloves.locationId }))[0];
        expect(unchanged?.onHand).toBe(gloves.onHand);
      });

      it('refuses to receive more than was ordered and to take the same supplier invoice twice', async () => {
        const northwind = await supplierNamed(port(), 'Northwind Surgical Supply');
        const location = (await balanceOf(port(), 'GLV-NIT-M')).locationId;
        const order = await port().createPurchaseOrder(
          { supplierId: northwind.id, shipToLocationId: location, lines: [{ itemId: 'GLV-NIT-M', quantity: 10, unitPrice: usd(1_850) }] },
          { idempotencyKey: key('po') },
        );
        await port().sendPurchaseOrder(order.id, { idempotencyKey: key('send') });
        expect(
          (
            await erpRejection(
              port().postGoodsReceipt(
                { purchaseOrderId: order.id, lines: [{ poLineNumber: 1, quantity: 11 }] },
                { idempotencyKey: key('gr') },
              ),
            )
          ).code,
        ).toBe(Code.OVER_RECEIPT);
        await port().postGoodsReceipt(
          { purchaseOrderId: order.id, lines: [{ poLineNumber: 1, quantity: 10 }] },
          { idempotencyKey: key('gr') },
        );
        const invoice = {
          supplierId: northwind.id,
          invoiceNumber: `NW-${randomUUID().slice(0, 8)}`,
          purchaseOrderId: order.id,
          invoiceDate: '2026-11-09',
          lines: [{ poLineNumber: 1, quantity: 10, unitPrice: usd(1_850) }],
        };
        await port().postSupplierInvoice(invoice, { idempotencyKey: key('invoice') });
        expect((await erpRejection(port().postSupplierInvoice(invoice, { idempotencyKey: key('invoice') }))).code).toBe(
          Code.DUPLICATE_INVOICE,
        );
      });
    });
  });
}
