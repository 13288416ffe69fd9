import { describe, expect, it } from 'vitest';
import type { CreateJournalEntryDto } from '@concord/contracts';
import { ErpConnectorException, ErpConnectorExceptionCode } from '../erp-connector.exception';
import type * as Ll from './ledgerline-api.types';
import {
  balanceFromStock,
  centsFromDecimal,
  costCentreValidationFromVendor,
  decimalFromCents,
  goodsIssueToVendor,
  invoiceFromVendor,
  itemFromMaterial,
  journalFromVendor,
  journalToVendor,
  PO_STATUS_TO_VENDOR,
  PO_STATUSES,
  payrollRunFromVendor,
  requisitionToVendor,
  supplierFromVendor,
} from './ledgerline.mapping';

describe('centsFromDecimal / decimalFromCents', () => {
  it.each([
    ['4150.00', 415_000],
    ['0.05', 5],
    ['-50.00', -5_000],
    ['0.00', 0],
    ['9999999999.99', 999_999_999_999],
  ])('%s ↔ %i cents', (decimal, cents) => {
    expect(centsFromDecimal(decimal, 'amount')).toBe(cents);
    expect(decimalFromCents(cents)).toBe(decimal);
  });

  it.each([
    { value: '4150', why: 'no decimals' },
    { value: '4150.5', why: 'one decimal' },
    { value: '4150.005', why: 'three decimals' },
    { value: '4,150.00', why: 'a thousands separator' },
    { value: '04150.00', why: 'a leading zero' },
    { value: '1e3.00', why: 'an exponent' },
    { value: ' 1.00', why: 'a leading space' },
    { value: '', why: 'an empty string' },
    { value: null, why: 'null' },
    { value: 4150, why: 'a number' },
  ])('refuses $why as INVALID_RESPONSE, naming the field', ({ value }) => {
    expect(() => centsFromDecimal(value as string, 'unit_cost')).toThrow(
      expect.objectContaining({
        code: ErpConnectorExceptionCode.INVALID_RESPONSE,
        message: 'The ERP sent unit_cost that is not a decimal amount with two places',
      }),
    );
  });

  it('refuses fractional cents on the way out', () => {
    expect(() => decimalFromCents(10.5)).toThrow(RangeError);
  });
});

const vendor: Ll.LlVendor = {
  vendor_no: 'SUP-SUMMIT',
  name: 'Summit Orthopedics',
  tax_id: null,
  payment_terms: 'NET30',
  blocked: false,
  order_email: 'orders@summit-ortho.example',
  row_version: 3,
  last_modified: '2026-11-01T00:00:00.000Z',
};

describe('supplierFromVendor', () => {
  it.each([
    { name: 'an active vendor, null tax id dropped', vendor, expected: { active: true, taxId: undefined, paymentTermsDays: 30 } },
    { name: 'a blocked vendor is inactive', vendor: { ...vendor, blocked: true }, expected: { active: false } },
    {
      name: 'NET45 terms',
      vendor: { ...vendor, payment_terms: 'NET45', tax_id: '98-7654321' },
      expected: { paymentTermsDays: 45, taxId: '98-7654321' },
    },
  ])('$name', ({ vendor: input, expected }) => {
    expect(supplierFromVendor(input)).toMatchObject({
      id: 'SUP-SUMMIT',
      source: { system: 'erp', recordId: 'SUP-SUMMIT', versionId: '3' },
      ...expected,
    });
  });

  it('refuses terms it cannot read', () => {
    expect(() => supplierFromVendor({ ...vendor, payment_terms: 'END OF MONTH' })).toThrow(ErpConnectorException);
  });
});

const material: Ll.LlMaterial = {
  material_no: 'KNEE-TOT-CR',
  description: 'Total knee system, cruciate-retaining',
  base_uom: 'EA',
  gtin: '00812345678901',
  unspsc: null,
  hcpcs: 'C1776',
  charge_code: 'IMP-KNEE',
  serial_profile: 'SERIAL',
  batch_managed: false,
  reorder_point: 3,
  reorder_qty: 5,
  negative_stock_allowed: false,
  last_po_price: '4200.00',
  currency: 'USD',
  preferred_vendor: 'SUP-SUMMIT',
  status: 'ACTIVE',
  row_version: 1,
  last_modified: '2026-11-01T00:00:00.000Z',
};

