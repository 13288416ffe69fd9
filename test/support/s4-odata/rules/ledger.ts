import { amountText, cents } from './amounts';
import { all, insert, one, T } from './db';
import { itemNumber } from './number-ranges';
import { reject, S4BusinessError, shown } from './s4-error';
import { CHART_OF_ACCOUNTS, COMPANY_CODE, CONTROLLING_AREA, CURRENCY, type RuleContext } from './settings';

/** One line of a journal entry: signed cents (debits positive, credits negative). */
export interface LedgerLine {
  glAccount: string;
  costCenter?: string;
  cents: bigint;
  text?: string;
}

export interface LedgerPosting {
  documentType: 'SA' | 'WA' | 'WE' | 'RE' | 'KZ';
  postingDate: string;
  documentDate?: string;
  headerText?: string;
  referenceType: 'BKPF' | 'MKPF' | 'RMRP' | 'PAYM';
  originalReference?: string;
  documentReferenceId?: string;
  lines: LedgerLine[];
}

/** Checks a cost centre can take a posting on `date`: it exists, is valid then, and is not blocked. */
export async function assertPostableCostCenter(costCenter: string, date: string, target: string): Promise<void> {
  const rows = await all(T.CostCenters, { ControllingArea: CONTROLLING_AREA, CostCenter: costCenter });
  if (!rows.length)
    reject('COST_CENTER_UNKNOWN', `Cost centre ${costCenter} does not exist in controlling area ${CONTROLLING_AREA}`, target);
  const valid = rows.find((row) => shown(row.ValidityStartDate) <= date && date <= shown(row.ValidityEndDate));
  if (!valid) reject('COST_CENTER_NOT_VALID', `Cost centre ${costCenter} is not valid on ${date}`, target);
  if (valid.IsBlkdForPrimaryCostsPosting) reject('COST_CENTER_BLOCKED', `Cost centre ${costCenter} is blocked for postings`, target);
}

/**
 * The rules every journal entry obeys, whoever posts it: at least two lines, known and open GL
 * accounts, a cost centre on every profit-and-loss line, and debits equal to credits.
 */
export async function validateLines(lines: LedgerLine[], postingDate: string, targetOf: (index: number) => string): Promise<void> {
  if (lines.length < 2) reject('JOURNAL_TOO_FEW_ITEMS', 'A journal entry needs at least two items', targetOf(-1));
  for (const [index, line] of lines.entries()) {
    const target = targetOf(index);
    const account = await one(T.GLAccounts, { ChartOfAccounts: CHART_OF_ACCOUNTS, GLAccount: line.glAccount });
    if (!account)
      reject(
        'GL_ACCOUNT_UNKNOWN',
        `GL account ${line.glAccount} does not exist in chart of accounts ${CHART_OF_ACCOUNTS}`,
        `${target}/GLAccount`,
      );
    if (account.AccountIsBlockedForPosting)
      reject('GL_ACCOUNT_BLOCKED', `GL account ${line.glAccount} is blocked for posting`, `${target}/GLAccount`);
    if (account.IsProfitLossAccount && !line.costCenter)
      reject(
        'COST_CENTER_REQUIRED',
        `GL account ${line.glAccount} is a profit-and-loss account: the item needs a cost centre`,
        `${target}/CostCenter`,
      );
    if (line.costCenter) await assertPostableCostCenter(line.costCenter, postingDate, `${target}/CostCenter`);
  }
  const debits = lines.filter((line) => line.cents > 0n).reduce((sum, line) => sum + line.cents, 0n);
  const credits = lines.filter((line) => line.cents < 0n).reduce((sum, line) => sum - line.cents, 0n);
  if (debits !== credits) {
    const difference = debits - credits;
    throw new S4BusinessError(
      400,
      'JOURNAL_UNBALANCED',
      `Balance in transaction currency: ${amountText(difference)} ${CURRENCY} (debits ${amountText(debits)}, credits ${amountText(credits)})`,
      'to_Item',
      [
        { code: 'JOURNAL_DEBITS', message: `Debits ${amountText(debits)} ${CURRENCY}` },
        { code: 'JOURNAL_CREDITS', message: `Credits ${amountText(credits)} ${CURRENCY}` },
      ],
    );
  }
}

