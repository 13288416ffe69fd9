import { describe, expect, it } from 'vitest';
import type * as S4 from '../../odata/s4hana/s4-entities';
import { ODataException, ODataExceptionCode } from '../../odata/odata.exception';
import { ErpConnectorException, ErpConnectorExceptionCode as Code } from '../erp-connector.exception';
import { erpErrorOf, fieldOfTarget } from './s4-erp-errors';
import type * as X from './s4-erp.entities';
import * as map from './s4-erp.mapping';
import { senderReference } from './sender-reference';

const usd = (amount: number) => ({ amount, currency: 'USD' as const });

describe('amounts and quantities', () => {
  it.each([
    ['4150.00', 415_000],
    ['0.01', 1],
    ['-1975.00', -197_500],
    ['18.5', 1_850],
  ])('decimal %s is %i cents', (text, cents) => expect(map.cents(text, 'amount')).toBe(cents));

  it.each(['18.505', '1e3', '', 'abc'])('refuses %j as an amount', (text) => expect(() => map.cents(text, 'amount')).toThrow());

  it.each([
    [1, '1.000'],
    [0.125, '0.125'],
    [100, '100.000'],
    [2.5, '2.500'],
  ])('quantity %d travels as %s and back', (value, text) => {
    expect(map.quantityText(value)).toBe(text);
    expect(map.quantity(text, 'quantity')).toBe(value);
  });

  it.each([
    [5_000n, 420_000, 2_100_000],
    [100_000n, 1_850, 185_000],
    [333n, 100, 33],
    [1_500n, 1, 2],
  ])('%i thousandths at %i cents is worth %i cents (half up)', (quantity, price, value) =>
    expect(map.valueCents(quantity, price)).toBe(value),
  );
});

describe('ids', () => {
  it.each([
    ['4900000001', '2026', '4900000001-2026'],
    ['0100000001', '2025', '0100000001-2025'],
  ])('document %s of %s is %s, and back', (number, year, id) => {
    expect(map.documentId(number, year)).toBe(id);
    expect(map.parseDocumentId(id)).toStrictEqual({ number, year });
  });

  it.each(['', 'JE-000001', '4900000001', '4900000001-26', '../x-2026'])('%j names no document', (id) =>
    expect(map.parseDocumentId(id)).toBeUndefined(),
  );

  it.each([
    [1, '00010'],
    [2, '00020'],
    [12, '00120'],
  ])('line %i is purchasing item %s', (line, item) => {
    expect(map.purchasingItem(line)).toBe(item);
    expect(map.lineNumberOf(item)).toBe(line);
  });

  it('turns any idempotency key into a stable 16-character sender reference', () => {
    const key = `contract-issue-${'x'.repeat(200)}`;
    expect(senderReference(key)).toMatch(/^[0-9A-F]{16}$/);
    expect(senderReference(key)).toBe(senderReference(key));
    expect(senderReference('a')).not.toBe(senderReference('b'));
  });
});

