import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SandboxSchedulingAdapter, WorkforceConnectorException } from '@concord/connectors/workforce';
import { createLogger } from '@concord/platform';
import { HR_API_PATH, registerHrSandbox } from './hr-sandbox';

/** The scheduling adapter against the sandbox's scheduling API over real HTTP. */
describe('SandboxSchedulingAdapter on the sandbox scheduling API', () => {
  let close: () => Promise<void>;
  let adapter: SandboxSchedulingAdapter;
  const key = (n: number) => ({ idempotencyKey: `k-${n}` });

  beforeAll(async () => {
    const app = Fastify();
    await registerHrSandbox(app, createLogger({ app: 'sandbox', level: 'silent' }), { clock: () => new Date('2026-11-02T08:00:00Z') });
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    close = () => app.close();
    adapter = new SandboxSchedulingAdapter({ baseUrl: `${address}${HR_API_PATH}`, timeoutMs: 5_000 });
  });
  afterAll(async () => close?.());

  it('provisions, reads and deprovisions in the canonical shape', async () => {
    expect(await adapter.get('E10042')).toBeUndefined();
    expect(
      await adapter.provision({ employeeNumber: 'E10042', costCentre: '6200', positionTitle: 'Staff Nurse II' }, key(1)),
    ).toStrictEqual({
      employeeNumber: 'E10042',
      costCentre: '6200',
      positionTitle: 'Staff Nurse II',
      status: 'active',
      updatedAt: '2026-11-02T08:00:00.000Z',
    });
    expect(await adapter.deprovision('E10042', '2026-12-09', key(2))).toMatchObject({
      status: 'deprovisioned',
      accessEndsOn: '2026-12-09',
    });
    expect(await adapter.get('E10042')).toMatchObject({ status: 'deprovisioned', costCentre: '6200' });
  });

  it('maps the scheduling system’s refusals: unknown person, malformed cost centre', async () => {
    await expect(adapter.deprovision('E77777', '2026-12-09', key(3))).rejects.toMatchObject({ code: 'WORKFORCE_NOT_FOUND' });
    const invalid = await adapter.provision({ employeeNumber: 'E10001', costCentre: 'bad cc' }, key(4)).catch((error: unknown) => error);
    expect(invalid).toBeInstanceOf(WorkforceConnectorException);
    expect(invalid).toMatchObject({ code: 'WORKFORCE_INVALID_REQUEST' });
    // The HR field (department) comes back under its canonical name.
    expect((invalid as WorkforceConnectorException).fieldErrors).toStrictEqual([
      expect.objectContaining({ in: 'body', name: 'costCentre' }),
    ]);
  });
});
