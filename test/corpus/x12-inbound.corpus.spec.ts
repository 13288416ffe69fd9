import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FunctionalAckContent, readX12, type RemittanceContent } from '@concord/connectors/x12';
import { type Stack, startStack } from '../support/stack';

// Public X12 samples (badX12, imsweb x12-parser, pyx12) beside the repository; see ../shared/fixtures/SOURCES.md.
const fixtures = process.env.CONCORD_FIXTURES_DIR ?? resolve(process.cwd(), '..', 'shared', 'fixtures');
const dir = join(fixtures, 'x12');

type Outcome = 'applied' | 'ignored' | 'rejected' | 'not-x12';

/**
 * What POST /billing/v1/inbound/x12 makes of each fixture. Valid 999, 271 and 835 interchanges are
 * applied (nothing Concord sent matches them, so each answer is listed as unmatched); valid 270s are
 * acknowledged but not applied (ignored); everything the engine's corpus finds an error in
 * (../x12.corpus.spec.ts says which, and why) is rejected whole; text that is not X12 is refused.
 */
const EXPECTED: Record<string, Outcome> = {
  'badx12-err__bad_file.edi': 'not-x12',
  'badx12-err__error_validation.edi': 'rejected',
  'badx12-err__segment_terminator.edi': 'rejected',
  'badx12-err__unknown_segment_error.edi': 'rejected',
  'badx12__X221-dollars-and-data-sent-separate.edi': 'rejected',
  'badx12__X221-dollars-and-data-sent-together.edi': 'rejected',
  'badx12__X221-era-sample.edi': 'applied',
  'badx12__X221-multiple-claims-single-check.edi': 'applied',
  'badx12__X221-secondary-payment-with-higher-fee-schedule.edi': 'applied',
  'badx12__X221-secondary-payments.edi': 'applied',
  'badx12__X221-tertiary-payments.edi': 'applied',
  'badx12__X222-COB-claim-from-billing-provider-to-payer-a.edi': 'rejected',
  'badx12__X222-ambulance.edi': 'rejected',
  'badx12__X222-anesthesia.edi': 'rejected',
  'badx12__X222-chiropractic.edi': 'rejected',
  'badx12__X222-commercial-health-insurance.edi': 'rejected',
  'badx12__X222-encounter.edi': 'rejected',
  'badx12__X222-home-infusion-therapy-pharmacy-(adjudicated-with-NDC-in-loop-2410).edi': 'rejected',
  'badx12__X222-medicare-secondary-payer-COB.edi': 'rejected',
  'badx12__X222-out-of-network-repriced-claim.edi': 'rejected',
  'badx12__X222-oxygen.edi': 'rejected',
  'badx12__X279-error-response-from-payer-to-clinic-not-eligible-for-inquiries-with-payer.edi': 'applied',
  'badx12__X279-generic-request-by-clinic-for-patient-(subscriber)-eligibility.edi': 'ignored',
  'badx12__X279-generic-request-by-physician-for-patient-(dependent)-eligibility.edi': 'ignored',
  'badx12__X279-response-to-generic-request-by-clinic-for-patient-(subscriber)-eligibility.edi': 'applied',
  'badx12__X279-response-to-generic-request-by-physician-for-patient-(dependent)-eligibility.edi': 'applied',
  'imsweb__x12_277CA_accepted.txt': 'rejected',
  'imsweb__x12_277CA_rejected.txt': 'rejected',
  'imsweb__x223-test.txt': 'rejected',
  'pyx12-hist__835_simple.txt': 'rejected',
  'pyx12-hist__fail_no_IEA.txt': 'rejected',
  'pyx12-hist__simple_837i.txt': 'rejected',
  'pyx12-hist__simple_837p.txt': 'rejected',
  'pyx12-hist__trailer_errors.txt': 'rejected',
  'pyx12__834_deident_family.txt': 'rejected',
  'pyx12__834_deident_new_enroll.txt': 'rejected',
  'pyx12__834_deident_term.txt': 'rejected',
  'pyx12__834_ls_le_ls.txt': 'rejected',
  'pyx12__834_ls_le_ls_5010.999.txt': 'applied',
  'pyx12__834_lui_id_5010.999.txt': 'applied',
  'pyx12__835_mult_loops.txt': 'applied',
  'pyx12__example834_5010.txt': 'rejected',
  'pyx12__multiple_st_loops.txt': 'rejected',
};

const files = existsSync(dir)
  ? readdirSync(dir)
      .filter((f) => !f.endsWith('.md'))
      .sort()
  : [];

