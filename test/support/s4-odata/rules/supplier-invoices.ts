import type { Request, Row } from '@sap/cds';
import { amountText, cents, divideHalfUp, milli, priceUnitOf, quantityText, valueOf } from './amounts';
import { all, one, T, touch, update } from './db';
import { type LedgerLine, post } from './ledger';
import { itemNumber } from './number-ranges';
import { boundKey } from './purchasing';
import { reject, S4BusinessError, shown } from './s4-error';
import { ACCOUNTS, COMPANY_CODE, CURRENCY, postingDateOf, type RuleContext, VARIANCE_COST_CENTER } from './settings';

const ITEMS = 'to_SuplrInvcItemPurOrdRef';

interface CheckedItem {
  row: Row;
  target: string;
  quantity: bigint;
  invoiced: bigint;
  /** Value at the PO price, what the goods receipt put on 2050. */
  expected: bigint;
}

/**
 * Posts a supplier invoice with a 3-way match of each item against its PO item (price) and goods
 * receipts (quantity). Matched: posted DR 2050 (value at PO price) ± 5050 (variance within tolerance)
 * / CR 2000 (gross). Not matched: held, blocked for payment (reason R), with one match issue per
 * finding, and nothing posted until a buyer releases it.
 */
export async function createSupplierInvoice(request: Request, context: RuleContext): Promise<void> {
  const data = request.data;
  const { date, year } = postingDateOf(data.PostingDate, context, 'PostingDate');
  if (typeof data.InvoicingParty !== 'string' || !(await one(T.Suppliers, { Supplier: data.InvoicingParty })))
    reject('SUPPLIER_UNKNOWN', 'InvoicingParty is not a known supplier', 'InvoicingParty');
  if (data.DocumentCurrency !== undefined && data.DocumentCurrency !== null && data.DocumentCurrency !== CURRENCY)
    reject('CURRENCY_INVALID', `Company code ${COMPANY_CODE} posts in ${CURRENCY}`, 'DocumentCurrency');
  if (typeof data.SupplierInvoiceIDByInvcgParty === 'string' && data.SupplierInvoiceIDByInvcgParty) {
    const earlier = await one(T.SupplierInvoices, {
      InvoicingParty: data.InvoicingParty,
      SupplierInvoiceIDByInvcgParty: data.SupplierInvoiceIDByInvcgParty,
    });
    if (earlier)
      throw new S4BusinessError(
        409,
        'DUPLICATE_DOCUMENT',
        `Supplier invoice ${data.SupplierInvoiceIDByInvcgParty} of supplier ${data.InvoicingParty} was already entered as ${shown(earlier.SupplierInvoice)}/${shown(earlier.FiscalYear)}`,
        'SupplierInvoiceIDByInvcgParty',
      );
  }
  const rows = data[ITEMS];
  if (!Array.isArray(rows) || !rows.length)
    reject('ITEMS_REQUIRED', 'A supplier invoice needs at least one purchase order item reference', ITEMS);
  const SupplierInvoice = context.numbers.take('supplierInvoice', year);
  Object.assign(data, {
    SupplierInvoice,
    FiscalYear: year,
    PostingDate: date,
    DocumentDate: data.DocumentDate ?? date,
    CompanyCode: COMPANY_CODE,
  });

  const items: CheckedItem[] = [];
  const issues: Row[] = [];
  for (const [index, row] of (rows as Row[]).entries()) {
    const target = `${ITEMS}[${index}]`;
    Object.assign(row, { SupplierInvoice, FiscalYear: year, SupplierInvoiceItem: itemNumber(index + 1, 6), DocumentCurrency: CURRENCY });
    const checked = await checkItem(row, target, data.InvoicingParty, context, issues);
    items.push(checked);
  }
  const gross = cents(data.InvoiceGrossAmount, 'InvoiceGrossAmount');
  const itemTotal = items.reduce((sum, item) => sum + item.invoiced, 0n);
  if (gross !== itemTotal)
    reject(
      'INVOICE_AMOUNT_MISMATCH',
      `InvoiceGrossAmount differs from the items by ${amountText(gross - itemTotal)} ${CURRENCY} (items ${amountText(itemTotal)})`,
      'InvoiceGrossAmount',
    );

  data.to_MatchIssue = issues.map((issue, index) => ({
    ...issue,
    SupplierInvoice,
    FiscalYear: year,
    IssueNumber: itemNumber(index + 1, 3),
  }));
  if (issues.length) {
    Object.assign(data, { SupplierInvoiceStatus: 'A', PaymentBlockingReason: 'R', AccountingDocument: null, PaidAmount: amountText(0n) });
    return;
  }
  data.AccountingDocument = await postInvoice(SupplierInvoice, year, date, gross, items, context);
  Object.assign(data, { SupplierInvoiceStatus: '5', PaymentBlockingReason: '', PaidAmount: amountText(0n) });
}

