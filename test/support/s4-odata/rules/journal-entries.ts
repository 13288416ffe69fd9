import type { Request, Row } from '@sap/cds';
import { amountText, cents } from './amounts';
import { all, one, T } from './db';
import { itemRows, linesFromItems, validateLines } from './ledger';
import { reject, S4BusinessError, shown } from './s4-error';
import { COMPANY_CODE, CURRENCY, postingDateOf, type RuleContext } from './settings';

/** A manual journal entry (deep insert): numbered, and refused unless it balances and every line is postable. */
export async function createJournalEntry(request: Request, context: RuleContext): Promise<void> {
  const data = request.data;
  if (data.CompanyCode !== undefined && data.CompanyCode !== COMPANY_CODE)
    reject('COMPANY_CODE_UNKNOWN', `Company code ${shown(data.CompanyCode)} does not exist`, 'CompanyCode');
  if (data.CompanyCodeCurrency !== undefined && data.CompanyCodeCurrency !== null && data.CompanyCodeCurrency !== CURRENCY)
    reject('CURRENCY_INVALID', `Company code ${COMPANY_CODE} posts in ${CURRENCY}`, 'CompanyCodeCurrency');
  const { date, year } = postingDateOf(data.PostingDate, context, 'PostingDate');
  if (typeof data.DocumentReferenceID === 'string' && data.DocumentReferenceID) {
    const earlier = await one(T.JournalEntries, { CompanyCode: COMPANY_CODE, DocumentReferenceID: data.DocumentReferenceID });
    if (earlier)
      throw new S4BusinessError(
        409,
        'DUPLICATE_DOCUMENT',
        `Reference ${data.DocumentReferenceID} was already posted as journal entry ${shown(earlier.AccountingDocument)}/${shown(earlier.FiscalYear)}`,
        'DocumentReferenceID',
      );
  }
  const lines = linesFromItems(data.to_Item);
  await validateLines(lines, date, (index) => (index < 0 ? 'to_Item' : `to_Item[${index}]`));
  const AccountingDocument = context.numbers.take('journalEntry', year);
  Object.assign(data, {
    CompanyCode: COMPANY_CODE,
    FiscalYear: year,
    AccountingDocument,
    PostingDate: date,
    DocumentDate: data.DocumentDate ?? date,
    AccountingDocumentType: data.AccountingDocumentType ?? 'SA',
    ReferenceDocumentType: 'BKPF',
    CompanyCodeCurrency: CURRENCY,
    to_Item: itemRows(lines, { FiscalYear: year, AccountingDocument }),
  });
}

/** The function TrialBalance: debits, credits and balance per GL account and cost centre, in cents. */
export async function trialBalance(request: Request): Promise<Row[]> {
  const { CompanyCode, ToPostingDate } = request.data;
  if (typeof ToPostingDate !== 'string') reject('DATE_INVALID', 'ToPostingDate is required', 'ToPostingDate');
  const headers = (await all(T.JournalEntries, { CompanyCode })).filter((header) => shown(header.PostingDate) <= ToPostingDate);
  const documents = new Set(headers.map((header) => `${shown(header.FiscalYear)}/${shown(header.AccountingDocument)}`));
  const totals = new Map<string, { account: string; costCenter: string; debit: bigint; credit: bigint }>();
  for (const item of await all(T.JournalEntryItems, { CompanyCode })) {
    if (!documents.has(`${shown(item.FiscalYear)}/${shown(item.AccountingDocument)}`)) continue;
    const account = shown(item.GLAccount);
    const costCenter = typeof item.CostCenter === 'string' ? item.CostCenter : '';
    const key = `${account}/${costCenter}`;
    const total = totals.get(key) ?? { account, costCenter, debit: 0n, credit: 0n };
    const amount = cents(item.AmountInCompanyCodeCurrency, 'AmountInCompanyCodeCurrency');
    if (amount > 0n) total.debit += amount;
    else total.credit -= amount;
    totals.set(key, total);
  }
  return [...totals.values()]
    .sort((a, b) => a.account.localeCompare(b.account) || a.costCenter.localeCompare(b.costCenter))
    .map((total) => ({
      GLAccount: total.account,
      CostCenter: total.costCenter,
      DebitAmountInCoCodeCrcy: amountText(total.debit),
      CreditAmountInCoCodeCrcy: amountText(total.credit),
      EndingBalanceAmtInCoCodeCrcy: amountText(total.debit - total.credit),
      CompanyCodeCurrency: CURRENCY,
    }));
}
