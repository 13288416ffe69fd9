import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clearinghouseFolders } from '@concord/connectors/clearinghouse';
import { readX12, write835, type FunctionalAckContent } from '@concord/connectors/x12';
import { DEMO_835_DETAILS, SCENARIO_2_REMITTANCE } from '@concord/connectors/x12/examples/demo-hospital.examples';
import type { RemittanceDto } from '@concord/contracts';
import { accountFor, type BillingStack, codingFor, readEncounter, startBillingStack } from './billing-e2e.helpers';

let control = 7_000;
/** A Keystone 835 from the demo hospital's examples, with its own control number and trace. */
function remittance835(changes: Partial<RemittanceDto> = {}): string {
  control += 1;
  return write835(
    { ...SCENARIO_2_REMITTANCE, traceNumber: `CHK${control}`, ...changes },
    {
      ...DEMO_835_DETAILS.KHP01,
      senderId: 'CONCORDCH',
      receiverId: 'CONCORDHEALTH',
      interchangeControlNumber: control,
      groupControlNumber: control,
    },
  );
}

function ackOf(text: string) {
  const read = readX12(text);
  const sets = read.interchanges.flatMap((i) => i.groups.flatMap((g) => g.transactionSets.map((t) => t.content)));
  return {
    ta1: read.interchanges.flatMap((i) => i.interchangeAcknowledgements),
    acks: sets.filter((c): c is FunctionalAckContent => c?.kind === '999').map((c) => c.acknowledgement),
  };
}

/**
 * Inbound X12 over REST and through the clearinghouse folder: every kind of bad input gets a
 * precise rejection (problem+json naming each error, and the 999 or TA1 that says the same), is kept
 * for inspection, and is never partly applied; the same 835 twice posts nothing twice; nothing
 * answers 500.
 */
