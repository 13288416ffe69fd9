import { randomUUID } from 'node:crypto';
import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { TEST_CONTRACTS } from '../support/event-backbone-harness';
import { LedgerServer } from '../support/ledger-server';
import { graphql, type Stack, startStack } from '../support/stack';
import { testFlows } from '../support/test-flows';

/** Flow status over graphql-ws for the operations console, with an approval decided through a mutation. */
describe('GraphQL subscriptions', () => {
  let stack: Stack;
  let ledger: LedgerServer;
  let operator: Record<string, string>;

  beforeAll(async () => {
    ledger = await new LedgerServer().start();
    stack = await startStack({ processFlows: testFlows(), events: TEST_CONTRACTS, env: { GRAPHQL_SUBSCRIPTION_POLL_MS: '100' } });
    operator = await stack.auth('ops-console');
  });
  afterAll(async () => {
    await stack?.close();
    await ledger?.close();
  });

  const socketUrl = () => `${stack.urls.experienceApi.replace('http', 'ws')}/graphql`;

  it('streams a flow’s status from waiting for approval to completed once an operator approves it', async () => {
    const started = await fetch(`${stack.urls.processApi}/v1/flows/test-approval/start`, {
      method: 'POST',
      headers: { ...operator, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      body: JSON.stringify({ input: { ledger: ledger.url, amountCents: 2_100_000, patient: 'p-subscribe' } }),
    });
    expect(started.status).toBe(201);
    const flowId = ((await started.json()) as { id: string }).id;

    const client = createClient({
      url: socketUrl(),
      webSocketImpl: WebSocket,
      connectionParams: { authorization: operator.authorization },
    });
    const statuses: string[] = [];
    let approved = false;
    try {
      await new Promise<void>((resolve, reject) => {
        client.subscribe<{ flowStatusChanged: { id: string; status: string } }>(
          { query: 'subscription Watch($id: ID!) { flowStatusChanged(id: $id) { id status currentStep } }', variables: { id: flowId } },
          {
            next: ({ data, errors }) => {
              if (errors) return reject(new Error(JSON.stringify(errors)));
              statuses.push(data!.flowStatusChanged.status);
              if (data!.flowStatusChanged.status === 'WAITING' && !approved) {
                approved = true;
                void (async () => {
                  const pending = await graphql<{ approvals: { nodes: { id: string; flowId: string }[] } }>(
                    stack.urls.experienceApi,
                    '{ approvals(status: PENDING) { nodes { id flowId } } }',
                    undefined,
                    operator,
                  );
                  const approval = pending.body.data!.approvals.nodes.find((a) => a.flowId === flowId)!;
                  const decided = await graphql<{ approve: { status: string; decidedBy: string } }>(
                    stack.urls.experienceApi,
                    'mutation Decide($id: ID!) { approve(id: $id, comment: "for the OR schedule") { status decidedBy } }',
                    { id: approval.id },
                    operator,
                  );
                  expect(decided.body.data!.approve).toEqual({ status: 'APPROVED', decidedBy: 'ops-console' });
                })().catch(reject);
              }
            },
            error: reject,
            complete: resolve,
          },
        );
      });
    } finally {
      await client.dispose();
    }
    expect(statuses[0]).toBe('WAITING');
    expect(statuses.at(-1)).toBe('COMPLETED');
  });

  it('refuses a socket without a token at connection time, and a subscription without the scope', async () => {
    const anonymous = createClient({ url: socketUrl(), webSocketImpl: WebSocket, retryAttempts: 0, lazy: false });
    const closed = await new Promise<unknown>((resolve) => anonymous.on('closed', resolve));
    expect((closed as { code: number }).code).toBe(4403);
    await anonymous.dispose();

    const partner = await stack.auth('partner-acme');
    const client = createClient({ url: socketUrl(), webSocketImpl: WebSocket, connectionParams: { authorization: partner.authorization } });
    try {
      const errors = await new Promise<unknown>((resolve) => {
        client.subscribe(
          { query: 'subscription { flowStatusChanged(id: "00000000-0000-4000-8000-000000000000") { id } }' },
          { next: (result) => resolve(result.errors), error: resolve, complete: () => resolve(undefined) },
        );
      });
      expect(errors).toEqual([
        expect.objectContaining({ extensions: expect.objectContaining({ code: 'FORBIDDEN', reason: 'INSUFFICIENT_SCOPE' }) }),
      ]);
    } finally {
      await client.dispose();
    }
  });
});
