import { describe, expect, it } from 'vitest';
import { compareDischarge, DischargesClaimsRule, type EncounterBilling } from './discharges-claims.rule';

const SLA = 72 * 3_600_000;
const now = new Date('2026-11-20T12:00:00.000Z');
const discharge = (at: string) => ({ encounterId: 'enc-aq-tka', dischargedAt: at });
const account = { id: 'CG-A-1', chargesCents: 2_865_000 };

describe('compareDischarge (discharges ↔ claims within the coding SLA)', () => {
  it.each<[string, string, EncounterBilling, string | undefined, number | undefined]>([
    ['within the SLA, nothing billed yet', '2026-11-18T12:00:00.000Z', { accounts: [], claims: [] }, undefined, undefined],
    [
      'past the SLA with a submitted claim',
      '2026-11-10T12:00:00.000Z',
      { accounts: [account], claims: [{ id: 'c', status: 'submitted' }] },
      undefined,
      undefined,
    ],
    [
      'past the SLA with only a draft claim',
      '2026-11-10T12:00:00.000Z',
      { accounts: [account], claims: [{ id: 'c', status: 'draft' }] },
      'claim-missing-after-coding-sla',
      2_865_000,
    ],
    [
      'past the SLA with an account and no claim',
      '2026-11-17T12:00:00.000Z',
      { accounts: [account], claims: [] },
      'claim-missing-after-coding-sla',
      2_865_000,
    ],
    ['past the SLA with no account at all', '2026-11-10T12:00:00.000Z', { accounts: [], claims: [] }, 'account-missing-after-discharge', 0],
  ])('%s', (_label, at, billing, cause, amount) => {
    const found = compareDischarge(discharge(at), billing, now, SLA);
    if (!cause) return expect(found).toBeUndefined();
    expect(found).toMatchObject({ key: 'encounter:enc-aq-tka:claim', cause, amountCents: amount });
    expect(found!.records[0]).toEqual({ system: 'ehr', type: 'encounter', id: 'enc-aq-tka' });
  });
});

describe('DischargesClaimsRule', () => {
  it('asks billing only about discharges past their SLA', async () => {
    const asked: string[] = [];
    const rule = new DischargesClaimsRule(
      {
        async *discharges() {
          yield { encounterId: 'enc-old', dischargedAt: '2026-11-01T00:00:00.000Z' };
          yield { encounterId: 'enc-new', dischargedAt: '2026-11-20T00:00:00.000Z' };
        },
      },
      {
        billingFor(encounterId) {
          asked.push(encounterId);
          return Promise.resolve({ accounts: [], claims: [] });
        },
      },
      SLA,
      () => now,
    );
    const result = await rule.evaluate();
    expect(asked).toEqual(['enc-old']);
    expect(result).toMatchObject({ examined: 2, breaks: [{ key: 'encounter:enc-old:claim', cause: 'account-missing-after-discharge' }] });
  });
});
