import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventBackbone } from '@concord/events';
import { eventually } from '../support/event-backbone-harness';
import { SANDBOX_PATHS } from '../../apps/sandbox/src/sandbox';
import { type Stack, startStack } from '../support/stack';

/**
 * The other rules through every layer on the sandbox: employees (HR) ↔ payroll (ERP), healed by a
 * payroll sync through the reconciliation-heal flow; and discharges (fed by ehr.encounter.discharged
 * events, as long as system-api has no EHR encounter routes) ↔ claims within the coding SLA.
 */
describe('reconciliation rules: employees ↔ payroll, discharges ↔ claims', () => {
  let stack: Stack;
  let operator: Record<string, string>;

  beforeAll(async () => {
    stack = await startStack({ env: { RECONCILIATION_CODING_SLA_HOURS: '0' } });
    operator = await stack.auth('ops-console');
  });
  afterAll(async () => {
    await stack?.close();
  });

  const letters = () => Array.from({ length: 6 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('');
  const call = async (base: string, method: string, path: string, body?: unknown) => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: {
        ...operator,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(method === 'POST' ? { 'idempotency-key': randomUUID() } : {}),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, any> };
  };
  const runRule = async (rule: string) => {
    const answer = await call(stack.urls.processApi, 'POST', `/v1/reconciliations/${rule}/run`);
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    expect(answer.body.status, answer.body.reason).toBe('completed');
    const breaks = await call(stack.urls.processApi, 'GET', `/v1/reconciliations/${answer.body.id}/breaks?limit=200`);
    return { run: answer.body, breaks: breaks.body.items as Record<string, any>[] };
  };

  it('an employee hired in HR but missing from payroll is found, healed by a payroll sync through the heal flow, and closed on the next run', async () => {
    // Hired straight in the HR system, as if its hire never reached Concord: no workforce event, so no
    // hire-to-payroll flow runs and the ERP payroll misses the employee, the gap this rule exists for.
    const employeeNumber = `E9${String(Math.floor(Math.random() * 1_000_000)).padStart(6, '0')}`;
    const hired = await fetch(`${stack.urls.sandbox}${SANDBOX_PATHS.hr}/workers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      body: JSON.stringify({
        personNumber: employeeNumber,
        // A name of its own: the HR system derives a unique user name from it.
        legalName: { firstName: 'Dana', lastName: `Okafor${letters()}` },
        jobId: 'POS-RN2-6200',
        department: '6200',
        payRate: { amount: '48.50', currency: 'USD', basis: 'HOURLY' },
        originalHireDate: '2026-11-02',
      }),
    });
    expect(hired.status, await hired.clone().text()).toBe(201);
    const payrollBefore = await call(stack.urls.systemApi, 'GET', `/workforce/v1/payroll/employees/${employeeNumber}`);
    expect(payrollBefore.status).toBe(404);

    const first = await runRule('employees-payroll');
    const missing = first.breaks.find((b) => b.breakKey === `employee:${employeeNumber}:payroll`);
    expect(missing).toMatchObject({
      cause: 'payroll-record-missing',
      amountAtStake: { amount: 4_850 * 80 },
      healAction: { kind: 'sync-payroll-employee' },
    });

    const healed = await call(stack.urls.processApi, 'POST', `/v1/reconciliation-breaks/${missing!.id}/heal`, {});
    expect(healed.status, JSON.stringify(healed.body)).toBe(200);
    await eventually(async () => {
      expect((await call(stack.urls.processApi, 'GET', `/v1/flows/${missing!.flowId}`)).body.status).toBe('completed');
    });
    const payroll = await call(stack.urls.systemApi, 'GET', `/workforce/v1/payroll/employees/${employeeNumber}`);
    expect(payroll.body).toMatchObject({ employeeNumber, costCentre: '6200', hourlyRate: { amount: 4_850 }, status: 'active' });

    const second = await runRule('employees-payroll');
    expect(second.breaks.find((b) => b.id === missing!.id)).toMatchObject({ outcome: 'closed', status: 'closed' });
    expect(second.breaks.some((b) => b.breakKey === `employee:${employeeNumber}:payroll` && b.outcome !== 'closed')).toBe(false);
  });

  it('a discharge (announced by the EHR) with no account or claim past the coding SLA is a break, with no automatic remedy', async () => {
    const encounterId = `enc-recon-${randomUUID().slice(0, 8)}`;
    await stack.processApi.get(EventBackbone).outbox.commit(() =>
      Promise.resolve({
        result: undefined,
        events: [
          {
            type: 'ehr.encounter.discharged.v1',
            subject: `Encounter/${encounterId}`,
            data: {
              patientId: 'avery-quinn',
              source: { origin: 'hl7v2', messageType: 'ADT^A03' },
              encounterId,
              class: 'inpatient',
              dischargedAt: '2026-11-07T10:00:00.000Z',
              diagnoses: [],
            },
          },
        ],
      }),
    );
    const found = await eventually(async () => {
      const { breaks } = await runRule('discharges-claims');
      const item = breaks.find((b) => b.breakKey === `encounter:${encounterId}:claim`);
      expect(item).toBeDefined();
      return item!;
    });
    expect(found).toMatchObject({
      cause: 'account-missing-after-discharge',
      records: [{ system: 'ehr', type: 'encounter', id: encounterId }],
    });
    expect(found.healAction).toBeUndefined();
    const refused = await call(stack.urls.processApi, 'POST', `/v1/reconciliation-breaks/${found.id}/heal`, {});
    expect([refused.status, refused.body.code]).toEqual([422, 'RECONCILIATION_NO_HEAL_ACTION']);
  });
});
