import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from '../support/stack';

describe('Idempotency-Key on unsafe requests', () => {
  let stack: Stack;
  let operator: Record<string, string>;

  beforeAll(async () => {
    stack = await startStack();
    operator = await stack.auth('ops-console');
  });
  afterAll(async () => {
    await stack?.close();
  });

  const createClient = (key: string | undefined, clientId: string, headers = operator) =>
    fetch(`${stack.urls.systemApi}/admin/v1/clients`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json', ...(key ? { 'idempotency-key': key } : {}) },
      body: JSON.stringify({ clientId, name: `Client ${clientId}`, scopes: ['system/Patient.rs'], tier: 'silver' }),
    });

  it('replays the stored response byte for byte and creates nothing new', async () => {
    const key = randomUUID();
    const first = await createClient(key, 'idem-one');
    expect(first.status).toBe(201);
    const firstBody = await first.text();
    const second = await createClient(key, 'idem-one');
    expect(second.status).toBe(201);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(await second.text()).toBe(firstBody);

    // Without the key, the same creation is a conflict: the first call really created the client once.
    const clients = await (await fetch(`${stack.urls.systemApi}/admin/v1/clients`, { headers: operator })).json();
    expect(clients.filter((c: { clientId: string }) => c.clientId === 'idem-one')).toHaveLength(1);
  });

  it('refuses the same key with another body (422) and a missing key where one is required (400)', async () => {
    const key = randomUUID();
    expect((await createClient(key, 'idem-two')).status).toBe(201);
    const reused = await createClient(key, 'idem-three');
    expect(reused.status).toBe(422);
    expect(await reused.json()).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });

    const missing = await createClient(undefined, 'idem-four');
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({ code: 'IDEMPOTENCY_KEY_REQUIRED' });
  });

  it('lets exactly one of several concurrent requests with one key run; the others wait their turn (409) or replay', async () => {
    const key = randomUUID();
    const responses = await Promise.all(Array.from({ length: 6 }, () => createClient(key, 'idem-race')));
    const statuses = responses.map((r) => r.status);
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
    const originals = responses.filter((r) => r.status === 201 && r.headers.get('idempotent-replayed') !== 'true');
    expect(originals).toHaveLength(1);
    const clients = await (await fetch(`${stack.urls.systemApi}/admin/v1/clients`, { headers: operator })).json();
    expect(clients.filter((c: { clientId: string }) => c.clientId === 'idem-race')).toHaveLength(1);
  });

  it('keeps keys per client: another client using the same key gets its own result', async () => {
    const registered = await fetch(`${stack.urls.systemApi}/admin/v1/clients`, {
      method: 'POST',
      headers: { ...operator, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      body: JSON.stringify({ clientId: 'second-operator', name: 'Second operator', scopes: ['admin/Client.cruds'], tier: 'gold' }),
    });
    const { clientSecret } = await registered.json();
    const tokenResponse = await fetch(`${stack.urls.systemApi}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: 'second-operator', client_secret: clientSecret }).toString(),
    });
    const secondOperator = { authorization: `Bearer ${(await tokenResponse.json()).access_token}` };

    const key = randomUUID();
    expect((await createClient(key, 'idem-five')).status).toBe(201);
    const other = await createClient(key, 'idem-five-b', secondOperator);
    expect(other.status).toBe(201);
    expect(other.headers.get('idempotent-replayed')).toBeNull();
    expect(await other.json()).toMatchObject({ clientId: 'idem-five-b' });
  });

  it('stores nothing for a failed first attempt, so a retry with the same key runs again', async () => {
    const key = randomUUID();
    expect((await createClient(randomUUID(), 'idem-six')).status).toBe(201);
    const conflict = await createClient(key, 'idem-six');
    expect(conflict.status).toBe(409);
    expect(await conflict.json()).toMatchObject({ code: 'CLIENT_EXISTS' });
    const again = await createClient(key, 'idem-six');
    expect(again.headers.get('idempotent-replayed')).toBeNull();
    expect(await again.json()).toMatchObject({ code: 'CLIENT_EXISTS' });
  });
});