describe('purchase order status', () => {
  const item = (fields: Partial<S4.A_PurchaseOrderItem>): S4.A_PurchaseOrderItem => ({
    Material: 'GLV-NIT-M',
    OrderQuantity: '10.000',
    NetPriceAmount: '18.50',
    GoodsReceiptQuantity: '0.000',
    IsCompletelyDelivered: false,
    IsFinallyInvoiced: false,
    ...fields,
  });
  const order = (items: S4.A_PurchaseOrderItem[], fields: Partial<X.A_PurchaseOrder> = {}): X.A_PurchaseOrder => ({
    Supplier: '17300002',
    PurchasingProcessingStatus: '02',
    to_PurchaseOrderItem: items,
    ...fields,
  });
  it.each([
    { name: 'new', po: order([item({})]), paid: false, status: 'approved' },
    { name: 'transmitted', po: order([item({})], { YY1_OutputSent_PDH: true }), paid: false, status: 'sent' },
    { name: 'some received', po: order([item({ GoodsReceiptQuantity: '4.000' }), item({})]), paid: false, status: 'partially-received' },
    {
      name: 'all delivered',
      po: order([item({ IsCompletelyDelivered: true, GoodsReceiptQuantity: '10.000' })]),
      paid: false,
      status: 'received',
    },
    {
      name: 'finally invoiced',
      po: order([item({ IsCompletelyDelivered: true, IsFinallyInvoiced: true })]),
      paid: false,
      status: 'invoiced',
    },
    {
      name: 'invoiced and paid',
      po: order([item({ IsCompletelyDelivered: true, IsFinallyInvoiced: true })]),
      paid: true,
      status: 'closed',
    },
    { name: 'cancelled', po: order([item({})], { PurchasingProcessingStatus: '08' }), paid: false, status: 'cancelled' },
    {
      name: 'a deleted item does not hold it open',
      po: order([item({ IsCompletelyDelivered: true }), item({ PurchasingDocumentDeletionCode: 'L' })]),
      paid: false,
      status: 'received',
    },
  ])('$name → $status', ({ po, paid, status }) => expect(map.purchaseOrderStatus(po, paid)).toBe(status));
});

describe('supplier invoices', () => {
  const poItems = new Map<string, S4.A_PurchaseOrderItem>([
    [
      '00010',
      {
        PurchaseOrder: '4500000002',
        PurchaseOrderItem: '00010',
        Material: 'GLV-NIT-M',
        OrderQuantity: '100.000',
        NetPriceAmount: '18.50',
        GoodsReceiptQuantity: '100.000',
        InvoiceReceiptQuantity: '0.000',
      },
    ],
  ]);
  const held: X.A_SupplierInvoice = {
    SupplierInvoice: '5105600001',
    FiscalYear: '2026',
    InvoicingParty: '17300002',
    SupplierInvoiceIDByInvcgParty: 'NW-77120',
    DocumentDate: '2026-11-09',
    InvoiceGrossAmount: '1975.00',
    SupplierInvoiceStatus: 'A',
    PaymentBlockingReason: 'R',
    PaidAmount: '0.00',
    to_SuplrInvcItemPurOrdRef: [
      {
        SupplierInvoiceItem: '000001',
        PurchaseOrder: '4500000002',
        PurchaseOrderItem: '00010',
        QuantityInPurchaseOrderUnit: '100.000',
        SupplierInvoiceItemAmount: '1975.00',
      },
    ],
    to_MatchIssue: [
      {
        SupplierInvoice: '5105600001',
        FiscalYear: '2026',
        IssueNumber: '001',
        SupplierInvoiceItem: '000001',
        Reason: 'PRICE_VARIANCE',
        VariancePercent: '6.76',
        Message: 'Price 6.76 % above the purchase order (tolerance 2.00 %)',
      },
    ],
  };

  it('reads scenario 4’s held invoice as a failed match: 6.76 %, 125.00 over, nothing open', () => {
    const invoice = map.invoiceFromS4(held, poItems, 2);
    expect(invoice).toMatchObject({
      id: '5105600001-2026',
      status: 'match-failed',
      total: usd(197_500),
      openAmount: usd(0),
      lines: [{ poLineNumber: 1, itemId: 'GLV-NIT-M', quantity: 100, unitPrice: usd(1_975), amount: usd(197_500) }],
      match: { result: 'failed', priceTolerancePercent: 2 },
    });
    expect(invoice.journalEntryId).toBeUndefined();
    expect(invoice.match.lines[0]).toStrictEqual({
      poLineNumber: 1,
      result: 'failed',
      orderedQuantity: 100,
      receivedQuantity: 100,
      previouslyInvoicedQuantity: 0,
      invoicedQuantity: 100,
      quantityVariance: 0,
      poUnitPrice: usd(1_850),
      invoiceUnitPrice: usd(1_975),
      priceVariancePercent: 6.76,
      priceVarianceAmount: usd(12_500),
      discrepancies: [{ code: 'price-variance', message: 'Price 6.76 % above the purchase order (tolerance 2.00 %)' }],
    });
  });

  it.each([
    { name: 'held', fields: {}, status: 'match-failed' },
    { name: 'released', fields: { SupplierInvoiceStatus: '5', PaymentBlockingReason: '' }, status: 'variance-approved' },
    { name: 'matched', fields: { SupplierInvoiceStatus: '5', to_MatchIssue: [] }, status: 'matched' },
    { name: 'part paid', fields: { SupplierInvoiceStatus: '5', PaidAmount: '1000.00' }, status: 'partially-paid' },
    { name: 'paid', fields: { SupplierInvoiceStatus: '5', PaidAmount: '1975.00' }, status: 'paid' },
  ])('$name → $status', ({ fields, status }) => expect(map.invoiceStatus({ ...held, ...fields })).toBe(status));

  it('counts the invoice itself out of "previously invoiced" once it is posted', () => {
    const posted = { ...held, SupplierInvoiceStatus: '5', to_MatchIssue: [], AccountingDocument: '0100000009' };
    const items = new Map([['00010', { ...poItems.get('00010')!, InvoiceReceiptQuantity: '100.000' }]]);
    const invoice = map.invoiceFromS4(posted, items, 2);
    expect(invoice.match.lines[0]).toMatchObject({ previouslyInvoicedQuantity: 0, quantityVariance: 0, result: 'matched' });
    expect(invoice).toMatchObject({ openAmount: usd(197_500), journalEntryId: '0100000009-2026' });
  });
});

