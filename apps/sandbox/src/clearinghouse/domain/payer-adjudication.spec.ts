import { describe, expect, it } from 'vitest';
import { type ClaimDto, type ClaimPaymentDto, usd } from '@concord/contracts';
import {
  SCENARIO_1_CLAIM,
  SCENARIO_2_CLAIM,
  SCENARIO_3_CLAIM,
  SCENARIO_6_CORRECTED_CLAIM,
} from '@concord/connectors/x12/examples/demo-hospital.examples';
import { SEED_PAYERS } from '../../billing/domain/billing-seed';
import { reviewClaim } from './claim-review';
import { adjudicate, type AdjudicationContext, reversalOf } from './payer-adjudication';

const payer = (id: string) => SEED_PAYERS.find((p) => p.payerId === id)!;
const context = (overrides: Partial<AdjudicationContext> = {}): AdjudicationContext => ({
  receivedOn: '2026-11-12',
  payerClaimNumber: 'PCN-1',
  duplicate: false,
  ...overrides,
});

/** [group, reason, cents] of the claim- and line-level adjustments. */
function cas(payment: ClaimPaymentDto): [string, string, number][] {
  return [...payment.adjustments, ...payment.serviceLines.flatMap((line) => line.adjustments)].map((a) => [
    a.group,
    a.reason.code,
    a.amount.amount,
  ]);
}

function balances(payment: ClaimPaymentDto): boolean {
  const adjusted = cas(payment).reduce((total, [, , cents]) => total + cents, 0);
  const lines = payment.serviceLines.every(
    (line) => line.charge.amount - line.paid.amount === line.adjustments.reduce((t, a) => t + a.amount.amount, 0),
  );
  return payment.charge.amount - payment.paid.amount === adjusted && lines;
}

