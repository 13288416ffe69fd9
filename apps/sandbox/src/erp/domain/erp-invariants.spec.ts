import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Account } from './chart-of-accounts';
import { ErpDomainError } from './erp-domain.error';
import { SandboxErp } from './sandbox-erp';

const COST_CENTRES = ['6100', '6200', '6300', '6400', '6500', '7100', '8100', '8200', '6900', '9999'];
const ACCOUNTS = ['1000', '1200', '1210', '1300', '2000', '2050', '4000', '4100', '4900', '5000', '6000', '7777'];
const STOCK = [
  { itemId: 'GLV-NIT-M', locationId: 'CG-CENTRAL', supplierId: 'SUP-NORTHWIND', allowsNegative: false },
  { itemId: 'SCREW-CANC-65', locationId: 'CG-MAIN-OR', supplierId: 'SUP-SUMMIT', allowsNegative: true },
  { itemId: 'BONE-CEM-40', locationId: 'CG-MAIN-OR', supplierId: 'SUP-SUMMIT', allowsNegative: false },
];

interface JournalLeg {
  account: string;
  costCentre?: string;
  amountCents: number;
}

type Action =
  | { kind: 'issue'; stock: number; quantity: number; costCentre: string }
  | { kind: 'receive'; stock: number; quantity: number; unitCents: number }
  | { kind: 'invoice'; varianceBasisPoints: number; approve: boolean }
  | { kind: 'pay'; fraction: number }
  | { kind: 'journal'; debits: JournalLeg[]; credit: Omit<JournalLeg, 'amountCents'>; skewCents: number }
  | { kind: 'payroll'; hours: number }
  | { kind: 'replay'; back: number };

const DIRECT_ACCOUNTS = ['1000', '1200', '1210', '2100', '4000', '4100', '4900', '5000', '6000'];
const NEEDS_COST_CENTRE = new Set(['4000', '4100', '4900', '5000', '6000']);
const VALID_COST_CENTRES = COST_CENTRES.slice(0, 8);

/** A leg the ledger accepts: a direct-posting account, with a valid cost centre where one is required. */
const validLeg = fc
  .record({
    account: fc.constantFrom(...DIRECT_ACCOUNTS),
    costCentre: fc.constantFrom(...VALID_COST_CENTRES),
    amountCents: fc.integer({ min: 1, max: 5_000_000 }),
  })
  .map((leg) => ({ ...leg, costCentre: NEEDS_COST_CENTRE.has(leg.account) ? leg.costCentre : undefined }));
/** Anything: unknown or control accounts, missing or closed cost centres, zero or negative amounts. */
const anyLeg = fc.record({
  account: fc.constantFrom(...ACCOUNTS),
  costCentre: fc.option(fc.constantFrom(...COST_CENTRES), { nil: undefined, freq: 3 }),
  amountCents: fc.integer({ min: -5, max: 5_000_000 }),
});
const leg = fc.oneof({ weight: 6, arbitrary: validLeg }, { weight: 1, arbitrary: anyLeg });

const action: fc.Arbitrary<Action> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('issue' as const),
      stock: fc.nat(2),
      quantity: fc.integer({ min: 1, max: 60 }),
      costCentre: fc.constantFrom(...COST_CENTRES),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('receive' as const),
      stock: fc.nat(2),
      quantity: fc.integer({ min: 1, max: 80 }),
      unitCents: fc.integer({ min: 1, max: 60_000 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('invoice' as const),
      varianceBasisPoints: fc.integer({ min: -600, max: 600 }),
      approve: fc.boolean(),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('pay' as const), fraction: fc.double({ min: 0.1, max: 1.2, noNaN: true }) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('journal' as const),
      debits: fc.array(leg, { minLength: 1, maxLength: 4 }),
      credit: leg.map(({ account, costCentre }) => ({ account, costCentre })),
      // Mostly balanced; sometimes off by a little or a lot.
      skewCents: fc.oneof({ weight: 4, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: -100_000, max: 100_000 }) }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('payroll' as const),
      hours: fc.integer({ min: 1, max: 8_000 }).map((hundredths) => hundredths / 100),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('replay' as const), back: fc.nat(20) }) },
);