describe('general ledger', () => {
  const accounts = new Map([
    ['1300', 'Inventory'],
    ['5000', 'Supplies expense'],
  ]);
  const row = (GLAccount: string, CostCenter: string, debit: string, credit: string): S4.TrialBalanceLine => ({
    GLAccount,
    CostCenter,
    DebitAmountInCoCodeCrcy: debit,
    CreditAmountInCoCodeCrcy: credit,
    EndingBalanceAmtInCoCodeCrcy: '0',
    CompanyCodeCurrency: 'USD',
  });
  const rows = [
    row('5000', '6300', '4150.00', '0.00'),
    row('5000', '6100', '10.00', '0.00'),
    row('1300', '', '21000.00', '4160.00'),
    row('2050', '', '1850.00', '1850.00'),
  ];

  it.each([
    {
      name: 'by account',
      query: {},
      lines: [
        ['1300', undefined, 1_684_000, 0],
        ['5000', undefined, 416_000, 0],
      ],
    },
    {
      name: 'by cost centre',
      query: { byCostCentre: true },
      lines: [
        ['1300', undefined, 1_684_000, 0],
        ['5000', '6100', 1_000, 0],
        ['5000', '6300', 415_000, 0],
      ],
    },
    { name: 'one cost centre', query: { costCentre: '6300' }, lines: [['5000', '6300', 415_000, 0]] },
  ])('nets debits and credits $name, dropping zero balances', ({ query, lines }) => {
    const trial = map.trialBalanceFromS4(rows, accounts, query, '2026-11-30T00:00:00.000Z');
    expect(trial.lines.map((line) => [line.account, line.costCentre, line.debit.amount, line.credit.amount])).toStrictEqual(lines);
  });

  it.each([
    ['1300', 'asset', 'debit', false],
    ['2050', 'liability', 'credit', false],
    ['3000', 'equity', 'credit', false],
    ['4000', 'revenue', 'credit', true],
    ['4900', 'contra-revenue', 'debit', true],
    ['5050', 'expense', 'debit', true],
  ])('account %s is %s with a %s normal balance', (GLAccount, type, normalBalance, profitLoss) =>
    expect(
      map.glAccountFromS4({ ChartOfAccounts: 'YCOA', GLAccount, IsProfitLossAccount: profitLoss }, map.DEFAULT_ACCOUNT_TYPES),
    ).toMatchObject({ type, normalBalance, requiresCostCentre: profitLoss }),
  );

  it.each([
    [
      { ReferenceDocumentType: 'MKPF', AccountingDocumentType: 'WA', OriginalReferenceDocument: '49000000012026' },
      { type: 'inventory-issue', id: '4900000001-2026' },
    ],
    [
      { ReferenceDocumentType: 'MKPF', AccountingDocumentType: 'WE', OriginalReferenceDocument: '49000000022026' },
      { type: 'goods-receipt', id: '4900000002-2026' },
    ],
    [
      { ReferenceDocumentType: 'RMRP', OriginalReferenceDocument: '51056000012026' },
      { type: 'supplier-invoice', id: '5105600001-2026' },
    ],
    [
      { ReferenceDocumentType: 'PAYM', OriginalReferenceDocument: '15000000012026' },
      { type: 'payment', id: '1500000001-2026' },
    ],
    [
      { ReferenceDocumentType: 'BKPF', YY1_SourceDocType_JEH: 'claim', YY1_SourceDocID_JEH: 'CLM-1001' },
      { type: 'claim', id: 'CLM-1001' },
    ],
    [{ ReferenceDocumentType: 'BKPF' }, undefined],
  ])('source document of %j is %j', (entry, source) => expect(map.sourceDocumentOf(entry)).toStrictEqual(source));

  it('writes journal lines signed by side, with the sender reference, and reads them back', () => {
    const entry = map.journalToS4(
      {
        memo: 'Revenue at gross, scenario 1 of the demo',
        sourceDocument: { type: 'claim', id: 'CLM-1' },
        lines: [
          { account: '1200', side: 'debit', amount: usd(560_000) },
          { account: '4000', costCentre: '6200', side: 'credit', amount: usd(560_000) },
        ],
      },
      'ABCDEF0123456789',
    );
    expect(entry).toMatchObject({
      DocumentReferenceID: 'ABCDEF0123456789',
      AccountingDocumentHeaderText: 'Revenue at gross, scenari',
      YY1_SourceDocType_JEH: 'claim',
      to_Item: [
        { GLAccount: '1200', DebitCreditCode: 'S', AmountInCompanyCodeCurrency: '5600.00' },
        { GLAccount: '4000', CostCenter: '6200', DebitCreditCode: 'H', AmountInCompanyCodeCurrency: '-5600.00' },
      ],
    });
    const read = map.journalFromS4({ ...entry, AccountingDocument: '0100000001', FiscalYear: '2026', PostingDate: '2026-11-04' });
    expect(read).toMatchObject({ id: '0100000001-2026', total: usd(560_000), sourceDocument: { type: 'claim', id: 'CLM-1' } });
    expect(read.lines.map((line) => [line.side, line.account, line.costCentre, line.amount.amount])).toStrictEqual([
      ['debit', '1200', undefined, 560_000],
      ['credit', '4000', '6200', 560_000],
    ]);
    expect(map.sameJournal(entry, entry)).toBe(true);
    expect(map.sameJournal(entry, { ...entry, AccountingDocumentHeaderText: 'something else' })).toBe(false);
  });
});

