import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SandboxErp } from '../domain/sandbox-erp';
import { CommandLogCorruptError } from './command-log';
import { openErpStore } from './erp-store';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'erp-store-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const logPath = () => join(dir, 'erp-commands.jsonl');
const clock = () => new Date('2026-11-10T10:00:00Z');

function state(erp: SandboxErp): unknown {
  return {
    journal: erp.journalEntries(),
    stock: erp.balances(),
    orders: erp.listOrders(),
    invoices: erp.listInvoices(),
    payments: erp.listPayments(),
    issues: erp.listIssues(),
  };
}

function scenarioFour(erp: SandboxErp): void {
  const { result: order } = erp.createPurchaseOrder(
    { supplierId: 'SUP-NORTHWIND', shipToLocationId: 'CG-CENTRAL', lines: [{ itemId: 'GLV-NIT-M', quantity: 100, unitPriceCents: 1_850 }] },
    { idempotencyKey: 'po' },
  );
  erp.sendPurchaseOrder(order.id, { idempotencyKey: 'send' });
  erp.postGoodsReceipt({ purchaseOrderId: order.id, lines: [{ poLineNumber: 1, quantity: 100 }] }, { idempotencyKey: 'gr' });
  erp.postInvoice(
    {
      supplierId: 'SUP-NORTHWIND',
      invoiceNumber: 'NW-88120',
      purchaseOrderId: order.id,
      invoiceDate: '2026-11-09',
      lines: [{ poLineNumber: 1, quantity: 100, unitPriceCents: 1_975 }],
    },
    { idempotencyKey: 'inv' },
  );
  erp.approveInvoiceVariance('INV-000001', { approver: 'E10003' }, { idempotencyKey: 'approve' });
  erp.issueStock(
    { itemId: 'KNEE-TOT-CR', locationId: 'CG-MAIN-OR', quantity: 1, costCentre: '6300', serials: ['SN-KN-55012'] },
    { idempotencyKey: 'issue' },
  );
}

describe('openErpStore', () => {
  it('rebuilds the same books and stock after a restart', () => {
    const first = openErpStore({ dataDir: dir, clock, durable: false });
    scenarioFour(first.erp);
    const before = state(first.erp);
    first.close();
    const second = openErpStore({ dataDir: dir, clock: () => new Date('2027-01-01T00:00:00Z'), durable: false });
    expect(state(second.erp)).toStrictEqual(before);
    second.close();
  });

  it('remembers idempotency keys across the restart: a replayed posting changes nothing', () => {
    const first = openErpStore({ dataDir: dir, clock, durable: false });
    scenarioFour(first.erp);
    first.close();
    const second = openErpStore({ dataDir: dir, clock, durable: false });
    const replay = second.erp.issueStock(
      { itemId: 'KNEE-TOT-CR', locationId: 'CG-MAIN-OR', quantity: 1, costCentre: '6300', serials: ['SN-KN-55012'] },
      { idempotencyKey: 'issue' },
    );
    expect(replay).toMatchObject({ replayed: true, result: { id: 'GI-000001', onHandAfter: 3 } });
    expect(readFileSync(logPath(), 'utf8').trim().split('\n')).toHaveLength(1 + 6);
    second.close();
  });

  it('cuts off a torn last line and keeps everything before it', () => {
    const first = openErpStore({ dataDir: dir, clock, durable: false });
    scenarioFour(first.erp);
    first.close();
    const intact = readFileSync(logPath(), 'utf8');
    appendFileSync(logPath(), '0123456789abcdef {"seq":7,"at":"2026-11-10T10:00:00.000Z","key":"half');
    const second = openErpStore({ dataDir: dir, clock, durable: false });
    expect(second.erp.listIssues()).toHaveLength(1);
    expect(readFileSync(logPath(), 'utf8')).toBe(intact);
    // The log goes on from where it was cut.
    second.erp.issueStock({ itemId: 'GLV-NIT-M', locationId: 'CG-CENTRAL', quantity: 1, costCentre: '6200' }, { idempotencyKey: 'after' });
    second.close();
    const third = openErpStore({ dataDir: dir, clock, durable: false });
    expect(third.erp.listIssues()).toHaveLength(2);
    third.close();
  });

  it('refuses to start on damage before the last line, naming the line', () => {
    const first = openErpStore({ dataDir: dir, clock, durable: false });
    scenarioFour(first.erp);
    first.close();
    const lines = readFileSync(logPath(), 'utf8').split('\n');
    lines[3] = lines[3].replace('"quantity":100', '"quantity":900');
    writeFileSync(logPath(), lines.join('\n'));
    expect(() => openErpStore({ dataDir: dir, clock, durable: false })).toThrow(CommandLogCorruptError);
    expect(() => openErpStore({ dataDir: dir, clock, durable: false })).toThrow(/damaged at line 4 \(checksum mismatch\)/);
  });

  it('keeps the settings the log was created with, so a replayed match comes out the same', () => {
    const settings = { approvalThresholdCents: 1_000_000, priceToleranceBasisPoints: 700, varianceCostCentre: '8100' };
    const first = openErpStore({ dataDir: dir, clock, durable: false, settings });
    const { result: order } = first.erp.createPurchaseOrder(
      {
        supplierId: 'SUP-NORTHWIND',
        shipToLocationId: 'CG-CENTRAL',
        lines: [{ itemId: 'GLV-NIT-M', quantity: 100, unitPriceCents: 1_850 }],
      },
      { idempotencyKey: 'po' },
    );
    first.erp.sendPurchaseOrder(order.id, { idempotencyKey: 'send' });
    first.erp.postGoodsReceipt({ purchaseOrderId: order.id, lines: [{ poLineNumber: 1, quantity: 100 }] }, { idempotencyKey: 'gr' });
    const { result: invoice } = first.erp.postInvoice(
      {
        supplierId: 'SUP-NORTHWIND',
        invoiceNumber: 'NW-88120',
        purchaseOrderId: order.id,
        invoiceDate: '2026-11-09',
        lines: [{ poLineNumber: 1, quantity: 100, unitPriceCents: 1_975 }],
      },
      { idempotencyKey: 'inv' },
    );
    // 6.76 % is inside a 7 % tolerance.
    expect(invoice.status).toBe('matched');
    first.close();
    const second = openErpStore({ dataDir: dir, clock, durable: false });
    expect(second.erp.settings).toStrictEqual(settings);
    expect(second.erp.invoice(invoice.id).status).toBe('matched');
    second.close();
  });

  it('keeps state in memory only without a data folder', () => {
    const store = openErpStore({ clock });
    scenarioFour(store.erp);
    store.close();
    expect(openErpStore({ clock }).erp.listIssues()).toStrictEqual([]);
  });
});
