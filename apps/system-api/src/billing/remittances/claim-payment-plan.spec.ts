import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ClaimPaymentDto } from '@concord/contracts';
import { SCENARIO_1_REMITTANCE, SCENARIO_2_REMITTANCE } from '@concord/connectors/x12/examples/demo-hospital.examples';
import { allocateByWeight, percentOf } from '../shared/allocation';
import { claimPaymentOutcome, planClaimPaymentPosting } from './claim-payment-plan';

const SCENARIO_1_DEPARTMENTS = [
  { departmentCode: '6200', chargeCents: 560_000 },
  { departmentCode: '6300', chargeCents: 2_210_000 },
  { departmentCode: '6400', chargeCents: 64_000 },
  { departmentCode: '6500', chargeCents: 31_000 },
];
const scenario1Payment = SCENARIO_1_REMITTANCE.claimPayments[0];
const scenario2Payment = SCENARIO_2_REMITTANCE.claimPayments[0];

describe('claim payment posting plan', () => {
  it('posts scenario 1 as a payment, a CO-45 adjustment and a PR-1 transfer, split by department to the cent', () => {
    const plan = planClaimPaymentPosting(scenario1Payment, SCENARIO_1_DEPARTMENTS);
    expect([plan.paidCents, plan.contractualCents, plan.patientResponsibilityCents, plan.otherAdjustmentCents]).toEqual([
      1_327_400, 1_370_000, 167_600, 0,
    ]);
    expect(plan.items).toEqual([
      { type: 'payment', amountCents: 1_327_400 },
      { type: 'adjustment', amountCents: 1_370_000, group: 'CO', reasonCode: '45' },
      { type: 'transfer', amountCents: 167_600, group: 'PR', reasonCode: '1' },
    ]);
    const column = (pick: (d: (typeof plan.departments)[number]) => number) => plan.departments.reduce((sum, d) => sum + pick(d), 0);
    expect([
      column((d) => d.chargeCents),
      column((d) => d.paidCents),
      column((d) => d.contractualCents),
      column((d) => d.patientResponsibilityCents),
    ]).toEqual([2_865_000, 1_327_400, 1_370_000, 167_600]);
    expect(plan.departments.find((d) => d.departmentCode === '6300')).toEqual({
      departmentCode: '6300',
      chargeCents: 2_210_000,
      paidCents: 1_023_928,
      contractualCents: 1_056_789,
      patientResponsibilityCents: 129_283,
      otherCents: 0,
    });
    for (const d of plan.departments) expect(d.paidCents + d.contractualCents + d.patientResponsibilityCents).toBeGreaterThan(0);
  });

  it('posts scenario 2 from its line-level CAS', () => {
    const plan = planClaimPaymentPosting(scenario2Payment, [{ departmentCode: '7100', chargeCents: 18_500 }]);
    expect(plan.adjustments).toEqual([
      { group: 'CO', reasonCode: '45', amountCents: 7_300 },
      { group: 'PR', reasonCode: '2', amountCents: 2_240 },
    ]);
    expect(plan.departments).toEqual([
      {
        departmentCode: '7100',
        chargeCents: 18_500,
        paidCents: 8_960,
        contractualCents: 7_300,
        patientResponsibilityCents: 2_240,
        otherCents: 0,
      },
    ]);
  });

  it('plans a reversal with every amount negative', () => {
    const reversal: ClaimPaymentDto = {
      ...scenario2Payment,
      statusCode: '22',
      charge: { amount: -18_500, currency: 'USD' },
      paid: { amount: -8_960, currency: 'USD' },
      serviceLines: scenario2Payment.serviceLines.map((line) => ({
        ...line,
        adjustments: line.adjustments.map((a) => ({ ...a, amount: { amount: -a.amount.amount, currency: 'USD' as const } })),
      })),
    };
    const plan = planClaimPaymentPosting(reversal, [{ departmentCode: '7100', chargeCents: 18_500 }]);
    expect(plan.items.map((i) => [i.type, i.amountCents])).toEqual([
      ['payment', -8_960],
      ['adjustment', -7_300],
      ['transfer', -2_240],
    ]);
    expect(plan.departments[0]).toMatchObject({ chargeCents: -18_500, paidCents: -8_960 });
    expect(claimPaymentOutcome(reversal)).toBe('reversal');
  });

  it.each<[string, Partial<ClaimPaymentDto>, string]>([
    ['processed and paid', {}, 'paid'],
    ['CLP02 4', { statusCode: '4' }, 'denied'],
    [
      'nothing paid and no patient share',
      { paid: { amount: 0, currency: 'USD' }, patientResponsibility: { amount: 0, currency: 'USD' } },
      'denied',
    ],
    [
      'a line denied CO-96 beside a paid one',
      {
        serviceLines: [
          ...scenario2Payment.serviceLines,
          {
            charge: { amount: 5_000, currency: 'USD' },
            paid: { amount: 0, currency: 'USD' },
            adjustments: [{ group: 'CO', reason: { system: 'carc', code: '96' }, amount: { amount: 5_000, currency: 'USD' } }],
            remarks: [],
          },
        ],
      },
      'partially-paid',
    ],
  ])('reads %s as %s', (_name, change, outcome) => {
    expect(claimPaymentOutcome({ ...scenario2Payment, ...change })).toBe(outcome);
  });
});

describe('allocation', () => {
  it('always adds up to the amount, with no part beyond its share by more than a cent', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -10_000_000, max: 10_000_000 }),
        fc.array(fc.integer({ min: 1, max: 5_000_000 }), { minLength: 1, maxLength: 8 }),
        (amount, weights) => {
          const parts = allocateByWeight(
            amount,
            weights.map((weight, i) => ({ key: `d${i}`, weight })),
          );
          const values = [...parts.values()];
          expect(values.reduce((a, b) => a + b, 0)).toBe(amount);
          const total = weights.reduce((a, b) => a + b, 0);
          weights.forEach((weight, i) => expect(Math.abs(parts.get(`d${i}`)! - (amount * weight) / total)).toBeLessThan(1));
        },
      ),
    );
  });

  it.each([
    [11_200, 20, 2_240],
    [11_203, 20, 2_241],
    [12_502, 20, 2_500],
    [-11_203, 20, -2_241],
  ])('takes %s × %s %% as %s cents, half up', (amount, percent, expected) => {
    expect(percentOf(amount, percent)).toBe(expected);
  });
});
