import { describe, expect, it } from 'vitest';
import { duplicateAccounts, type PatientAccountRecord, PatientAccountsRule } from './patient-accounts.rule';

const account = (id: string, encounterId: string, extra: Partial<PatientAccountRecord> = {}): PatientAccountRecord => ({
  id,
  encounterId,
  status: 'open',
  patientId: 'avery-quinn',
  mrn: 'CG-100234',
  chargesCents: 10_000,
  createdAt: `2026-11-0${id.slice(-1)}T10:00:00.000Z`,
  ...extra,
});

describe('duplicateAccounts', () => {
  it('one account per encounter is fine; a second one is a break keyed by the encounter, at the later accounts’ charges', () => {
    const breaks = duplicateAccounts([
      account('A-2', 'enc-1', { chargesCents: 2_865_000 }),
      account('A-1', 'enc-1'),
      account('A-3', 'enc-2'),
    ]);
    expect(breaks).toEqual([
      {
        key: 'encounter:enc-1:accounts',
        cause: 'duplicate-account-for-encounter',
        summary: 'Encounter enc-1 has 2 billing accounts (A-1, A-2)',
        amountCents: 2_865_000,
        records: [
          { system: 'ehr', type: 'encounter', id: 'enc-1' },
          { system: 'billing', type: 'account', id: 'A-1' },
          { system: 'billing', type: 'account', id: 'A-2' },
        ],
      },
    ]);
  });

  it('a closed account does not count as a second one', () => {
    expect(duplicateAccounts([account('A-1', 'enc-1'), account('A-2', 'enc-1', { status: 'closed' })])).toEqual([]);
  });
});

describe('PatientAccountsRule', () => {
  it('an account naming a patient the EHR does not know is a break; each patient is looked up once', async () => {
    const looked: string[] = [];
    const rule = new PatientAccountsRule(
      {
        async *accounts() {
          yield account('A-1', 'enc-1');
          yield account('A-2', 'enc-2');
          yield account('A-3', 'enc-3', { patientId: undefined, mrn: 'ZZ-1', chargesCents: 4_500 });
        },
      },
      {
        exists(patient) {
          looked.push(patient.id ?? `mrn:${patient.mrn}`);
          return Promise.resolve(patient.id === 'avery-quinn');
        },
      },
    );
    const result = await rule.evaluate();
    expect(looked).toEqual(['avery-quinn', 'mrn:ZZ-1']);
    expect(result.examined).toBe(3);
    expect(result.breaks).toEqual([
      expect.objectContaining({ key: 'account:A-3:patient', cause: 'account-without-patient', amountCents: 4_500 }),
    ]);
  });
});
