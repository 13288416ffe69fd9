import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readX12 } from '@concord/connectors/x12';
import type {
  ChargePostedDataDto,
  ClaimDeniedDataDto,
  ClaimRejectedDataDto,
  ClaimSubmittedDataDto,
  PaymentPostedDataDto,
} from '@concord/contracts';
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
      expected: {
        allowed: { amount: 1_495_000 },
        patientShare: { amount: 167_600 },
        payerPayment: { amount: 1_327_400 },
        contractualAllowance: { amount: 1_370_000 },
      },
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
    expect(after.body.statusHistory.map((h: { status: string }) => h.status)).toEqual([
      'draft',
      'validated',
      'submitted',
      'acknowledged',
      'accepted',
      'paid',
    ]);
    expect(after.body.payerClaimControlNumber).toMatch(/^MCR\d{13}$/);
    expect(after.body.payments).toMatchObject([
      { statusCode: '1', paid: { amount: 1_327_400 }, patientResponsibility: { amount: 167_600 }, postingStatus: 'posted' },
    ]);

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
    expect(
      transactions.map((t: { type: string; amount: { amount: number }; group?: string; reasonCode?: string }) => [
        t.type,
        t.amount.amount,
        t.group,
        t.reasonCode,
      ]),
    ).toEqual([
      ['payment', 1_327_400, undefined, undefined],
      ['adjustment', 1_370_000, 'CO', '45'],
      ['transfer', 167_600, 'PR', '1'],
    ]);

    const [submittedEvent] = (await billing.events('billing.claim.submitted.v1')).filter(
      (e) => (e.data as ClaimSubmittedDataDto).claimId === claim.id,
    );
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
    const [posted] = (await billing.events('billing.payment.posted.v1')).filter(
      (e) => (e.data as PaymentPostedDataDto).claimId === claim.id,
    );
    const postedData = posted.data as PaymentPostedDataDto;
    expect([postedData.paid.amount, postedData.contractualAdjustment.amount, postedData.patientResponsibility.amount]).toEqual([
      1_327_400, 1_370_000, 167_600,
    ]);
    for (const column of ['paid', 'contractualAdjustment', 'patientResponsibility'] as const)
      expect(postedData.departments.reduce((sum, d) => sum + d[column].amount, 0)).toBe(postedData[column].amount);
    const types = (await billing.events()).filter((e) => (e.data as { claimId?: string }).claimId === claim.id).map((e) => e.type);
    expect(types).toEqual([
      'billing.claim.submitted.v1',
      'billing.claim.acknowledged.v1',
      'billing.claim.accepted.v1',
      'billing.payment.posted.v1',
    ]);
  });

  it('scenario 2 and 6: the clinic visit is paid 89.60 (CO-45 73.00, PR-2 22.40); the late strep test makes a corrected claim (frequency 7, REF*F8) whose 835 reverses the first payment and pays both lines', async () => {
    const { accountId } = await registerEncounter('enc-jr-visit');
    const first = (await billing.call('POST', '/billing/v1/claims', { accountId })).body;
    expect(first).toMatchObject({
      status: 'validated',
      kind: 'professional',
      placeOfService: '11',
      frequencyCode: '1',
      totalCharge: { amount: 18_500 },
    });
    expect(first.expected).toMatchObject({ allowed: { amount: 11_200 }, patientShare: { amount: 2_240 }, payerPayment: { amount: 8_960 } });
    expect((await billing.call('POST', `/billing/v1/claims/${first.id}/submit`)).status).toBe(200);
    await billing.exchangeNow();
    const paid = (await billing.call('GET', `/billing/v1/claims/${first.id}`)).body;
    expect(paid.status).toBe('paid');
    const payerClaimNumber = paid.payerClaimControlNumber as string;
    expect(payerClaimNumber).toMatch(/^KHP\d{13}$/);
    let balances = (await billing.call('GET', `/billing/v1/accounts/${accountId}`)).body.balances;
    expect([
      balances.insurancePayments.amount,
      balances.adjustments.amount,
      balances.patientBalance.amount,
      balances.insuranceBalance.amount,
    ]).toEqual([8_960, 7_300, 2_240, 0]);

    // Scenario 6: a DFT^P03 adds the rapid strep test to the same visit after the claim went out.
    const late = await billing.call('POST', `/billing/v1/accounts/${accountId}/charges`, {
      chargeCode: 'LAB-STREP',
      quantity: 1,
      serviceDate: '2026-11-09',
      departmentCode: '7100',
      sourceChargeId: 'dft-jr-strep-1',
    });
    expect(late.status).toBe(201);
    const lateEvent = (await billing.events('billing.charge.posted.v1')).find(
      (e) => (e.data as ChargePostedDataDto).sourceChargeId === 'dft-jr-strep-1',
    );
    expect((lateEvent?.data as ChargePostedDataDto).lateForClaimIds).toEqual([first.id]);
    const again = await billing.call('POST', '/billing/v1/claims', { accountId });
    expect([again.status, again.body.code]).toEqual([409, 'CLAIM_EXISTS']);

    const corrected = await billing.call('POST', '/billing/v1/claims', { accountId, replacesClaimId: first.id });
    expect(corrected.status, JSON.stringify(corrected.body)).toBe(201);
    expect(corrected.body).toMatchObject({
      frequencyCode: '7',
      originalPayerClaimNumber: payerClaimNumber,
      replacesClaimId: first.id,
      totalCharge: { amount: 23_000 },
    });
    expect(corrected.body.patientControlNumber).not.toBe(first.patientControlNumber);
    expect(corrected.body.lines.map((l: { procedureCode: { code: string } }) => l.procedureCode.code)).toEqual(['99213', '87880']);
    await billing.call('POST', `/billing/v1/claims/${corrected.body.id}/submit`);
    const x12 = (await billing.call<string>('GET', `/billing/v1/claims/${corrected.body.id}/x12`)).body;
    expect(x12).toContain(`REF*F8*${payerClaimNumber}~`);
    expect(x12).toContain(':B:7*');
    await billing.exchangeNow();

    const original = (await billing.call('GET', `/billing/v1/claims/${first.id}`)).body;
    expect(original).toMatchObject({ status: 'paid', replacedByClaimId: corrected.body.id });
    expect(
      original.payments.map((p: { statusCode: string; paid: { amount: number }; postingStatus: string }) => [
        p.statusCode,
        p.paid.amount,
        p.postingStatus,
      ]),
    ).toEqual([
      ['1', 8_960, 'posted'],
      ['22', -8_960, 'posted'],
    ]);
    const replacement = (await billing.call('GET', `/billing/v1/claims/${corrected.body.id}`)).body;
    expect(replacement.status).toBe('paid');
    expect(replacement.payments).toMatchObject([
      { statusCode: '1', paid: { amount: 11_200 }, patientResponsibility: { amount: 2_800 }, postingStatus: 'posted' },
    ]);
    balances = (await billing.call('GET', `/billing/v1/accounts/${accountId}`)).body.balances;
    expect([
      balances.charges.amount,
      balances.insurancePayments.amount,
      balances.adjustments.amount,
      balances.transfersToPatient.amount,
      balances.insuranceBalance.amount,
      balances.patientBalance.amount,
    ]).toEqual([23_000, 11_200, 9_000, 2_800, 0, 2_800]);
    const reversal = (await billing.events('billing.payment.posted.v1'))
      .map((e) => e.data as PaymentPostedDataDto)
      .find((d) => d.claimId === first.id && d.reversal);
    expect([reversal?.paid.amount, reversal?.contractualAdjustment.amount, reversal?.patientResponsibility.amount]).toEqual([
      -8_960, -7_300, -2_240,
    ]);
  });

  it('scenario 3: a Bayview Medicaid claim without a member id is stopped by the edit, or, with the edit off, rejected by the 277CA with STC A7:21; with the member id added it is accepted and paid once', async () => {
    const { accountId, ehr } = await registerEncounter('enc-ro-visit');
    const refused = await billing.call('POST', '/billing/v1/claims', { accountId });
    expect(refused.status).toBe(422);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.body.code).toBe('CLAIM_EDITS_FAILED');
    expect(refused.body.errors).toEqual([
      {
        in: 'body',
        name: 'subscriber.memberId',
        pointer: '/subscriber/memberId',
        code: 'SUBSCRIBER_MEMBER_ID_MISSING',
        detail: 'SUBSCRIBER_MEMBER_ID_MISSING: the subscriber has no member id (NM109 of loop 2010BA)',
      },
    ]);

    const claim = (await billing.call('POST', '/billing/v1/claims', { accountId, skipEdits: ['SUBSCRIBER_MEMBER_ID_MISSING'] })).body;
    expect(claim.status).toBe('validated');
    await billing.call('POST', `/billing/v1/claims/${claim.id}/submit`);
    await billing.exchangeNow();
    const rejected = (await billing.call('GET', `/billing/v1/claims/${claim.id}`)).body;
    expect(rejected.status).toBe('rejected');
    expect(rejected.statusHistory.at(-1)).toMatchObject({ status: 'rejected', source: '277CA', reason: 'STC A7:21' });
    const event = (await billing.events('billing.claim.rejected.v1'))
      .map((e) => e.data as ClaimRejectedDataDto)
      .find((d) => d.claimId === claim.id);
    expect(event).toMatchObject({
      source: '277CA',
      statuses: [{ categoryCode: 'A7', statusCode: '21' }],
      amountAtRisk: { amount: 18_500 },
    });
    expect(event!.daysToTimelyFiling).toBeGreaterThan(0);

    // The operator adds the member id (an edit the flow replays after a second operator approves it).
    const account = (await billing.call('GET', `/billing/v1/accounts/${accountId}`)).body;
    const coverage = { ...account.coverages[0], memberId: 'BMC-77120-03' };
    const updated = await billing.call('PATCH', `/billing/v1/accounts/${accountId}`, { coverages: [coverage], ifMatch: account.version });
    expect(updated.status, JSON.stringify(updated.body)).toBe(200);
    const revalidated = await billing.call('POST', `/billing/v1/claims/${claim.id}/revalidate`, {});
    expect(revalidated.status, JSON.stringify(revalidated.body)).toBe(200);
    expect(revalidated.body).toMatchObject({
      status: 'validated',
      subscriber: { memberId: 'BMC-77120-03' },
      patientControlNumber: claim.patientControlNumber,
    });
    await billing.call('POST', `/billing/v1/claims/${claim.id}/submit`);
    await billing.exchangeNow();
    const paid = (await billing.call('GET', `/billing/v1/claims/${claim.id}`)).body;
    expect(paid.status).toBe('paid');
    expect(paid.statusHistory.map((h: { status: string }) => h.status)).toEqual([
      'draft',
      'validated',
      'submitted',
      'acknowledged',
      'rejected',
      'draft',
      'validated',
      'submitted',
      'acknowledged',
      'accepted',
      'paid',
    ]);
    const transactions = (await billing.call('GET', `/billing/v1/accounts/${accountId}/transactions`)).body.items;
    expect(transactions.map((t: { type: string; amount: { amount: number } }) => [t.type, t.amount.amount])).toEqual([
      ['payment', 6_500],
      ['adjustment', 12_000],
    ]);
    expect(ehr.coverages[0].memberId).toBeUndefined();
  });

  it('records a denial (all lines CO-96, remark N130): the claim is denied, nothing is written off, and the amount at risk is announced', async () => {
    const ehr = await readEncounter(billing.stack, 'enc-ro-visit');
    const created = await billing.call(
      'POST',
      '/billing/v1/accounts',
      accountFor(ehr, {
        encounterId: 'enc-ro-denial',
        coverages: [{ order: 1, payerId: 'BMCD1', memberId: 'BMC-77120-03', relationship: 'self' }],
      }),
    );
    const accountId = created.body.id as string;
    await billing.call('POST', `/billing/v1/accounts/${accountId}/charges`, {
      chargeCode: 'LAB-CBC',
      quantity: 1,
      serviceDate: '2026-11-10',
    });
    await billing.call('PUT', `/billing/v1/accounts/${accountId}/coding`, codingFor(ehr));
    const claim = (await billing.call('POST', '/billing/v1/claims', { accountId })).body;
    expect(claim.expected).toMatchObject({ allowed: { amount: 0 }, unpricedLines: 1 });
    await billing.call('POST', `/billing/v1/claims/${claim.id}/submit`);
    await billing.exchangeNow();
    const denied = (await billing.call('GET', `/billing/v1/claims/${claim.id}`)).body;
    expect(denied.status).toBe('denied');
    expect(denied.payments).toMatchObject([{ statusCode: '4', paid: { amount: 0 }, postingStatus: 'denied' }]);
    const event = (await billing.events('billing.claim.denied.v1'))
      .map((e) => e.data as ClaimDeniedDataDto)
      .find((d) => d.claimId === claim.id);
    expect(event).toMatchObject({
      amountAtRisk: { amount: 31_000 },
      adjustments: [{ group: 'CO', reasonCode: '96', amount: { amount: 31_000 } }],
      remarkCodes: ['N130'],
    });
    const balances = (await billing.call('GET', `/billing/v1/accounts/${accountId}`)).body.balances;
    // The denied charge stays in payer A/R while the denial is worked; nothing was posted.
    expect([balances.adjustments.amount, balances.insuranceBalance.amount]).toEqual([0, 31_000]);
    expect((await billing.call('GET', `/billing/v1/accounts/${accountId}/transactions`)).body.items).toEqual([]);
  });

  it('checks eligibility with a real-time 270 and reads the 271; a coverage without a member id comes back rejected (AAA 72)', async () => {
    const account = async (encounterId: string, copy: string) =>
      (
        await billing.call(
          'POST',
          '/billing/v1/accounts',
          accountFor(await readEncounter(billing.stack, encounterId), { encounterId: copy }),
        )
      ).body.id as string;
    const accountId = await account('enc-jr-visit', 'enc-jr-visit-eligibility');
    const answered = await billing.call('POST', '/billing/v1/eligibility', { accountId });
    expect(answered.status, JSON.stringify(answered.body)).toBe(201);
    expect(answered.body).toMatchObject({
      status: 'answered',
      payerId: 'KHP01',
      response: { active: true, coinsurancePercent: 20, planName: 'KHP Gold' },
    });
    expect(answered.body.traceNumber).toMatch(/^ELG-\d{8}-\d{9}$/);
    const inbound = await billing.call('GET', `/billing/v1/inbound/x12/${answered.body.inboundInterchangeId}`);
    expect(inbound.body).toMatchObject({ status: 'applied', channel: 'realtime', transactionSets: ['271'] });

    const refused = await billing.call('POST', '/billing/v1/eligibility', {
      accountId: await account('enc-ro-visit', 'enc-ro-visit-eligibility'),
    });
    expect(refused.body).toMatchObject({
      status: 'rejected',
      response: { active: false, rejections: [{ loop: '2100C', reasonCode: '72' }] },
    });
    expect((await billing.call('GET', `/billing/v1/eligibility/${refused.body.id}`)).body.status).toBe('rejected');
  });

  it('masks patient data for callers without the PHI scope, and keeps it out of every log line', async () => {
    const partnerLike = await billing.stack.auth('ops-console', 'billing/Account.rs billing/Claim.rs');
    const accounts = await fetch(`${billing.stack.urls.systemApi}/billing/v1/accounts?encounterId=enc-aq-tka`, { headers: partnerLike });
    expect(accounts.headers.get('phi-masked')).toBe('true');
    const [account] = ((await accounts.json()) as { items: { patient: { mrn: string; name: { family: string } } }[] }).items;
    expect([account.patient.mrn, account.patient.name.family]).toEqual(['****', '****']);
    const claims = (await (
      await fetch(`${billing.stack.urls.systemApi}/billing/v1/claims?limit=100`, { headers: partnerLike })
    ).json()) as {
      items: { subscriber: { memberId?: string }; totalCharge: { amount: number } }[];
    };
    expect(claims.items.every((c) => c.subscriber.memberId === undefined || c.subscriber.memberId === '****')).toBe(true);
    expect(claims.items.some((c) => c.totalCharge.amount === 2_865_000)).toBe(true);
    const claimId = (claims.items as unknown as { id: string }[])[0].id;
    const x12 = await fetch(`${billing.stack.urls.systemApi}/billing/v1/claims/${claimId}/x12`, { headers: partnerLike });
    expect([x12.status, ((await x12.json()) as { code: string }).code]).toEqual([403, 'INSUFFICIENT_SCOPE']);
    for (const value of [
      'Quinn',
      'Avery',
      'Rivera',
      '1EG4TE5MK73',
      'KHP-44718-01',
      'BMC-77120-03',
      'CG-100234',
      'CR-200871',
      '1957-03-14',
      'M17.12',
      'J06.9',
    ])
      expect(billing.stack.logs.text, value).not.toContain(value);
  });
});
