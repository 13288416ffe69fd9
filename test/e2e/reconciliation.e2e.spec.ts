import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataSource } from 'typeorm';
import type { ReconciliationBreakFoundData } from '@concord/contracts';
import type { CloudEvent } from '@concord/events';
import { eventually } from '../support/event-backbone-harness';
import { accountFor, type BillingStack, codingFor, readEncounter, startBillingStack } from './billing-e2e.helpers';

/**
 * Continuous reconciliation through every layer on the sandbox: a clinic visit is paid by an 835
 * and posted in billing, but no cash or patient A/R journal reaches the ERP (the patient-to-cash
 * flow's postings "dropped"). The claims-paid-cash rule finds both breaks with their amounts to the
 * cent, feeds them to the exception queue, heals one through the reconciliation-heal flow exactly
 * once, and the next run closes what was healed and keeps the rest as the same break.
 */
describe('reconciliation: claims paid in 835s ↔ cash and A/R journals', () => {
  let billing: BillingStack;
  let operator: Record<string, string>;
  let remittanceId: string;
  let claimId: string;

  beforeAll(async () => {
    // No ERP retries: the outage test below fails fast instead of waiting out backoffs.
    billing = await startBillingStack({ env: { ERP_RETRIES: '0' } });
    operator = await billing.stack.auth('ops-console');
    // Scenario 2: the clinic visit, paid 89.60 with 22.40 patient responsibility.
    const ehr = await readEncounter(billing.stack, 'enc-jr-visit');
    const account = await billing.call('POST', '/billing/v1/accounts', accountFor(ehr));
    expect(account.status, JSON.stringify(account.body)).toBe(201);
    for (const charge of ehr.charges) {
      const posted = await billing.call('POST', `/billing/v1/accounts/${account.body.id}/charges`, {
        chargeCode: charge.chargeCode,
        quantity: charge.quantity,
        serviceDate: charge.serviceDate,
        ...(charge.departmentCode ? { departmentCode: charge.departmentCode } : {}),
        sourceChargeId: charge.id,
      });
      expect(posted.status, JSON.stringify(posted.body)).toBe(201);
    }
    expect((await billing.call('PUT', `/billing/v1/accounts/${account.body.id}/coding`, codingFor(ehr))).status).toBe(200);
    const claim = await billing.call('POST', '/billing/v1/claims', { accountId: account.body.id });
    expect(claim.status, JSON.stringify(claim.body)).toBe(201);
    claimId = claim.body.id as string;
    expect((await billing.call('POST', `/billing/v1/claims/${claimId}/submit`)).status).toBe(200);
    await billing.exchangeNow();
    const paid = (await billing.call('GET', `/billing/v1/claims/${claimId}`)).body;
    expect(paid.payments).toMatchObject([{ paid: { amount: 8_960 }, patientResponsibility: { amount: 2_240 }, postingStatus: 'posted' }]);
    remittanceId = paid.payments[0].remittanceId as string;
  });
  afterAll(async () => {
    await billing?.close();
  });

  const process = async (
    method: string,
    path: string,
    options: { body?: unknown; key?: string; headers?: Record<string, string> } = {},
  ) => {
    const response = await fetch(`${billing.stack.urls.processApi}${path}`, {
      method,
      headers: {
        ...(options.headers ?? operator),
        ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(method === 'POST' ? { 'idempotency-key': options.key ?? randomUUID() } : {}),
      },
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, any> };
  };
  const run = async (key?: string) => {
    const answer = await process('POST', '/v1/reconciliations/claims-paid-cash/run', { body: {}, key });
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    return answer.body;
  };
  const breaksOf = async (runId: string) => {
    const answer = await process('GET', `/v1/reconciliations/${runId}/breaks`);
    expect(answer.status).toBe(200);
    return answer.body.items as Record<string, any>[];
  };
  const cashJournals = async () =>
    (await billing.call('GET', `/erp/v1/journals?sourceType=remittance&sourceId=${remittanceId}`)).body.items as {
      id: string;
      lines: { account: string; side: string; amount: { amount: number } }[];
    }[];
  const breakFoundEvents = async () =>
    (
      await billing.stack.processApi
        .get(DataSource)
        .query<{ payload: string }[]>(
          `SELECT payload FROM event_outbox WHERE type = 'process.reconciliation.break-found.v1' ORDER BY position`,
        )
    ).map((row) => JSON.parse(row.payload) as CloudEvent<ReconciliationBreakFoundData>);

  let cashBreakId: string;
  let patientBreakId: string;

  it('finds the payment with no cash journal, and the patient responsibility with no A/R journal, to the cent', async () => {
    const key = randomUUID();
    const first = await run(key);
    expect(first).toMatchObject({
      rule: 'claims-paid-cash',
      trigger: 'manual',
      status: 'completed',
      breaksFound: 2,
      breaksNew: 2,
      breaksClosed: 0,
    });
    expect(first.amountAtStake).toEqual({ amount: 8_960 + 2_240, currency: 'USD' });
    // The same Idempotency-Key answers the same run; it does not run the rule again.
    const replay = await run(key);
    expect(replay.id).toBe(first.id);
    expect((await process('GET', '/v1/reconciliations?rule=claims-paid-cash')).body.total).toBe(1);

    const breaks = await breaksOf(first.id);
    expect(breaks.map((b) => [b.breakKey, b.cause, b.amountAtStake.amount, b.outcome])).toEqual([
      [`remittance:${remittanceId}:cash`, 'cash-journal-missing', 8_960, 'new'],
      [`remittance:${remittanceId}:patient-ar`, 'patient-ar-journal-missing', 2_240, 'new'],
    ]);
    const [cash, patient] = breaks;
    expect(cash.records).toEqual([
      { system: 'billing', type: 'remittance', id: remittanceId },
      { system: 'billing', type: 'claim', id: claimId },
    ]);
    expect(cash.healAction).toEqual({
      kind: 'post-journal',
      description: `Post journal DR 1000 89.60 / CR 1200 89.60 citing remittance ${remittanceId}`,
    });
    cashBreakId = cash.id;
    patientBreakId = patient.id;

    // Each break waits in the exception queue with its amount at risk.
    const queue = await process('GET', `/v1/exceptions?status=open&flowType=reconciliation-heal`);
    const cashException = queue.body.items.find((x: { flowId: string }) => x.flowId === cash.flowId);
    expect(cashException).toMatchObject({ code: 'RECONCILIATION_CASH_JOURNAL_MISSING', amountAtRisk: { amount: 8_960 } });
    expect(cash.openExceptionId).toBe(cashException.id);

    const events = await breakFoundEvents();
    expect(events.map((e) => [e.data.breakKey, e.data.amountAtStakeCents, e.data.healAction])).toEqual([
      [`remittance:${remittanceId}:cash`, 8_960, 'post-journal'],
      [`remittance:${remittanceId}:patient-ar`, 2_240, 'post-journal'],
    ]);
  });

  it('with the ERP down, a run is recorded incomplete with the reason, reports no break and closes none', async () => {
    const outage = (down: boolean) =>
      fetch(`${billing.stack.urls.sandbox}/sandbox/v1/erp/outage`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ down }),
      });
    await outage(true);
    let incomplete: Record<string, any>;
    try {
      incomplete = await run();
    } finally {
      await outage(false);
    }
    expect(incomplete).toMatchObject({ status: 'incomplete', unavailableSystem: 'erp', breaksFound: 0, breaksClosed: 0 });
    expect(incomplete.reason).toMatch(/^UPSTREAM_UNAVAILABLE: erp could not be read/);
    expect(await breaksOf(incomplete.id)).toEqual([]);
    expect((await process('GET', `/v1/reconciliation-breaks/${cashBreakId}`)).body.status).toBe('open');
    const listed = await process('GET', '/v1/reconciliations?rule=claims-paid-cash&status=incomplete');
    expect(listed.body.items.map((r: { id: string }) => r.id)).toEqual([incomplete.id]);
  });

  it('heals the cash break once through the reconciliation-heal flow, however often it is asked', async () => {
    const healed = await process('POST', `/v1/reconciliation-breaks/${cashBreakId}/heal`, {
      body: { comment: 'post the dropped cash journal' },
    });
    expect(healed.status, JSON.stringify(healed.body)).toBe(200);
    expect(healed.body.healRequestedBy).toBe('ops-console');
    const flow = await eventually(async () => {
      const current = (await process('GET', `/v1/flows/${healed.body.flowId}`)).body;
      expect(current.status).toBe('completed');
      return current;
    });
    expect(flow.links.map((l: { name: string }) => l.name)).toEqual(['journal']);
    // Asked again (another key): the exception is no longer open, nothing runs twice.
    const again = await process('POST', `/v1/reconciliation-breaks/${cashBreakId}/heal`, { body: {} });
    expect(again.status).toBe(200);
    const journals = await cashJournals();
    expect(journals).toHaveLength(1);
    expect(journals[0].lines.map((l) => [l.account, l.side, l.amount.amount])).toEqual([
      ['1000', 'debit', 8_960],
      ['1200', 'credit', 8_960],
    ]);
    // A break with no remedy for its cause, or an unknown one, is refused clearly.
    expect((await process('POST', `/v1/reconciliation-breaks/${randomUUID()}/heal`, { body: {} })).body.code).toBe(
      'RECONCILIATION_BREAK_NOT_FOUND',
    );
  });

  it('the next run closes the healed break and keeps the other as the same break; fixed by hand, that one closes too', async () => {
    const second = await run();
    expect(second).toMatchObject({ status: 'completed', breaksFound: 1, breaksNew: 0, breaksClosed: 1, amountAtStake: { amount: 2_240 } });
    const outcomes = await breaksOf(second.id);
    expect(outcomes.map((b) => [b.id, b.outcome, b.status])).toEqual([
      [patientBreakId, 'persisting', 'open'],
      [cashBreakId, 'closed', 'closed'],
    ]);
    const closed = (await process('GET', `/v1/reconciliation-breaks/${cashBreakId}`)).body;
    expect(closed).toMatchObject({ status: 'closed', closedRunId: second.id, flowStatus: 'completed' });
    expect(closed.openExceptionId).toBeUndefined();
    expect((await process('POST', `/v1/reconciliation-breaks/${cashBreakId}/heal`, { body: {} })).body.code).toBe(
      'RECONCILIATION_BREAK_CLOSED',
    );

    // Healed elsewhere (the patient A/R journal posted by hand): the next run closes it and clears its exception.
    const manual = await billing.call('POST', '/erp/v1/journals', {
      memo: 'Patient responsibility, posted by hand',
      sourceDocument: { type: 'remittance', id: remittanceId },
      lines: [
        { account: '1210', side: 'debit', amount: { amount: 2_240, currency: 'USD' } },
        { account: '1200', side: 'credit', amount: { amount: 2_240, currency: 'USD' } },
      ],
    });
    expect(manual.status, JSON.stringify(manual.body)).toBe(201);
    const third = await run();
    expect(third).toMatchObject({ breaksFound: 0, breaksClosed: 1, amountAtStake: { amount: 0 } });
    const patient = (await process('GET', `/v1/reconciliation-breaks/${patientBreakId}`)).body;
    expect(patient).toMatchObject({ status: 'closed', flowStatus: 'completed' });
    const cleared = await process('GET', `/v1/exceptions?flowId=${patient.flowId}`);
    expect(cleared.body.items.map((x: { status: string; resolution: string }) => [x.status, x.resolution])).toEqual([
      ['resolved', 'cleared'],
    ]);
    // Nothing was posted twice, and each break was announced once across the four runs.
    expect(await cashJournals()).toHaveLength(2);
    expect((await breakFoundEvents()).length).toBe(2);
  });

  it('refuses unknown rules and callers without the reconciliation scope', async () => {
    const unknown = await process('POST', '/v1/reconciliations/no-such-rule/run', { body: {} });
    expect([unknown.status, unknown.body.code]).toEqual([404, 'RECONCILIATION_RULE_UNKNOWN']);
    const missingKey = await fetch(`${billing.stack.urls.processApi}/v1/reconciliations/claims-paid-cash/run`, {
      method: 'POST',
      headers: { ...operator, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(missingKey.status).toBe(400);
    const partner = await billing.stack.auth('partner-acme');
    const forbidden = await process('GET', '/v1/reconciliations', { headers: partner });
    expect(forbidden.status).toBe(403);
    const rules = await process('GET', '/v1/reconciliation-rules');
    expect(rules.body.map((r: { name: string }) => r.name)).toEqual([
      'claims-paid-cash',
      'patient-accounts',
      'employees-payroll',
      'discharges-claims',
    ]);
  });
});
