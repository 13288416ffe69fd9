/**
 * The shared contract suite of BillingPort: test support, imported only by spec files. Every adapter
 * runs it against a real platform seeded with ../shared/SCENARIOS.md's reference data; it reproduces
 * scenario 1's charges (28,650.00 by department) and remittance posting to the cent, and the refusals
 * system-api relies on. Each group gets a fresh platform from the factory.
 *
 * What it assumes of the seed: facility concord-general (NPI 1234567893, institutional) and
 * concord-riverside (professional); the chargemaster of SCENARIOS.md at 2026 prices; payers MCRA1
 * (DRG 470 at 14,950.00, deductible 1,676.00), KHP01 (99213 allowed 112.00, 20 % coinsurance), BMCD1
 * (requires a member id) and a self-pay payer.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CodeSystem } from '@concord/contracts';
import { BillingConnectorException, BillingConnectorExceptionCode as Code } from './billing-connector.exception';
import type { BillingPort, CreateBillingAccount } from './billing.port';

export interface BillingPortFixture {
  port: BillingPort;
  close(): Promise<void>;
}

export async function billingRejection(promise: Promise<unknown>): Promise<BillingConnectorException> {
  const error = await promise.then(
    (value) => {
      throw new Error(`expected the billing platform to refuse, got ${JSON.stringify(value)}`);
    },
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(BillingConnectorException);
  return error as BillingConnectorException;
}

/** Scenario 1's account (Avery Quinn's knee replacement, Medicare Part A) for a given encounter id. */
export function scenario1Account(encounterId = `enc-${randomUUID().slice(0, 8)}`): CreateBillingAccount {
  return {
    encounterId,
    visitNumber: 'V-CG-7781',
    facilityId: 'concord-general',
    patientClass: 'inpatient',
    departmentCode: '6100',
    patient: {
      id: 'avery-quinn',
      mrn: 'CG-100234',
      name: { family: 'Quinn', given: ['Avery'] },
      birthDate: '1957-03-14',
      gender: 'female',
      address: { line: ['12 Harbour Lane'], city: 'Concord', state: 'NH', postalCode: '03301' },
    },
    admission: { date: '2026-11-02', hour: '0830', typeCode: '3', sourceCode: '1' },
    discharge: { date: '2026-11-04', statusCode: '01' },
    attending: { name: 'Park', firstName: 'Ellis', npi: '1245319599', taxonomy: '207X00000X' },
    coverages: [{ order: 1, payerId: 'MCRA1', memberId: '1EG4TE5MK73', relationship: 'self' }],
  };
}

export const SCENARIO_1_CHARGES = [
  { chargeCode: 'RB-SEMI', quantity: 2, serviceDate: '2026-11-02', sourceChargeId: 'chg-aq-rb-semi' },
  { chargeCode: 'OR-ORTHO-60', quantity: 1, serviceDate: '2026-11-02', sourceChargeId: 'chg-aq-or-ortho' },
  { chargeCode: 'IMP-KNEE', quantity: 1, serviceDate: '2026-11-02', sourceChargeId: 'chg-aq-imp-knee' },
  { chargeCode: 'RX-GEN', quantity: 1, serviceDate: '2026-11-03', sourceChargeId: 'chg-aq-rx-gen' },
  { chargeCode: 'LAB-CBC', quantity: 1, serviceDate: '2026-11-03', sourceChargeId: 'chg-aq-lab-cbc' },
];

const key = () => randomUUID();

