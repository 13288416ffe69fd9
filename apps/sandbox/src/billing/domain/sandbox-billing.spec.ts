import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openBillingStore } from '../persistence/billing-store';
import { accountBalances } from './account-balances';
import { BillingDomainError, BillingErrorCode } from './billing-domain.error';
import { type CreateAccountInput, SandboxBilling } from './sandbox-billing';

const clock = () => new Date('2026-11-05T09:00:00Z');
let keys = 0;
const key = () => `k-${++keys}`;

const AVERY_ACCOUNT: CreateAccountInput = {
  encounterRef: 'enc-aq-tka',
  visitNo: 'V-CG-7781',
  facilityId: 'concord-general',
  patientClass: 'I',
  department: '6100',
  patient: { mrn: 'CG-100234', ehrPatientId: 'avery-quinn', lastName: 'Quinn', firstName: 'Avery', birthDate: '1957-03-14', sex: 'F' },
  admitDate: '2026-11-02',
  admitHour: '0830',
  admitType: '3',
  admitSource: '1',
  dischargeDate: '2026-11-04',
  dischargeStatus: '01',
  attending: { npi: '1245319599', lastName: 'Park', firstName: 'Ellis', taxonomy: '207X00000X' },
  coverages: [{ priority: 1, payerId: 'MCRA1', memberId: '1EG4TE5MK73', relationship: 'SELF' }],
};

const SCENARIO_1_CHARGES = [
  { chargeCode: 'RB-SEMI', qty: 2, serviceDate: '2026-11-02', sourceRef: 'chg-aq-rb-semi' },
  { chargeCode: 'OR-ORTHO-60', qty: 1, serviceDate: '2026-11-02', sourceRef: 'chg-aq-or-ortho' },
  { chargeCode: 'IMP-KNEE', qty: 1, serviceDate: '2026-11-02', sourceRef: 'chg-aq-imp-knee' },
  { chargeCode: 'RX-GEN', qty: 1, serviceDate: '2026-11-03', sourceRef: 'chg-aq-rx-gen' },
  { chargeCode: 'LAB-CBC', qty: 1, serviceDate: '2026-11-03', sourceRef: 'chg-aq-lab-cbc' },
];

function refusal(action: () => unknown): BillingDomainError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(BillingDomainError);
    return error as BillingDomainError;
  }
  throw new Error('expected a refusal');
}

function scenario1(billing: SandboxBilling): string {
  const account = billing.createAccount(AVERY_ACCOUNT, { idempotencyKey: key() }).result;
  for (const charge of SCENARIO_1_CHARGES) billing.postCharge(account.accountNo, charge, { idempotencyKey: key() });
  return account.accountNo;
}

