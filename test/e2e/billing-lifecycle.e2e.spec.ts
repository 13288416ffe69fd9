import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readX12 } from '@concord/connectors/x12';
import type { PaymentPostedDataDto, ClaimSubmittedDataDto, ClaimRejectedDataDto, ChargePostedDataDto } from '@concord/contracts';
import { accountFor, type BillingStack, codingFor, readEncounter, startBillingStack } from './billing-e2e.helpers';

/**
 * Patient-to-cash through the real stack: a discharged sandbox encounter becomes a billing account
 * with its EHR charges and final coding, a validated 837 the sandbox clearinghouse acknowledges
 * (999, 277CA) and pays (835), whose payments and adjustments post to the right claims and balance
 * to the cent (../shared/SCENARIOS.md scenarios 1, 2, 3 and 6).
 */
describe('billing lifecycle (scenarios 1, 2, 3 and 6)', () => {
  let billing: BillingStack;
  beforeAll(async () => {
    billing = await startBillingStack();
  });
  afterAll(async () => {
    await billing?.close();
  });

  /** Registers the encounter's account, posts its EHR charges and codes it: what the patient-to-cash flow will do. */
  async function registerEncounter(encounterId: string, drg?: string, accountOverrides: Record<string, unknown> = {}) {
    const ehr = await readEncounter(billing.stack, encounterId);
    const created = await billing.call('POST', '/billing/v1/accounts', accountFor(ehr, accountOverrides));
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const accountId = created.body.id as string;
    for (const charge of ehr.charges) {
      const posted = await billing.call('POST', `/billing/v1/accounts/${accountId}/charges`, {
        chargeCode: charge.chargeCode,
        quantity: charge.quantity,
        serviceDate: charge.serviceDate,
        ...(charge.departmentCode ? { departmentCode: charge.departmentCode } : {}),
        ...(charge.performerNpi ? { performerNpi: charge.performerNpi } : {}),
        sourceChargeId: charge.id,
      });
      expect(posted.status, JSON.stringify(posted.body)).toBe(201);
    }
    const coded = await billing.call('PUT', `/billing/v1/accounts/${accountId}/coding`, codingFor(ehr, drg));
    expect(coded.status, JSON.stringify(coded.body)).toBe(200);
    return { accountId, ehr };
  }

  it('scenario 1: the knee replacement becomes an 837I (0111, DRG 470) paid 13,274.00 with CO-45 13,700.00 and PR-1 1,676.00, and the payer balance is 0.00', async () => {
    const { accountId } = await registerEncounter('enc-aq-tka', '470');
    const account = await billing.call('GET', `/billing/v1/accounts/${accountId}`);
    expect(account.body.balances.charges).toEqual({ amount: 2_865_000, currency: 'USD' });

    const created = await billing.call('POST', '/billing/v1/claims', { accountId });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const claim = created.body;
    expect(claim).toMatchObject({
      status: 'validated',
      kind: 'institutional',
      typeOfBill: '0111',
      drg: '470',
      totalCharge: { amount: 2_865_000 },
      expected: { allowed: { amount: 1_495_000 }, patientShare: { amount: 167_600 }, payerPayment: { amount: 1_327_400 }, contractualAllowance: { amount: 1_370_000 } },
    });
    expect(claim.departments).toEqual([
      { departmentCode: '6200', charge: { amount: 560_000, currency: 'USD' } },
      { departmentCode: '6300', charge: { amount: 2_210_000, currency: 'USD' } },
      { departmentCode: '6400', charge: { amount: 64_000, currency: 'USD' } },
      { departmentCode: '6500', charge: { amount: 31_000, currency: 'USD' } },
    ]);

    const submitted = await billing.call('POST', `/billing/v1/claims/${claim.id}/submit`);
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    expect(submitted.body.status).toBe('submitted');
    const x12 = await billing.call<string>('GET', `/billing/v1/claims/${claim.id}/x12`);
    expect(x12.headers.get('content-type')).toContain('application/edi-x12');
    const sent = readX12(x12.body);
    expect(sent.valid).toBe(true);
    expect(x12.body).toContain(`CLM*${claim.patientControlNumber}*28650*`);
    expect(x12.body).toContain('*11:A:1*');
    expect(x12.body).toContain('HI*DR:470');

    const exchanged = await billing.exchangeNow();
    expect(exchanged.failed).toEqual([]);
    const after = await billing.call('GET', `/billing/v1/claims/${claim.id}`);
    expect(after.body.status).toBe('paid');
    expect(after.body.statusHistory.map((h: { status: string }) => h.status)).toEqual(['draft', 'validated', 'submitted', 'acknowledged', 'accepted', 'paid']);
    expect(after.body.payerClaimControlNumber).toMatch(/^MCR\d{13}$/);
    expect(after.body.payments).toMatchObject([{ statusCode: '1', paid: { amount: 1_327_400 }, patientResponsibility: { amount: 167_600 }, postingStatus: 'posted' }]);

    const balances = (await billing.call('GET', `/billing/v1/accounts/${accountId}`)).body.balances;
    expect(balances).toMatchObject({
      charges: { amount: 2_865_000 },
      insurancePayments: { amount: 1_327_400 },
      adjustments: { amount: 1_370_000 },
      transfersToPatient: { amount: 167_600 },
      insuranceBalance: { amount: 0 },
      patientBalance: { amount: 167_600 },
    });
    const transactions = (await billing.call('GET', `/billing/v1/accounts/${accountId}/transactions`)).body.items;
    expect(transactions.map((t: { type: string; amount: { amount: number }; group?: string; reasonCode?: string }) => [t.type, t.amount.amount, t.group, t.reasonCode])).toEqual([
      ['payment', 1_327_400, undefined, undefined],
      ['adjustment', 1_370_000, 'CO', '45'],
      ['transfer', 167_600, 'PR', '1'],
    ]);

    const [submittedEvent] = (await billing.events('billing.claim.submitted.v1')).filter((e) => (e.data as ClaimSubmittedDataDto).claimId === claim.id);
    const submittedData = submittedEvent.data as ClaimSubmittedDataDto;
    expect(submittedData.departments.map((d) => [d.departmentCode, d.charge.amount])).toEqual([
      ['6200', 560_000],
      ['6300', 2_210_000],
      ['6400', 64_000],
      ['6500', 31_000],
    ]);
    expect(submittedData.departments.reduce((sum, d) => sum + d.expectedContractualAllowance.amount, 0)).toBe(1_370_000);
    expect(submittedData.patientClass).toBe('inpatient');
    expect(submittedEvent.partitionkey).toBe(accountId);
    const [posted] = (await billing.events('billing.payment.posted.v1')).filter((e) => (e.data as PaymentPostedDataDto).claimId === claim.id);
    const postedData = posted.data as PaymentPostedDataDto;
    expect([postedData.paid.amount, postedData.contractualAdjustment.amount, postedData.patientResponsibility.amount]).toEqual([1_327_400, 1_370_000, 167_600]);
    for (const column of ['paid', 'contractualAdjustment', 'patientResponsibility'] as const)
      expect(postedData.departments.reduce((sum, d) => sum + d[column].amount, 0)).toBe(postedData[column].amount);
    const types = (await billing.events()).filter((e) => (e.data as { claimId?: string }).claimId === claim.id).map((e) => e.type);
    expect(types).toEqual(['billing.claim.submitted.v1', 'billing.claim.acknowledged.v1', 'billing.claim.accepted.v1', 'billing.payment.posted.v1']);
  });
});
