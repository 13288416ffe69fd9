import type { Request } from '@sap/cds';
import { amountText, cents } from './amounts';
import { one, T, touch, update } from './db';
import { post } from './ledger';
import { reject, S4BusinessError, shown } from './s4-error';
import { ACCOUNTS, COMPANY_CODE, CURRENCY, postingDateOf, type RuleContext } from './settings';

/** Pays (part of) a posted, unblocked supplier invoice: DR 2000 / CR 1000, never more than is open. */
export async function createSupplierPayment(request: Request, context: RuleContext): Promise<void> {
  const data = request.data;
  const { date, year } = postingDateOf(data.PostingDate, context, 'PostingDate');
  const key = { SupplierInvoice: data.SupplierInvoice, FiscalYear: data.SupplierInvoiceFiscalYear };
  const invoice =
    typeof key.SupplierInvoice === 'string' && typeof key.FiscalYear === 'string' ? await one(T.SupplierInvoices, key) : undefined;
  if (!invoice) return reject('INVOICE_UNKNOWN', 'The supplier invoice to pay does not exist', 'SupplierInvoice');
  if (invoice.SupplierInvoiceStatus !== '5' || invoice.PaymentBlockingReason)
    reject(
      'INVOICE_NOT_PAYABLE',
      `Supplier invoice ${shown(key.SupplierInvoice)} is blocked for payment (reason ${shown(invoice.PaymentBlockingReason || 'not posted')})`,
      'SupplierInvoice',
    );
  if (data.Supplier !== undefined && data.Supplier !== null && data.Supplier !== invoice.InvoicingParty)
    reject('SUPPLIER_MISMATCH', `The invoice is from supplier ${shown(invoice.InvoicingParty)}`, 'Supplier');
  const supplier = await one(T.Suppliers, { Supplier: invoice.InvoicingParty });
  if (supplier?.PaymentIsBlockedForSupplier)
    reject('SUPPLIER_BLOCKED', `Supplier ${shown(invoice.InvoicingParty)} is blocked for payment`, 'Supplier');
  if (data.Currency !== undefined && data.Currency !== null && data.Currency !== CURRENCY)
    reject('CURRENCY_INVALID', `Company code ${COMPANY_CODE} pays in ${CURRENCY}`, 'Currency');
  if (typeof data.PaymentReference === 'string' && data.PaymentReference) {
    const earlier = await one(T.SupplierPayments, { PaymentReference: data.PaymentReference });
    if (earlier)
      throw new S4BusinessError(
        409,
        'DUPLICATE_DOCUMENT',
        `Payment reference ${data.PaymentReference} was already paid as ${shown(earlier.PaymentDocument)}/${shown(earlier.FiscalYear)}`,
        'PaymentReference',
      );
  }
  const amount = cents(data.PaymentAmount, 'PaymentAmount');
  if (amount <= 0n) reject('AMOUNT_NOT_POSITIVE', 'The payment amount must be positive', 'PaymentAmount');
  const paid = cents(invoice.PaidAmount ?? '0', 'PaidAmount');
  const open = cents(invoice.InvoiceGrossAmount, 'InvoiceGrossAmount') - paid;
  if (amount > open)
    reject(
      'PAYMENT_EXCEEDS_OPEN_AMOUNT',
      `Only ${amountText(open)} ${CURRENCY} is open on supplier invoice ${shown(key.SupplierInvoice)}`,
      'PaymentAmount',
    );

  const PaymentDocument = context.numbers.take('payment', year);
  const accountingDocument = await post(
    {
      documentType: 'KZ',
      postingDate: date,
      referenceType: 'PAYM',
      originalReference: `${PaymentDocument}${year}`,
      lines: [
        { glAccount: ACCOUNTS.accountsPayable, cents: amount, text: `Invoice ${shown(key.SupplierInvoice)}` },
        { glAccount: ACCOUNTS.cash, cents: -amount, text: 'Outgoing payment' },
      ],
    },
    context,
    () => 'PaymentAmount',
  );
  await update(T.SupplierInvoices, key, { PaidAmount: amountText(paid + amount), ...touch() });
  Object.assign(data, {
    PaymentDocument,
    FiscalYear: year,
    CompanyCode: COMPANY_CODE,
    Supplier: invoice.InvoicingParty,
    Currency: CURRENCY,
    PostingDate: date,
    AccountingDocument: accountingDocument,
  });
}