describe('billing inbound X12', () => {
  let billing: BillingStack;
  beforeAll(async () => {
    billing = await startBillingStack({ pollers: false });
  });
  afterAll(async () => {
    await billing?.close();
  });

  const post = (body: string) => billing.call('POST', '/billing/v1/inbound/x12', body);
  async function remittanceCount(): Promise<number> {
    return (await billing.call('GET', '/billing/v1/remittances?limit=100')).body.items.length;
  }

  it('applies a valid 835 whose claim Concord does not know, and lists the payment for work', async () => {
    const answer = await post(remittance835());
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.body).toMatchObject({ status: 'applied', channel: 'rest', transactionSets: ['835'], errorCount: 0 });
    expect(answer.body.summary.remittances).toMatchObject([
      { duplicate: false, matched: 0, unmatched: 1, postings: [{ postingStatus: 'unmatched' }] },
    ]);
    expect(ackOf(answer.body.acknowledgement).acks[0].status).toBe('A');
    const unmatched = (await billing.call('GET', '/billing/v1/remittances/unmatched')).body.items;
    expect(unmatched.map((p: { patientControlNumber: string }) => p.patientControlNumber)).toContain('CR-A-200871-01');
  });

  it.each<[string, () => string, number, string, string[]]>([
    ['text that is not X12', () => 'PATIENT Rivera paid 89.60', 400, 'X12_NOT_X12', ['X12_NOT_X12']],
    [
      'an IEA that counts the wrong number of groups',
      () => remittance835().replace(/IEA\*1\*/, 'IEA*2*'),
      422,
      'X12_INTERCHANGE_REJECTED',
      ['X12_INTERCHANGE_GROUP_COUNT_MISMATCH'],
    ],
    [
      'an SE that counts the wrong number of segments',
      () => remittance835().replace(/SE\*\d+\*/, 'SE*3*'),
      422,
      'X12_INTERCHANGE_REJECTED',
      ['X12_SEGMENT_COUNT_MISMATCH'],
    ],
    [
      'an unbalanced 835 (paid changed, adjustments not)',
      () => remittance835().replace('CLP*CR-A-200871-01*1*185*89.6*', 'CLP*CR-A-200871-01*1*185*99.6*'),
      422,
      'X12_INTERCHANGE_REJECTED',
      ['X12_CLAIM_PAYMENT_UNBALANCED', 'X12_REMITTANCE_TOTAL_MISMATCH'],
    ],
    [
      'a truncated interchange',
      () => {
        const text = remittance835();
        return text.slice(0, Math.floor(text.length / 2));
      },
      422,
      'X12_INTERCHANGE_REJECTED',
      ['X12_INTERCHANGE_TRAILER_MISSING'],
    ],
    [
      'a 4010 interchange',
      () => remittance835().replace('*00501*', '*00401*'),
      422,
      'X12_INTERCHANGE_REJECTED',
      ['X12_UNSUPPORTED_VERSION'],
    ],
  ])(
    'rejects %s precisely, keeps it with its acknowledgement, and applies nothing of it',
    async (_name, build, status, code, issueCodes) => {
      const before = await remittanceCount();
      const answer = await post(build());
      expect(answer.status).toBe(status);
      expect(answer.headers.get('content-type')).toContain('application/problem+json');
      expect(answer.body.code).toBe(code);
      const reported = (answer.body.errors as { code: string; name: string; detail: string }[]).map((e) => e.code);
      for (const issue of issueCodes) expect(reported).toContain(issue);
      for (const error of answer.body.errors as { detail: string }[]) expect(error.detail).not.toMatch(/Rivera|Jordan|KHP-44718/);
      expect(await remittanceCount()).toBe(before);
      const id = /kept as (x12-[0-9a-f]{12})/.exec(answer.body.detail as string)?.[1];
      expect(id).toBeDefined();
      const stored = await billing.call('GET', `/billing/v1/inbound/x12/${id}`);
      expect(stored.body.status).toBe(status === 400 ? 'not-x12' : 'rejected');
      expect(stored.body.issues.map((i: { code: string }) => i.code)).toEqual(expect.arrayContaining(issueCodes));
      if (status === 422) {
        const acknowledgement = await billing.call<string>('GET', `/billing/v1/inbound/x12/${id}/acknowledgement`);
        expect(acknowledgement.headers.get('content-type')).toContain('application/edi-x12');
        const { ta1, acks } = ackOf(acknowledgement.body);
        const rejectedSomewhere = ta1.some((t) => t.status === 'R') || acks.some((a) => a.status === 'R');
        expect(rejectedSomewhere).toBe(true);
      }
    },
  );

  it('names the segment and element of an unbalanced claim payment in the problem and in the 999 (IK3/IK4)', async () => {
    const answer = await post(remittance835().replace('CLP*CR-A-200871-01*1*185*89.6*', 'CLP*CR-A-200871-01*1*185*99.6*'));
    const unbalanced = (answer.body.errors as { code: string; name: string; detail: string }[]).find(
      (e) => e.code === 'X12_CLAIM_PAYMENT_UNBALANCED',
    )!;
    expect(unbalanced.name).toMatch(/^CLP0\d$/);
    expect(unbalanced.detail).toMatch(/SNIP 3.*loop 2100.*segment \d+/);
    const id = /kept as (x12-[0-9a-f]{12})/.exec(answer.body.detail as string)![1];
    const { acks } = ackOf((await billing.call<string>('GET', `/billing/v1/inbound/x12/${id}/acknowledgement`)).body);
    expect(acks[0].transactionSets[0]).toMatchObject({ status: 'R' });
    expect(acks[0].transactionSets[0].segmentErrors.map((s) => s.segmentId)).toContain('CLP');
  });

  it('refuses a body that is not application/edi-x12 with 415', async () => {
    const answer = await billing.call('POST', '/billing/v1/inbound/x12', { isa: 'no' });
    expect([answer.status, answer.body.code]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
  });

  it('posts the same 835 once: identical content is a duplicate, and a re-enveloped copy with the same trace posts nothing', async () => {
    const { accountId } = await registerVisit();
    const claim = (await billing.call('POST', '/billing/v1/claims', { accountId })).body;
    await billing.call('POST', `/billing/v1/claims/${claim.id}/submit`);
    const payment = { ...SCENARIO_2_REMITTANCE.claimPayments[0], patientControlNumber: claim.patientControlNumber };
    const text = remittance835({ traceNumber: 'CHK-ONCE-1', claimPayments: [payment] });
    const first = await post(text);
    expect(first.body.summary.remittances[0]).toMatchObject({ matched: 1, postings: [{ postingStatus: 'posted' }] });
    const same = await post(text);
    expect([same.status, same.body.duplicateOf]).toEqual([200, first.body.id]);
    const reEnveloped = await post(remittance835({ traceNumber: 'CHK-ONCE-1', claimPayments: [payment] }));
    expect(reEnveloped.body.summary.remittances[0]).toMatchObject({ duplicate: true });
    const transactions = (await billing.call('GET', `/billing/v1/accounts/${accountId}/transactions`)).body.items;
    expect(transactions.map((t: { type: string; amount: { amount: number } }) => [t.type, t.amount.amount])).toEqual([
      ['payment', 8_960],
      ['adjustment', 7_300],
      ['transfer', 2_240],
    ]);
    const claimAfter = (await billing.call('GET', `/billing/v1/claims/${claim.id}`)).body;
    expect(claimAfter.status).toBe('paid');
  });

  it('lets an operator match a payment whose CLP01 matched no claim, and posts it then', async () => {
    const { accountId } = await registerVisit('enc-aq-tka', '470');
    const claim = (await billing.call('POST', '/billing/v1/claims', { accountId })).body;
    await billing.call('POST', `/billing/v1/claims/${claim.id}/submit`);
    const payment = {
      ...SCENARIO_2_REMITTANCE.claimPayments[0],
      patientControlNumber: 'TYPO-00001',
      charge: { amount: 2_865_000, currency: 'USD' as const },
      paid: { amount: 1_327_400, currency: 'USD' as const },
      patientResponsibility: { amount: 167_600, currency: 'USD' as const },
      serviceLines: [],
      adjustments: [
        { group: 'CO' as const, reason: { system: 'carc', code: '45' }, amount: { amount: 1_370_000, currency: 'USD' as const } },
        { group: 'PR' as const, reason: { system: 'carc', code: '1' }, amount: { amount: 167_600, currency: 'USD' as const } },
      ],
    };
    const received = await post(
      remittance835({ traceNumber: 'EFT-TYPO-1', totalPaid: { amount: 1_327_400, currency: 'USD' }, claimPayments: [payment] }),
    );
    expect(received.status, JSON.stringify(received.body)).toBe(200);
    const [work] = (await billing.call('GET', '/billing/v1/remittances/unmatched')).body.items.filter(
      (p: { patientControlNumber: string }) => p.patientControlNumber === 'TYPO-00001',
    );
    const matched = await billing.call('POST', `/billing/v1/remittances/claim-payments/${work.id}/match`, { claimId: claim.id });
    expect(matched.status, JSON.stringify(matched.body)).toBe(200);
    expect(matched.body).toMatchObject({ claimId: claim.id, matchedBy: 'operator', postingStatus: 'posted' });
    const again = await billing.call('POST', `/billing/v1/remittances/claim-payments/${work.id}/match`, { claimId: claim.id });
    expect([again.status, again.body.code]).toEqual([409, 'CLAIM_PAYMENT_ALREADY_MATCHED']);
    const balances = (await billing.call('GET', `/billing/v1/accounts/${accountId}`)).body.balances;
    expect([balances.insuranceBalance.amount, balances.patientBalance.amount]).toEqual([0, 167_600]);
    expect((await billing.call('GET', `/billing/v1/claims/${claim.id}`)).body.status).toBe('paid');
  });

  it('keeps a remittance posting pending while the billing platform is down and posts it once when it is back', async () => {
    const { accountId } = await registerVisit('enc-jr-visit', undefined, 'enc-jr-outage');
    const claim = (await billing.call('POST', '/billing/v1/claims', { accountId })).body;
    await billing.call('POST', `/billing/v1/claims/${claim.id}/submit`);
    const outage = (down: boolean) =>
      fetch(`${billing.stack.urls.sandbox}/sandbox/v1/billing/outage`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ down }),
      });
    await outage(true);
    try {
      const payment = { ...SCENARIO_2_REMITTANCE.claimPayments[0], patientControlNumber: claim.patientControlNumber };
      const received = await post(remittance835({ traceNumber: 'CHK-OUTAGE-1', claimPayments: [payment] }));
      expect(received.status).toBe(200);
      expect(received.body.summary.remittances[0].postings).toMatchObject([{ postingStatus: 'pending' }]);
      const down = await billing.call('GET', `/billing/v1/accounts/${accountId}`);
      expect([down.status, down.body.code]).toEqual([503, 'BILLING_PLATFORM_UNAVAILABLE']);
      expect(down.headers.get('retry-after')).toBeTruthy();
      await outage(false);
      // The outage opened the connector's circuit breaker: postings resume once it lets a trial call through.
      let status = 'pending';
      for (let attempt = 0; attempt < 30 && status !== 'posted'; attempt++) {
        const retried = await billing.call('POST', `/billing/v1/remittances/${received.body.summary.remittances[0].remittanceId}/post`);
        status = retried.body.claimPayments[0].postingStatus as string;
        if (status !== 'posted') await new Promise((resolve) => setTimeout(resolve, 500));
      }
      expect(status).toBe('posted');
    } finally {
      await outage(false);
    }
    const transactions = (await billing.call('GET', `/billing/v1/accounts/${accountId}/transactions`)).body.items;
    expect(transactions).toHaveLength(3);
    expect((await billing.call('GET', `/billing/v1/accounts/${accountId}`)).body.balances.insuranceBalance.amount).toBe(0);
  });

  it('files a broken interchange from the clearinghouse folder under failed/ and keeps it rejected', async () => {
    const { inbound } = clearinghouseFolders(billing.exchange);
    mkdirSync(inbound, { recursive: true });
    writeFileSync(join(inbound, '900001-835-broken.x12'), remittance835().replace(/SE\*\d+\*/, 'SE*2*'));
    writeFileSync(join(inbound, '900002-junk.x12'), 'not an interchange at all');
    const collected = (await billing.call('POST', '/billing/v1/inbound/x12/collect')).body;
    expect(collected.failed).toEqual(['900001-835-broken.x12', '900002-junk.x12']);
    expect(readdirSync(join(inbound, 'failed')).sort()).toEqual(['900001-835-broken.x12', '900002-junk.x12']);
    const rejected = (await billing.call('GET', '/billing/v1/inbound/x12?status=rejected&limit=100')).body.items;
    expect(
      rejected.some((i: { fileName?: string; channel: string }) => i.fileName === '900001-835-broken.x12' && i.channel === 'folder'),
    ).toBe(true);
  });

  it('answers pages, unknown ids and forged cursors without a 500', async () => {
    expect((await billing.call('GET', '/billing/v1/inbound/x12/x12-000000000000')).status).toBe(404);
    expect((await billing.call('GET', '/billing/v1/inbound/x12?cursor=forged')).body.code).toBe('INVALID_CURSOR');
    expect((await billing.call('GET', '/billing/v1/claims/clm-000000000000')).body.code).toBe('CLAIM_NOT_FOUND');
    expect((await billing.call('GET', '/billing/v1/claims/not-a-claim')).status).toBe(400);
    expect((await billing.call('GET', '/billing/v1/accounts/XX-A-999999')).body.code).toBe('ACCOUNT_NOT_FOUND');
    expect((await billing.call('GET', '/billing/v1/remittances/rmt-000000000000')).body.code).toBe('REMITTANCE_NOT_FOUND');
  });

  async function registerVisit(encounterId = 'enc-jr-visit', drg?: string, copyAs?: string) {
    const ehr = await readEncounter(billing.stack, encounterId);
    const accountId = (await billing.call('POST', '/billing/v1/accounts', accountFor(ehr, copyAs ? { encounterId: copyAs } : {}))).body
      .id as string;
    for (const charge of ehr.charges)
      await billing.call('POST', `/billing/v1/accounts/${accountId}/charges`, {
        chargeCode: charge.chargeCode,
        quantity: charge.quantity,
        serviceDate: charge.serviceDate,
        sourceChargeId: copyAs ? `${charge.id}-${copyAs}` : charge.id,
      });
    await billing.call('PUT', `/billing/v1/accounts/${accountId}/coding`, codingFor(ehr, drg));
    return { accountId };
  }
});