/** Everything observable about the ERP's books and stock, to compare before and after a command. */
function snapshot(erp: SandboxErp): string {
  return JSON.stringify({
    trial: erp.trialBalance({ byCostCentre: true }),
    stock: erp.balances(),
    entries: erp.journalEntries().length,
    orders: erp.listOrders(),
    invoices: erp.listInvoices(),
    payments: erp.listPayments().length,
    issues: erp.listIssues().length,
    runs: erp.listPayrollRuns().length,
  });
}

function checkInvariants(erp: SandboxErp): void {
  for (const entry of erp.journalEntries()) {
    const debits = entry.lines.filter((line) => line.side === 'debit').reduce((sum, line) => sum + line.amountCents, 0);
    const credits = entry.lines.filter((line) => line.side === 'credit').reduce((sum, line) => sum + line.amountCents, 0);
    expect(debits).toBe(credits);
    for (const line of entry.lines) {
      expect(Number.isSafeInteger(line.amountCents) && line.amountCents > 0).toBe(true);
      if (erp.ledger.account(line.account)?.requiresCostCentre) expect(line.costCentre).toBeDefined();
    }
  }
  const trial = erp.trialBalance();
  expect(trial.totalDebitsCents).toBe(trial.totalCreditsCents);
  // The inventory account holds exactly what the stock is worth.
  expect(erp.ledger.balance(Account.INVENTORY)).toBe(erp.inventory.totalValueCents());
  for (const balance of erp.balances()) {
    const allowsNegative = STOCK.find((stock) => stock.itemId === balance.itemId)?.allowsNegative ?? false;
    if (!allowsNegative) expect(balance.valuation.quantity).toBeGreaterThanOrEqual(0);
    if (balance.valuation.quantity > 0) expect(balance.valuation.valueCents).toBeGreaterThanOrEqual(0);
    if (balance.valuation.quantity === 0) expect(balance.valuation.valueCents).toBe(0);
  }
}