async function checkItem(row: Row, target: string, supplier: string, context: RuleContext, issues: Row[]): Promise<CheckedItem> {
  const poKey = { PurchaseOrder: row.PurchaseOrder, PurchaseOrderItem: row.PurchaseOrderItem };
  const poItem =
    typeof row.PurchaseOrder === 'string' && typeof row.PurchaseOrderItem === 'string' ? await one(T.PurchaseOrderItems, poKey) : undefined;
  if (!poItem) return reject('PO_ITEM_UNKNOWN', 'The referenced purchase order item does not exist', `${target}/PurchaseOrderItem`);
  const header = await one(T.PurchaseOrders, { PurchaseOrder: row.PurchaseOrder });
  const quantity = milli(row.QuantityInPurchaseOrderUnit, `${target}/QuantityInPurchaseOrderUnit`);
  if (quantity <= 0n) reject('QUANTITY_NOT_POSITIVE', 'The invoiced quantity must be positive', `${target}/QuantityInPurchaseOrderUnit`);
  const invoiced = cents(row.SupplierInvoiceItemAmount, `${target}/SupplierInvoiceItemAmount`);
  const expected = valueOf(quantity, cents(poItem.NetPriceAmount, 'NetPriceAmount'), priceUnitOf(poItem.NetPriceQuantity));
  row.PurchaseOrderQuantityUnit = poItem.PurchaseOrderQuantityUnit;
  const item = shown(row.SupplierInvoiceItem);
  const issue = (Reason: string, Message: string, extra: Row = {}) => issues.push({ SupplierInvoiceItem: item, Reason, Message, ...extra });

  if (header?.Supplier !== supplier)
    issue('SUPPLIER_MISMATCH', `Purchase order ${shown(row.PurchaseOrder)} was placed with supplier ${shown(header?.Supplier)}`);
  if (header?.PurchasingProcessingStatus === '08' || poItem.PurchasingDocumentDeletionCode === 'L')
    issue('PO_ITEM_DELETED', `Purchase order item ${shown(row.PurchaseOrder)}/${shown(row.PurchaseOrderItem)} is cancelled or deleted`);
  const received = milli(poItem.GoodsReceiptQuantity ?? '0', 'GoodsReceiptQuantity');
  const alreadyInvoiced = milli(poItem.InvoiceReceiptQuantity ?? '0', 'InvoiceReceiptQuantity');
  if (quantity > received - alreadyInvoiced)
    issue(
      'QUANTITY_NOT_RECEIVED',
      `Invoiced ${quantityText(quantity)} but only ${quantityText(received - alreadyInvoiced)} received and not yet invoiced`,
    );
  const variance = invoiced - expected;
  // Over tolerance when variance / expected > tolerance, compared in integers: no rounding decides it.
  if (variance > 0n && variance * 10_000n > context.priceToleranceBasisPoints * expected) {
    const basisPoints = expected > 0n ? divideHalfUp(variance * 10_000n, expected) : 999_999n;
    const percent = amountText(basisPoints);
    issue('PRICE_VARIANCE', `Price ${percent} % above the purchase order (tolerance ${amountText(context.priceToleranceBasisPoints)} %)`, {
      ExpectedAmount: amountText(expected),
      InvoicedAmount: amountText(invoiced),
      VariancePercent: percent,
    });
  }
  return { row, target, quantity, invoiced, expected };
}