describe('itemFromMaterial', () => {
  it.each([
    {
      name: 'the knee implant',
      material,
      expected: {
        serialTracked: true,
        lotTracked: false,
        billableHcpcs: 'C1776',
        unspsc: undefined,
        lastPurchasePrice: { amount: 420_000, currency: 'USD' },
        active: true,
      },
    },
    {
      name: 'a batch-managed, blocked item without a price or reorder point',
      material: {
        ...material,
        serial_profile: 'NONE' as const,
        batch_managed: true,
        status: 'BLOCKED' as const,
        last_po_price: null,
        reorder_point: null,
      },
      expected: { serialTracked: false, lotTracked: true, active: false, lastPurchasePrice: undefined, reorderPoint: undefined },
    },
  ])('$name', ({ material: input, expected }) => {
    expect(itemFromMaterial(input)).toMatchObject(expected);
  });

  it('refuses a price in a currency Concord does not book', () => {
    expect(() => itemFromMaterial({ ...material, currency: 'EUR' })).toThrow(
      expect.objectContaining({
        code: ErpConnectorExceptionCode.INVALID_RESPONSE,
        message: 'The ERP sent last_po_price in EUR; Concord books USD',
      }),
    );
  });
});

describe('balanceFromStock', () => {
  it('carries serials, batches with expiry and the moving average in cents', () => {
    const stock: Ll.LlStock = {
      material_no: 'BONE-CEM-40',
      storage_location: 'CG-MAIN-OR',
      qty_on_hand: 10,
      base_uom: 'EA',
      moving_avg_price: '95.00',
      stock_value: '950.00',
      currency: 'USD',
      serial_numbers: [],
      batches: [
        { batch: 'LOT-BC-2401', qty: 6, expiry: '2027-03-31' },
        { batch: 'LOT-X', qty: 4, expiry: null },
      ],
      qty_on_order: 0,
      below_reorder_point: false,
    };
    expect(balanceFromStock(stock)).toStrictEqual({
      itemId: 'BONE-CEM-40',
      locationId: 'CG-MAIN-OR',
      onHand: 10,
      unitOfMeasure: 'EA',
      movingAverageUnitCost: { amount: 9_500, currency: 'USD' },
      value: { amount: 95_000, currency: 'USD' },
      serials: [],
      lots: [
        { lotNumber: 'LOT-BC-2401', quantity: 6, expiryDate: '2027-03-31' },
        { lotNumber: 'LOT-X', quantity: 4 },
      ],
      onOrder: 0,
      atOrBelowReorderPoint: false,
    });
  });
});

describe('costCentreValidationFromVendor', () => {
  it.each([
    {
      validity: {
        cost_center: '6300',
        postable: true,
        reason: null,
        master: { cost_center: '6300', name: 'Perioperative Services', status: 'OPEN' as const, plant: null },
      },
      expected: {
        valid: true,
        reason: undefined,
        costCentre: { code: '6300', name: 'Perioperative Services', active: true, facilityId: undefined },
      },
    },
    {
      validity: { cost_center: '9999', postable: false, reason: 'UNKNOWN' as const, master: null },
      expected: { valid: false, reason: 'unknown', costCentre: undefined },
    },
    {
      validity: {
        cost_center: '6900',
        postable: false,
        reason: 'CLOSED' as const,
        master: { cost_center: '6900', name: 'Closed', status: 'CLOSED' as const, plant: null },
      },
      expected: { valid: false, reason: 'inactive' },
    },
  ])('$validity.cost_center → $expected.reason', ({ validity, expected }) => {
    expect(costCentreValidationFromVendor(validity)).toMatchObject(expected);
  });
});