describe('SandboxBilling', () => {
  it('numbers accounts per facility and prices scenario 1 from the chargemaster to 28,650.00 by department', () => {
    const billing = new SandboxBilling(clock);
    const accountNo = scenario1(billing);
    expect(accountNo).toBe('CG-A-000001');
    const charges = billing.accountCharges(accountNo);
    expect(charges.map((c) => [c.chargeCode, c.revenueCode, c.department, c.amountCents])).toEqual([
      ['RB-SEMI', '0120', '6200', 560_000],
      ['OR-ORTHO-60', '0360', '6300', 950_000],
      ['IMP-KNEE', '0278', '6300', 1_260_000],
      ['RX-GEN', '0250', '6400', 64_000],
      ['LAB-CBC', '0300', '6500', 31_000],
    ]);
    expect(charges[0].serviceDateEnd).toBe('2026-11-03');
    expect(charges[2].procedure).toEqual({ type: 'HCPCS', code: 'C1776' });
    expect(billing.account(accountNo).balances).toMatchObject({
      chargesCents: 2_865_000,
      insuranceBalanceCents: 2_865_000,
      totalBalanceCents: 2_865_000,
    });
    const clinic = billing.createAccount(
      { ...AVERY_ACCOUNT, encounterRef: 'enc-other', facilityId: 'concord-riverside', patientClass: 'O' },
      { idempotencyKey: key() },
    );
    expect(clinic.result.accountNo).toBe('CR-A-000001');
  });

  it('prices a charge at the price effective on its service date', () => {
    const billing = new SandboxBilling(clock);
    const account = billing.createAccount(
      { ...AVERY_ACCOUNT, admitDate: '2025-12-30', dischargeDate: '2026-01-02' },
      { idempotencyKey: key() },
    ).result;
    const december = billing.postCharge(
      account.accountNo,
      { chargeCode: 'RB-SEMI', qty: 1, serviceDate: '2025-12-31' },
      { idempotencyKey: key() },
    );
    const january = billing.postCharge(
      account.accountNo,
      { chargeCode: 'RB-SEMI', qty: 1, serviceDate: '2026-01-01' },
      { idempotencyKey: key() },
    );
    expect([december.result.unitPriceCents, january.result.unitPriceCents]).toEqual([265_000, 280_000]);
    const error = refusal(() =>
      billing.postCharge(account.accountNo, { chargeCode: 'IMP-KNEE', qty: 1, serviceDate: '2025-12-31' }, { idempotencyKey: key() }),
    );
    expect([error.code, error.details.field]).toEqual([BillingErrorCode.NO_PRICE_ON_DATE, 'service_date']);
  });

  it.each([
    [
      'an unknown charge code',
      { chargeCode: 'NOPE', qty: 1, serviceDate: '2026-11-02' },
      BillingErrorCode.UNKNOWN_CHARGE_CODE,
      'charge_code',
    ],
    ['a zero quantity', { chargeCode: 'RX-GEN', qty: 0, serviceDate: '2026-11-02' }, BillingErrorCode.VALIDATION_FAILED, 'qty'],
    [
      'a service date before admission',
      { chargeCode: 'RX-GEN', qty: 1, serviceDate: '2026-11-01' },
      BillingErrorCode.VALIDATION_FAILED,
      'service_date',
    ],
    [
      'a bad performer NPI',
      { chargeCode: 'RX-GEN', qty: 1, serviceDate: '2026-11-02', performingNpi: '1245319598' },
      BillingErrorCode.VALIDATION_FAILED,
      'performing_npi',
    ],
    [
      'a credit of more than was charged',
      { chargeCode: 'RX-GEN', qty: -2, serviceDate: '2026-11-03' },
      BillingErrorCode.VALIDATION_FAILED,
      'qty',
    ],
    [
      'a source charge posted twice',
      { chargeCode: 'RX-GEN', qty: 1, serviceDate: '2026-11-03', sourceRef: 'chg-aq-rx-gen' },
      BillingErrorCode.DUPLICATE_CHARGE,
      'source_ref',
    ],
  ])('refuses %s and changes nothing', (_name, input, code, field) => {
    const billing = new SandboxBilling(clock);
    const accountNo = scenario1(billing);
    const before = billing.account(accountNo);
    const error = refusal(() => billing.postCharge(accountNo, input, { idempotencyKey: key() }));
    expect([error.code, error.details.field]).toEqual([code, field]);
    expect(billing.account(accountNo)).toEqual(before);
  });

  it('credits earlier units with a negative quantity', () => {
    const billing = new SandboxBilling(clock);
    const accountNo = scenario1(billing);
    const credit = billing.postCharge(accountNo, { chargeCode: 'RX-GEN', qty: -1, serviceDate: '2026-11-03' }, { idempotencyKey: key() });
    expect(credit.result.amountCents).toBe(-64_000);
    expect(billing.account(accountNo).balances.chargesCents).toBe(2_801_000);
  });

  it('keeps one account per encounter and names the existing one', () => {
    const billing = new SandboxBilling(clock);
    const accountNo = scenario1(billing);
    const error = refusal(() => billing.createAccount(AVERY_ACCOUNT, { idempotencyKey: key() }));
    expect([error.code, error.details.existing]).toEqual([BillingErrorCode.DUPLICATE_ACCOUNT, accountNo]);
  });

  it.each([
    [
      'an uncontracted payer',
      { coverages: [{ priority: 1, payerId: 'ZZZ99', relationship: 'SELF' as const }] },
      BillingErrorCode.UNKNOWN_PAYER,
    ],
    ['an unknown facility', { facilityId: 'nowhere' }, BillingErrorCode.UNKNOWN_FACILITY],
    ['a discharge before admission', { dischargeDate: '2026-11-01' }, BillingErrorCode.VALIDATION_FAILED],
    [
      'a dependant coverage without its subscriber',
      { coverages: [{ priority: 1, payerId: 'BMCD1', relationship: 'CHILD' as const }] },
      BillingErrorCode.VALIDATION_FAILED,
    ],
    [
      'an attending NPI failing its check digit',
      { attending: { npi: '1245319598', lastName: 'Park' } },
      BillingErrorCode.VALIDATION_FAILED,
    ],
  ])('refuses an account with %s', (_name, change, code) => {
    const billing = new SandboxBilling(clock);
    expect(refusal(() => billing.createAccount({ ...AVERY_ACCOUNT, ...change }, { idempotencyKey: key() })).code).toBe(code);
    expect(billing.listAccounts()).toEqual([]);
  });

  it('posts scenario 1 remittance (paid, CO-45, PR-1 transfer) and leaves the payer balance at exactly 0.00', () => {
    const billing = new SandboxBilling(clock);
    const accountNo = scenario1(billing);
    billing.postTransactions(
      accountNo,
      {
        claimRef: 'CG-A-000001-01',
        remitRef: 'EFT20261120001',
        payerId: 'MCRA1',
        items: [
          { type: 'PAYMENT', amountCents: 1_327_400 },
          { type: 'ADJUSTMENT', amountCents: 1_370_000, groupCode: 'CO', reasonCode: '45' },
          { type: 'TRANSFER', amountCents: 167_600, groupCode: 'PR', reasonCode: '1' },
        ],
      },
      { idempotencyKey: key() },
    );
    const account = billing.account(accountNo);
    expect(account.balances).toEqual({
      chargesCents: 2_865_000,
      insurancePaymentsCents: 1_327_400,
      patientPaymentsCents: 0,
      adjustmentsCents: 1_370_000,
      transfersToPatientCents: 167_600,
      insuranceBalanceCents: 0,
      patientBalanceCents: 167_600,
      totalBalanceCents: 167_600,
    });
    billing.postTransactions(
      accountNo,
      { items: [{ type: 'PAYMENT', amountCents: 167_600, payerId: 'PATIENT' }] },
      { idempotencyKey: key() },
    );
    expect(billing.account(accountNo).status).toBe('SETTLED');
  });

  it('posts a batch all or nothing', () => {
    const billing = new SandboxBilling(clock);
    const accountNo = scenario1(billing);
    const error = refusal(() =>
      billing.postTransactions(
        accountNo,
        {
          payerId: 'MCRA1',
          items: [
            { type: 'PAYMENT', amountCents: 100 },
            { type: 'ADJUSTMENT', amountCents: 100, reasonCode: '45' },
          ],
        },
        { idempotencyKey: key() },
      ),
    );
    expect(error.details.field).toBe('items[1].group_code');
    expect(billing.accountTransactions(accountNo)).toEqual([]);
  });

  it('replays the first result for a repeated key and refuses the key for another command', () => {
    const billing = new SandboxBilling(clock);
    const accountNo = scenario1(billing);
    const input = { chargeCode: 'LAB-STREP', qty: 1, serviceDate: '2026-11-03' };
    const first = billing.postCharge(accountNo, input, { idempotencyKey: 'same' });
    const again = billing.postCharge(accountNo, input, { idempotencyKey: 'same' });
    expect(again).toEqual({ result: first.result, replayed: true });
    expect(billing.accountCharges(accountNo)).toHaveLength(6);
    expect(refusal(() => billing.postCharge(accountNo, { ...input, qty: 2 }, { idempotencyKey: 'same' })).code).toBe(
      BillingErrorCode.IDEMPOTENCY_KEY_REUSED,
    );
  });

  it('bills a self-pay account to the patient from the start', () => {
    expect(
      accountBalances({
        charges: [{ amountCents: 18_500 }],
        transactions: [{ type: 'PAYMENT', amountCents: 5_000, payerId: 'PATIENT' }],
        selfPay: true,
      }),
    ).toMatchObject({ insuranceBalanceCents: 0, patientBalanceCents: 13_500, totalBalanceCents: 13_500 });
  });
});