describe('sandbox payer adjudication', () => {
  it.each<
    [
      string,
      ClaimDto,
      string,
      Partial<AdjudicationContext>,
      { status: string; paid: number; patient: number; cas: [string, string, number][] },
    ]
  >([
    [
      'scenario 1: Medicare Part A pays DRG 470 less the Part A deductible',
      SCENARIO_1_CLAIM,
      'MCRA1',
      {},
      {
        status: '1',
        paid: 1_327_400,
        patient: 167_600,
        cas: [
          ['CO', '45', 1_370_000],
          ['PR', '1', 167_600],
        ],
      },
    ],
    [
      'scenario 2: Keystone allows 112.00 for 99213 and pays 80 %',
      SCENARIO_2_CLAIM,
      'KHP01',
      {},
      {
        status: '1',
        paid: 8_960,
        patient: 2_240,
        cas: [
          ['CO', '45', 7_300],
          ['PR', '2', 2_240],
        ],
      },
    ],
    [
      'Medicaid pays its fee schedule with no patient share (scenario 3 once the member id is added)',
      { ...SCENARIO_3_CLAIM, subscriber: { ...SCENARIO_3_CLAIM.subscriber, memberId: 'BMC-2211' } },
      'BMCD1',
      {},
      {
        status: '1',
        paid: 7_700,
        patient: 0,
        cas: [
          ['CO', '45', 12_000],
          ['CO', '45', 3_300],
        ],
      },
    ],
    [
      'timely filing exceeded → denied CO-29',
      SCENARIO_2_CLAIM,
      'KHP01',
      { receivedOn: '2027-06-01' },
      { status: '4', paid: 0, patient: 0, cas: [['CO', '29', 18_500]] },
    ],
    [
      'an original claim adjudicated before → denied CO-18',
      SCENARIO_2_CLAIM,
      'KHP01',
      { duplicate: true },
      { status: '4', paid: 0, patient: 0, cas: [['CO', '18', 18_500]] },
    ],
    [
      'an inpatient claim without a DRG → denied CO-16',
      { ...SCENARIO_1_CLAIM, drg: undefined },
      'MCRA1',
      {},
      { status: '4', paid: 0, patient: 0, cas: [['CO', '16', 2_865_000]] },
    ],
    [
      'a line the fee schedule does not price → CO-96, the rest paid',
      {
        ...SCENARIO_2_CLAIM,
        lines: [
          ...SCENARIO_2_CLAIM.lines,
          {
            ...SCENARIO_2_CLAIM.lines[0],
            lineNumber: 2,
            procedureCode: { system: 'http://www.ama-assn.org/go/cpt', code: '99999' },
            charge: usd(5_000),
          },
        ],
        totalCharge: usd(23_500),
      },
      'KHP01',
      {},
      {
        status: '1',
        paid: 8_960,
        patient: 2_240,
        cas: [
          ['CO', '45', 7_300],
          ['PR', '2', 2_240],
          ['CO', '96', 5_000],
        ],
      },
    ],
    [
      'every line unpriced → the claim is denied',
      {
        ...SCENARIO_2_CLAIM,
        lines: [{ ...SCENARIO_2_CLAIM.lines[0], procedureCode: { system: 'http://www.ama-assn.org/go/cpt', code: '99999' } }],
      },
      'KHP01',
      {},
      { status: '4', paid: 0, patient: 0, cas: [['CO', '96', 18_500]] },
    ],
  ])('%s', (_name, claim, payerId, overrides, expected) => {
    const [payment] = adjudicate(claim, payer(payerId), context(overrides));
    expect(payment.statusCode).toBe(expected.status);
    expect(payment.paid.amount).toBe(expected.paid);
    expect(payment.patientResponsibility?.amount).toBe(expected.patient);
    expect(cas(payment)).toEqual(expected.cas);
    expect(payment.payerClaimControlNumber).toBe('PCN-1');
    expect(payment.patientControlNumber).toBe(claim.patientControlNumber);
    expect(balances(payment)).toBe(true);
  });

  it('scenario 6: the corrected claim reverses the first payment, then pays both lines', () => {
    const [original] = adjudicate(SCENARIO_2_CLAIM, payer('KHP01'), context({ payerClaimNumber: 'KHP2026110900017' }));
    const [reversal, replacement] = adjudicate(
      SCENARIO_6_CORRECTED_CLAIM,
      payer('KHP01'),
      context({ payerClaimNumber: 'KHP2026111200018', original }),
    );
    expect([reversal.statusCode, reversal.patientControlNumber, reversal.payerClaimControlNumber]).toEqual([
      '22',
      'CR-A-200871-01',
      'KHP2026110900017',
    ]);
    expect([reversal.charge.amount, reversal.paid.amount, reversal.patientResponsibility?.amount]).toEqual([-18_500, -8_960, -2_240]);
    expect(cas(reversal)).toEqual([
      ['CO', '45', -7_300],
      ['PR', '2', -2_240],
    ]);
    expect([replacement.statusCode, replacement.frequencyCode, replacement.paid.amount, replacement.patientResponsibility?.amount]).toEqual(
      ['1', '7', 11_200, 2_800],
    );
    expect(cas(replacement)).toEqual([
      ['CO', '45', 7_300],
      ['PR', '2', 2_240],
      ['CO', '45', 1_700],
      ['PR', '2', 560],
    ]);
    expect([balances(reversal), balances(replacement)]).toEqual([true, true]);
    // What the provider keeps overall: the corrected claim's payment, not both.
    expect(reversal.paid.amount + replacement.paid.amount).toBe(11_200 - 8_960);
  });

  it('a void only reverses', () => {
    const [original] = adjudicate(SCENARIO_2_CLAIM, payer('KHP01'), context());
    const result = adjudicate(
      { ...SCENARIO_2_CLAIM, frequencyCode: '8', originalPayerClaimNumber: 'PCN-1' },
      payer('KHP01'),
      context({ original }),
    );
    expect(result).toEqual([reversalOf(original)]);
  });

  it('rounds coinsurance half up per line, to the cent', () => {
    const claim: ClaimDto = {
      ...SCENARIO_2_CLAIM,
      lines: [{ ...SCENARIO_2_CLAIM.lines[0], procedureCode: { system: 'cpt', code: '99213' } }],
    };
    const odd = { ...payer('KHP01'), feeSchedule: [{ codeType: 'CPT' as const, code: '99213', allowedCents: 11_203 }] };
    const [payment] = adjudicate(claim, odd, context());
    expect(cas(payment)).toEqual([
      ['CO', '45', 7_297],
      ['PR', '2', 2_241],
    ]);
    expect(payment.paid.amount).toBe(8_962);
  });
});

describe('sandbox clearinghouse front-end review (277CA)', () => {
  const known = { payerKnown: true, originalKnown: () => true, structuralErrors: false };
  it.each<[string, ClaimDto, Partial<typeof known>, string, string]>([
    ['scenario 2 accepted', SCENARIO_2_CLAIM, {}, 'accepted', 'A2:20'],
    ['scenario 3: no subscriber member id', SCENARIO_3_CLAIM, {}, 'rejected', 'A7:21'],
    ['a payer it does not route to', SCENARIO_2_CLAIM, { payerKnown: false }, 'rejected', 'A3:116'],
    ['a replacement of an unknown claim', SCENARIO_6_CORRECTED_CLAIM, { originalKnown: () => false }, 'rejected', 'A7:21'],
    ['a replacement of a known claim', SCENARIO_6_CORRECTED_CLAIM, {}, 'accepted', 'A2:20'],
    ['other guide errors in the set', SCENARIO_2_CLAIM, { structuralErrors: true }, 'rejected', 'A7:21'],
  ])('%s', (_name, claim, overrides, outcome, stc) => {
    const review = reviewClaim(claim, { ...known, ...overrides });
    expect(review.outcome).toBe(outcome);
    expect(review.statuses.map((s) => `${s.categoryCode}:${s.statusCode}`)).toEqual([stc]);
  });
});