describe('cost centres', () => {
  const period = (fields: Partial<S4.A_CostCenter>): S4.A_CostCenter => ({
    ControllingArea: 'A000',
    CostCenter: '6300',
    ValidityStartDate: '2020-01-01',
    ValidityEndDate: '9999-12-31',
    CostCenterName: 'Perioperative Svcs',
    CostCenterDescription: 'Perioperative Services',
    ...fields,
  });
  it.each([
    { code: '63 00/..', rows: [], expected: { valid: false, reason: 'malformed' } },
    { code: '9999', rows: [], expected: { valid: false, reason: 'unknown' } },
    { code: '6300', rows: [period({})], expected: { valid: true, costCentre: { name: 'Perioperative Services', active: true } } },
    { code: '6300', rows: [period({ IsBlkdForPrimaryCostsPosting: true })], expected: { valid: false, reason: 'inactive' } },
    { code: '6300', rows: [period({ ValidityEndDate: '2025-12-31' })], expected: { valid: false, reason: 'inactive' } },
  ])('$code → $expected', ({ code, rows, expected }) =>
    expect(map.costCentreValidation(code, rows, '2026-11-02')).toMatchObject({ code, ...expected }),
  );
});

describe('errors', () => {
  const refusal = (status: number, code: string, target?: string) =>
    new ODataException(status === 409 ? ODataExceptionCode.CONFLICT : ODataExceptionCode.REQUEST_REJECTED, 'refused', {
      httpStatus: status,
      odataError: { code, message: `${code} happened`, target, details: [] },
    });

  it.each([
    ['STOCK_DEFICIT', Code.INSUFFICIENT_STOCK],
    ['MATERIAL_UNKNOWN', Code.NOT_FOUND],
    ['COST_CENTER_UNKNOWN', Code.COST_CENTRE_INVALID],
    ['OVER_DELIVERY', Code.OVER_RECEIPT],
    ['PO_HAS_RECEIPTS', Code.DOCUMENT_STATE_CONFLICT],
    ['INVOICE_NOT_PAYABLE', Code.DOCUMENT_STATE_CONFLICT],
    ['PAYMENT_EXCEEDS_OPEN_AMOUNT', Code.OVERPAYMENT],
    ['SERIAL_NOT_IN_STOCK', Code.SERIAL_OR_LOT_MISMATCH],
    ['SOMETHING_NEW', Code.INVALID_REQUEST],
  ])('business code %s is %s, with the ERP’s message', (vendor, expected) => {
    const error = erpErrorOf(refusal(400, vendor)) as ErpConnectorException;
    expect(error).toBeInstanceOf(ErpConnectorException);
    expect(error.code).toBe(expected);
    expect(error.message).toBe(`The ERP refused the request: ${vendor} happened`);
    expect(error.vendorCode).toBe(vendor);
  });

  it.each([
    [ODataExceptionCode.THROTTLED, Code.SERVER_THROTTLED],
    [ODataExceptionCode.SERVER_UNAVAILABLE, Code.SERVER_UNAVAILABLE],
    [ODataExceptionCode.SERVER_TIMEOUT, Code.SERVER_TIMEOUT],
    [ODataExceptionCode.SERVER_ERROR, Code.SERVER_ERROR],
    [ODataExceptionCode.UNAUTHORIZED, Code.SERVER_ERROR],
    [ODataExceptionCode.PRECONDITION_FAILED, Code.VERSION_CONFLICT],
    [ODataExceptionCode.NOT_FOUND, Code.NOT_FOUND],
    [ODataExceptionCode.INVALID_RESPONSE, Code.INVALID_RESPONSE],
    [ODataExceptionCode.INVALID_QUERY, Code.INVALID_REQUEST],
  ])('%s is %s, keeping Retry-After', (odata, expected) => {
    const error = erpErrorOf(new ODataException(odata, 'internal host s4-db-01 said no', { retryAfterMs: 2_000 })) as ErpConnectorException;
    expect(error.code).toBe(expected);
    expect(error.message).not.toContain('s4-db-01');
    if (expected === Code.SERVER_THROTTLED) expect(error.retryAfterMs).toBe(2_000);
  });

  it.each([
    ['to_Item[1]/CostCenter', 'journal', 'lines[1].costCentre'],
    ['to_Item[0]/GLAccount', 'journal', 'lines[0].account'],
    ['to_MaterialDocumentItem[0]/QuantityInEntryUnit', 'issue', 'quantity'],
    ['to_MaterialDocumentItem[2]/QuantityInEntryUnit', 'receipt', 'lines[2].quantity'],
    ['to_Item', 'journal', 'lines'],
    ['SupplierInvoiceIDByInvcgParty', 'invoice', 'invoiceNumber'],
  ] as const)('target %s of a %s is the field %s', (target, shape, field) => expect(fieldOfTarget(target, shape)).toBe(field));

  it('lets anything that is not an ERP failure through unchanged', () => {
    const bug = new TypeError('x is undefined');
    expect(erpErrorOf(bug)).toBe(bug);
  });
});