describe('billing command log', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('rebuilds accounts, charges, transactions and idempotency keys after a restart, and cuts a torn last line', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'billing-log-'));
    dirs.push(dataDir);
    const first = openBillingStore({ dataDir, clock, durable: false });
    const accountNo = scenario1(first.billing);
    first.billing.postTransactions(
      accountNo,
      { payerId: 'MCRA1', items: [{ type: 'PAYMENT', amountCents: 1_000 }] },
      { idempotencyKey: 'pay-1' },
    );
    const before = first.billing.account(accountNo);
    first.close();
    const path = join(dataDir, 'billing-commands.jsonl');
    writeFileSync(path, `${readFileSync(path, 'utf8')}0123456789abcdef {"seq":9`);

    const second = openBillingStore({ dataDir, clock, durable: false });
    expect(second.billing.account(accountNo)).toEqual(before);
    expect(second.billing.accountCharges(accountNo)).toHaveLength(5);
    const replay = second.billing.postTransactions(
      accountNo,
      { payerId: 'MCRA1', items: [{ type: 'PAYMENT', amountCents: 1_000 }] },
      { idempotencyKey: 'pay-1' },
    );
    expect(replay.replayed).toBe(true);
    expect(second.billing.createAccount({ ...AVERY_ACCOUNT, encounterRef: 'enc-2' }, { idempotencyKey: key() }).result.accountNo).toBe(
      'CG-A-000002',
    );
    second.close();
  });
});
