import type { FoundBreak, HealAction, JournalLineInput, ReconciliationRule, RuleResult } from './rule';

/** GL accounts of the revenue cycle (../shared/SCENARIOS.md chart of accounts). */
export const CASH_ACCOUNT = '1000';
export const PAYER_AR_ACCOUNT = '1200';
export const PATIENT_AR_ACCOUNT = '1210';

export interface ClaimPaymentRecord {
  id: string;
  claimId?: string;
  /** Only `posted` payments moved money in billing. */
  postingStatus: string;
  paidCents: number;
  patientResponsibilityCents: number;
}

export interface RemittanceRecord {
  id: string;
  traceNumber: string;
  claimPayments: ClaimPaymentRecord[];
}

export interface JournalRecord {
  id: string;
  lines: { account: string; side: 'debit' | 'credit'; amountCents: number }[];
}

/** Port: the 835 remittances billing received, with their claim payments. */
export interface RemittanceSource {
  remittances(): AsyncIterable<RemittanceRecord>;
}

/** Port: the ERP journals posted for one source document. */
export interface JournalSource {
  journalsFor(sourceType: 'remittance', sourceId: string): Promise<JournalRecord[]>;
}

/** Net debit of an account over journals. */
function netDebit(journals: JournalRecord[], account: string): number {
  let net = 0;
  for (const journal of journals)
    for (const line of journal.lines) if (line.account === account) net += line.side === 'debit' ? line.amountCents : -line.amountCents;
  return net;
}

const signedLine = (account: string, naturalSide: 'debit' | 'credit', cents: number): JournalLineInput => ({
  account,
  side: cents >= 0 ? naturalSide : naturalSide === 'debit' ? 'credit' : 'debit',
  amountCents: Math.abs(cents),
});

/**
 * Compares one remittance's posted claim payments with the ERP journals that cite it, to the cent:
 * cash (1000) must have received what the payers paid, and patient A/R (1210) what they moved to the
 * patients. A side with no journal at all has a known cause (the posting never reached the ledger)
 * and offers to post it; a side whose journals disagree needs a person.
 */
export function compareRemittance(remittance: RemittanceRecord, journals: JournalRecord[]): FoundBreak[] {
  const posted = remittance.claimPayments.filter((payment) => payment.postingStatus === 'posted');
  const records = [
    { system: 'billing' as const, type: 'remittance', id: remittance.id },
    ...[...new Set(posted.map((p) => p.claimId).filter((id): id is string => !!id))].map((id) => ({
      system: 'billing' as const,
      type: 'claim',
      id,
    })),
    ...journals.map((journal) => ({ system: 'erp' as const, type: 'journal', id: journal.id })),
  ];
  const sides = [
    {
      side: 'cash',
      label: 'cash (1000)',
      account: CASH_ACCOUNT,
      expected: posted.reduce((sum, p) => sum + p.paidCents, 0),
      memo: `Payer payment, 835 ${remittance.traceNumber} (reconciliation)`,
    },
    {
      side: 'patient-ar',
      label: 'patient A/R (1210)',
      account: PATIENT_AR_ACCOUNT,
      expected: posted.reduce((sum, p) => sum + p.patientResponsibilityCents, 0),
      memo: `Patient responsibility, 835 ${remittance.traceNumber} (reconciliation)`,
    },
  ];
  const breaks: FoundBreak[] = [];
  for (const { side, label, account, expected, memo } of sides) {
    const actual = netDebit(journals, account);
    const difference = expected - actual;
    if (difference === 0) continue;
    const touched = journals.some((journal) => journal.lines.some((line) => line.account === account));
    const cause = !touched
      ? `${side}-journal-missing`
      : expected === 0
        ? `${side}-journal-without-payment`
        : `${side}-journal-amount-differs`;
    const heal: HealAction | undefined =
      cause === `${side}-journal-missing`
        ? {
            kind: 'post-journal',
            memo,
            sourceDocument: { type: 'remittance', id: remittance.id },
            lines: [signedLine(account, 'debit', difference), signedLine(PAYER_AR_ACCOUNT, 'credit', difference)],
          }
        : undefined;
    breaks.push({
      key: `remittance:${remittance.id}:${side}`,
      cause,
      summary: `835 ${remittance.traceNumber}: billing posted ${cents(expected)} to ${label}, the ERP journals show ${cents(actual)}`,
      amountCents: Math.abs(difference),
      records,
      ...(heal ? { heal } : {}),
    });
  }
  return breaks;
}

function cents(amount: number): string {
  const sign = amount < 0 ? '-' : '';
  const abs = Math.abs(amount);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Claims paid in 835s (billing) ↔ cash and A/R journals (ERP), to the cent, per remittance. */
export class ClaimsPaidCashRule implements ReconciliationRule {
  readonly name = 'claims-paid-cash';
  readonly title = 'Claims paid in 835s (billing) ↔ cash and A/R journals (ERP), to the cent';
  readonly systems = ['billing' as const, 'erp' as const];

  constructor(
    private readonly remittances: RemittanceSource,
    private readonly journals: JournalSource,
  ) {}

  async evaluate(): Promise<RuleResult> {
    const breaks: FoundBreak[] = [];
    let examined = 0;
    for await (const remittance of this.remittances.remittances()) {
      examined += 1;
      breaks.push(...compareRemittance(remittance, await this.journals.journalsFor('remittance', remittance.id)));
    }
    return { breaks, examined };
  }
}
