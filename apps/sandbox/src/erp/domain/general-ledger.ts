import type { BalanceSide, SourceDocumentType } from '@concord/contracts';
import type { CostCentre, GlAccount } from './chart-of-accounts';
import { formatCents, MAX_CENTS } from './cents';
import { ErpDomainError, ErpErrorCode } from './erp-domain.error';

export interface JournalLineDraft {
  account: string;
  costCentre?: string;
  side: BalanceSide;
  amountCents: number;
  memo?: string;
}

export interface JournalDraft {
  postingDate: string;
  memo?: string;
  source?: { type: SourceDocumentType; id: string };
  lines: JournalLineDraft[];
}

export interface JournalLine extends JournalLineDraft {
  lineNumber: number;
}

export interface JournalEntry {
  id: string;
  postingDate: string;
  postedAt: string;
  memo?: string;
  source?: { type: SourceDocumentType; id: string };
  lines: JournalLine[];
  totalCents: number;
}

export interface TrialBalanceLine {
  account: string;
  accountName: string;
  costCentre?: string;
  debitCents: number;
  creditCents: number;
}

export interface TrialBalance {
  lines: TrialBalanceLine[];
  totalDebitsCents: number;
  totalCreditsCents: number;
}

export type CostCentreCheck =
  { valid: true; costCentre: CostCentre } | { valid: false; reason: 'unknown' | 'inactive'; costCentre?: CostCentre };

/**
 * Double-entry general ledger. Every entry is validated whole before it is recorded: known accounts,
 * positive integer amounts, a valid cost centre on every revenue and expense line, debits equal to
 * credits. Balances are kept per account and cost centre as entries are recorded.
 */
export class GeneralLedger {
  private readonly accounts = new Map<string, GlAccount>();
  private readonly costCentres = new Map<string, CostCentre>();
  private readonly journal: JournalEntry[] = [];
  private readonly byId = new Map<string, JournalEntry>();
  /** Net debit (positive) or credit (negative) per `account|costCentre`. */
  private readonly balances = new Map<string, number>();

  constructor(accounts: GlAccount[], costCentres: CostCentre[]) {
    for (const account of accounts) this.accounts.set(account.number, account);
    for (const costCentre of costCentres) this.costCentres.set(costCentre.code, costCentre);
  }

  listAccounts(): GlAccount[] {
    return [...this.accounts.values()];
  }

  account(number: string): GlAccount | undefined {
    return this.accounts.get(number);
  }

  listCostCentres(): CostCentre[] {
    return [...this.costCentres.values()];
  }

  checkCostCentre(code: string): CostCentreCheck {
    const costCentre = this.costCentres.get(code);
    if (!costCentre) return { valid: false, reason: 'unknown' };
    if (!costCentre.active) return { valid: false, reason: 'inactive', costCentre };
    return { valid: true, costCentre };
  }

  /** Throws COST_CENTRE_INVALID unless the code names an active cost centre. */
  requireCostCentre(code: string, field = 'costCentre'): CostCentre {
    const check = this.checkCostCentre(code);
    if (!check.valid) throw new ErpDomainError(ErpErrorCode.COST_CENTRE_INVALID, `Cost centre ${code} is ${check.reason}`, { field });
    return check.costCentre;
  }

