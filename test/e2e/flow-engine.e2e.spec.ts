import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventBackbone } from '@concord/events';
import { TransactionRunner } from '@concord/platform';
import { FlowRunner } from '../../apps/process-api/src/engine/flow-runner';
import { eventually, TEST_CONTRACTS, TEST_SIGNAL_RECORDED } from '../support/event-backbone-harness';
import { LedgerServer } from '../support/ledger-server';
import { type Stack, startStack } from '../support/stack';
import { testFlows } from '../support/test-flows';

/**
 * The flow engine through process-api's REST API, with test flows posting to a real HTTP ledger
 * that applies each Idempotency-Key once: retries, waits for events, approvals, SLAs, the
 * exception queue with its actions, and event-started flows.
 */
describe('flow engine', () => {
  let stack: Stack;
  let ledger: LedgerServer;
  let operator: Record<string, string>;
  let supervisor: Record<string, string>;

  beforeAll(async () => {
    ledger = await new LedgerServer().start();
    stack = await startStack({ processFlows: testFlows(), events: TEST_CONTRACTS });
    operator = await stack.auth('ops-console');
    supervisor = await stack.auth('ops-supervisor');
  });
  afterAll(async () => {
    await stack?.close();
    await ledger?.close();
  });

  const call = async (method: string, path: string, headers: Record<string, string>, body?: unknown) => {
    const response = await fetch(`${stack.urls.processApi}${path}`, {
      method,
      headers: {
        ...headers,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(method === 'POST' && path.endsWith('/start') ? { 'idempotency-key': randomUUID() } : {}),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: await response.json() };
  };
  const start = async (type: string, input: Record<string, unknown>) => {
    const started = await call('POST', `/v1/flows/${type}/start`, operator, { input: { ledger: ledger.url, amountCents: 1000, ...input } });
    expect(started.status).toBe(201);
    return started.body.id as string;
  };
  const flow = async (id: string) => (await call('GET', `/v1/flows/${id}`, operator)).body;
  const until = (id: string, status: string) =>
    eventually(async () => {
      const current = await flow(id);
      expect(current.status).toBe(status);
      return current;
    });

  it('runs steps in order, retries an outage with backoff, and posts each step once', async () => {
    ledger.failNext(2);
    const callsBefore = ledger.calls;
    const id = await start('test-posting', { patient: 'p-retry' });
    const done = await until(id, 'completed');
    expect(done.timeline.map((r: { step: string; kind: string }) => `${r.step}:${r.kind}`)).toEqual([
      'first:started',
      'first:retry-scheduled',
      'first:retry-scheduled',
      'first:completed',
      'second:completed',
    ]);
    expect(ledger.calls - callsBefore).toBe(4);
    const keys = [...ledger.postings.keys()].filter((key) => key.includes(id));
    expect(keys.sort()).toEqual([`flow:${id}:first:r0`, `flow:${id}:second:r0`]);
    expect(done.links.map((l: { name: string }) => l.name).sort()).toEqual(['ledger-first', 'ledger-second']);
    const listed = await call('GET', '/v1/flows?type=test-posting&key=patient:p-retry', operator);
    expect(listed.body.items.map((f: { id: string }) => f.id)).toEqual([id]);
  });

  it('raises a non-retryable failure as an exception with its impact; a rejected edit changes nothing, and a skip moves on', async () => {
    const id = await start('test-claim', { patient: 'p-claim' });
    await until(id, 'failed');
    const [exception] = (await call('GET', `/v1/exceptions?flowId=${id}`, operator)).body.items;
    expect(exception).toMatchObject({
      step: 'submit',
      kind: 'step-failed',
      status: 'open',
      code: 'MEMBER_ID_MISSING',
      amountAtRisk: { amount: 1000, currency: 'USD' },
      dueDate: '2027-11-02',
      impact: { payer: 'BMCD1' },
      actions: ['retry', 'edit', 'skip', 'compensate', 'cancel'],
    });
    expect(typeof exception.daysLeft).toBe('number');
    const unknownField = await call('POST', `/v1/exceptions/${exception.id}/edits`, operator, { patch: { nonsense: 1 }, reason: 'typo' });
    expect(unknownField.status).toBe(422);
    expect(unknownField.body.errors).toContainEqual(expect.objectContaining({ pointer: '/patch/nonsense' }));
    const proposed = await call('POST', `/v1/exceptions/${exception.id}/edits`, operator, {
      patch: { amountCents: 1200 },
      reason: 'corrected amount',
    });
    expect(proposed.status).toBe(201);
    const rejected = await call('POST', `/v1/exceptions/${exception.id}/edits/${proposed.body.id}/reject`, supervisor, {
      comment: 'amount was right',
    });
    expect(rejected.body).toMatchObject({ status: 'rejected', decidedBy: 'ops-supervisor' });
    expect((await flow(id)).state).toMatchObject({ amountCents: 1000 });
    expect((await call('POST', `/v1/exceptions/${exception.id}/skip`, operator, { comment: 'billed by hand' })).status).toBe(200);
    await until(id, 'completed');
    expect((await call('GET', `/v1/exceptions/${exception.id}`, operator)).body).toMatchObject({
      status: 'resolved',
      resolution: 'skipped',
      actions: [],
    });
    expect((await call('POST', `/v1/exceptions/${exception.id}/retry`, operator, {})).status).toBe(409);
  });

  it('replays an approved correction (four eyes) under a new idempotency key, so the corrected request is a new one', async () => {
    const id = await start('test-claim', { patient: 'p-member', memberId: '' });
    await until(id, 'failed');
    const [exception] = (await call('GET', `/v1/exceptions?flowId=${id}`, operator)).body.items;
    const proposed = await call('POST', `/v1/exceptions/${exception.id}/edits`, operator, {
      patch: { memberId: 'BMCD-88' },
      reason: 'member id from the card',
    });
    expect(proposed.status).toBe(201);
    const own = await call('POST', `/v1/exceptions/${exception.id}/edits/${proposed.body.id}/approve`, operator, {});
    expect(own.status).toBe(403);
    expect(own.body.code).toBe('FOUR_EYES_REQUIRED');
    expect((await flow(id)).status).toBe('failed');
    expect(
      (await call('POST', `/v1/exceptions/${exception.id}/edits/${proposed.body.id}/approve`, supervisor, { comment: 'ok' })).status,
    ).toBe(200);
    const done = await until(id, 'completed');
    expect(done.state).toMatchObject({ memberId: 'BMCD-88' });
    expect(ledger.postings.get(`flow:${id}:submit:r1`)?.body).toEqual({ memberId: 'BMCD-88' });
    expect(ledger.postings.has(`flow:${id}:submit:r0`)).toBe(false);
    // The step before the failure is not repeated by the replay.
    expect([...ledger.postings.keys()].filter((key) => key.startsWith(`flow:${id}:prepare`))).toEqual([`flow:${id}:prepare:r0`]);
    expect((await call('GET', `/v1/exceptions/${exception.id}`, operator)).body).toMatchObject({
      resolution: 'edited-and-replayed',
      resolvedBy: 'ops-supervisor',
    });
  });

  it('compensates completed steps in reverse order when an operator asks', async () => {
    const id = await start('test-claim', { patient: 'p-comp' });
    await until(id, 'failed');
    const [exception] = (await call('GET', `/v1/exceptions?flowId=${id}`, operator)).body.items;
    expect((await call('POST', `/v1/exceptions/${exception.id}/compensate`, operator, {})).status).toBe(200);
    const ended = await until(id, 'compensated');
    expect(ended.timeline.map((r: { kind: string }) => r.kind)).toContain('compensated');
    expect(ledger.postings.get(`flow:${id}:prepare:r0:reversal`)?.body).toMatchObject({ amount: -1000 });
  });

  it('waits for an event about its subject, raises its SLA breach, and clears it when the event comes', async () => {
    const id = await start('test-wait', { patient: 'p-wait' });
    const breached = await eventually(async () => {
      const list = await call('GET', `/v1/exceptions?flowId=${id}&status=open`, operator);
      expect(list.body.items).toHaveLength(1);
      return list.body.items[0];
    });
    expect(breached).toMatchObject({ kind: 'sla-breached', code: 'SLA_BREACHED', actions: ['skip', 'cancel'] });
    expect((await flow(id)).status).toBe('waiting');
    await stack.systemApi
      .get(TransactionRunner)
      .run((manager) =>
        stack.systemApi
          .get(EventBackbone)
          .outbox.add(manager, { type: TEST_SIGNAL_RECORDED.type, data: { key: 'wait', n: 7 }, subject: 'Signal/p-wait' }),
      );
    const done = await until(id, 'completed');
    expect(done.state).toMatchObject({ signalN: 7 });
    expect((await call('GET', `/v1/exceptions/${breached.id}`, operator)).body).toMatchObject({
      status: 'resolved',
      resolution: 'cleared',
    });
  });

  it('finds an event that arrived before the flow started waiting for it', async () => {
    await stack.systemApi
      .get(TransactionRunner)
      .run((manager) =>
        stack.systemApi
          .get(EventBackbone)
          .outbox.add(manager, { type: TEST_SIGNAL_RECORDED.type, data: { key: 'early', n: 3 }, subject: 'Signal/p-early' }),
      );
    await eventually(async () => {
      const [row] = await stack.processApi
        .get(TransactionRunner)
        .run((m) => m.query("SELECT COUNT(*) AS c FROM flow_signal WHERE subject = 'Signal/p-early'"));
      expect(Number(row.c)).toBe(1);
    });
    const id = await start('test-wait', { patient: 'p-early' });
    expect((await until(id, 'completed')).state).toMatchObject({ signalN: 3 });
  });

  it('waits for a decision by the assigned role', async () => {
    const id = await start('test-approval', { patient: 'p-approve', amountCents: 2_100_000 });
    const [approval] = await eventually(async () => {
      const list = await call('GET', `/v1/approvals?flowId=${id}`, operator);
      expect(list.body).toHaveLength(1);
      return list.body;
    });
    expect(approval).toMatchObject({ role: 'SupplyChainManager', status: 'pending', amount: { amount: 2_100_000, currency: 'USD' } });
    expect((await flow(id)).status).toBe('waiting');
    const portal = await stack.auth('partner-acme');
    expect((await call('POST', `/v1/approvals/${approval.id}/approve`, portal, {})).status).toBe(403);
    const decided = await call('POST', `/v1/approvals/${approval.id}/approve`, operator, { comment: 'needed for the OR schedule' });
    expect(decided.body).toMatchObject({ status: 'approved', decidedBy: 'ops-console' });
    expect((await until(id, 'completed')).state).toMatchObject({ decision: 'approved' });
    expect((await call('POST', `/v1/approvals/${approval.id}/reject`, operator, {})).status).toBe(409);
    const small = await start('test-approval', { patient: 'p-small', amountCents: 500 });
    expect((await until(small, 'completed')).state).toMatchObject({ decision: 'not-needed' });
  });

  it('starts a flow from an event once, however often the event is delivered', async () => {
    const [event] = await stack.systemApi
      .get(TransactionRunner)
      .run((manager) =>
        stack.systemApi
          .get(EventBackbone)
          .outbox.add(manager, { type: TEST_SIGNAL_RECORDED.type, data: { key: 'trigger-1', n: 1 }, subject: 'Signal/t1' }),
      );
    const found = await eventually(async () => {
      const list = await call('GET', '/v1/flows?type=test-trigger&key=signal:trigger-1', operator);
      expect(list.body.items).toHaveLength(1);
      return list.body.items[0];
    });
    await stack.processApi.get(EventBackbone).worker('process-api.flow-engine').accept([event], 'live');
    await stack.processApi.get(EventBackbone).worker('process-api.flow-engine').drain();
    await stack.processApi.get(FlowRunner).drain();
    expect((await call('GET', '/v1/flows?type=test-trigger&key=signal:trigger-1', operator)).body.items).toHaveLength(1);
    expect((await until(found.id, 'completed')).businessKeys).toEqual([{ name: 'signal', value: 'trigger-1' }]);
  });

  it('shows the journey of a patient across flows, and masks identifiers without the PHI scope', async () => {
    const id = await start('test-posting', { patient: 'p-journey', mrn: 'CG-999001' });
    await until(id, 'completed');
    const journey = await call('GET', '/v1/patients/CG-999001/journey', operator);
    expect(journey.status).toBe(200);
    expect(journey.body.flows).toHaveLength(1);
    expect(journey.body.flows[0].links.map((l: { name: string }) => l.name).sort()).toEqual(['ledger-first', 'ledger-second']);
    const narrow = { authorization: `Bearer ${await stack.token('ops-console', 'process/*.cruds system/*.rs')}` };
    const masked = await call('GET', `/v1/flows/${id}`, narrow);
    expect(masked.body.businessKeys).toContainEqual({ name: 'mrn', value: '[masked: needs phi/Patient.r]' });
    expect(masked.body.state).toBe('[masked: needs phi/Patient.r]');
  });

  it('refuses unknown flow types, flows that only events start, and bad input with precise problems', async () => {
    expect((await call('POST', '/v1/flows/no-such-flow/start', operator, { input: {} })).status).toBe(404);
    const eventOnly = await call('POST', '/v1/flows/test-trigger/start', operator, { input: {} });
    expect(eventOnly.status).toBe(422);
    expect(eventOnly.body.code).toBe('FLOW_NOT_STARTABLE');
    const invalid = await call('POST', '/v1/flows/test-posting/start', operator, { input: { ledger: 42 } });
    expect(invalid.status).toBe(422);
    expect((await call('GET', '/v1/flows/not-a-uuid', operator)).status).toBe(400);
    expect((await call('GET', '/v1/flows', await stack.auth('partner-acme'))).status).toBe(403);
  });
});
