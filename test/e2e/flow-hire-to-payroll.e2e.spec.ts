import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WORKFORCE_EMPLOYEE_HIRED } from '@concord/contracts';
import { type CloudEvent, EventBackbone } from '@concord/events';
import { TransactionRunner } from '@concord/platform';
import { FlowRunner } from '../../apps/process-api/src/engine/flow-runner';
import { eventually } from '../support/event-backbone-harness';
import { type Stack, startStack } from '../support/stack';

/**
 * Scenario 5 through every layer: HR (sandbox) → system-api events → process-api's hire-to-payroll
 * flow → system-api → ERP payroll and staff scheduling (sandbox). Casey Morgan (E10042, Staff Nurse II, cc
 * 6200, 48.50 an hour) is synced; her RN licence expiring in 20 days becomes an alert in the
 * exception queue; her termination ends payroll and deprovisions scheduling.
 */
let stack: Stack;
let operator: Record<string, string>;
const today = () => new Date().toISOString().slice(0, 10);
const inDays = (days: number) => new Date(Date.parse(`${today()}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  stack = await startStack({ env: { ERP_MASTER_DATA_SYNC_INTERVAL_MS: '0', WORKFORCE_EXPIRY_CHECK_INTERVAL_MS: '0' } });
  operator = await stack.auth('ops-console');
});
afterAll(async () => stack?.close());

async function call(base: 'systemApi' | 'processApi', method: string, path: string, body?: unknown) {
  const response = await fetch(`${stack.urls[base]}${path}`, {
    method,
    headers: {
      ...operator,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(method !== 'GET' ? { 'idempotency-key': randomUUID() } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, any>) : {} };
}

async function flowsOf(type: string, key: string): Promise<Record<string, any>[]> {
  const response = await call('processApi', 'GET', `/v1/flows?type=${type}&key=${encodeURIComponent(key)}`);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body.items;
}

async function settled(type: string, key: string, count: number, status = 'completed'): Promise<Record<string, any>[]> {
  return eventually(
    async () => {
      const flows = await flowsOf(type, key);
      expect(flows).toHaveLength(count);
      for (const flow of flows) expect(flow.status).toBe(status);
      return Promise.all(flows.map(async (flow) => (await call('processApi', 'GET', `/v1/flows/${flow.id}`)).body));
    },
    30_000,
    200,
  );
}

describe('scenario 5: Casey Morgan, hire to payroll', () => {
  let hired: CloudEvent;

  it('syncs her hire to ERP payroll (6200, 48.50 an hour) after validating the cost centre, once however often the event arrives', async () => {
    const casey = (await call('systemApi', 'GET', '/workforce/v1/employees?employeeNumber=E10042')).body.items[0];
    // The sandbox HR seeds Casey as hired today; its announcement is the one system-api makes on a hire.
    [hired] = await stack.systemApi.get(TransactionRunner).run((manager) =>
      stack.systemApi.get(EventBackbone).outbox.add(manager, {
        type: WORKFORCE_EMPLOYEE_HIRED.type,
        subject: `Employee/${casey.id}`,
        data: {
          employeeId: casey.id,
          employeeNumber: 'E10042',
          positionId: casey.positionId,
          positionTitle: 'Staff Nurse II',
          costCentre: '6200',
          hourlyRate: { amount: 4_850, currency: 'USD' },
          hireDate: casey.hireDate,
        },
      }),
    );
    const [flow] = await settled('hire-to-payroll', 'employee-number:E10042', 1);
    expect(flow.timeline.filter((entry: any) => entry.kind === 'completed').map((entry: any) => entry.step)).toStrictEqual([
      'read-employee',
      'validate-cost-centre',
      'sync-payroll',
      'provision-scheduling',
      'check-credentials',
    ]);
    expect(flow.state).toMatchObject({ change: 'hired', costCentre: '6200', payrollStatus: 'active', schedulingAccess: 'active' });
    const payroll = await call('systemApi', 'GET', '/workforce/v1/payroll/employees/E10042');
    expect(payroll.body).toMatchObject({ employeeNumber: 'E10042', costCentre: '6200', hourlyRate: { amount: 4_850 }, status: 'active' });
    const scheduling = await call('systemApi', 'GET', '/workforce/v1/scheduling/staff/E10042');
    expect(scheduling.body).toMatchObject({
      employeeNumber: 'E10042',
      costCentre: '6200',
      positionTitle: 'Staff Nurse II',
      status: 'active',
    });

    // Redelivered: the inbox and the start key (the event id) both refuse a second instance.
    const worker = stack.processApi.get(EventBackbone).worker('process-api.flow-engine');
    await worker.accept([hired], 'live');
    await worker.drain();
    await stack.processApi.get(FlowRunner).drain();
    expect(await flowsOf('hire-to-payroll', 'employee-number:E10042')).toHaveLength(1);
  });

  it('raises her RN licence, expiring in 20 days, as an alert in the exception queue with the expiry as its due date', async () => {
    const [alert] = await settled('credential-expiry', 'credential:LIC-2042', 1, 'failed');
    expect(alert.exceptions).toStrictEqual([
      expect.objectContaining({
        code: 'CREDENTIAL_EXPIRING',
        status: 'open',
        dueDate: inDays(20),
        daysLeft: 20,
        impact: expect.objectContaining({ employeeNumber: 'E10042', credentialType: 'rn-licence', daysUntilExpiry: 20 }),
      }),
    ]);
    const queue = await call('processApi', 'GET', '/v1/exceptions?status=open&flowType=credential-expiry');
    expect(queue.body.items.map((item: any) => item.flowId)).toContain(alert.id);
    // Her BLS certification (400 days) raises nothing; retrying before the renewal keeps the alert open.
    expect(await flowsOf('credential-expiry', 'credential:LIC-2043')).toHaveLength(0);
    const exceptionId = alert.exceptions[0].id;
    expect((await call('processApi', 'POST', `/v1/exceptions/${exceptionId}/retry`, {})).status).toBe(200);
    await settled('credential-expiry', 'credential:LIC-2042', 1, 'failed');
    const reopened = (await call('processApi', 'GET', '/v1/exceptions?status=open&flowType=credential-expiry')).body.items;
    expect(reopened.filter((item: any) => item.flowId === alert.id)).toHaveLength(1);
  });

  it('terminates her: payroll ends and scheduling access is withdrawn after her last day', async () => {
    const casey = (await call('systemApi', 'GET', '/workforce/v1/employees?employeeNumber=E10042')).body.items[0];
    const ended = await call('systemApi', 'POST', `/workforce/v1/employees/${casey.id}/termination`, {
      terminationDate: inDays(14),
      reason: 'resignation',
    });
    expect(ended.status).toBe(200);
    const flows = await settled('hire-to-payroll', 'employee-number:E10042', 2);
    const termination = flows.find((flow) => flow.state.change === 'terminated')!;
    expect(termination.timeline.filter((entry: any) => entry.kind === 'completed').map((entry: any) => entry.step)).toStrictEqual([
      'read-employee',
      'end-payroll',
      'deprovision-scheduling',
    ]);
    expect((await call('systemApi', 'GET', '/workforce/v1/payroll/employees/E10042')).body).toMatchObject({
      status: 'terminated',
      terminationDate: inDays(14),
    });
    expect((await call('systemApi', 'GET', '/workforce/v1/scheduling/staff/E10042')).body).toMatchObject({
      status: 'deprovisioned',
      accessEndsOn: inDays(14),
    });
    // Scheduling follows HR: a terminated employee cannot be given access again.
    expect(await call('systemApi', 'PUT', '/workforce/v1/scheduling/staff/E10042')).toMatchObject({
      status: 422,
      body: { code: 'WORKFORCE_INVALID_STATE' },
    });
  });
});

describe('a hire into a cost centre that cannot carry labour', () => {
  it('stops before payroll with an exception naming the cost centre and the hire date as the payroll deadline', async () => {
    const nurse = (await call('systemApi', 'GET', '/workforce/v1/positions')).body.find((p: any) => p.title === 'Staff Nurse II');
    const hired = await call('systemApi', 'POST', '/workforce/v1/employees', {
      name: { given: 'Riley', family: 'Stone' },
      positionId: nurse.id,
      costCentre: '6900',
      hourlyRate: { amount: 4_700, currency: 'USD' },
      hireDate: inDays(7),
    });
    expect(hired.status).toBe(201);
    const [flow] = await settled('hire-to-payroll', `employee-number:${hired.body.employeeNumber}`, 1, 'failed');
    expect(flow.exceptions).toStrictEqual([
      expect.objectContaining({ code: 'COST_CENTRE_INVALID', step: 'validate-cost-centre', dueDate: inDays(7), status: 'open' }),
    ]);
    expect(flow.exceptions[0].reason).toContain('6900');
    expect((await call('systemApi', 'GET', `/workforce/v1/payroll/employees/${hired.body.employeeNumber}`)).status).toBe(404);
    expect((await call('systemApi', 'GET', `/workforce/v1/scheduling/staff/${hired.body.employeeNumber}`)).status).toBe(404);
  });
});
