import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { FhirClient, FhirConnectorException } from '@concord/connectors/fhir';
import { createLogger } from '@concord/platform';
import { createSandbox, SANDBOX_PATHS } from '../../apps/sandbox/src/sandbox';

const limits = (ratePerSecond: number) => ({ ratePerSecond, concurrency: 20, retries: 8, breakerThreshold: 50, halfOpenAfterMs: 5_000 });

describe('outbound limits of the FHIR connector', () => {
  let sandbox: FastifyInstance | undefined;

  afterEach(async () => {
    await sandbox?.close();
    sandbox = undefined;
  });

  async function start(fhirQuotaPerSecond = 0): Promise<string> {
    sandbox = await createSandbox(createLogger({ app: 'sandbox', level: 'silent' }), { fhirQuotaPerSecond });
    return sandbox.listen({ port: 0, host: '127.0.0.1' });
  }

  async function stats(url: string): Promise<{ maxPerSecond: number; perSecond: Record<string, number> }> {
    return (await (await fetch(`${url}/sandbox/v1/stats`)).json()).fhir;
  }

  it('200 concurrent calls never exceed the core system’s quota when the connector is configured under it', async () => {
    // The sandbox runs in this process, so it timestamps requests when it gets to them; headroom of
    // 40 configured against a quota of 50 absorbs that, as it would network jitter in production.
    const url = await start();
    const client = new FhirClient({ baseUrl: `${url}${SANDBOX_PATHS.fhir}`, timeoutMs: 5_000, limits: limits(40) });
    const patients = await Promise.all(Array.from({ length: 200 }, () => client.read('Patient', 'avery-quinn')));
    expect(patients).toHaveLength(200);
    const seen = await stats(url);
    expect(Object.values(seen.perSecond).reduce((a, b) => a + b, 0)).toBe(200);
    expect(seen.maxPerSecond).toBeLessThanOrEqual(50);
  });

  it('honours 429 and Retry-After from a core system with a lower quota, and loses no call', async () => {
    const url = await start(40);
    const client = new FhirClient({ baseUrl: `${url}${SANDBOX_PATHS.fhir}`, timeoutMs: 5_000, limits: limits(200) });
    const patients = await Promise.all(Array.from({ length: 120 }, () => client.read('Patient', 'jordan-rivera')));
    expect(patients.every((p) => p.id === 'jordan-rivera')).toBe(true);
    const seen = await stats(url);
    // More requests than calls reached the EHR: the refused ones were retried after Retry-After.
    expect(Object.values(seen.perSecond).reduce((a, b) => a + b, 0)).toBeGreaterThan(120);
  });

  it('opens the circuit after repeated failures, then fails fast without calling the EHR', async () => {
    const url = await start();
    await sandbox!.close();
    sandbox = undefined;
    const client = new FhirClient({
      baseUrl: `${url}${SANDBOX_PATHS.fhir}`,
      timeoutMs: 1_000,
      limits: { ratePerSecond: 100, concurrency: 4, retries: 0, breakerThreshold: 3, halfOpenAfterMs: 60_000 },
    });
    for (let i = 0; i < 3; i += 1) {
      await expect(client.read('Patient', 'avery-quinn')).rejects.toMatchObject({
        code: 'FHIR_SERVER_UNAVAILABLE',
        message: 'The EHR could not be reached',
      });
    }
    expect(client.circuitState).toBe('open');
    const fast = await client.read('Patient', 'avery-quinn').catch((error: unknown) => error);
    expect(fast).toBeInstanceOf(FhirConnectorException);
    expect((fast as FhirConnectorException).message).toBe('The EHR is failing repeatedly; calls are paused');
  });
});
