import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventBackbone } from '@concord/events';
import { TransactionRunner } from '@concord/platform';
import { eventually, TEST_CONTRACTS, TEST_SIGNAL_RECORDED, type TestSignalData } from '../support/event-backbone-harness';
import { type Stack, startStack } from '../support/stack';

/**
 * The operators' view of the backbone over HTTP, across real apps: system-api publishes, a
 * subscriber in process-api fails, and operators inspect, correct (four eyes) and replay.
 */
describe('event operations API', () => {
  let stack: Stack;
  let operator: Record<string, string>;
  let supervisor: Record<string, string>;
  const handled: TestSignalData[] = [];
  const correlationId = `ops-${Date.now()}`;

  beforeAll(async () => {
    stack = await startStack({ events: TEST_CONTRACTS });
    stack.processApi.get(EventBackbone).subscribe({
      subscriber: 'process-api.ops-test',
      types: [TEST_SIGNAL_RECORDED.type],
      retry: { maxAttempts: 2, initialBackoffMs: 10, maxBackoffMs: 20 },
      handle: async (event) => {
        const data = event.data as TestSignalData;
        if (data.fail) throw new Error('the downstream system refused the signal');
        handled.push(data);
      },
    });
    operator = await stack.auth('ops-console');
    supervisor = await stack.auth('ops-supervisor');
    const producer = stack.systemApi.get(EventBackbone);
    await stack.systemApi.get(TransactionRunner).run((manager) =>
      producer.outbox.add(manager, [
        { type: TEST_SIGNAL_RECORDED.type, data: { key: 'ops', n: 1, fail: true }, correlationId },
        { type: TEST_SIGNAL_RECORDED.type, data: { key: 'ops', n: 2 }, correlationId },
      ]),
    );
  });
  afterAll(async () => {
    await stack?.close();
  });

  const api = (path: string, headers: Record<string, string>, body?: unknown) =>
    fetch(`${stack.urls.processApi}/events/v1${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  it('lists the dead letter with its error to operators only, and reports lag', async () => {
    const letters = await eventually(async () => {
      const list = await (await api('/dead-letters?subscriber=process-api.ops-test', operator)).json();
      expect(list).toHaveLength(1);
      return list;
    });
    expect(letters[0]).toMatchObject({
      subscriber: 'process-api.ops-test',
      type: TEST_SIGNAL_RECORDED.type,
      key: 'ops',
      correlationId,
      status: 'dead',
      attempts: 2,
      holdsKey: true,
      lastError: expect.stringContaining('refused the signal'),
      event: { data: { key: 'ops', n: 1, fail: true } },
    });
    expect(handled).toEqual([]);
    expect((await api('/dead-letters', await stack.auth('partner-acme'))).status).toBe(403);
    expect((await fetch(`${stack.urls.processApi}/events/v1/dead-letters`)).status).toBe(401);
    const subscribers = await (await api('/subscribers', operator)).json();
    expect(subscribers).toContainEqual(expect.objectContaining({ subscriber: 'process-api.ops-test', deadLetters: 1, lag: 1 }));
    const metrics = await (await fetch(`${stack.urls.processApi}/metrics`)).text();
    expect(metrics).toMatch(/concord_event_consumer_lag\{subscriber="process-api.ops-test",app="process-api"\} 1/);
    expect(metrics).toMatch(/concord_event_dead_letters\{subscriber="process-api.ops-test",app="process-api"\} 1/);
  });

  it('applies a corrected event only after a second operator approves it, and records who did what', async () => {
    const [letter] = await (await api('/dead-letters?subscriber=process-api.ops-test', operator)).json();
    const invalid = await api(`/dead-letters/${letter.id}/edits`, operator, { data: { key: 'ops' }, reason: 'fix flag' });
    expect(invalid.status).toBe(422);
    expect((await invalid.json()).errors).toContainEqual(expect.objectContaining({ pointer: '/data/n' }));

    const proposed = await api(`/dead-letters/${letter.id}/edits`, operator, {
      data: { key: 'ops', n: 1, fail: false },
      reason: 'flag set in error',
    });
    expect(proposed.status).toBe(201);
    const edit = await proposed.json();
    expect(edit).toMatchObject({ status: 'proposed', proposedBy: 'ops-console', previousData: { fail: true } });

    const own = await api(`/dead-letters/${letter.id}/edits/${edit.id}/approve`, operator, {});
    expect(own.status).toBe(403);
    expect((await own.json()).code).toBe('FOUR_EYES_REQUIRED');
    expect(handled).toEqual([]);

    const approved = await api(`/dead-letters/${letter.id}/edits/${edit.id}/approve`, supervisor, { comment: 'checked with the sender' });
    expect(approved.status).toBe(200);
    expect(await approved.json()).toMatchObject({ status: 'approved', decidedBy: 'ops-supervisor' });
    await eventually(async () => expect(handled.map((d) => d.n)).toEqual([1, 2]));
    expect(await (await api('/dead-letters?subscriber=process-api.ops-test', operator)).json()).toEqual([]);

    const audit = await (
      await fetch(`${stack.urls.processApi}/audit/v1/events?limit=50`, { headers: await stack.auth('compliance-auditor') })
    ).json();
    const subtypes = audit
      .filter((e: { entityType: string }) => e.entityType === 'DeadLetter')
      .map((e: { subtype: string; agent: string }) => `${e.subtype}:${e.agent}`);
    expect(subtypes).toEqual(expect.arrayContaining(['dead-letter-edit-proposed:ops-console', 'dead-letter-edit-approved:ops-supervisor']));
  });

  it('replays a correlation to one subscriber without repeating what it already handled', async () => {
    const replay = await fetch(`${stack.urls.systemApi}/events/v1/replays`, {
      method: 'POST',
      headers: { ...operator, 'content-type': 'application/json' },
      body: JSON.stringify({ subscriber: 'process-api.ops-test', correlationId }),
    });
    expect(replay.status).toBe(200);
    expect(await replay.json()).toEqual({ delivered: 2 });
    await stack.processApi.get(EventBackbone).worker('process-api.ops-test').drain();
    expect(handled.map((d) => d.n)).toEqual([1, 2]);
    const unknown = await fetch(`${stack.urls.systemApi}/events/v1/replays`, {
      method: 'POST',
      headers: { ...operator, 'content-type': 'application/json' },
      body: JSON.stringify({ subscriber: 'Not A Name', correlationId }),
    });
    expect(unknown.status).toBe(400);
  });
});
