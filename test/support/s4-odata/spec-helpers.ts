import { expect } from 'vitest';
import {
  type ODataClient,
  ODataException,
  S4_ENTITY_SETS as S4,
  type A_JournalEntryItem,
  type TrialBalanceLine,
} from '../../../libs/connectors/src/odata';

/** The ODataException a promise rejects with (fails the test if it resolves or throws anything else). */
export async function rejection(promise: Promise<unknown>): Promise<ODataException> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(ODataException);
  return error as ODataException;
}

/** The items of a journal entry as [account, cost centre, signed amount], in item order. */
export async function journalLines(
  journal: ODataClient,
  accountingDocument: string,
  fiscalYear = '2026',
): Promise<[string, string | null, string][]> {
  const entry = await journal.read(
    S4.A_JournalEntry,
    { CompanyCode: '1000', FiscalYear: fiscalYear, AccountingDocument: accountingDocument },
    { expand: { to_Item: true } },
  );
  return (entry.to_Item as A_JournalEntryItem[]).map((item) => [item.GLAccount, item.CostCenter ?? null, item.AmountInCompanyCodeCurrency]);
}

export async function trialBalance(journal: ODataClient, toPostingDate = '2026-12-31'): Promise<TrialBalanceLine[]> {
  return journal.function<TrialBalanceLine[]>(
    'TrialBalance',
    { CompanyCode: '1000', ToPostingDate: toPostingDate },
    { types: { ToPostingDate: 'Edm.Date' } },
  );
}