describe.skipIf(!existsSync(dir))('X12 corpus through POST /billing/v1/inbound/x12 (../shared/fixtures/x12)', () => {
  let stack: Stack;
  let headers: Record<string, string>;
  beforeAll(async () => {
    // The corpus posts and reads back some 130 requests as fast as the machine allows: the operator's
    // gold burst (100/s) would answer some with 429 on a quiet machine, which is not what is under test.
    const roomyTiers = JSON.stringify({ gold: [{ name: 'burst', quota: 100_000, windowSeconds: 1 }] });
    stack = await startStack({ env: { BILLING_CLEARINGHOUSE_POLL_MS: '0', THROTTLE_TIERS: roomyTiers } });
    headers = await stack.auth('ops-console');
  }, 120_000);
  afterAll(async () => {
    await stack?.close();
  });

  const get = async (path: string) => {
    const response = await fetch(`${stack.urls.systemApi}${path}`, { headers });
    return { status: response.status, text: await response.text() };
  };

  it('has an expectation for every fixture, and every expectation has its fixture', () => {
    expect(files).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(files)('%s', async (file) => {
    const content = readFileSync(join(dir, file), 'latin1');
    const response = await fetch(`${stack.urls.systemApi}/billing/v1/inbound/x12`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/edi-x12' },
      body: content,
    });
    const body = (await response.json()) as Record<string, any>;
    expect(response.status, JSON.stringify(body).slice(0, 500)).toBeLessThan(500);
    const engine = readX12(content);
    const engineErrors = engine.issues.filter((i) => i.severity === 'error').map((i) => i.code);
    const expected = EXPECTED[file];

    if (expected === 'not-x12') {
      expect([response.status, body.code]).toEqual([400, 'X12_NOT_X12']);
      return;
    }
    if (expected === 'rejected') {
      expect([response.status, body.code]).toEqual([422, 'X12_INTERCHANGE_REJECTED']);
      // Every error the engine finds is named, with its code, in the order found.
      expect((body.errors as { code: string }[]).map((e) => e.code)).toEqual(engineErrors.slice(0, 200));
      const id = /kept as (x12-[0-9a-f]{12})/.exec(body.detail as string)![1];
      const stored = JSON.parse((await get(`/billing/v1/inbound/x12/${id}`)).text) as { status: string; errorCount: number };
      expect([stored.status, stored.errorCount]).toEqual(['rejected', engineErrors.length]);
      // The acknowledgement rejects what holds the errors: the envelope (TA1) or the transaction set or group (999).
      const acknowledgement = await get(`/billing/v1/inbound/x12/${id}/acknowledgement`);
      expect(acknowledgement.status, acknowledgement.text.slice(0, 300)).toBe(200);
      const ack = readX12(acknowledgement.text);
      const ta1Rejects = ack.interchanges.some((i) => i.interchangeAcknowledgements.some((t) => t.status === 'R'));
      const acks = ack.interchanges.flatMap((i) =>
        i.groups.flatMap((g) => g.transactionSets.map((t) => t.content).filter((c): c is FunctionalAckContent => c?.kind === '999')),
      );
      const ackRejects = acks.some(
        (c) => c.acknowledgement.status !== 'A' || c.acknowledgement.transactionSets.some((t) => t.status === 'R'),
      );
      expect(ta1Rejects || ackRejects).toBe(true);
      return;
    }

    expect(response.status, JSON.stringify(body.errors ?? body).slice(0, 500)).toBe(200);
    expect(body.status).toBe(expected);
    expect(engineErrors).toEqual([]);
    const remittances = engine.interchanges.flatMap((i) =>
      i.groups.flatMap((g) => g.transactionSets.map((t) => t.content).filter((c): c is RemittanceContent => c?.kind === '835')),
    );
    expect(body.summary.remittances).toHaveLength(remittances.length);
    remittances.forEach((remittance, index) => {
      const outcome = body.summary.remittances[index] as {
        duplicate: boolean;
        matched: number;
        unmatched: number;
        postings: { postingStatus: string }[];
      };
      // Nothing Concord sent is paid by a public sample: every claim payment is listed for work.
      expect(outcome.duplicate).toBe(false);
      expect([outcome.matched, outcome.unmatched]).toEqual([0, remittance.remittance.claimPayments.length]);
      expect(outcome.postings.every((p) => p.postingStatus === 'unmatched')).toBe(true);
    });
  });

  it('lists the public samples’ claim payments for work, each with its amounts balancing to the cent', async () => {
    const answer = await get('/billing/v1/remittances/unmatched');
    expect(answer.status, answer.text.slice(0, 500)).toBe(200);
    const unmatched = JSON.parse(answer.text) as {
      items: {
        charge: { amount: number };
        paid: { amount: number };
        detail: { adjustments: { amount: { amount: number } }[]; serviceLines: { adjustments: { amount: { amount: number } }[] }[] };
      }[];
    };
    expect(unmatched.items.length).toBeGreaterThan(5);
    for (const payment of unmatched.items) {
      const adjustments = [...payment.detail.adjustments, ...payment.detail.serviceLines.flatMap((l) => l.adjustments)].reduce(
        (sum, a) => sum + a.amount.amount,
        0,
      );
      expect(payment.charge.amount - payment.paid.amount).toBe(adjustments);
    }
  });
});