export function describeBillingPortContract(name: string, factory: () => Promise<BillingPortFixture>): void {
  describe(`BillingPort contract: ${name}`, () => {
    let fixture: BillingPortFixture;
    beforeAll(async () => {
      fixture = await factory();
    });
    afterAll(async () => {
      await fixture.close();
    });
    const port = () => fixture.port;

    it('serves the facilities, the chargemaster at a date and the payer contracts', async () => {
      const facilities = await port().listFacilities();
      expect(facilities.find((f) => f.id === 'concord-general')).toMatchObject({ npi: '1234567893', claimKind: 'institutional' });
      expect((await port().getFacility('concord-riverside')).claimKind).toBe('professional');
      const chargemaster = await port().listChargemaster('2026-11-02');
      expect(chargemaster.find((c) => c.chargeCode === 'IMP-KNEE')).toMatchObject({
        revenueCode: '0278',
        procedureCode: { system: CodeSystem.HCPCS, code: 'C1776' },
        price: { amount: 1_260_000, currency: 'USD' },
      });
      expect((await port().getChargemasterEntry('OV-EST-3', '2025-06-01')).price?.amount).toBe(17_500);
      const medicare = await port().getPayer('MCRA1');
      expect(medicare).toMatchObject({
        claimFilingIndicator: 'MA',
        drgPayments: [{ drg: '470', payment: { amount: 1_495_000 } }],
        patientShare: { deductible: { amount: 167_600 } },
      });
      const keystone = await port().getPayer('KHP01');
      expect(keystone.feeSchedule.find((f) => f.procedureCode?.code === '99213')?.allowed.amount).toBe(11_200);
      expect(keystone.patientShare.coinsurancePercent).toBe(20);
      expect((await port().listPayers()).some((p) => p.selfPay)).toBe(true);
      expect((await billingRejection(port().getPayer('NOPE1'))).code).toBe(Code.NOT_FOUND);
    });

    it('keeps scenario 1 on one account: charges by department to 28,650.00, coding, and a remittance that balances to the cent', async () => {
      const input = scenario1Account();
      const account = await port().createAccount(input, { idempotencyKey: key() });
      expect(account).toMatchObject({
        encounterId: input.encounterId,
        patientClass: 'inpatient',
        status: 'ready-to-bill',
        patient: { mrn: 'CG-100234', name: { family: 'Quinn' } },
      });
      expect((await port().findAccounts({ encounterId: input.encounterId })).map((a) => a.id)).toEqual([account.id]);
      for (const charge of SCENARIO_1_CHARGES) await port().postCharge(account.id, charge, { idempotencyKey: key() });
      const charges = await port().listCharges(account.id);
      expect(charges.map((c) => [c.chargeCode, c.departmentCode, c.amount?.amount, c.sourceChargeId])).toEqual([
        ['RB-SEMI', '6200', 560_000, 'chg-aq-rb-semi'],
        ['OR-ORTHO-60', '6300', 950_000, 'chg-aq-or-ortho'],
        ['IMP-KNEE', '6300', 1_260_000, 'chg-aq-imp-knee'],
        ['RX-GEN', '6400', 64_000, 'chg-aq-rx-gen'],
        ['LAB-CBC', '6500', 31_000, 'chg-aq-lab-cbc'],
      ]);
      expect(charges[0]).toMatchObject({
        patient: { mrn: 'CG-100234' },
        encounterId: input.encounterId,
        serviceDateEnd: '2026-11-03',
        status: 'posted',
      });
      const coded = await port().setCoding(
        account.id,
        {
          status: 'final',
          drg: '470',
          diagnoses: [{ code: { system: CodeSystem.ICD10_CM, code: 'M17.12' }, role: 'principal', presentOnAdmission: 'Y' }],
          procedures: [{ code: { system: CodeSystem.ICD10_PCS, code: '0SRD0JZ' }, role: 'principal', date: '2026-11-02' }],
        },
        { idempotencyKey: key() },
      );
      expect(coded.coding).toMatchObject({ status: 'final', drg: '470', diagnoses: [{ role: 'principal', presentOnAdmission: 'Y' }] });
      await port().postTransactions(
        account.id,
        {
          claimReference: `${account.accountNumber}-01`,
          payerId: 'MCRA1',
          items: [
            { type: 'payment', amountCents: 1_327_400 },
            { type: 'adjustment', amountCents: 1_370_000, group: 'CO', reasonCode: '45' },
            { type: 'transfer', amountCents: 167_600, group: 'PR', reasonCode: '1' },
          ],
        },
        { idempotencyKey: key() },
      );
      const after = await port().getAccount(account.id);
      expect([after.balances.charges.amount, after.balances.insuranceBalance.amount, after.balances.patientBalance.amount]).toEqual([
        2_865_000, 0, 167_600,
      ]);
      const transactions = await port().listTransactions(account.id);
      expect(transactions.map((t) => [t.type, t.amount.amount, t.group, t.reasonCode])).toEqual([
        ['payment', 1_327_400, undefined, undefined],
        ['adjustment', 1_370_000, 'CO', '45'],
        ['transfer', 167_600, 'PR', '1'],
      ]);
    });

    it('replays a posting made twice with one key and refuses the key for another posting', async () => {
      const account = await port().createAccount(scenario1Account(), { idempotencyKey: key() });
      const postingKey = key();
      const charge = { chargeCode: 'RX-GEN', quantity: 1, serviceDate: '2026-11-03' };
      const first = await port().postCharge(account.id, charge, { idempotencyKey: postingKey });
      const again = await port().postCharge(account.id, charge, { idempotencyKey: postingKey });
      expect(again.id).toBe(first.id);
      expect(await port().listCharges(account.id)).toHaveLength(1);
      expect((await billingRejection(port().postCharge(account.id, { ...charge, quantity: 2 }, { idempotencyKey: postingKey }))).code).toBe(
        Code.IDEMPOTENCY_KEY_REUSED,
      );
    });

    it('refuses what the platform refuses, naming the existing record or the field', async () => {
      const input = scenario1Account();
      const account = await port().createAccount(input, { idempotencyKey: key() });
      const duplicate = await billingRejection(port().createAccount(input, { idempotencyKey: key() }));
      expect([duplicate.code, duplicate.existing]).toEqual([Code.DUPLICATE_ACCOUNT, account.id]);
      const charge = { ...SCENARIO_1_CHARGES[0], sourceChargeId: `chg-${randomUUID().slice(0, 8)}` };
      await port().postCharge(account.id, charge, { idempotencyKey: key() });
      const twice = await billingRejection(port().postCharge(account.id, charge, { idempotencyKey: key() }));
      expect(twice.code).toBe(Code.DUPLICATE_CHARGE);
      const unknown = await billingRejection(
        port().postCharge(account.id, { chargeCode: 'NOPE', quantity: 1, serviceDate: '2026-11-02' }, { idempotencyKey: key() }),
      );
      expect([unknown.code, unknown.fieldErrors[0]?.name]).toEqual([Code.UNKNOWN_CHARGE_CODE, 'chargeCode']);
      const payer = await billingRejection(
        port().createAccount(
          { ...scenario1Account(), coverages: [{ order: 1, payerId: 'ZZZ99', relationship: 'self' }] },
          { idempotencyKey: key() },
        ),
      );
      expect(payer.code).toBe(Code.UNKNOWN_PAYER);
      expect((await billingRejection(port().getAccount('XX-A-999999'))).code).toBe(Code.NOT_FOUND);
    });

    it('changes coverages with If-Match and refuses a stale version', async () => {
      const account = await port().createAccount(scenario1Account(), { idempotencyKey: key() });
      const coverages = [{ order: 1, payerId: 'MCRA1', memberId: '1EG4TE5MK74', relationship: 'self' as const }];
      const changed = await port().updateAccount(account.id, { coverages }, { idempotencyKey: key(), ifMatch: account.version });
      expect(changed.coverages[0].memberId).toBe('1EG4TE5MK74');
      const stale = await billingRejection(
        port().updateAccount(account.id, { coverages }, { idempotencyKey: key(), ifMatch: account.version }),
      );
      expect(stale.code).toBe(Code.VERSION_CONFLICT);
    });
  });
}