  /**
   * Throws unless the draft could be posted as it is. `automatic` marks the ERP's own documents,
   * the only postings allowed on control accounts.
   */
  validate(draft: JournalDraft, options: { automatic?: boolean } = {}): void {
    if (draft.lines.length < 2)
      throw new ErpDomainError(ErpErrorCode.JOURNAL_INVALID, 'A journal entry needs at least two lines', { field: 'lines' });
    let debits = 0;
    let credits = 0;
    draft.lines.forEach((line, index) => {
      const field = `lines[${index}]`;
      const account = this.accounts.get(line.account);
      if (!account)
        throw new ErpDomainError(ErpErrorCode.JOURNAL_INVALID, `Account ${line.account} is not in the chart of accounts`, {
          field: `${field}.account`,
        });
      if (!account.directPostingAllowed && options.automatic !== true) {
        throw new ErpDomainError(
          ErpErrorCode.JOURNAL_INVALID,
          `Account ${account.number} is a control account posted only by the ERP's own documents`,
          {
            field: `${field}.account`,
          },
        );
      }
      if (!Number.isSafeInteger(line.amountCents) || line.amountCents <= 0 || line.amountCents > MAX_CENTS) {
        throw new ErpDomainError(ErpErrorCode.JOURNAL_INVALID, `Line ${index + 1} must carry a positive whole number of cents`, {
          field: `${field}.amount`,
        });
      }
      if (line.costCentre !== undefined) this.requireCostCentre(line.costCentre, `${field}.costCentre`);
      else if (account.requiresCostCentre) {
        throw new ErpDomainError(
          ErpErrorCode.JOURNAL_INVALID,
          `Account ${account.number} (${account.type}) needs a cost centre on line ${index + 1}`,
          {
            field: `${field}.costCentre`,
          },
        );
      }
      if (line.side === 'debit') debits += line.amountCents;
      else credits += line.amountCents;
    });
    if (debits !== credits) {
      const difference = debits - credits;
      throw new ErpDomainError(
        ErpErrorCode.JOURNAL_UNBALANCED,
        `Debits ${formatCents(debits)} and credits ${formatCents(credits)} differ by ${formatCents(difference)}`,
        { field: 'lines', differenceCents: difference },
      );
    }
  }

  post(draft: JournalDraft, postedAt: string, options: { automatic?: boolean } = {}): JournalEntry {
    this.validate(draft, options);
    const entry: JournalEntry = {
      id: `JE-${String(this.journal.length + 1).padStart(6, '0')}`,
      postingDate: draft.postingDate,
      postedAt,
      memo: draft.memo,
      source: draft.source,
      lines: draft.lines.map((line, index) => ({ ...line, lineNumber: index + 1 })),
      totalCents: draft.lines.filter((line) => line.side === 'debit').reduce((sum, line) => sum + line.amountCents, 0),
    };
    this.journal.push(entry);
    this.byId.set(entry.id, entry);
    for (const line of entry.lines) {
      const key = `${line.account}|${line.costCentre ?? ''}`;
      const signed = line.side === 'debit' ? line.amountCents : -line.amountCents;
      this.balances.set(key, (this.balances.get(key) ?? 0) + signed);
    }
    return entry;
  }

  entry(id: string): JournalEntry | undefined {
    return this.byId.get(id);
  }

  entries(filter: { sourceType?: SourceDocumentType; sourceId?: string } = {}): JournalEntry[] {
    return this.journal.filter(
      (entry) =>
        (filter.sourceType === undefined || entry.source?.type === filter.sourceType) &&
        (filter.sourceId === undefined || entry.source?.id === filter.sourceId),
    );
  }

  /** Net debit balance (negative for a credit balance) of an account, optionally of one cost centre. */
  balance(account: string, costCentre?: string): number {
    let total = 0;
    for (const [key, value] of this.balances) {
      const [keyAccount, keyCostCentre] = key.split('|');
      if (keyAccount === account && (costCentre === undefined || keyCostCentre === costCentre)) total += value;
    }
    return total;
  }

  trialBalance(options: { byCostCentre?: boolean; costCentre?: string } = {}): TrialBalance {
    const split = options.byCostCentre === true || options.costCentre !== undefined;
    const net = new Map<string, { account: string; costCentre?: string; cents: number }>();
    for (const [key, value] of this.balances) {
      const [account = '', costCentre = ''] = key.split('|');
      if (options.costCentre !== undefined && costCentre !== options.costCentre) continue;
      const groupKey = split ? key : account;
      const group = net.get(groupKey) ?? { account, costCentre: split && costCentre ? costCentre : undefined, cents: 0 };
      group.cents += value;
      net.set(groupKey, group);
    }
    const lines = [...net.values()]
      .filter((group) => group.cents !== 0)
      .sort((a, b) => a.account.localeCompare(b.account) || (a.costCentre ?? '').localeCompare(b.costCentre ?? ''))
      .map((group) => ({
        account: group.account,
        accountName: this.accounts.get(group.account)?.name ?? group.account,
        costCentre: group.costCentre,
        debitCents: group.cents > 0 ? group.cents : 0,
        creditCents: group.cents < 0 ? -group.cents : 0,
      }));
    return {
      lines,
      totalDebitsCents: lines.reduce((sum, line) => sum + line.debitCents, 0),
      totalCreditsCents: lines.reduce((sum, line) => sum + line.creditCents, 0),
    };
  }
}
