import type { FoundBreak, ReconciliationRule, RuleResult } from './rule';

export interface DischargeRecord {
  encounterId: string;
  dischargedAt: string;
}

export interface EncounterBilling {
  accounts: { id: string; chargesCents: number }[];
  claims: { id: string; status: string }[];
}

/**
 * Port: discharged encounters as the EHR reported them. Until system-api exposes EHR encounters,
 * the adapter is the record process-api keeps of `ehr.encounter.discharged.v1` events.
 */
export interface DischargeSource {
  discharges(): AsyncIterable<DischargeRecord>;
}

/** Port: what billing has for an encounter (its accounts and their claims). */
export interface EncounterBillingSource {
  billingFor(encounterId: string): Promise<EncounterBilling>;
}

/**
 * A discharge past its coding SLA must have a claim beyond draft. Within the SLA nothing is due
 * yet; past it, a missing account or a missing claim is a break, at the charges the stay carries.
 */
export function compareDischarge(discharge: DischargeRecord, billing: EncounterBilling, now: Date, slaMs: number): FoundBreak | undefined {
  const due = new Date(Date.parse(discharge.dischargedAt) + slaMs);
  if (due > now) return undefined;
  if (billing.claims.some((claim) => claim.status !== 'draft')) return undefined;
  const charges = billing.accounts.reduce((sum, account) => sum + account.chargesCents, 0);
  const hours = Math.round(slaMs / 3_600_000);
  return {
    key: `encounter:${discharge.encounterId}:claim`,
    cause: billing.accounts.length ? 'claim-missing-after-coding-sla' : 'account-missing-after-discharge',
    summary: billing.accounts.length
      ? `Encounter ${discharge.encounterId} was discharged ${discharge.dischargedAt} and has no claim ${hours} h later`
      : `Encounter ${discharge.encounterId} was discharged ${discharge.dischargedAt} and billing has no account for it ${hours} h later`,
    amountCents: charges,
    records: [
      { system: 'ehr', type: 'encounter', id: discharge.encounterId },
      ...billing.accounts.map((account) => ({ system: 'billing' as const, type: 'account', id: account.id })),
      ...billing.claims.map((claim) => ({ system: 'billing' as const, type: 'claim', id: claim.id })),
    ],
  };
}

/** Discharged encounters (EHR) ↔ claims (billing): every discharge has a claim within its coding SLA. */
export class DischargesClaimsRule implements ReconciliationRule {
  readonly name = 'discharges-claims';
  readonly title = 'Discharged encounters (EHR) ↔ claims (billing), within the coding SLA';
  readonly systems = ['ehr' as const, 'billing' as const];

  constructor(
    private readonly discharges: DischargeSource,
    private readonly billing: EncounterBillingSource,
    private readonly slaMs: number,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async evaluate(): Promise<RuleResult> {
    const breaks: FoundBreak[] = [];
    let examined = 0;
    const now = this.now();
    for await (const discharge of this.discharges.discharges()) {
      examined += 1;
      // Not due yet: no need to ask billing.
      if (Date.parse(discharge.dischargedAt) + this.slaMs > now.getTime()) continue;
      const found = compareDischarge(discharge, await this.billing.billingFor(discharge.encounterId), now, this.slaMs);
      if (found) breaks.push(found);
    }
    return { breaks, examined };
  }
}