/** Reads the items of an A_JournalEntry request into ledger lines, checking codes and signs. */
export function linesFromItems(items: unknown): LedgerLine[] {
  if (!Array.isArray(items)) return reject('JOURNAL_TOO_FEW_ITEMS', 'A journal entry needs its items (to_Item)', 'to_Item');
  return items.map((raw: Record<string, unknown>, index) => {
    const target = `to_Item[${index}]`;
    if (raw.DebitCreditCode !== 'S' && raw.DebitCreditCode !== 'H')
      reject('DEBIT_CREDIT_CODE_INVALID', 'DebitCreditCode must be S (debit) or H (credit)', `${target}/DebitCreditCode`);
    if (typeof raw.GLAccount !== 'string' || !raw.GLAccount) reject('GL_ACCOUNT_REQUIRED', 'GLAccount is required', `${target}/GLAccount`);
    if (raw.CompanyCodeCurrency !== undefined && raw.CompanyCodeCurrency !== null && raw.CompanyCodeCurrency !== CURRENCY)
      reject('CURRENCY_INVALID', `Company code ${COMPANY_CODE} posts in ${CURRENCY}`, `${target}/CompanyCodeCurrency`);
    const amount = cents(raw.AmountInCompanyCodeCurrency, `${target}/AmountInCompanyCodeCurrency`);
    if (amount === 0n) reject('AMOUNT_ZERO', 'An item amount cannot be zero', `${target}/AmountInCompanyCodeCurrency`);
    if ((raw.DebitCreditCode === 'S') !== amount > 0n)
      reject('DEBIT_CREDIT_SIGN', 'Debits (S) are positive and credits (H) negative', `${target}/AmountInCompanyCodeCurrency`);
    const costCenter = typeof raw.CostCenter === 'string' && raw.CostCenter ? raw.CostCenter : undefined;
    return { glAccount: raw.GLAccount, costCenter, cents: amount, text: raw.DocumentItemText as string | undefined };
  });
}

/** The A_JournalEntryItem rows for lines. */
export function itemRows(lines: LedgerLine[], keys: { FiscalYear: string; AccountingDocument: string }): Record<string, unknown>[] {
  return lines.map((line, index) => ({
    CompanyCode: COMPANY_CODE,
    ...keys,
    AccountingDocumentItem: itemNumber(index + 1, 6),
    GLAccount: line.glAccount,
    CostCenter: line.costCenter ?? null,
    DebitCreditCode: line.cents > 0n ? 'S' : 'H',
    AmountInCompanyCodeCurrency: amountText(line.cents),
    CompanyCodeCurrency: CURRENCY,
    DocumentItemText: line.text ?? null,
  }));
}

/** Posts an automatic journal entry (goods movement, invoice, payment), validated like a manual one. */
export async function post(posting: LedgerPosting, context: RuleContext, targetOf: (index: number) => string): Promise<string> {
  const lines = posting.lines.filter((line) => line.cents !== 0n);
  await validateLines(lines, posting.postingDate, targetOf);
  const FiscalYear = posting.postingDate.slice(0, 4);
  const AccountingDocument = context.numbers.take('journalEntry', FiscalYear);
  await insert(T.JournalEntries, {
    CompanyCode: COMPANY_CODE,
    FiscalYear,
    AccountingDocument,
    AccountingDocumentType: posting.documentType,
    PostingDate: posting.postingDate,
    DocumentDate: posting.documentDate ?? posting.postingDate,
    AccountingDocumentHeaderText: posting.headerText ?? null,
    DocumentReferenceID: posting.documentReferenceId ?? null,
    ReferenceDocumentType: posting.referenceType,
    OriginalReferenceDocument: posting.originalReference ?? null,
    CompanyCodeCurrency: CURRENCY,
  });
  await insert(T.JournalEntryItems, ...itemRows(lines, { FiscalYear, AccountingDocument }));
  return AccountingDocument;
}
