import type { BreakRecord, FoundBreak, ReconciliationRule, RuleResult } from './rule';

export interface PatientAccountRecord {
  id: string;
  encounterId: string;
  status: string;
  /** The patient's id at the EHR, when billing knows it. */
  patientId?: string;
  mrn: string;
  /** Gross charges on the account, in cents. */
  chargesCents: number;
  createdAt: string;
}

/** Port: billing's patient accounts. */
export interface PatientAccountSource {
  accounts(): AsyncIterable<PatientAccountRecord>;
}

/** Port: whether the EHR knows a patient (by EHR id, else by MRN). */
export interface PatientDirectory {
  exists(patient: { id?: string; mrn: string }): Promise<boolean>;
}

/**
 * Accounts of one encounter beyond the first one opened: the same stay would be billed twice. The
 * money at stake is what the later accounts carry.
 */
export function duplicateAccounts(accounts: PatientAccountRecord[]): FoundBreak[] {
  const byEncounter = new Map<string, PatientAccountRecord[]>();
  for (const account of accounts) {
    if (account.status === 'closed') continue;
    byEncounter.set(account.encounterId, [...(byEncounter.get(account.encounterId) ?? []), account]);
  }
  const breaks: FoundBreak[] = [];
  for (const [encounterId, group] of byEncounter) {
    if (group.length < 2) continue;
    const ordered = [...group].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
    const records: BreakRecord[] = [
      { system: 'ehr', type: 'encounter', id: encounterId },
      ...ordered.map((account) => ({ system: 'billing' as const, type: 'account', id: account.id })),
    ];
    breaks.push({
      key: `encounter:${encounterId}:accounts`,
      cause: 'duplicate-account-for-encounter',
      summary: `Encounter ${encounterId} has ${group.length} billing accounts (${ordered.map((a) => a.id).join(', ')})`,
      amountCents: ordered.slice(1).reduce((sum, account) => sum + account.chargesCents, 0),
      records,
    });
  }
  return breaks;
}

/** Patients (EHR) ↔ patient accounts (billing): one account per encounter, no account without a patient. */
export class PatientAccountsRule implements ReconciliationRule {
  readonly name = 'patient-accounts';
  readonly title = 'Patients (EHR) ↔ patient accounts (billing): one account per encounter, none without a patient';
  readonly systems = ['ehr' as const, 'billing' as const];

  constructor(
    private readonly accounts: PatientAccountSource,
    private readonly patients: PatientDirectory,
  ) {}

  async evaluate(): Promise<RuleResult> {
    const all: PatientAccountRecord[] = [];
    for await (const account of this.accounts.accounts()) all.push(account);
    const breaks = duplicateAccounts(all);
    const known = new Map<string, boolean>();
    for (const account of all) {
      const who = account.patientId ? `id:${account.patientId}` : `mrn:${account.mrn}`;
      if (!known.has(who)) known.set(who, await this.patients.exists({ id: account.patientId, mrn: account.mrn }));
      if (known.get(who)) continue;
      breaks.push({
        key: `account:${account.id}:patient`,
        cause: 'account-without-patient',
        summary: `Billing account ${account.id} (encounter ${account.encounterId}) names a patient the EHR does not know`,
        amountCents: account.chargesCents,
        records: [
          { system: 'billing', type: 'account', id: account.id },
          { system: 'ehr', type: 'encounter', id: account.encounterId },
        ],
      });
    }
    return { breaks, examined: all.length };
  }
}
