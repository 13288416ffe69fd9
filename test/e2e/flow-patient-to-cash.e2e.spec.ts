import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FlowInstanceEntity } from '../../apps/process-api/src/engine/entities/flow-instance.entity';
import { eventually } from '../support/event-backbone-harness';
import { codingFor, readEncounter } from './billing-e2e.helpers';
import { type RevenueCycleStack, startRevenueCycleStack } from './revenue-cycle-e2e.helpers';

type Json = Record<string, any>;
type Line = { account: string; costCentre?: string; side: string; amount: { amount: number } };

/** Journal lines as `side account[/cc] cents`, in the order posted. */
const linesOf = (journal: Json) =>
  (journal.lines as Line[]).map(
    (l) => `${l.side === 'debit' ? 'DR' : 'CR'} ${l.account}${l.costCentre ? `/${l.costCentre}` : ''} ${l.amount.amount}`,
  );

/**
 * Patient-to-cash and charge capture end to end (../shared/SCENARIOS.md scenarios 1, 2, 3 and 6):
 * events from the EHR start the flows, which drive billing (account, charges, coding, 837) and
 * follow the clearinghouse's 999/277CA/835 through billing's events into the ERP's journals.
 */
describe('patient-to-cash and charge-capture flows', () => {
  let rc: RevenueCycleStack;
  beforeAll(async () => {
    rc = await startRevenueCycleStack();
  });
  afterAll(async () => {
    await rc?.close();
  });

  const journals = async (sourceType: string, sourceId: string): Promise<Json[]> =>
    (await rc.call('system', 'GET', `/erp/v1/journals?sourceType=${sourceType}&sourceId=${sourceId}`)).body.items;
  const linkOf = (flow: Json, name: string): string | undefined => flow.links.find((l: { name: string }) => l.name === name)?.value;

  /** Publishes an encounter's captured charges and waits until each has its charge-capture flow. */
  async function captureCharges(encounterId: string) {
    const charges = await rc.chargesOf(encounterId);
    for (const charge of charges) await rc.publish('ehr.charge.captured.v1', charge, `ChargeItem/${charge.chargeId}`);
    for (const charge of charges) await rc.until((await eventuallyFlow('charge-capture', `charge:${charge.chargeId}`)).id, () => true);
    return charges;
  }
  async function eventuallyFlow(type: string, key: string): Promise<Json> {
    return eventually(() => rc.flowOf(type, key), 30_000, 100);
  }

  it('scenario 1: the knee replacement is billed on an 837I, paid 13,274.00 (CO-45 13,700.00, PR-1 1,676.00) and journalled by department; payer A/R ends at 0.00', async () => {
    const charges = await captureCharges('enc-aq-tka');
    expect(charges).toHaveLength(5);
    await rc.publish('ehr.encounter.discharged.v1', await rc.dischargeOf('enc-aq-tka'), 'Encounter/enc-aq-tka');
    const started = await eventuallyFlow('patient-to-cash', 'encounter:enc-aq-tka');

    // Inpatient coding is health information management's: the flow waits for it to be final.
    const waiting = await rc.until(started.id, (f) => f.currentStep === 'coding' && f.status === 'waiting');
    const accountId = linkOf(waiting, 'account')!;
    const coded = await rc.call(
      'system',
      'PUT',
      `/billing/v1/accounts/${accountId}/coding`,
      codingFor(await readEncounter(rc.stack, 'enc-aq-tka'), '470'),
    );
    expect(coded.status, JSON.stringify(coded.body)).toBe(200);

    const flow = await rc.until(started.id, (f) => f.status === 'completed');
    expect(flow.timeline.filter((r: Json) => r.kind === 'completed').map((r: Json) => r.step)).toEqual([
      'account',
      'charges',
      'coding',
      'claim',
      'submit',
      'revenue-journals',
      'acknowledgement',
      'remittance',
      'cash-journals',
    ]);
    const claimId = linkOf(flow, 'claim')!;
    const claim = (await rc.call('system', 'GET', `/billing/v1/claims/${claimId}`)).body;
    expect(claim).toMatchObject({
      status: 'paid',
      kind: 'institutional',
      typeOfBill: '0111',
      drg: '470',
      totalCharge: { amount: 2_865_000 },
    });
    expect(claim.payerClaimControlNumber).toBe(linkOf(flow, 'payer-claim-number'));

    const account = (await rc.call('system', 'GET', `/billing/v1/accounts/${accountId}`)).body;
    expect(account.balances).toMatchObject({
      charges: { amount: 2_865_000 },
      insurancePayments: { amount: 1_327_400 },
      adjustments: { amount: 1_370_000 },
      transfersToPatient: { amount: 167_600 },
      insuranceBalance: { amount: 0 },
    });

    const atSubmission = await journals('claim', claimId);
    const submitted = (await rc.events('billing.claim.submitted.v1')).find((e) => e.data.claimId === claimId)!;
    const allotted = (submitted.data.departments as Json[])
      .sort((a, b) => a.departmentCode.localeCompare(b.departmentCode))
      .map((d) => `DR 4900/${d.departmentCode} ${d.expectedContractualAllowance.amount}`);
    expect(atSubmission.map(linesOf)).toEqual([
      ['DR 1200 2865000', 'CR 4000/6200 560000', 'CR 4000/6300 2210000', 'CR 4000/6400 64000', 'CR 4000/6500 31000'],
      [...allotted, 'CR 1200 1370000'],
    ]);
    expect(allotted).toHaveLength(4);
    const remittanceId = linkOf(flow, 'remittance')!;
    const atPayment = await journals('remittance', remittanceId);
    expect(atPayment.map(linesOf)).toEqual([
      ['DR 1000 1327400', 'CR 1200 1327400'],
      ['DR 1210 167600', 'CR 1200 167600'],
    ]);
    // The claim's payer A/R: 28,650.00 − 13,700.00 − 13,274.00 − 1,676.00 = 0.00.
    const payerAr = [...atSubmission, ...atPayment]
      .flatMap((j) => j.lines as Line[])
      .filter((l) => l.account === '1200')
      .reduce((sum, l) => sum + (l.side === 'debit' ? l.amount.amount : -l.amount.amount), 0);
    expect(payerAr).toBe(0);

    // The journey links every id met, from the HL7 message to the ERP journals.
    const journey = (await rc.call('process', 'GET', '/v1/patients/avery-quinn/journey')).body;
    const p2c = journey.flows.find((f: Json) => f.id === started.id);
    const links = Object.fromEntries(p2c.links.map((l: Json) => [l.name, l.value]));
    expect(links).toMatchObject({
      'hl7-msh-10': 'A03-enc-aq-tka',
      'fhir-encounter': 'Encounter/enc-aq-tka',
      account: accountId,
      claim: claimId,
      clm01: claim.patientControlNumber,
      'payer-claim-number': claim.payerClaimControlNumber,
      remittance: remittanceId,
      'erp-journal-revenue': atSubmission[0].id,
      'erp-journal-contractual': atSubmission[1].id,
      'erp-journal-cash': atPayment[0].id,
      'erp-journal-patient-ar': atPayment[1].id,
    });
    expect(links['835-trace']).toMatch(/\S+/);
    expect((await rc.flowOf('patient-to-cash', `claim:${claimId}`)).id).toBe(started.id);
    expect((await rc.flowOf('patient-to-cash', `account:${accountId}`)).id).toBe(started.id);
    expect(journey.flows.filter((f: Json) => f.type === 'charge-capture')).toHaveLength(5);
  });

  it('scenario 2 and 6: the clinic visit is coded from the encounter, paid 89.60 (CO-45 73.00, PR-2 22.40); the late strep test makes a corrected claim (frequency 7, REF*F8) and its revenue', async () => {
    await captureCharges('enc-jr-visit');
    await rc.publish('ehr.encounter.discharged.v1', await rc.dischargeOf('enc-jr-visit'), 'Encounter/enc-jr-visit');
    const started = await eventuallyFlow('patient-to-cash', 'encounter:enc-jr-visit');
    const flow = await rc.until(started.id, (f) => f.status === 'completed');
    const claimId = linkOf(flow, 'claim')!;
    const claim = (await rc.call('system', 'GET', `/billing/v1/claims/${claimId}`)).body;
    expect(claim).toMatchObject({ kind: 'professional', placeOfService: '11', frequencyCode: '1', totalCharge: { amount: 18_500 } });
    expect((await journals('claim', claimId)).map(linesOf)).toEqual([
      ['DR 1200 18500', 'CR 4100/7100 18500'],
      ['DR 4900/7100 7300', 'CR 1200 7300'],
    ]);
    expect((await journals('remittance', linkOf(flow, 'remittance')!)).map(linesOf)).toEqual([
      ['DR 1000 8960', 'CR 1200 8960'],
      ['DR 1210 2240', 'CR 1200 2240'],
    ]);

    // Scenario 6: a DFT^P03 adds the rapid strep test to the same visit after the claim was paid.
    const [visit] = await rc.chargesOf('enc-jr-visit');
    const late = { ...visit, chargeId: 'dft-jr-strep-1', chargeCode: 'LAB-STREP', quantity: 1, serviceDate: '2026-11-09' };
    await rc.publish('ehr.charge.captured.v1', late, 'ChargeItem/dft-jr-strep-1');
    const capture = await eventuallyFlow('charge-capture', 'charge:dft-jr-strep-1');
    const captured = await rc.until(capture.id, (f) => f.status === 'completed');
    const correctedId = linkOf(captured, 'corrected-claim')!;
    const corrected = (await rc.call('system', 'GET', `/billing/v1/claims/${correctedId}`)).body;
    expect(corrected).toMatchObject({
      frequencyCode: '7',
      replacesClaimId: claimId,
      originalPayerClaimNumber: claim.payerClaimControlNumber,
      totalCharge: { amount: 23_000 },
    });
    const x12 = (await rc.call<string>('system', 'GET', `/billing/v1/claims/${correctedId}/x12`)).body;
    expect(x12).toContain(`REF*F8*${claim.payerClaimControlNumber}~`);
    expect(x12).toContain(':B:7*');
    expect((await journals('claim', correctedId)).map(linesOf)).toEqual([['DR 1200 4500', 'CR 4100/7100 4500']]);
    // The original is replaced, not sent again as new: one original, one replacement.
    const claims = (await rc.call('system', 'GET', `/billing/v1/claims?accountId=${linkOf(flow, 'account')}`)).body.items;
    expect(claims.map((c: Json) => c.frequencyCode).sort()).toEqual(['1', '7']);
  });

  it('scenario 3: the payer-rule edit stops a Bayview Medicaid claim without a member id; the exception shows the amount at risk and the filing deadline; an approved edit replays it to payment, posted once', async () => {
    await captureCharges('enc-ro-visit');
    await rc.publish('ehr.encounter.discharged.v1', await rc.dischargeOf('enc-ro-visit'), 'Encounter/enc-ro-visit');
    const started = await eventuallyFlow('patient-to-cash', 'encounter:enc-ro-visit');
    const failed = await rc.until(started.id, (f) => f.status === 'failed');
    expect(failed.currentStep).toBe('claim');
    const [exception] = (await rc.call('process', 'GET', `/v1/exceptions?flowId=${started.id}`)).body.items;
    expect(exception).toMatchObject({
      step: 'claim',
      code: 'CLAIM_EDITS_FAILED',
      amountAtRisk: { amount: 18_500, currency: 'USD' },
      impact: { payer: 'BMCD1', encounter: 'enc-ro-visit' },
    });
    expect(exception.reason).toContain('subscriber.memberId');
    expect(exception.daysLeft).toBeGreaterThan(0);
    expect(exception.dueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    await replayWithMemberId(exception.id, 'BMC-77120-03');
    const flow = await rc.until(started.id, (f) => f.status === 'completed');
    const accountId = linkOf(flow, 'account')!;
    const claims = (await rc.call('system', 'GET', `/billing/v1/claims?accountId=${accountId}`)).body.items;
    expect(claims).toHaveLength(1);
    expect(claims[0]).toMatchObject({ status: 'paid', subscriber: { memberId: 'BMC-77120-03' } });
    const transactions = (await rc.call('system', 'GET', `/billing/v1/accounts/${accountId}/transactions`)).body.items;
    expect(transactions.map((t: Json) => [t.type, t.amount.amount])).toEqual([
      ['payment', 6_500],
      ['adjustment', 12_000],
    ]);
    expect((await journals('claim', claims[0].id)).map(linesOf)).toEqual([
      ['DR 1200 18500', 'CR 4100/7100 18500'],
      ['DR 4900/7100 12000', 'CR 1200 12000'],
    ]);
    expect((await journals('remittance', linkOf(flow, 'remittance')!)).map(linesOf)).toEqual([['DR 1000 6500', 'CR 1200 6500']]);
  });

  it('scenario 3 with the edit off: the 277CA rejects the claim (STC A7:21), the corrected claim is sent again after a second operator approves, and nothing is posted twice', async () => {
    const [charge] = await rc.chargesOf('enc-ro-visit');
    await rc.publish('ehr.charge.captured.v1', { ...charge, chargeId: 'chg-ro-277', encounterId: 'enc-ro-277' }, 'ChargeItem/chg-ro-277');
    await eventuallyFlow('charge-capture', 'charge:chg-ro-277');
    const input = { ...(await rc.dischargeOf('enc-ro-visit')), encounterId: 'enc-ro-277', skipEdits: ['SUBSCRIBER_MEMBER_ID_MISSING'] };
    const started = await rc.call('process', 'POST', '/v1/flows/patient-to-cash/start', { input });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    const failed = await rc.until(started.body.id, (f) => f.status === 'failed');
    expect(failed.currentStep).toBe('correct-rejected-claim');
    const [exception] = (await rc.call('process', 'GET', `/v1/exceptions?flowId=${started.body.id}`)).body.items;
    expect(exception).toMatchObject({ code: 'CLAIM_REJECTED', amountAtRisk: { amount: 18_500 } });
    expect(exception.reason).toContain('A7:21');
    expect(exception.daysLeft).toBeGreaterThan(0);

    await replayWithMemberId(exception.id, 'BMC-77120-03');
    const flow = await rc.until(started.body.id, (f) => f.status === 'completed');
    const claimId = linkOf(flow, 'claim')!;
    const claim = (await rc.call('system', 'GET', `/billing/v1/claims/${claimId}`)).body;
    expect(claim.statusHistory.map((h: Json) => h.status)).toEqual([
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
    // Revenue was recognised at the first submission only; the payment once.
    expect((await journals('claim', claimId)).map(linesOf)).toEqual([
      ['DR 1200 18500', 'CR 4100/7100 18500'],
      ['DR 4900/7100 12000', 'CR 1200 12000'],
    ]);
    expect((await journals('remittance', linkOf(flow, 'remittance')!)).map(linesOf)).toEqual([['DR 1000 6500', 'CR 1200 6500']]);
  });

  it('retries the journal steps while the ERP is down and completes when it returns, with no journal posted twice', async () => {
    const [charge] = await rc.chargesOf('enc-jr-visit');
    await rc.publish('ehr.charge.captured.v1', { ...charge, chargeId: 'chg-jr-erp', encounterId: 'enc-jr-erp' }, 'ChargeItem/chg-jr-erp');
    await eventuallyFlow('charge-capture', 'charge:chg-jr-erp');
    await erpDown(true);
    try {
      await rc.publish(
        'ehr.encounter.discharged.v1',
        await rc.dischargeOf('enc-jr-visit', { encounterId: 'enc-jr-erp' }),
        'Encounter/enc-jr-erp',
      );
      const started = await eventuallyFlow('patient-to-cash', 'encounter:enc-jr-erp');
      await rc.until(
        started.id,
        (f) => f.timeline.filter((r: Json) => r.step === 'revenue-journals' && r.kind === 'retry-scheduled').length >= 2,
      );
    } finally {
      await erpDown(false);
    }
    const flow = await rc.until((await rc.flowOf('patient-to-cash', 'encounter:enc-jr-erp')).id, (f) => f.status === 'completed', 90_000);
    expect(flow.timeline.find((r: Json) => r.kind === 'retry-scheduled').error).toMatch(/UPSTREAM|ERP/);
    const claimId = linkOf(flow, 'claim')!;
    expect((await journals('claim', claimId)).map(linesOf)).toEqual([
      ['DR 1200 18500', 'CR 4100/7100 18500'],
      ['DR 4900/7100 7300', 'CR 1200 7300'],
    ]);
    expect((await journals('remittance', linkOf(flow, 'remittance')!)).map(linesOf)).toEqual([
      ['DR 1000 8960', 'CR 1200 8960'],
      ['DR 1210 2240', 'CR 1200 2240'],
    ]);
  });

  it('raises a denial (CO-96, N130) as an exception with the amount at risk, and posts no cash for it', async () => {
    const [charge] = await rc.chargesOf('enc-ro-visit');
    const denied = { ...charge, chargeId: 'chg-ro-denial', encounterId: 'enc-ro-denial', chargeCode: 'LAB-CBC', serviceDate: '2026-11-10' };
    await rc.publish('ehr.charge.captured.v1', denied, 'ChargeItem/chg-ro-denial');
    await eventuallyFlow('charge-capture', 'charge:chg-ro-denial');
    const input = {
      ...(await rc.dischargeOf('enc-ro-visit')),
      encounterId: 'enc-ro-denial',
      coverages: [{ order: 1, payerId: 'BMCD1', memberId: 'BMC-77120-03', relationship: 'self' }],
    };
    const started = await rc.call('process', 'POST', '/v1/flows/patient-to-cash/start', { input });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    const failed = await rc.until(started.body.id, (f) => f.status === 'failed');
    expect(failed.currentStep).toBe('work-denial');
    const [exception] = (await rc.call('process', 'GET', `/v1/exceptions?flowId=${started.body.id}`)).body.items;
    expect(exception).toMatchObject({ code: 'CLAIM_DENIED', amountAtRisk: { amount: 31_000 }, impact: { payer: 'BMCD1' } });
    expect(exception.reason).toContain('N130');
    expect(exception.daysLeft).toBeGreaterThan(0);
    expect(failed.timeline.map((r: Json) => r.step)).not.toContain('cash-journals');
    expect(failed.links.map((l: Json) => l.name)).not.toContain('erp-journal-cash');
  });

  it('parks a charge whose code the chargemaster does not know as an exception, posting nothing', async () => {
    const [charge] = await rc.chargesOf('enc-jr-visit');
    await rc.publish(
      'ehr.charge.captured.v1',
      { ...charge, chargeId: 'chg-unknown-code', chargeCode: 'NO-SUCH-CODE' },
      'ChargeItem/chg-unknown-code',
    );
    const capture = await eventuallyFlow('charge-capture', 'charge:chg-unknown-code');
    const failed = await rc.until(capture.id, (f) => f.status === 'failed');
    expect(failed.currentStep).toBe('chargemaster');
    const [exception] = (await rc.call('process', 'GET', `/v1/exceptions?flowId=${capture.id}`)).body.items;
    expect(exception).toMatchObject({ code: 'CHARGE_CODE_UNKNOWN', impact: { chargeCode: 'NO-SUCH-CODE', encounter: 'enc-jr-visit' } });
    expect(failed.links).toEqual([]);
  });

  it('posts a charge parked for its account as soon as the discharge opens the account, without waiting for a recheck', async () => {
    const [charge] = await rc.chargesOf('enc-jr-visit');
    await rc.publish(
      'ehr.charge.captured.v1',
      { ...charge, chargeId: 'chg-jr-wake', encounterId: 'enc-jr-wake' },
      'ChargeItem/chg-jr-wake',
    );
    const capture = await eventuallyFlow('charge-capture', 'charge:chg-jr-wake');
    // Park it as a production recheck interval would (far off), while no runner holds it.
    const db = rc.stack.processApi.get(DataSource);
    const farOff = '2099-01-01T00:00:00.000Z';
    await eventually(async () => {
      const parked = await db
        .createQueryBuilder()
        .update(FlowInstanceEntity)
        .set({ nextRunAt: farOff, waiting: JSON.stringify({ kind: 'until', until: farOff }), revision: () => 'revision + 1' })
        .where("id = :id AND status = 'waiting' AND current_step = 'post-charge' AND lease_until IS NULL", { id: capture.id })
        .execute();
      expect(parked.affected).toBe(1);
    });
    await rc.publish(
      'ehr.encounter.discharged.v1',
      await rc.dischargeOf('enc-jr-visit', { encounterId: 'enc-jr-wake' }),
      'Encounter/enc-jr-wake',
    );
    const flow = await rc.until((await eventuallyFlow('patient-to-cash', 'encounter:enc-jr-wake')).id, (f) => f.status === 'completed');
    expect((await rc.call('process', 'GET', `/v1/flows/${capture.id}`)).body.status).toBe('completed');
    expect((await journals('claim', linkOf(flow, 'claim')!)).map(linesOf)[0]).toEqual(['DR 1200 18500', 'CR 4100/7100 18500']);
  });

  it('keeps patient data (MRNs, member ids, names) out of every log line', () => {
    for (const value of ['CG-100234', 'CR-200871', '1EG4TE5MK73', 'KHP-44718-01', 'BMC-77120-03', 'Quinn', 'Rivera', 'Okafor'])
      expect(rc.stack.logs.text, value).not.toContain(value);
  });

  /** Operator proposes the member id, may not approve it alone; the supervisor approves and the flow replays. */
  async function replayWithMemberId(exceptionId: string, memberId: string) {
    const proposed = await rc.call('process', 'POST', `/v1/exceptions/${exceptionId}/edits`, {
      patch: { memberId },
      reason: 'member id from the Medicaid card',
    });
    expect(proposed.status, JSON.stringify(proposed.body)).toBe(201);
    const own = await rc.call('process', 'POST', `/v1/exceptions/${exceptionId}/edits/${proposed.body.id}/approve`, {});
    expect([own.status, own.body.code]).toEqual([403, 'FOUR_EYES_REQUIRED']);
    const approved = await rc.call(
      'process',
      'POST',
      `/v1/exceptions/${exceptionId}/edits/${proposed.body.id}/approve`,
      { comment: 'checked' },
      'ops-supervisor',
    );
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
  }

  async function erpDown(down: boolean) {
    const response = await fetch(`${rc.stack.urls.sandbox}/sandbox/v1/erp/outage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ down }),
    });
    expect(response.status).toBe(200);
  }
});