describe('ERP invariants under any sequence of postings', () => {
  it('balanced entries, a zero trial balance, stock never negative unless allowed, refused commands leave no trace, replays change nothing', () => {
    fc.assert(
      fc.property(fc.array(action, { maxLength: 40 }), (actions) => {
        const erp = new SandboxErp();
        const history: { run: () => unknown; key: string }[] = [];
        let sequence = 0;
        const attempt = (perform: (key: string) => unknown) => {
          const key = `key-${++sequence}`;
          const before = snapshot(erp);
          try {
            const outcome = perform(key);
            history.push({ run: () => perform(key), key });
            return outcome;
          } catch (error) {
            if (!(error instanceof ErpDomainError)) throw error;
            // A refused command changes nothing.
            expect(snapshot(erp)).toBe(before);
            return undefined;
          }
        };
        for (const step of actions) {
          const context = (key: string) => ({ idempotencyKey: key });
          switch (step.kind) {
            case 'issue': {
              const stock = STOCK[step.stock];
              attempt((key) =>
                erp.issueStock(
                  { itemId: stock.itemId, locationId: stock.locationId, quantity: step.quantity, costCentre: step.costCentre },
                  context(key),
                ),
              );
              break;
            }
            case 'receive': {
              const stock = STOCK[step.stock];
              const order = attempt((key) =>
                erp.createPurchaseOrder(
                  {
                    supplierId: stock.supplierId,
                    shipToLocationId: stock.locationId,
                    lines: [{ itemId: stock.itemId, quantity: step.quantity, unitPriceCents: step.unitCents }],
                  },
                  context(key),
                ),
              ) as { result: { id: string; status: string } } | undefined;
              if (!order) break;
              if (order.result.status === 'draft') attempt((key) => erp.approvePurchaseOrder(order.result.id, 'E10002', context(key)));
              attempt((key) => erp.sendPurchaseOrder(order.result.id, context(key)));
              const lots = stock.itemId === 'BONE-CEM-40' ? [{ lotNumber: `LOT-${sequence}`, quantity: step.quantity }] : undefined;
              attempt((key) =>
                erp.postGoodsReceipt(
                  { purchaseOrderId: order.result.id, lines: [{ poLineNumber: 1, quantity: step.quantity, lots }] },
                  context(key),
                ),
              );
              break;
            }
            case 'invoice': {
              const order = erp.listOrders().find((candidate) => candidate.status === 'received');
              if (!order) break;
              const line = order.lines[0];
              const unitPriceCents = Math.max(0, Math.round((line.unitPriceCents * (10_000 + step.varianceBasisPoints)) / 10_000));
              // Fixed now, not when the closure runs: a replay must send the very same command.
              const invoiceNumber = `INV-${sequence}`;
              const invoice = attempt((key) =>
                erp.postInvoice(
                  {
                    supplierId: order.supplierId,
                    invoiceNumber,
                    purchaseOrderId: order.id,
                    invoiceDate: '2026-11-09',
                    lines: [{ poLineNumber: 1, quantity: line.quantity, unitPriceCents }],
                  },
                  context(key),
                ),
              ) as { result: { id: string; status: string } } | undefined;
              if (invoice?.result.status === 'match-failed' && step.approve)
                attempt((key) => erp.approveInvoiceVariance(invoice.result.id, { approver: 'E10003' }, context(key)));
              break;
            }
            case 'pay': {
              const invoice = erp.listInvoices().find((candidate) => candidate.openCents > 0);
              if (!invoice) break;
              const amountCents = Math.max(1, Math.round(invoice.openCents * step.fraction));
              attempt((key) => erp.postPayment({ invoiceId: invoice.id, amountCents, method: 'ach' }, context(key)));
              break;
            }
            case 'journal': {
              const total = step.debits.reduce((sum, leg) => sum + leg.amountCents, 0) + step.skewCents;
              const lines = [
                ...step.debits.map((leg) => ({ ...leg, side: 'debit' as const })),
                { ...step.credit, amountCents: total, side: 'credit' as const },
              ];
              attempt((key) => erp.postJournal({ lines }, context(key)));
              break;
            }
            case 'payroll':
              attempt((key) =>
                erp.runPayroll(
                  { periodStart: '2026-11-01', periodEnd: '2026-11-14', timesheets: [{ employeeNumber: 'E10004', hours: step.hours }] },
                  context(key),
                ),
              );
              break;
            case 'replay': {
              const earlier = history[history.length - 1 - step.back];
              if (!earlier) break;
              const before = snapshot(erp);
              const replayed = earlier.run() as { replayed: boolean };
              expect(replayed.replayed).toBe(true);
              expect(snapshot(erp)).toBe(before);
              break;
            }
          }
          checkInvariants(erp);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('a replayed posting returns the first result even after the state moved on', () => {
    const erp = new SandboxErp();
    const first = erp.issueStock(
      { itemId: 'GLV-NIT-M', locationId: 'CG-CENTRAL', quantity: 2, costCentre: '6200' },
      { idempotencyKey: 'issue-1' },
    );
    erp.issueStock({ itemId: 'GLV-NIT-M', locationId: 'CG-CENTRAL', quantity: 5, costCentre: '6200' }, { idempotencyKey: 'issue-2' });
    const again = erp.issueStock(
      { itemId: 'GLV-NIT-M', locationId: 'CG-CENTRAL', quantity: 2, costCentre: '6200' },
      { idempotencyKey: 'issue-1' },
    );
    expect(again).toStrictEqual({ result: first.result, replayed: true });
    expect(erp.balances({ itemId: 'GLV-NIT-M' })[0]?.valuation.quantity).toBe(33);
  });

  it('refuses a key reused for another command, naming the key as the problem', () => {
    const erp = new SandboxErp();
    erp.issueStock({ itemId: 'GLV-NIT-M', locationId: 'CG-CENTRAL', quantity: 2, costCentre: '6200' }, { idempotencyKey: 'k' });
    expect(() =>
      erp.issueStock({ itemId: 'GLV-NIT-M', locationId: 'CG-CENTRAL', quantity: 3, costCentre: '6200' }, { idempotencyKey: 'k' }),
    ).toThrow(expect.objectContaining({ code: 'IDEMPOTENCY_KEY_REUSED', details: { field: 'idempotencyKey' } }));
  });
});
