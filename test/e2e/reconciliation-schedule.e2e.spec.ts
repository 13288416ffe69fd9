import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_LOGGER, type AppLogger } from '@concord/platform';
import { ProcessApiConfig } from '../../apps/process-api/src/process-api.config';
import { ReconciliationRunner } from '../../apps/process-api/src/reconciliation/reconciliation-runner.service';
import { ReconciliationScheduler } from '../../apps/process-api/src/reconciliation/reconciliation-scheduler';
import { ReconciliationStore } from '../../apps/process-api/src/reconciliation/reconciliation-store';
import { RECONCILIATION_RULES, type ReconciliationRule } from '../../apps/process-api/src/reconciliation/rules/rule';
import { eventually } from '../support/event-backbone-harness';
import { type Stack, startStack } from '../support/stack';

/**
 * Scheduled reconciliation on the real database: the schedule fires through the rule's lease and its
 * next-due time, so runners of several process-api instances (here: runners with their own owner
 * ids over the same tables) run a due rule once, and an on-demand run waits its turn.
 */
describe('reconciliation schedule', () => {
  let stack: Stack;
  let operator: Record<string, string>;

  beforeAll(async () => {
    stack = await startStack({ env: { RECONCILIATION_SCHEDULE: 'patient-accounts=3600000', RECONCILIATION_TICK_MS: '100' } });
    operator = await stack.auth('ops-console');
  });
  afterAll(async () => {
    await stack?.close();
  });

  const runs = async (query: string) => {
    const response = await fetch(`${stack.urls.processApi}/v1/reconciliations?${query}`, { headers: operator });
    return ((await response.json()) as { items: { id: string; trigger: string; status: string }[] }).items;
  };
  /** A runner as another process-api instance would have it: same tables, its own owner id. */
  const anotherInstance = () =>
    new ReconciliationRunner(
      stack.processApi.get<ReconciliationRule[]>(RECONCILIATION_RULES),
      stack.processApi.get(ReconciliationStore),
      stack.processApi.get(ProcessApiConfig),
      stack.processApi.get<AppLogger>(APP_LOGGER),
    );

  it('fires a due schedule once, and not again before its interval', async () => {
    const fired = await eventually(async () => {
      const scheduled = await runs('rule=patient-accounts');
      expect(scheduled).toHaveLength(1);
      expect(scheduled[0]).toMatchObject({ trigger: 'schedule', status: 'completed' });
      return scheduled[0];
    });
    // More ticks, here and in "other instances": the rule is not due for an hour.
    const scheduler = stack.processApi.get(ReconciliationScheduler);
    await Promise.all([scheduler.tick(), scheduler.tick(), anotherInstance().runIfDue('patient-accounts', 3_600_000)]);
    expect((await runs('rule=patient-accounts')).map((run) => run.id)).toEqual([fired.id]);
  });

  it('of several instances racing for a due rule, exactly one runs it', async () => {
    const store = stack.processApi.get(ReconciliationStore);
    // Make employees-payroll due (as if its interval had passed) for three instances at once.
    expect(await store.acquire('employees-payroll', 'seed', 60_000, false)).toBe(true);
    await store.release('employees-payroll', 'seed', null, new Date(Date.now() - 1_000));
    const results = await Promise.all(
      [anotherInstance(), anotherInstance(), anotherInstance()].map((r) => r.runIfDue('employees-payroll', 3_600_000)),
    );
    expect(results.filter((run) => run !== undefined)).toHaveLength(1);
    expect(await runs('rule=employees-payroll')).toHaveLength(1);
  });

  it('an on-demand run while another instance holds the rule’s lease is refused with 409, and runs once it is released', async () => {
    const store = stack.processApi.get(ReconciliationStore);
    expect(await store.acquire('claims-paid-cash', 'other-instance', 60_000, false)).toBe(true);
    const run = () =>
      fetch(`${stack.urls.processApi}/v1/reconciliations/claims-paid-cash/run`, {
        method: 'POST',
        headers: { ...operator, 'idempotency-key': `run-${Date.now()}-${Math.random()}` },
      });
    const refused = await run();
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { code: string }).code).toBe('RECONCILIATION_RUN_IN_PROGRESS');
    await store.release('claims-paid-cash', 'other-instance', null);
    const accepted = await run();
    expect(accepted.status).toBe(201);
    expect(((await accepted.json()) as { trigger: string; status: string }).trigger).toBe('manual');
  });
});