async function postInvoice(
  invoice: string,
  year: string,
  date: string,
  gross: bigint,
  items: CheckedItem[],
  context: RuleContext,
): Promise<string> {
  const expected = items.reduce((sum, item) => sum + item.expected, 0n);
  const lines: LedgerLine[] = [
    { glAccount: ACCOUNTS.goodsReceivedNotInvoiced, cents: expected, text: 'GR/IR clearing' },
    {
      glAccount: ACCOUNTS.purchasePriceVariance,
      costCenter: VARIANCE_COST_CENTER,
      cents: gross - expected,
      text: 'Purchase price variance',
    },
    { glAccount: ACCOUNTS.accountsPayable, cents: -gross, text: 'Accounts payable' },
  ].filter((line) => line.cents !== 0n);
  const accountingDocument = await post(
    { documentType: 'RE', postingDate: date, referenceType: 'RMRP', originalReference: `${invoice}${year}`, lines },
    context,
    () => ITEMS,
  );
  for (const item of items) {
    const key = { PurchaseOrder: item.row.PurchaseOrder, PurchaseOrderItem: item.row.PurchaseOrderItem };
    const poItem = (await one(T.PurchaseOrderItems, key))!;
    const nowInvoiced = milli(poItem.InvoiceReceiptQuantity ?? '0', 'InvoiceReceiptQuantity') + item.quantity;
    await update(T.PurchaseOrderItems, key, {
      InvoiceReceiptQuantity: quantityText(nowInvoiced),
      IsFinallyInvoiced: nowInvoiced >= milli(poItem.OrderQuantity, 'OrderQuantity'),
    });
    await update(T.PurchaseOrders, { PurchaseOrder: key.PurchaseOrder }, touch());
  }
  return accountingDocument;
}

/** The bound action ReleasePaymentBlock: a buyer accepts the variance; the invoice is posted and payable. */
export async function releasePaymentBlock(request: Request, context: RuleContext): Promise<Row | undefined> {
  const key = boundKey(request, 'SupplierInvoice', 'FiscalYear');
  const invoice = await one(T.SupplierInvoices, key);
  if (!invoice) return reject('NOT_FOUND', 'No such supplier invoice');
  if (invoice.SupplierInvoiceStatus !== 'A')
    reject('INVOICE_NOT_BLOCKED', `Supplier invoice ${shown(key.SupplierInvoice)} is not held for release`);
  const rows = await all(T.SupplierInvoiceItems, key);
  const items: CheckedItem[] = [];
  for (const row of rows) {
    const poItem = (await one(T.PurchaseOrderItems, { PurchaseOrder: row.PurchaseOrder, PurchaseOrderItem: row.PurchaseOrderItem }))!;
    const quantity = milli(row.QuantityInPurchaseOrderUnit, 'QuantityInPurchaseOrderUnit');
    items.push({
      row,
      target: ITEMS,
      quantity,
      invoiced: cents(row.SupplierInvoiceItemAmount, 'SupplierInvoiceItemAmount'),
      expected: valueOf(quantity, cents(poItem.NetPriceAmount, 'NetPriceAmount'), priceUnitOf(poItem.NetPriceQuantity)),
    });
  }
  const accountingDocument = await postInvoice(
    shown(key.SupplierInvoice),
    shown(key.FiscalYear),
    context.today(),
    cents(invoice.InvoiceGrossAmount, 'InvoiceGrossAmount'),
    items,
    context,
  );
  await update(T.SupplierInvoices, key, {
    SupplierInvoiceStatus: '5',
    PaymentBlockingReason: '',
    AccountingDocument: accountingDocument,
    ...touch(),
  });
  return one(T.SupplierInvoices, key);
}