describe('journals', () => {
  const revenue: CreateJournalEntryDto = {
    postingDate: '2026-11-04',
    memo: 'Revenue at gross',
    sourceDocument: { type: 'claim', id: 'CLM-1' },
    lines: [
      { account: '1200', side: 'debit', amount: { amount: 2_865_000, currency: 'USD' } },
      { account: '4000', costCentre: '6300', side: 'credit', amount: { amount: 2_865_000, currency: 'USD' }, memo: 'OR and implant' },
    ],
  };

  it('writes the vendor’s journal request with D/C codes and decimal amounts', () => {
    expect(journalToVendor(revenue)).toStrictEqual({
      posting_date: '2026-11-04',
      header_text: 'Revenue at gross',
      reference: { doc_type: 'CLAIM', doc_no: 'CLM-1' },
      lines: [
        { account_no: '1200', dr_cr: 'D', amount: '28650.00', currency: 'USD' },
        { account_no: '4000', cost_center: '6300', dr_cr: 'C', amount: '28650.00', currency: 'USD', line_text: 'OR and implant' },
      ],
    });
  });

  it('reads a posted entry back', () => {
    const entry: Ll.LlJournalEntry = {
      document_no: 'JE-000002',
      posting_date: '2026-11-04',
      entered_at: '2026-11-04T12:00:00.000Z',
      header_text: null,
      reference: { doc_type: 'INVENTORY_ISSUE', doc_no: 'GI-000001' },
      lines: [
        { line_no: 1, account_no: '5000', cost_center: '6300', dr_cr: 'D', amount: '4150.00', line_text: null },
        { line_no: 2, account_no: '1300', cost_center: null, dr_cr: 'C', amount: '4150.00', line_text: null },
      ],
      total: '4150.00',
      currency: 'USD',
    };
    expect(journalFromVendor(entry)).toStrictEqual({
      id: 'JE-000002',
      postingDate: '2026-11-04',
      postedAt: '2026-11-04T12:00:00.000Z',
      memo: undefined,
      sourceDocument: { type: 'inventory-issue', id: 'GI-000001' },
      lines: [
        {
          lineNumber: 1,
          account: '5000',
          costCentre: '6300',
          side: 'debit',
          amount: { amount: 415_000, currency: 'USD' },
          memo: undefined,
        },
        {
          lineNumber: 2,
          account: '1300',
          costCentre: undefined,
          side: 'credit',
          amount: { amount: 415_000, currency: 'USD' },
          memo: undefined,
        },
      ],
      total: { amount: 415_000, currency: 'USD' },
    });
  });
});

describe('purchase order statuses', () => {
  it.each(Object.entries(PO_STATUSES))('%s ↔ %s', (vendorStatus, canonical) => {
    expect(PO_STATUS_TO_VENDOR[canonical]).toBe(vendorStatus);
  });
});

describe('requests', () => {
  it('sends only what the caller gave for a stock issue', () => {
    expect(goodsIssueToVendor({ itemId: 'GLV-NIT-M', locationId: 'CG-CENTRAL', quantity: 2, costCentre: '6200' })).toStrictEqual({
      material_no: 'GLV-NIT-M',
      storage_location: 'CG-CENTRAL',
      qty: 2,
      cost_center: '6200',
    });
    expect(
      goodsIssueToVendor({
        itemId: 'BONE-CEM-40',
        locationId: 'CG-MAIN-OR',
        quantity: 2,
        costCentre: '6300',
        encounterId: 'enc-1',
        lots: [{ lotNumber: 'L1', quantity: 2 }],
        serials: [],
      }),
    ).toStrictEqual({
      material_no: 'BONE-CEM-40',
      storage_location: 'CG-MAIN-OR',
      qty: 2,
      cost_center: '6300',
      encounter_ref: 'enc-1',
      batches: [{ batch: 'L1', qty: 2 }],
    });
  });

  it('marks a reorder-point requisition as MRP and sends estimated prices as decimals', () => {
    expect(
      requisitionToVendor({
        requester: 'E10003',
        costCentre: '6300',
        reason: 'reorder-point',
        lines: [{ itemId: 'KNEE-TOT-CR', quantity: 5, estimatedUnitPrice: { amount: 420_000, currency: 'USD' } }],
      }),
    ).toStrictEqual({
      requested_by: 'E10003',
      cost_center: '6300',
      origin: 'MRP',
      items: [{ material_no: 'KNEE-TOT-CR', qty: 5, est_price: '4200.00' }],
    });
  });
});

describe('invoiceFromVendor', () => {
  const blocked: Ll.LlInvoice = {
    invoice_doc: 'INV-000001',
    vendor_no: 'SUP-NORTHWIND',
    vendor_invoice_no: 'NW-88120',
    po_no: 'PO-000001',
    invoice_date: '2026-11-09',
    items: [{ po_item: 1, material_no: 'GLV-NIT-M', qty: 100, unit_price: '19.75', amount: '1975.00' }],
    gross_amount: '1975.00',
    open_amount: '0.00',
    currency: 'USD',
    status: 'BLOCKED',
    match: {
      outcome: 'BLOCKED',
      price_tolerance_pct: '2.00',
      items: [
        {
          po_item: 1,
          outcome: 'BLOCKED',
          qty_ordered: 100,
          qty_received: 100,
          qty_prev_invoiced: 0,
          qty_invoiced: 100,
          qty_variance: 0,
          po_price: '18.50',
          invoice_price: '19.75',
          price_variance_pct: '6.76',
          price_variance_amount: '125.00',
          block_reasons: [{ code: 'PRICE', text: 'Invoice price 19.75 is 6.76 % above the PO price 18.50; tolerance is 2.00 %' }],
        },
      ],
    },
    gl_document: null,
    released_by: null,
    received_at: '2026-11-09T10:00:00.000Z',
    row_version: 1,
  };

  it.each([
    { status: 'POSTED' as const, outcome: 'OK' as const, expected: { status: 'matched', match: { result: 'matched' } } },
    { status: 'BLOCKED' as const, outcome: 'BLOCKED' as const, expected: { status: 'match-failed', match: { result: 'failed' } } },
    { status: 'RELEASED' as const, outcome: 'BLOCKED' as const, expected: { status: 'variance-approved' } },
    { status: 'PARTIALLY_PAID' as const, outcome: 'OK' as const, expected: { status: 'partially-paid' } },
    { status: 'PAID' as const, outcome: 'OK' as const, expected: { status: 'paid' } },
  ])('$status → $expected.status', ({ status, outcome, expected }) => {
    expect(invoiceFromVendor({ ...blocked, status, match: { ...blocked.match, outcome } })).toMatchObject(expected);
  });

  it('reads scenario 4’s failed match line with its reasons', () => {
    expect(invoiceFromVendor(blocked).match).toStrictEqual({
      result: 'failed',
      priceTolerancePercent: 2,
      lines: [
        {
          poLineNumber: 1,
          result: 'failed',
          orderedQuantity: 100,
          receivedQuantity: 100,
          previouslyInvoicedQuantity: 0,
          invoicedQuantity: 100,
          quantityVariance: 0,
          poUnitPrice: { amount: 1_850, currency: 'USD' },
          invoiceUnitPrice: { amount: 1_975, currency: 'USD' },
          priceVariancePercent: 6.76,
          priceVarianceAmount: { amount: 12_500, currency: 'USD' },
          discrepancies: [
            { code: 'price-variance', message: 'Invoice price 19.75 is 6.76 % above the PO price 18.50; tolerance is 2.00 %' },
          ],
        },
      ],
    });
  });
});

describe('payrollRunFromVendor', () => {
  it('gives each cost centre the run’s period', () => {
    const run: Ll.LlPayrollRun = {
      run_no: 'PAYR-000001',
      period_from: '2026-11-01',
      period_to: '2026-11-14',
      cost_centers: [{ cost_center: '6200', hours: 36, labour_cost: '1746.00', headcount: 1 }],
      total_cost: '1746.00',
      currency: 'USD',
      gl_document: 'JE-000002',
      posted_at: '2026-11-15T06:00:00.000Z',
    };
    expect(payrollRunFromVendor(run).costs).toStrictEqual([
      {
        costCentre: '6200',
        periodStart: '2026-11-01',
        periodEnd: '2026-11-14',
        hours: 36,
        labourCost: { amount: 174_600, currency: 'USD' },
        employeeCount: 1,
      },
    ]);
  });
});
